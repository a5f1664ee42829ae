// PgStore's usage calls: history reduced to buckets, the breakdown by sub-tenant and the top
// consumers. The aggregation happens in the database (pgstatements_p.h, "Usage"); this checks
// the request, runs one statement and shapes the rows.

#include "models/store/pgstatements_p.h"
#include "models/store/pgsupport_p.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace tc::pg {

namespace {

// A chart never needs more: at two pixels per bucket that is a 200,000-pixel-wide chart.
constexpr qint64 kMaxBuckets = 100000;
// date_bin() takes the width as an interval; a century is far beyond any window anyway.
constexpr qint64 kMaxBucketSeconds = qint64(100) * 36525 * 864;

std::string uuidText(const QUuid &id) { return id.toString(QUuid::WithoutBraces).toStdString(); }
QUuid uuidField(const pqxx::field &f) { return f.is_null() ? QUuid() : QUuid::fromString(qstr(f)); }

std::string textArrayLiteral(const QStringList &items)
{
    // Keys are plain identifiers (checked by the caller), so no element needs quoting.
    std::string s = "{";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            s += ',';
        s += items[i].toStdString();
    }
    s += '}';
    return s;
}

bool isResourceKey(const QString &key)
{
    // The catalog's own rule (resources_key_format), so a key can go into an array literal.
    if (key.isEmpty() || key.size() > 63 || !(key.at(0) >= u'a' && key.at(0) <= u'z'))
        return false;
    return std::all_of(key.begin(), key.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
    });
}

Error unknownTenant(const QUuid &id)
{
    return {ErrorKind::NotFound,
            QStringLiteral("Tenant %1 does not exist (any more).").arg(id.toString(QUuid::WithoutBraces))};
}

Error unknownResource(const QString &key)
{
    return Error::validation(
        QStringLiteral("\"%1\" is not a resource of the quota catalog; use a key such as items or storage_bytes.")
            .arg(key));
}

// The checks shared by the series and the breakdown.
std::optional<Error> checkWindow(const QUuid &tenant, const TimeWindow &window, qint64 bucketSeconds)
{
    if (tenant.isNull())
        return Error::validation(QStringLiteral("No tenant was given; choose the tenant whose usage to show."));
    if (!window.from.isValid() || !window.to.isValid())
        return Error::validation(QStringLiteral("The time range needs both a start and an end."));
    if (window.from >= window.to)
        return Error::validation(QStringLiteral("The time range ends before it starts (%1 to %2); pick an end after "
                                                "the start.")
                                     .arg(window.from.toUTC().toString(Qt::ISODate), window.to.toUTC().toString(Qt::ISODate)));
    if (bucketSeconds < 1)
        return Error::validation(QStringLiteral("The bucket width must be at least one second (it was %1).")
                                     .arg(bucketSeconds));
    if (bucketSeconds > kMaxBucketSeconds)
        return Error::validation(QStringLiteral("The bucket width of %1 seconds is more than a century; choose a "
                                                "narrower one.")
                                     .arg(bucketSeconds));
    const qint64 width = bucketSeconds * 1000;
    const qint64 first = bucketStartMs(window.from.toMSecsSinceEpoch(), bucketSeconds);
    const qint64 last = bucketStartMs(window.to.toMSecsSinceEpoch() - 1, bucketSeconds);
    const qint64 buckets = (last - first) / width + 1;
    if (buckets > kMaxBuckets)
        return Error::validation(QStringLiteral("The time range would make %1 buckets of %2 seconds; at most %3 are "
                                                "allowed: choose wider buckets or a shorter range.")
                                     .arg(buckets)
                                     .arg(bucketSeconds)
                                     .arg(kMaxBuckets));
    return std::nullopt;
}

// A read-only transaction for the usage statements (see sql::usageSession).
void beginUsage(pqxx::transaction_base &tx)
{
    tx.exec(sql::usageSession);
}

} // namespace

Result<UsageSeriesSet> usageSeries(pqxx::connection &conn, const UsageQuery &query)
{
    if (auto error = checkWindow(query.tenant, query.window, query.bucketSeconds))
        return *error;
    QStringList wanted;
    for (const QString &key : query.resources) {
        if (!isResourceKey(key))
            return unknownResource(key);
        if (!wanted.contains(key))
            wanted.append(key);
    }

    pqxx::read_transaction tx(conn);
    beginUsage(tx);
    const pqxx::result rows =
        tx.exec_params(sql::usageSeries, uuidText(query.tenant), textArrayLiteral(wanted),
                       query.window.from.toMSecsSinceEpoch(), query.window.to.toMSecsSinceEpoch(), query.bucketSeconds);

    const bool tenantExists = rows.empty() ? tx.exec_params1(sql::tenantExists, uuidText(query.tenant))[0].as<bool>()
                                           : rows[0][7].as<bool>();
    if (!tenantExists)
        return unknownTenant(query.tenant);

    UsageSeriesSet set;
    set.query = query;
    QSet<QString> known;
    for (const auto &row : rows) {
        const QString key = qstr(row[0]);
        known.insert(key);
        if (row[1].is_null())
            continue; // no samples in the window: the series is left out
        if (set.series.isEmpty() || set.series.last().resource != key)
            set.series.append(UsageSeries{key, {}});
        UsageBucket b;
        b.startMs = row[1].as<qint64>();
        b.min = row[2].as<qint64>();
        b.max = row[3].as<qint64>();
        b.mean = row[4].as<double>();
        b.last = row[5].as<qint64>();
        b.samples = row[6].as<int>();
        set.series.last().buckets.append(b);
    }
    for (const QString &key : std::as_const(wanted)) {
        if (!known.contains(key))
            return unknownResource(key);
    }
    return set;
}

Result<UsageBreakdown> usageBreakdown(pqxx::connection &conn, const UsageBreakdownQuery &query)
{
    if (auto error = checkWindow(query.tenant, query.window, query.bucketSeconds))
        return *error;
    if (query.maxGroups < 0)
        return Error::validation(QStringLiteral("The number of sub-tenants to show separately can't be negative "
                                                "(it was %1).")
                                     .arg(query.maxGroups));
    if (!isResourceKey(query.resource))
        return unknownResource(query.resource);

    pqxx::read_transaction tx(conn);
    beginUsage(tx);
    const pqxx::row target = tx.exec_params1(sql::usageTarget, uuidText(query.tenant), query.resource.toStdString());
    if (!target[0].as<bool>())
        return unknownTenant(query.tenant);
    if (target[1].is_null())
        return unknownResource(query.resource);

    const pqxx::result rows =
        tx.exec_params(sql::usageBreakdown, uuidText(query.tenant), query.resource.toStdString(),
                       query.window.from.toMSecsSinceEpoch(), query.window.to.toMSecsSinceEpoch(), query.bucketSeconds,
                       query.maxGroups);

    UsageBreakdown out;
    out.resource = query.resource;
    out.bucketSeconds = query.bucketSeconds;

    // ord: 0 own, 1..maxGroups children by peak, maxGroups + 1 the others.
    QMap<qint64, UsageBreakdown::Group> groups;
    QMap<qint64, QHash<qint64, double>> values; // ord -> bucket start -> value
    QSet<qint64> starts;
    for (const auto &row : rows) {
        const qint64 ord = row[0].as<qint64>();
        if (row[4].is_null()) {
            UsageBreakdown::Group g;
            g.kind = ord <= query.maxGroups ? UsageBreakdown::Group::Kind::Child : UsageBreakdown::Group::Kind::Others;
            g.tenantId = uuidField(row[1]);
            g.slug = row[2].is_null() ? QString() : qstr(row[2]);
            g.tenants = row[3].as<int>();
            groups.insert(ord, g);
        } else {
            const qint64 start = row[4].as<qint64>();
            starts.insert(start);
            values[ord].insert(start, row[5].as<double>());
        }
    }
    if (starts.isEmpty())
        return out; // no samples in the window: nothing to stack

    UsageBreakdown::Group own;
    own.kind = UsageBreakdown::Group::Kind::Own;
    own.tenantId = query.tenant;
    own.tenants = 1;
    groups.insert(0, own);

    out.bucketStartsMs = QList<qint64>(starts.begin(), starts.end());
    std::sort(out.bucketStartsMs.begin(), out.bucketStartsMs.end());
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const QHash<qint64, double> groupValues = values.value(it.key());
        it->values.reserve(out.bucketStartsMs.size());
        for (qint64 start : std::as_const(out.bucketStartsMs))
            it->values.append(groupValues.value(start, 0.0));
        out.groups.append(*it);
    }
    return out;
}

Result<QList<TopConsumer>> topConsumers(pqxx::connection &conn, const TopConsumersQuery &query)
{
    if (!isResourceKey(query.resource))
        return unknownResource(query.resource);
    if (query.limit < 1)
        return Error::validation(QStringLiteral("Ask for at least one tenant (the limit was %1).").arg(query.limit));

    pqxx::read_transaction tx(conn);
    beginUsage(tx);
    const pqxx::result unit = tx.exec_params(sql::resourceUnit, query.resource.toStdString());
    if (unit.empty())
        return unknownResource(query.resource);
    const ResourceUnit resourceUnit = resourceUnitFromKey(qstr(unit[0][0])).value_or(ResourceUnit::Count);

    const pqxx::result rows =
        tx.exec_params(sql::topConsumers, query.resource.toStdString(), query.limit, query.includeDeleted, kTrendDays);
    QList<TopConsumer> out;
    out.reserve(int(rows.size()));
    for (const auto &row : rows) {
        TopConsumer c;
        c.tenantId = uuidField(row[0]);
        c.slug = qstr(row[1]);
        c.displayName = qstr(row[2]);
        c.state = lifecycleStateFromKey(qstr(row[3])).value_or(LifecycleState::Active);
        c.resource = query.resource;
        c.unit = resourceUnit;
        c.used = row[4].as<qint64>();
        if (!row[5].is_null())
            c.limit = row[5].as<qint64>();
        c.ownLimit = row[6].as<bool>();
        c.softThresholds = row[7].is_null() ? kDefaultSoftThresholds : thresholdsFromText(qstr(row[7]));
        c.subtreeUsed = row[8].as<qint64>();
        c.subtreeTenants = row[9].as<int>();
        if (!row[10].is_null())
            c.path = qstr(row[10]).split(u'/');
        if (!row[12].is_null() && row[14].as<int>() >= 2) {
            LinearTrend trend;
            trend.slopePerSecond = row[12].as<double>();
            trend.valueAtOriginMs = row[13].as<double>();
            trend.originMs = row[11].as<qint64>();
            trend.samples = row[14].as<int>();
            c.trend = trend;
        }
        out.append(std::move(c));
    }
    return out;
}

} // namespace tc::pg
