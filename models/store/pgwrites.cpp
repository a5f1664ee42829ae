#include "models/store/pgwrites_p.h"

#include "models/domain/validation.h"
#include "models/store/pgstatements_p.h"
#include "models/store/tiercatalog.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <map>
#include <optional>

namespace tc::pg {

namespace {

using Key = QPair<QUuid, QString>; // (tenant, resource)

std::string uuidText(const QUuid &id) { return id.toString(QUuid::WithoutBraces).toStdString(); }

// A nullable text parameter: libpqxx 6 binds a null `const char *` as SQL NULL.
struct Nullable
{
    std::optional<std::string> text;
    const char *get() const { return text ? text->c_str() : nullptr; }
};
Nullable nullableUuid(const QUuid &id) { return {id.isNull() ? std::nullopt : std::optional(uuidText(id))}; }

// Array literals, bound as one text parameter each (never part of the SQL text).
std::string quotedElement(const QString &s)
{
    std::string out = "\"";
    for (const char c : s.toStdString()) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

template<typename T, typename F>
std::string arrayLiteral(const QList<T> &values, F element)
{
    std::string s = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            s += ',';
        s += element(values[i]);
    }
    return s + '}';
}

QList<int> thresholdsFromText(const pqxx::field &f)
{
    QList<int> out;
    if (f.is_null())
        return out;
    QString text = qstr(f);
    text.remove(u'{').remove(u'}');
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        out.append(part.toInt());
    return out;
}

std::string thresholdsLiteral(const QList<int> &t)
{
    return arrayLiteral(t, [](int v) { return std::to_string(v); });
}

std::optional<qint64> optionalInt(const pqxx::field &f)
{
    return f.is_null() ? std::nullopt : std::optional<qint64>(f.as<qint64>());
}

QUuid uuidField(const pqxx::field &f) { return f.is_null() ? QUuid() : QUuid::fromString(qstr(f)); }

// Reads a tenant inside a transaction that is still open (libpqxx allows one at a time).
Result<Tenant> readTenantAfter(pqxx::transaction_base &tx, const QUuid &id)
{
    const pqxx::result rows = tx.exec_params(sql::tenantsByIds, uuidArrayLiteral({id}));
    if (rows.empty())
        return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                              .arg(id.toString(QUuid::WithoutBraces))};
    return tenantFromRow(rows[0]);
}

Result<Tenant> readTenant(pqxx::connection &conn, const QUuid &id)
{
    pqxx::nontransaction tx(conn);
    return readTenantAfter(tx, id);
}

// `before`: features the tenant already has (the platform may set ones this release doesn't
// know); only features an edit adds must be known ones.
std::optional<Error> validateSettings(const TenantSettings &s, const QStringList &before = {})
{
    if (s.retentionDays < kMinRetentionDays || s.retentionDays > kMaxRetentionDays)
        return Error::validation(QStringLiteral("The retention period must be between %1 and %2 days.")
                                     .arg(kMinRetentionDays)
                                     .arg(kMaxRetentionDays));
    for (const QString &f : s.features) {
        if (!knownFeatures().contains(f) && !before.contains(f))
            return Error::validation(QStringLiteral("\"%1\" is not a known feature; known features are %2.")
                                         .arg(f, knownFeatures().join(QStringLiteral(", "))));
    }
    return std::nullopt;
}

QString slugOf(pqxx::transaction_base &tx, const QUuid &id)
{
    const pqxx::result r = tx.exec_params(sql::slugOf, uuidText(id));
    return r.empty() ? id.toString(QUuid::WithoutBraces) : qstr(r[0][0]);
}

Error slugTaken(const QString &slug, const QString &parentSlug)
{
    return Error::validation(parentSlug.isEmpty()
                                 ? QStringLiteral("A top-level tenant named \"%1\" already exists.").arg(slug)
                                 : QStringLiteral("\"%1\" already has a sub-tenant named \"%2\".").arg(parentSlug, slug));
}

// --- Quota rows ---

struct CurrentRow
{
    std::optional<qint64> hardLimit;
    QList<int> thresholds;
    qint64 version = 0;
};

QHash<Key, CurrentRow> currentRows(const pqxx::result &rows)
{
    QHash<Key, CurrentRow> out;
    for (const auto &row : rows)
        out.insert({uuidField(row[0]), qstr(row[1])}, {optionalInt(row[2]), thresholdsFromText(row[3]), row[4].as<qint64>()});
    return out;
}

struct Write
{
    QUuid tenant;
    QString resource;
    std::optional<qint64> hardLimit;
    std::optional<QList<int>> thresholds; // an existing row's always; nullopt: a new row's default
};

// Writes rows in one statement; returns each row's new version.
QHash<Key, qint64> upsert(pqxx::work &tx, const QList<Write> &rows)
{
    QHash<Key, qint64> versions;
    if (rows.isEmpty())
        return versions;
    const std::string ids = arrayLiteral(rows, [](const Write &w) { return uuidText(w.tenant); });
    const std::string resources = arrayLiteral(rows, [](const Write &w) { return quotedElement(w.resource); });
    const std::string limits = arrayLiteral(rows, [](const Write &w) {
        return w.hardLimit ? std::to_string(*w.hardLimit) : std::string("NULL");
    });
    const std::string thresholds = arrayLiteral(rows, [](const Write &w) {
        return w.thresholds ? '"' + thresholdsLiteral(*w.thresholds) + '"' : std::string("NULL");
    });
    for (const auto &row : tx.exec_params(sql::upsertQuotas, ids, resources, limits, thresholds))
        versions.insert({uuidField(row[0]), qstr(row[1])}, row[2].as<qint64>());
    return versions;
}

Result<QList<Quota>> readQuotas(pqxx::transaction_base &tx, const QUuid &tenant)
{
    const std::string id = uuidText(tenant);
    if (!tx.exec_params1(sql::tenantExists, id)[0].as<bool>())
        return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                              .arg(tenant.toString(QUuid::WithoutBraces))};
    QList<Quota> out;
    for (const auto &row : tx.exec_params(sql::quotasOf, id)) {
        Quota q;
        q.tenantId = tenant;
        q.resource = qstr(row[0]);
        q.displayName = qstr(row[1]);
        q.unit = resourceUnitFromKey(qstr(row[2])).value_or(ResourceUnit::Count);
        q.sortOrder = row[3].as<int>();
        q.metered = row[4].as<bool>();
        q.hardLimit = optionalInt(row[5]);
        if (!row[6].is_null())
            q.softThresholds = thresholdsFromText(row[6]);
        q.version = row[7].is_null() ? 0 : row[7].as<qint64>();
        q.parentLimit = optionalInt(row[8]);
        q.parentLimitFromId = uuidField(row[9]);
        q.parentLimitFromSlug = row[10].is_null() ? QString() : qstr(row[10]);
        q.descendantMax = optionalInt(row[11]);
        q.descendantMaxSlug = row[12].is_null() ? QString() : qstr(row[12]);
        q.used = optionalInt(row[13]);
        out.append(q);
    }
    return out;
}

bool sameThresholds(const std::optional<QList<int>> &wanted, const QList<int> &current)
{
    return !wanted || *wanted == current;
}

std::optional<Error> validateThresholds(const std::optional<QList<int>> &t)
{
    if (!t)
        return std::nullopt;
    bool ok = t->size() <= kMaxSoftThresholds;
    for (qsizetype i = 0; ok && i < t->size(); ++i)
        ok = t->at(i) >= 1 && t->at(i) <= 100 && (i == 0 || t->at(i) > t->at(i - 1));
    if (!ok)
        return Error::validation(QStringLiteral("Alert thresholds must be at most %1 ascending percentages "
                                                "between 1 and 100.")
                                     .arg(kMaxSoftThresholds));
    return std::nullopt;
}

// --- Bulk ---

struct Target
{
    QUuid id;
    QUuid parent;
    int depth = 0;
    QString tier;
};

constexpr int kChunkRows = 2000;

struct PlannedWrite
{
    Write write;
    int depth = 0;
    bool raising = false; // the new limit is above the row's old effective limit
};

// Orders writes so that every statement boundary leaves a valid state: lowered (or inherited)
// limits first, deepest first, then raised limits, shallowest first. Any chunking of that order
// passes the per-statement rules whenever the final state does.
void orderForChunks(QList<PlannedWrite> &plan)
{
    std::stable_sort(plan.begin(), plan.end(), [](const PlannedWrite &a, const PlannedWrite &b) {
        if (a.raising != b.raising)
            return !a.raising;
        return a.raising ? a.depth < b.depth : a.depth > b.depth;
    });
}

Result<BulkQuotaReport> bulkInTransaction(pqxx::work &tx, const BulkQuotaRequest &request, const ProgressFn &progress)
{
    BulkQuotaReport report;
    if (request.tenants.isEmpty())
        return report;

    // Targets, parents before children.
    QList<Target> targets;
    for (const auto &row : tx.exec_params(sql::bulkTargets, uuidArrayLiteral(request.tenants), request.includeSubtrees))
        targets.append({uuidField(row[0]), uuidField(row[1]), row[2].as<int>(), qstr(row[3])});
    QSet<QUuid> found;
    for (const Target &t : std::as_const(targets))
        found.insert(t.id);
    for (const QUuid &id : request.tenants) {
        if (!found.contains(id))
            return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                                  .arg(id.toString(QUuid::WithoutBraces))};
    }
    std::stable_sort(targets.begin(), targets.end(), [](const Target &a, const Target &b) { return a.depth < b.depth; });
    report.tenants = int(targets.size());

    QStringList resources;
    for (const auto &row : tx.exec(sql::resourceKeys))
        resources.append(qstr(row[0]));

    // What each resource should become (nullopt in the map: inherit). Resources not in the map
    // are left alone.
    QHash<QString, std::optional<qint64>> wanted;
    QHash<QString, QList<int>> wantedThresholds;
    switch (request.action) {
    case BulkQuotaRequest::Action::ApplyTier: {
        const TierPreset *preset = TierCatalog::preset(request.tier);
        if (!preset)
            return Error::validation(QStringLiteral("Unknown tier."));
        for (const auto &[resource, limit] : preset->quotas) {
            if (resources.contains(resource))
                wanted.insert(resource, limit);
        }
        break;
    }
    case BulkQuotaRequest::Action::SetResource:
        if (!resources.contains(request.resource))
            return Error::validation(QStringLiteral("\"%1\" is not a quota resource; resources are %2.")
                                         .arg(request.resource, resources.join(QStringLiteral(", "))));
        wanted.insert(request.resource, request.limit.stored());
        break;
    case BulkQuotaRequest::Action::CopyFrom: {
        const pqxx::result src = tx.exec_params(sql::lockQuotasOfTenants, uuidArrayLiteral({request.source}));
        if (!tx.exec_params1(sql::tenantExists, uuidText(request.source))[0].as<bool>())
            return Error{ErrorKind::NotFound, QStringLiteral("The tenant to copy quotas from does not exist (any more).")};
        for (const QString &r : std::as_const(resources))
            wanted.insert(r, std::nullopt);
        const QHash<Key, CurrentRow> rows = currentRows(src);
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            wanted.insert(it.key().second, it.value().hardLimit);
            wantedThresholds.insert(it.key().second, it.value().thresholds);
        }
        break;
    }
    }

    QList<QUuid> ids;
    ids.reserve(targets.size());
    QSet<QUuid> inSet;
    for (const Target &t : std::as_const(targets)) {
        ids.append(t.id);
        inSet.insert(t.id);
    }
    const QHash<Key, CurrentRow> current = currentRows(tx.exec_params(sql::lockQuotasOfTenants, uuidArrayLiteral(ids)));

    // Effective limits of the parents outside the set (unchanged by this edit).
    QList<QUuid> outsideParents;
    for (const Target &t : std::as_const(targets)) {
        if (!t.parent.isNull() && !inSet.contains(t.parent) && !outsideParents.contains(t.parent))
            outsideParents.append(t.parent);
    }
    QHash<Key, std::optional<qint64>> outsideEffective;
    if (!outsideParents.isEmpty()) {
        for (const auto &row : tx.exec_params(sql::effectiveLimits, uuidArrayLiteral(outsideParents)))
            outsideEffective.insert({uuidField(row[0]), qstr(row[1])}, optionalInt(row[2]));
    }

    // Walk parents before children, computing old and new effective limits per resource.
    QHash<Key, std::optional<qint64>> oldEffective, newEffective;
    auto parentEffective = [&](const QHash<Key, std::optional<qint64>> &inside, const Target &t, const QString &r) {
        if (t.parent.isNull())
            return std::optional<qint64>();
        return inSet.contains(t.parent) ? inside.value({t.parent, r}) : outsideEffective.value({t.parent, r});
    };
    QList<PlannedWrite> plan;
    std::map<QString, int> perResource;
    for (const Target &t : std::as_const(targets)) {
        // The source of a copy stays as it is, but its limits still bound its sub-tenants.
        const bool isSource = request.action == BulkQuotaRequest::Action::CopyFrom && t.id == request.source;
        for (const QString &r : std::as_const(resources)) {
            const bool change = wanted.contains(r) && !isSource;
            const Key key{t.id, r};
            const CurrentRow old = current.value(key);
            const std::optional<qint64> oldParent = parentEffective(oldEffective, t, r);
            const std::optional<qint64> oldEff = old.hardLimit ? old.hardLimit : oldParent;
            oldEffective.insert(key, oldEff);

            std::optional<qint64> own = old.hardLimit;
            std::optional<QList<int>> thresholds;
            if (change) {
                own = wanted.value(r);
                if (wantedThresholds.contains(r))
                    thresholds = wantedThresholds.value(r);
                const std::optional<qint64> newParent = parentEffective(newEffective, t, r);
                if (request.action == BulkQuotaRequest::Action::ApplyTier && request.capAtParent && own && newParent
                    && *own > *newParent) {
                    own = newParent;
                    ++report.capped;
                }
            }
            newEffective.insert(key, own ? own : parentEffective(newEffective, t, r));
            if (!change)
                continue;
            const bool exists = current.contains(key);
            if (own == old.hardLimit && (exists ? sameThresholds(thresholds, old.thresholds) : !thresholds)) {
                ++report.unchanged;
                continue;
            }
            const bool raising = own && (!oldEff || *own > *oldEff);
            if (!thresholds && exists)
                thresholds = old.thresholds; // kept as they are
            plan.append({{t.id, r, own, thresholds}, t.depth, raising});
            ++perResource[r];
        }
    }
    orderForChunks(plan);

    QList<QUuid> retier;
    if (request.action == BulkQuotaRequest::Action::ApplyTier) {
        for (const Target &t : std::as_const(targets)) {
            if (t.tier != tierKey(request.tier))
                retier.append(t.id);
        }
    }
    const qint64 total = retier.size() + plan.size();
    qint64 done = 0;
    if (progress && !progress(done, total))
        return Error{ErrorKind::Cancelled, QStringLiteral("Cancelled; nothing was changed.")};

    for (qsizetype i = 0; i < retier.size(); i += kChunkRows) {
        const QList<QUuid> chunk = retier.mid(i, kChunkRows);
        report.tiersChanged += int(tx.exec_params(sql::setTier, tierKey(request.tier).toStdString(), uuidArrayLiteral(chunk)).affected_rows());
        done += chunk.size();
        if (progress && !progress(done, total))
            return Error{ErrorKind::Cancelled, QStringLiteral("Cancelled; nothing was changed.")};
    }
    for (qsizetype i = 0; i < plan.size(); i += kChunkRows) {
        QList<Write> chunk;
        for (qsizetype j = i; j < std::min(plan.size(), i + kChunkRows); ++j)
            chunk.append(plan[j].write);
        report.written += int(upsert(tx, chunk).size());
        done += chunk.size();
        if (progress && !progress(done, total))
            return Error{ErrorKind::Cancelled, QStringLiteral("Cancelled; nothing was changed.")};
    }
    for (const QString &r : std::as_const(resources)) {
        if (perResource.count(r))
            report.perResource.append({r, perResource[r]});
    }
    return report;
}

} // namespace

// --- Tenants ---

Result<Tenant> createTenant(pqxx::connection &conn, const TenantDraft &draft)
{
    if (auto e = validateSlug(draft.slug))
        return *e;
    if (auto e = validateDisplayName(draft.displayName))
        return *e;
    if (auto e = validateSettings(draft.settings))
        return *e;
    QUuid id;
    {
        pqxx::work tx(conn);
        tx.exec(sql::lockForWrite);
        const Nullable parent = nullableUuid(draft.parentId);
        QString parentSlug;
        if (!draft.parentId.isNull()) {
            const pqxx::result p = tx.exec_params(sql::tenantForWrite, parent.get());
            if (p.empty())
                return Error{ErrorKind::NotFound, QStringLiteral("The parent tenant does not exist (any more).")};
            parentSlug = qstr(p[0][0]);
            const QString state = qstr(p[0][1]);
            if (state != QLatin1String("active"))
                return Error::validation(QStringLiteral("\"%1\" is %2; sub-tenants can only be created under an "
                                                        "active tenant.")
                                             .arg(parentSlug, state));
        }
        if (tx.exec_params1(sql::siblingSlugTaken, parent.get(), draft.slug.toStdString())[0].as<bool>())
            return slugTaken(draft.slug, parentSlug);
        const QByteArray settings = QJsonDocument(draft.settings.toJson()).toJson(QJsonDocument::Compact);
        id = QUuid::fromString(qstr(tx.exec_params1(sql::insertTenant, parent.get(), draft.slug.toStdString(),
                                                    draft.displayName.toStdString(), tierKey(draft.tier).toStdString(),
                                                    settings.toStdString())[0]));
        if (draft.applyTierQuotas) {
            BulkQuotaRequest tier;
            tier.action = BulkQuotaRequest::Action::ApplyTier;
            tier.tenants = {id};
            tier.tier = draft.tier;
            tier.capAtParent = true;
            const auto applied = bulkInTransaction(tx, tier, {});
            if (!applied.ok())
                return applied.error();
        }
        tx.commit();
    }
    return readTenant(conn, id);
}

Result<Tenant> updateTenant(pqxx::connection &conn, const TenantEdit &edit)
{
    if (edit.slug) {
        if (auto e = validateSlug(*edit.slug))
            return *e;
    }
    if (edit.displayName) {
        if (auto e = validateDisplayName(*edit.displayName))
            return *e;
    }
    {
        pqxx::work tx(conn);
        tx.exec(sql::lockForWrite);
        const std::string id = uuidText(edit.id);
        const pqxx::result cur = tx.exec_params(sql::tenantForWrite, id);
        if (cur.empty())
            return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                                  .arg(edit.id.toString(QUuid::WithoutBraces))};
        const QString slug = qstr(cur[0][0]);
        const qint64 version = cur[0][2].as<qint64>();
        if (version != edit.expectedVersion)
            return Error{ErrorKind::Conflict,
                         QStringLiteral("Tenant \"%1\" was changed by someone else meanwhile (version %2, not %3); "
                                        "reload it and edit again.")
                             .arg(slug)
                             .arg(version)
                             .arg(edit.expectedVersion)};
        if (edit.slug && *edit.slug != slug) {
            const QUuid parent = uuidField(cur[0][4]);
            if (tx.exec_params1(sql::siblingSlugTaken, nullableUuid(parent).get(), edit.slug->toStdString())[0].as<bool>())
                return slugTaken(*edit.slug, parent.isNull() ? QString() : slugOf(tx, parent));
        }
        Nullable settings;
        if (edit.settings) {
            const QJsonObject base = QJsonDocument::fromJson(QByteArray::fromStdString(cur[0][3].as<std::string>())).object();
            if (auto e = validateSettings(*edit.settings, TenantSettings::fromJson(base).features))
                return *e;
            settings.text = QJsonDocument(edit.settings->toJson(base)).toJson(QJsonDocument::Compact).toStdString();
        }
        const Nullable newSlug{edit.slug ? std::optional(edit.slug->toStdString()) : std::nullopt};
        const Nullable newName{edit.displayName ? std::optional(edit.displayName->toStdString()) : std::nullopt};
        tx.exec_params(sql::updateTenant, id, newSlug.get(), newName.get(), settings.get());
        tx.commit();
    }
    return readTenant(conn, edit.id);
}

Result<Tenant> moveTenant(pqxx::connection &conn, const QUuid &id, const QUuid &expectedParent, const QUuid &newParent)
{
    if (id == newParent)
        return Error::validation(QStringLiteral("A tenant cannot be its own parent."));
    {
        pqxx::work tx(conn);
        tx.exec(sql::lockForWrite);
        const pqxx::result cur = tx.exec_params(sql::tenantForWrite, uuidText(id));
        if (cur.empty())
            return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                                  .arg(id.toString(QUuid::WithoutBraces))};
        const QString slug = qstr(cur[0][0]);
        const QUuid parent = uuidField(cur[0][4]);
        if (parent != expectedParent)
            return Error{ErrorKind::Conflict,
                         QStringLiteral("Tenant \"%1\" was moved by someone else meanwhile; it is now under %2.")
                             .arg(slug, parent.isNull() ? QStringLiteral("the top level")
                                                        : QStringLiteral("\"%1\"").arg(slugOf(tx, parent)))};
        if (parent == newParent)
            return readTenantAfter(tx, id); // already there: nothing to write
        if (!newParent.isNull()
            && !tx.exec_params1(sql::tenantExists, uuidText(newParent))[0].as<bool>())
            return Error{ErrorKind::NotFound, QStringLiteral("The new parent does not exist (any more).")};
        if (tx.exec_params1(sql::siblingSlugTaken, nullableUuid(newParent).get(), slug.toStdString())[0].as<bool>())
            return slugTaken(slug, newParent.isNull() ? QString() : slugOf(tx, newParent));
        tx.exec_params(sql::moveTenant, uuidText(id), nullableUuid(expectedParent).get(), nullableUuid(newParent).get());
        tx.commit();
    }
    return readTenant(conn, id);
}

// --- Quotas ---

Result<QList<Quota>> quotas(pqxx::connection &conn, const QUuid &tenant)
{
    pqxx::read_transaction tx(conn);
    return readQuotas(tx, tenant);
}

Result<QuotaWriteReport> writeQuotas(pqxx::connection &conn, const QList<QuotaChange> &changes)
{
    QuotaWriteReport report;
    if (changes.isEmpty())
        return report;
    QSet<Key> seen;
    QList<QUuid> tenants;
    for (const QuotaChange &c : changes) {
        if (seen.contains({c.tenantId, c.resource}))
            return Error::validation(QStringLiteral("The %1 quota of one tenant is changed twice in one batch.").arg(c.resource));
        seen.insert({c.tenantId, c.resource});
        if (c.hardLimit && *c.hardLimit < 0)
            return Error::validation(QStringLiteral("A limit cannot be negative."));
        if (auto e = validateThresholds(c.softThresholds))
            return *e;
        if (!tenants.contains(c.tenantId))
            tenants.append(c.tenantId);
    }

    QList<QuotaChange> conflicting;
    {
        pqxx::work tx(conn);
        tx.exec(sql::lockForWrite);
        QList<QUuid> ids;
        QStringList resources;
        for (const QuotaChange &c : changes) {
            ids.append(c.tenantId);
            resources.append(c.resource);
        }
        const QHash<Key, CurrentRow> current = currentRows(tx.exec_params(
            sql::lockQuotaRows, uuidArrayLiteral(ids), arrayLiteral(resources, quotedElement)));

        QList<Write> writes;
        QHash<Key, qint64> expectedAfter; // checked changes: the version the write must produce
        for (const QuotaChange &c : changes) {
            const Key key{c.tenantId, c.resource};
            const CurrentRow old = current.value(key);
            const qint64 version = current.contains(key) ? old.version : 0;
            if (c.expectedVersion && *c.expectedVersion != version) {
                conflicting.append(c);
                continue;
            }
            if (c.hardLimit == old.hardLimit
                && (current.contains(key) ? sameThresholds(c.softThresholds, old.thresholds) : !c.softThresholds)) {
                ++report.unchanged;
                continue;
            }
            writes.append({c.tenantId, c.resource, c.hardLimit,
                           c.softThresholds ? c.softThresholds
                                            : current.contains(key) ? std::optional(old.thresholds) : std::nullopt});
            if (c.expectedVersion)
                expectedAfter.insert(key, version + 1);
        }
        if (conflicting.isEmpty()) {
            const QHash<Key, qint64> versions = upsert(tx, writes);
            // A row that did not exist when read may have been inserted since (absent rows
            // can't be locked): then the upsert updated theirs, which is a conflict too.
            for (const QuotaChange &c : changes) {
                const Key key{c.tenantId, c.resource};
                if (expectedAfter.contains(key) && versions.value(key) != expectedAfter.value(key))
                    conflicting.append(c);
            }
            if (conflicting.isEmpty()) {
                // Read back inside the transaction: the rows as this write left them.
                QHash<QUuid, QList<Quota>> after;
                for (const QUuid &tenant : std::as_const(tenants)) {
                    auto read = readQuotas(tx, tenant);
                    if (!read.ok())
                        return read.error();
                    after.insert(tenant, read.value());
                }
                for (const QuotaChange &c : changes) {
                    for (const Quota &q : after.value(c.tenantId)) {
                        if (q.resource == c.resource)
                            report.after.append(q);
                    }
                }
                report.written = int(versions.size());
                tx.commit();
                return report;
            }
        }
    }

    // Nothing was written: report each conflict with the row as it is now.
    pqxx::read_transaction tx(conn);
    QHash<QUuid, QList<Quota>> now;
    for (const QUuid &tenant : std::as_const(tenants)) {
        auto read = readQuotas(tx, tenant);
        if (!read.ok())
            return read.error();
        now.insert(tenant, read.value());
    }
    report = {};
    for (const QuotaChange &c : std::as_const(conflicting)) {
        for (const Quota &q : now.value(c.tenantId)) {
            if (q.resource == c.resource)
                report.conflicts.append({c, q});
        }
    }
    return report;
}

Result<BulkQuotaReport> bulkQuotas(pqxx::connection &conn, const BulkQuotaRequest &request, const ProgressFn &progress)
{
    if (request.action == BulkQuotaRequest::Action::SetResource && request.limit.isValue() && request.limit.value < 0)
        return Error::validation(QStringLiteral("A limit cannot be negative."));
    pqxx::work tx(conn);
    tx.exec(sql::lockForWrite);
    auto report = bulkInTransaction(tx, request, progress);
    if (!report.ok())
        return report;
    // A cancel that arrived after the last chunk still rolls back: the caller was told so.
    if (progress && !progress(0, -1))
        return Error{ErrorKind::Cancelled, QStringLiteral("Cancelled; nothing was changed.")};
    tx.commit();
    return report;
}

} // namespace tc::pg
