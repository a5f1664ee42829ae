#include "models/store/pgsupport_p.h"

#include <QJsonDocument>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "tenant.store")

namespace tc::pg {

namespace {

QString firstLine(const char *what)
{
    QString s = QString::fromUtf8(what).trimmed();
    if (s.startsWith(QLatin1String("ERROR:")))
        s = s.mid(6).trimmed();
    return s.section(u'\n', 0, 0).trimmed();
}

std::optional<qint64> optionalInt(const pqxx::field &f)
{
    return f.is_null() ? std::nullopt : std::optional<qint64>(f.as<qint64>());
}

// A metered resource's latest usage, effective limit and own soft thresholds (empty: no own
// quota row); `catalog` is "display name|unit".
struct MeteredUsage
{
    const char *key;
    std::optional<qint64> used;
    std::optional<qint64> limit;
    std::optional<QList<int>> thresholds;
    pqxx::field catalog;
};

// The most alarming metered resource: the highest threshold reached, then the highest share
// of the limit; the first in catalog order on a tie.
std::optional<UsageAlert> alertOf(std::initializer_list<MeteredUsage> resources)
{
    std::optional<UsageAlert> best;
    for (const MeteredUsage &r : resources) {
        if (!r.used || !r.limit)
            continue;
        const QList<int> thresholds = r.thresholds.value_or(kDefaultSoftThresholds);
        const int reached = crossedThreshold(r.used, r.limit, thresholds);
        if (reached == 0)
            continue;
        UsageAlert alert;
        alert.resource = QString::fromLatin1(r.key);
        alert.used = *r.used;
        alert.limit = *r.limit;
        alert.threshold = reached;
        // By level, not by the threshold's number: items at 65 % of thresholds {50, 60} is
        // critical, storage at 85 % of {80, 90, 95} only a warning.
        alert.level = alertLevelFor(r.used, r.limit, thresholds);
        if (best && (best->level > alert.level || (best->level == alert.level && best->fraction() >= alert.fraction())))
            continue;
        const QString catalog = qstr(r.catalog);
        alert.displayName = catalog.section(u'|', 0, -2);
        alert.unit = resourceUnitFromKey(catalog.section(u'|', -1)).value_or(ResourceUnit::Count);
        best = alert;
    }
    return best;
}

// The SQLSTATE of a server error. libpqxx 6.4 leaves sqlstate() empty for statements with
// parameters (exec_params), but it still throws the class that matches the state.
QString sqlStateOf(const std::exception &e)
{
    if (const auto *sqlError = dynamic_cast<const pqxx::sql_error *>(&e); sqlError && !sqlError->sqlstate().empty())
        return QString::fromStdString(sqlError->sqlstate());
    if (dynamic_cast<const pqxx::serialization_failure *>(&e))
        return QStringLiteral("40001");
    if (dynamic_cast<const pqxx::deadlock_detected *>(&e))
        return QStringLiteral("40P01");
    if (dynamic_cast<const pqxx::insufficient_privilege *>(&e))
        return QStringLiteral("42501");
    if (dynamic_cast<const pqxx::undefined_table *>(&e))
        return QStringLiteral("42P01");
    if (dynamic_cast<const pqxx::integrity_constraint_violation *>(&e))
        return QStringLiteral("23000");
    if (dynamic_cast<const pqxx::data_exception *>(&e))
        return QStringLiteral("22000");
    if (QString::fromUtf8(e.what()).contains(QLatin1String("canceling statement due to")))
        return QStringLiteral("57014");
    if (dynamic_cast<const pqxx::sql_error *>(&e))
        return QStringLiteral("XX000"); // some other server error
    return {};
}

} // namespace

Error connectError(const std::exception &e)
{
    const QString text = QString::fromUtf8(e.what()).trimmed();
    const QString detail = text;
    auto contains = [&](const char *needle) { return text.contains(QLatin1String(needle), Qt::CaseInsensitive); };

    if (contains("password authentication failed") || contains("no password supplied")
        || contains("authentication failed") || contains("fe_sendauth"))
        return {ErrorKind::AuthenticationFailed,
                QStringLiteral("The server refused the user name or password; check them and try again."), detail};
    if (contains("role \"") && contains("does not exist"))
        return {ErrorKind::AuthenticationFailed,
                QStringLiteral("The server has no such user; check the user name."), detail};
    if (contains("database \"") && contains("does not exist"))
        return {ErrorKind::NotFound,
                QStringLiteral("The server has no database of that name; check the database name."), detail};
    if (contains("invalid connection option") || contains("missing \"=\"") || contains("invalid URI")
        || contains("unterminated quoted string") || contains("invalid integer value"))
        return {ErrorKind::InvalidConnectionString,
                QStringLiteral("The connection string is not valid: %1.").arg(firstLine(e.what())), detail};
    if (contains("timeout expired"))
        return {ErrorKind::Unreachable,
                QStringLiteral("The server did not answer in time; check the host and port, and that no "
                               "firewall is in the way."),
                detail};
    return {ErrorKind::Unreachable,
            QStringLiteral("Could not reach the database server; check the host, port and that PostgreSQL is "
                           "running there."),
            detail};
}

Error toError(const std::exception &e, const QString &context)
{
    if (dynamic_cast<const pqxx::broken_connection *>(&e)) {
        return {ErrorKind::ConnectionLost,
                QStringLiteral("The connection to the database was lost while %1; it will be re-opened on the "
                               "next action. A change in flight may or may not have been saved: reload to check.")
                    .arg(context),
                QString::fromUtf8(e.what()).trimmed()};
    }
    if (dynamic_cast<const pqxx::in_doubt_error *>(&e) || dynamic_cast<const pqxx::statement_completion_unknown *>(&e)) {
        return {ErrorKind::ConnectionLost,
                QStringLiteral("The connection broke while committing %1; the change may or may not have been "
                               "saved. Reload to check before trying again.")
                    .arg(context),
                QString::fromUtf8(e.what()).trimmed()};
    }
    if (const QString state = sqlStateOf(e); !state.isEmpty()) {
        const QString message = firstLine(e.what());
        const QString detail = QString::fromUtf8(e.what()).trimmed();
        if (state == QLatin1String("42501"))
            return {ErrorKind::PermissionDenied,
                    QStringLiteral("Your database role may not do this (%1); ask an administrator for the operator "
                                   "role.")
                        .arg(message),
                    detail};
        if (state == QLatin1String("42P01") || state == QLatin1String("3F000"))
            return {ErrorKind::SchemaMissing,
                    QStringLiteral("The database has no tenancy schema; run \"tenantctl db migrate\" first."),
                    detail};
        if (state == QLatin1String("40P01"))
            return {ErrorKind::Conflict,
                    QStringLiteral("Another session's change got in the way (a deadlock); nothing was saved. Try again."),
                    detail};
        if (state == QLatin1String("40001"))
            return {ErrorKind::Conflict,
                    QStringLiteral("Another session changed the same data at the same time; reload and try again."),
                    detail};
        if (state == QLatin1String("57014") && detail.contains(QLatin1String("statement timeout")))
            return {ErrorKind::Unreachable,
                    QStringLiteral("The database did not finish %1 within its time limit: choose a shorter range or a "
                                   "smaller subtree.").arg(context),
                    detail};
        if (state == QLatin1String("57014"))
            return {ErrorKind::Cancelled, QStringLiteral("The request was cancelled."), detail};
        if (state.startsWith(QLatin1String("23")) || state.startsWith(QLatin1String("22")))
            return {ErrorKind::Validation, message, detail};
        return {ErrorKind::Internal, QStringLiteral("The database reported an error while %1: %2").arg(context, message),
                detail};
    }
    return {ErrorKind::Internal, QStringLiteral("Unexpected error while %1: %2").arg(context, firstLine(e.what())),
            QString::fromUtf8(e.what())};
}

QDateTime fromMillis(const pqxx::field &f)
{
    return f.is_null() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(f.as<qint64>(), Qt::UTC);
}

Tenant tenantFromRow(const pqxx::row &row)
{
    Tenant t;
    t.id = QUuid::fromString(qstr(row[0]));
    if (!row[1].is_null())
        t.parentId = QUuid::fromString(qstr(row[1]));
    t.slug = qstr(row[2]);
    t.displayName = qstr(row[3]);
    t.tier = tierFromKey(qstr(row[4])).value_or(Tier::Starter);
    t.state = lifecycleStateFromKey(qstr(row[5])).value_or(LifecycleState::Active);
    t.stateChangedAt = fromMillis(row[6]);
    t.purgeAfter = fromMillis(row[7]);
    t.settings = QJsonDocument::fromJson(QByteArray(row[8].c_str(), int(row[8].size()))).object();
    t.createdAt = fromMillis(row[9]);
    t.updatedAt = fromMillis(row[10]);
    t.version = row[11].as<qint64>();
    t.childCount = row[12].as<int>();
    t.items = {optionalInt(row[13]), optionalInt(row[14])};
    t.storage = {optionalInt(row[15]), optionalInt(row[16])};
    t.deletedChildCount = row[17].as<int>();
    if (!row[18].is_null())
        t.heldBy = QUuid::fromString(qstr(row[18]));
    if (!row[19].is_null())
        t.ownState = lifecycleStateFromKey(qstr(row[19]));
    t.purgedAt = fromMillis(row[20]);
    // Queries per minute: the own row as "hard limit|thresholds", else the parent's limit.
    std::optional<qint64> qpmLimit = optionalInt(row[23]);
    std::optional<QList<int>> qpmThresholds;
    if (!row[22].is_null()) {
        const QString own = qstr(row[22]);
        const QStringView limit = QStringView(own).left(own.indexOf(u'|'));
        if (!limit.isEmpty())
            qpmLimit = limit.toLongLong();
        qpmThresholds = thresholdsFromText(QStringView(own).mid(limit.size() + 1));
    }
    auto ownThresholds = [](const pqxx::field &f) {
        return f.is_null() ? std::nullopt : std::optional<QList<int>>(thresholdsFromText(qstr(f)));
    };
    t.alert = alertOf({
        {"items", t.items.used, t.items.limit, ownThresholds(row[24]), row[26]},
        {"storage_bytes", t.storage.used, t.storage.limit, ownThresholds(row[25]), row[27]},
        {"queries_per_minute", optionalInt(row[21]), qpmLimit, qpmThresholds, row[28]},
    });
    return t;
}

QList<int> thresholdsFromText(QStringView text)
{
    QList<int> out;
    if (text.startsWith(u'{') && text.endsWith(u'}'))
        text = text.mid(1, text.size() - 2);
    for (const QStringView part : text.split(u',', Qt::SkipEmptyParts))
        out.append(part.toInt());
    // The schema checks the range, not the order; the alert levels need them ascending.
    std::sort(out.begin(), out.end());
    return out;
}

std::string uuidArrayLiteral(const QList<QUuid> &ids)
{
    std::string s = "{";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            s += ',';
        s += ids[i].toString(QUuid::WithoutBraces).toStdString();
    }
    s += '}';
    return s;
}

} // namespace tc::pg
