#include "ctlapp.h"

#include "lifecyclecommands.h"
#include "migratecommands.h"
#include "outputformat.h"
#include "tenantresolver.h"

#include "models/domain/validation.h"
#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace tc {

using namespace ctl;

namespace {

constexpr int kUsageExit = 1;

const char *const kUsage = R"(Usage: tenantctl [--db CONNINFO] [--json] COMMAND ...

Connection: --db takes a libpq connection string (host=... port=... dbname=... user=...)
or a postgresql:// URI; without it the standard libpq environment is used (PGHOST, PGPORT,
PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE).

Commands:
  db migrate                 apply pending schema migrations
  db status                  list migrations and whether they are applied
  demo seed [--tenants N] [--max-depth D] [--days K] [--memories M] [--seed S]
            [--shape AxBxC] [--if-empty]
                             fill an empty database with demo tenants and usage
  audit verify               check the audit log's hash chain

  tenant create SLUG --name NAME [--tier T] [--parent TENANT]
                [--tier-quotas | --inherit-quotas] [--feature F ...] [--inherit-features]
                             create a tenant; a top-level one gets its tier's preset
                             limits, a sub-tenant inherits its parent's (as in the
                             console) unless --tier-quotas (capped at the parent's)
  tenant rename TENANT [--slug NEW] [--name NEW]
  tenant move TENANT --to PARENT | --top-level
  tenant show TENANT
  tenant list [--parent TENANT] [--all]
                             sub-tenants (top level without --parent) in slug order;
                             --all walks the whole subtree depth-first
  quota get TENANT           every resource's limit, where it comes from, and usage
  quota set TENANT RESOURCE VALUE
                             VALUE like 500K, "500 GB", 6K/min, "300 s", $5K, inherit
                             or unlimited
  quota apply-tier TENANT TIER [--subtree] [--no-cap]
                             set the tier and its preset limits (--subtree: every
                             descendant too; presets above a parent's limit are lowered
                             to it unless --no-cap)

  lifecycle show TENANT      state and since when, the ancestor whose transition holds
                             it there and its own state, purge date, prevent-deletion,
                             retention and the timeline (when, from, to, who, why, via)
  lifecycle suspend|resume|archive|restore TENANT... --reason TEXT [--dry-run]
                             change the state of each TENANT with its subtree, all in one
                             transaction: suspend and archive take the sub-tenants along,
                             resume and restore give back what they held; --dry-run shows
                             what would change (tenants, data held) and changes nothing
  lifecycle delete TENANT... --confirm SLUG... --reason TEXT [--dry-run]
                             delete with the subtree; the data can be restored until the
                             purge date (retention, default 90 days). Each TENANT needs a
                             --confirm with its slug typed again, in the same order: the
                             n-th --confirm confirms the n-th TENANT
  lifecycle purge [--batch N]
                             remove the data of deleted tenants past their purge date, N
                             rows per transaction (default 5000); a tombstone and the
                             audit trail stay. Safe to re-run; Ctrl+C stops after the
                             current batch, and the next run goes on from there
  lifecycle cap [--percent P]
                             the deletion cap (share of the tenants that may be deleted
                             per 30 days) and what is left of it; --percent sets it
                             (0 to 100; the schema owner only)

  migrate plan SOURCE TARGET --selector JSON | --selector-file FILE | --all
               [--new-ids] [--drop-metadata]
                             what moving the memories of SOURCE whose metadata match the
                             selector into TARGET would do: rows, bytes, TARGET's limits
                             (exit 7 when the move would exceed one) and sample rows;
                             --all moves every memory. --new-ids gives the moved memories
                             new ids (the mapping is kept), --drop-metadata moves them
                             with metadata {}
  migrate run SOURCE TARGET (same options) [--batch-rows N]
                             create the job (its number is printed first) and run it, N
                             rows per transaction (default 1000), progress on stderr;
                             Ctrl+C or SIGTERM pauses it after the current batch (exit
                             10); a killed run leaves it resumable. With --json,
                             events (created, progress) are JSON lines on stderr and
                             the finished job is printed on stdout
  migrate resume JOB [--batch-rows N]
                             run a planned, paused, failed or abandoned job to its end
  migrate status [JOB] [--limit N]
                             one job in detail, or the newest N jobs (default 50)
  migrate cancel JOB         stop a job for good; what it moved stays moved
  migrate idmap JOB          the old and new ids of a --new-ids job, as CSV

SOURCE and TARGET are TENANTs. A selector is a JSON object over metadata fields, e.g.
'{"department": "marketing", "date": {"$gt": "2023-01-01"}}'; operators $eq $ne $gt
$gte $lt $lte $in $exists $and $or.

A TENANT is named by its id, its path (slugs from the top joined with '/', like
acme/eu/research) or its slug when no other tenant has the same one.
Tiers: starter, professional, enterprise.

Every command takes --json for machine output (times in ISO-8601 UTC).

Exit codes: 0 success, 1 usage, 2 internal, 3 validation (also a refused transition),
4 conflict, 5 permission denied, 6 not found, 7 quota exceeded (also a blocked migrate
plan), 8 connection, 9 schema version, 10 cancelled (Ctrl+C; a paused migration).
)";

template<typename T>
Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

CtlApp::CtlApp(QStringList args) : m_args(std::move(args)) {}
CtlApp::~CtlApp() = default;

void CtlApp::print(const QString &text)
{
    QTextStream(stdout) << text << Qt::endl;
}

void CtlApp::printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    QTextStream(stdout) << doc.toJson(QJsonDocument::Indented);
}

int CtlApp::fail(const Error &error)
{
    if (m_json) {
        QJsonObject o{{QStringLiteral("error"), errorKindName(error.kind)},
                      {QStringLiteral("message"), error.message}};
        QTextStream(stderr) << QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        QTextStream(stderr) << "tenantctl: " << error.message << Qt::endl;
    }
    return exitCodeFor(error.kind);
}

int CtlApp::failUsage(const QString &message)
{
    QTextStream(stderr) << "tenantctl: " << message << " (see tenantctl --help)" << Qt::endl;
    return kUsageExit;
}

int CtlApp::usage(const QString &problem)
{
    if (!problem.isEmpty())
        return failUsage(problem);
    QTextStream(stdout) << kUsage;
    return 0;
}

QString CtlApp::takeOption(const QString &name)
{
    const qsizetype i = m_args.indexOf(name);
    if (i >= 0 && i + 1 < m_args.size()) {
        const QString value = m_args.at(i + 1);
        m_args.remove(i, 2);
        return value;
    }
    const QString prefix = name + u'=';
    for (qsizetype j = 0; j < m_args.size(); ++j) {
        if (m_args.at(j).startsWith(prefix)) {
            const QString value = m_args.at(j).mid(prefix.size());
            m_args.removeAt(j);
            return value;
        }
    }
    return {};
}

bool CtlApp::takeFlag(const QString &name)
{
    return m_args.removeAll(name) > 0;
}

std::unique_ptr<PgStore> CtlApp::connectStore(Error *error, SessionInfo *sessionOut)
{
    ConnectionProfile profile;
    profile.conninfo = m_db;
    const Result<QString> conninfo = profile.libpqConninfo();
    if (!conninfo.ok()) {
        *error = conninfo.error();
        return nullptr;
    }
    auto store = std::make_unique<PgStore>(conninfo.value(), PgStore::Options{1, false});
    const Result<SessionInfo> session = wait(store->open());
    if (!session.ok()) {
        *error = session.error();
        return nullptr;
    }
    if (sessionOut)
        *sessionOut = session.value();
    return store;
}

std::unique_ptr<PgStore> CtlApp::connectResolved(const QString &name, ResolvedTenant *resolved, Error *error)
{
    auto store = connectData(error);
    if (!store)
        return nullptr;
    Result<ResolvedTenant> r = TenantResolver(*store).resolve(name);
    if (!r.ok()) {
        *error = r.error();
        return nullptr;
    }
    *resolved = std::move(r).value();
    return store;
}

std::unique_ptr<PgStore> CtlApp::connectData(Error *error)
{
    SessionInfo session;
    auto store = connectStore(error, &session);
    if (!store)
        return nullptr;
    if (session.schemaMissing()) {
        *error = {ErrorKind::SchemaMissing,
                  QStringLiteral("The database has no tenancy schema yet; run \"tenantctl db migrate\".")};
        return nullptr;
    }
    if (session.schemaOutdated()) {
        *error = {ErrorKind::SchemaOutdated,
                  QStringLiteral("The database schema is at version %1 and this release needs %2; run \"tenantctl db "
                                 "migrate\".")
                      .arg(session.schemaVersion)
                      .arg(session.bundledSchemaVersion)};
        return nullptr;
    }
    if (session.schemaTooNew()) {
        *error = {ErrorKind::SchemaTooNew,
                  QStringLiteral("The database schema is at version %1, newer than this release knows (%2); use the "
                                 "newer tenantctl that migrated it.")
                      .arg(session.schemaVersion)
                      .arg(session.bundledSchemaVersion)};
        return nullptr;
    }
    return store;
}

std::optional<QString> CtlApp::takeValue(const QString &name, QString *problem)
{
    const qsizetype i = m_args.indexOf(name);
    if (i >= 0 && i + 1 >= m_args.size()) {
        if (problem->isEmpty())
            *problem = QStringLiteral("%1 needs a value").arg(name);
        m_args.removeAt(i);
        return std::nullopt;
    }
    const QString prefix = name + u'=';
    const bool given = i >= 0 || std::any_of(m_args.cbegin(), m_args.cend(), [&prefix](const QString &a) {
                           return a.startsWith(prefix);
                       });
    if (!given)
        return std::nullopt;
    return takeOption(name);
}

bool CtlApp::takePositional(const QStringList &names, QStringList *values, QString *problem)
{
    if (!problem->isEmpty())
        return false;
    for (const QString &a : std::as_const(m_args)) {
        if (a.startsWith(QLatin1String("--"))) {
            *problem = QStringLiteral("unknown option \"%1\" for %2").arg(a, m_command);
            return false;
        }
    }
    if (m_args.size() < names.size()) {
        *problem = QStringLiteral("%1 needs %2").arg(m_command, names.mid(m_args.size()).join(u' '));
        return false;
    }
    if (m_args.size() > names.size()) {
        *problem = QStringLiteral("unexpected argument \"%1\"").arg(m_args.at(names.size()));
        return false;
    }
    *values = m_args;
    m_args.clear();
    return true;
}

int CtlApp::run()
{
    if (m_args.contains(QLatin1String("--help")) || m_args.contains(QLatin1String("-h")) || m_args.isEmpty())
        return usage(m_args.isEmpty() ? QStringLiteral("no command given") : QString());
    if (m_args.contains(QLatin1String("--db")) && m_args.indexOf(QLatin1String("--db")) == m_args.size() - 1)
        return failUsage(QStringLiteral("--db needs a connection string"));
    m_db = takeOption(QStringLiteral("--db"));
    m_json = takeFlag(QStringLiteral("--json"));

    const QString group = m_args.value(0);
    const QString verb = m_args.value(1);
    m_command = group + u' ' + verb;
    m_args = m_args.mid(2);
    if (group == QLatin1String("db") && verb == QLatin1String("migrate"))
        return dbMigrate();
    if (group == QLatin1String("db") && verb == QLatin1String("status"))
        return dbStatus();
    if (group == QLatin1String("demo") && verb == QLatin1String("seed"))
        return demoSeed();
    if (group == QLatin1String("audit") && verb == QLatin1String("verify"))
        return auditVerify();
    if (group == QLatin1String("tenant")) {
        if (verb == QLatin1String("create"))
            return tenantCreate();
        if (verb == QLatin1String("rename"))
            return tenantRename();
        if (verb == QLatin1String("move"))
            return tenantMove();
        if (verb == QLatin1String("show"))
            return tenantShow();
        if (verb == QLatin1String("list"))
            return tenantList();
    }
    if (group == QLatin1String("lifecycle")) {
        if (const std::optional<int> code = LifecycleCommands(*this).run(verb))
            return *code;
    }
    if (group == QLatin1String("migrate")) {
        if (const std::optional<int> code = MigrateCommands(*this).run(verb))
            return *code;
    }
    if (group == QLatin1String("quota")) {
        if (verb == QLatin1String("get"))
            return quotaGet();
        if (verb == QLatin1String("set"))
            return quotaSet();
        if (verb == QLatin1String("apply-tier"))
            return quotaApplyTier();
    }
    return usage(QStringLiteral("unknown command \"%1\"").arg((group + u' ' + verb).trimmed()));
}

int CtlApp::dbMigrate()
{
    Error error;
    auto store = connectStore(&error);
    if (!store)
        return fail(error);
    const Result<int> applied = wait(store->migrateSchema());
    if (!applied.ok())
        return fail(applied.error());
    const int version = SchemaMigrator::bundledVersion();
    if (m_json)
        printJson(QJsonObject{{QStringLiteral("applied"), applied.value()}, {QStringLiteral("version"), version}});
    else if (applied.value() == 0)
        print(QStringLiteral("Schema is up to date (version %1).").arg(version));
    else
        print(QStringLiteral("Applied %1 migration(s); schema is at version %2.").arg(applied.value()).arg(version));
    return 0;
}

int CtlApp::dbStatus()
{
    Error error;
    auto store = connectStore(&error);
    if (!store)
        return fail(error);
    const Result<QList<MigrationStatus>> status = wait(store->migrationStatus());
    if (!status.ok())
        return fail(status.error());
    int pending = 0;
    bool tooNew = false;
    QJsonArray rows;
    QStringList lines;
    for (const MigrationStatus &s : status.value()) {
        QString state = s.applied ? QStringLiteral("applied") : QStringLiteral("pending");
        if (!s.bundled) {
            state = QStringLiteral("unknown (newer release)");
            tooNew = true;
        } else if (s.applied && !s.checksumMatches) {
            state = QStringLiteral("applied, file changed since");
        }
        pending += s.applied ? 0 : 1;
        rows.append(QJsonObject{{QStringLiteral("version"), s.version},
                                {QStringLiteral("name"), s.name},
                                {QStringLiteral("state"), state},
                                {QStringLiteral("applied_at"), s.appliedAt.toString(Qt::ISODate)},
                                {QStringLiteral("applied_by"), s.appliedBy}});
        lines << QStringLiteral("%1  %2  %3  %4 %5")
                     .arg(s.version, 4, 10, QLatin1Char('0'))
                     .arg(s.name, -24)
                     .arg(state, -10)
                     .arg(s.appliedAt.isValid() ? s.appliedAt.toString(Qt::ISODate) : QString())
                     .arg(s.appliedBy)
                     .trimmed();
    }
    if (m_json)
        printJson(rows);
    else
        print(lines.join(u'\n'));
    if (tooNew) {
        QTextStream(stderr) << "tenantctl: the database has migrations this release does not know; use the newer "
                               "tenantctl that applied them."
                            << Qt::endl;
        return exitCodeFor(ErrorKind::SchemaTooNew);
    }
    if (pending > 0) {
        QTextStream(stderr) << "tenantctl: " << pending << " migration(s) pending; run \"tenantctl db migrate\"."
                            << Qt::endl;
        return exitCodeFor(ErrorKind::SchemaOutdated);
    }
    return 0;
}

int CtlApp::demoSeed()
{
    DemoSeedOptions options;
    bool ok = true;
    auto intOption = [&](const QString &name, int fallback, int *out) {
        if (!ok)
            return; // one problem, one line
        const QString v = takeOption(name);
        if (v.isEmpty()) {
            *out = fallback;
            return;
        }
        bool good = false;
        *out = v.toInt(&good);
        if (!good) {
            failUsage(QStringLiteral("%1 takes a whole number, not \"%2\"").arg(name, v));
            ok = false;
        }
    };
    intOption(QStringLiteral("--tenants"), options.tenants, &options.tenants);
    intOption(QStringLiteral("--max-depth"), options.maxDepth, &options.maxDepth);
    intOption(QStringLiteral("--days"), options.days, &options.days);
    intOption(QStringLiteral("--memories"), options.memoriesPerTenant, &options.memoriesPerTenant);
    const QString seed = takeOption(QStringLiteral("--seed"));
    if (!seed.isEmpty()) {
        options.seed = seed.toULongLong(&ok);
        if (!ok)
            return failUsage(QStringLiteral("--seed takes a whole number, not \"%1\"").arg(seed));
    }
    const QString shape = takeOption(QStringLiteral("--shape"));
    for (const QString &part : shape.split(u'x', Qt::SkipEmptyParts)) {
        bool good = false;
        options.shape.append(part.toInt(&good));
        if (!good)
            return failUsage(QStringLiteral("--shape takes fan-outs like 100x100, not \"%1\"").arg(shape));
    }
    options.ifEmpty = takeFlag(QStringLiteral("--if-empty"));
    if (!ok)
        return kUsageExit;
    if (!m_args.isEmpty())
        return failUsage(QStringLiteral("unexpected argument \"%1\"").arg(m_args.first()));
    if (!m_json)
        options.progress = [](const QString &step) { QTextStream(stderr) << "  " << step << Qt::endl; };

    Error error;
    auto store = connectStore(&error);
    if (!store)
        return fail(error);
    const Result<DemoSeedReport> report = wait(store->seedDemo(options));
    if (!report.ok())
        return fail(report.error());
    const DemoSeedReport &r = report.value();
    if (m_json) {
        printJson(QJsonObject{{QStringLiteral("skipped"), r.skipped},
                              {QStringLiteral("tenants"), r.tenants},
                              {QStringLiteral("quotas"), r.quotas},
                              {QStringLiteral("usage_samples"), r.usageSamples},
                              {QStringLiteral("memories"), r.memories},
                              {QStringLiteral("seconds"), r.seconds}});
    } else if (r.skipped) {
        print(QStringLiteral("The database already has tenants; nothing seeded."));
    } else {
        print(QStringLiteral("Seeded %1 tenants, %2 quotas, %3 usage samples and %4 memories in %5 s.")
                  .arg(r.tenants)
                  .arg(r.quotas)
                  .arg(r.usageSamples)
                  .arg(r.memories)
                  .arg(r.seconds, 0, 'f', 1));
    }
    return 0;
}

int CtlApp::auditVerify()
{
    Error error;
    auto store = connectStore(&error);
    if (!store)
        return fail(error);
    const Result<AuditVerification> v = wait(store->verifyAuditLog());
    if (!v.ok())
        return fail(v.error());
    if (m_json) {
        printJson(QJsonObject{{QStringLiteral("checked"), v->checked},
                              {QStringLiteral("ok"), v->ok()},
                              {QStringLiteral("first_bad_id"), v->firstBadId > 0 ? QJsonValue(v->firstBadId) : QJsonValue()}});
    } else if (v->ok()) {
        print(QStringLiteral("Audit log intact: %1 entries verified.").arg(v->checked));
    } else {
        QTextStream(stderr) << "tenantctl: the audit log is broken at entry " << v->firstBadId << " (after "
                            << v->checked << " good entries); it was altered outside the triggers." << Qt::endl;
    }
    return v->ok() ? 0 : exitCodeFor(ErrorKind::Validation);
}

namespace {

QJsonValue numberJson(std::optional<qint64> v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonObject tenantJson(const ResolvedTenant &r)
{
    const Tenant &t = r.tenant;
    const TenantSettings settings = TenantSettings::fromJson(t.settings);
    return QJsonObject{{QStringLiteral("id"), idText(t.id)},
                       {QStringLiteral("parent_id"), idJson(t.parentId)},
                       {QStringLiteral("slug"), t.slug},
                       {QStringLiteral("path"), r.path()},
                       {QStringLiteral("depth"), int(r.ancestors.size()) + 1},
                       {QStringLiteral("display_name"), t.displayName},
                       {QStringLiteral("tier"), tierKey(t.tier)},
                       {QStringLiteral("state"), lifecycleStateKey(t.state)},
                       {QStringLiteral("state_changed_at"), timeJson(t.stateChangedAt)},
                       {QStringLiteral("purge_after"), timeJson(t.purgeAfter)},
                       {QStringLiteral("version"), t.version},
                       {QStringLiteral("children"), t.childCount},
                       {QStringLiteral("features"), QJsonArray::fromStringList(settings.features)},
                       {QStringLiteral("inherit_features"), settings.inheritFeatures},
                       {QStringLiteral("retention_days"), settings.retentionDays},
                       {QStringLiteral("prevent_deletion"), settings.preventDeletion},
                       {QStringLiteral("created_at"), timeJson(t.createdAt)},
                       {QStringLiteral("updated_at"), timeJson(t.updatedAt)}};
}

QString tenantText(const ResolvedTenant &r)
{
    const Tenant &t = r.tenant;
    const TenantSettings settings = TenantSettings::fromJson(t.settings);
    const QString parent = r.ancestors.isEmpty() ? QStringLiteral("(top level)")
                                                 : QStringLiteral("%1 (%2)").arg(r.parentPath(), idText(t.parentId));
    QString state = lifecycleStateKey(t.state) + QStringLiteral(" since ") + timeText(t.stateChangedAt);
    if (t.purgeAfter.isValid())
        state += QStringLiteral(", purged after ") + timeText(t.purgeAfter);
    auto yesNo = [](bool b) { return b ? QStringLiteral("yes") : QStringLiteral("no"); };
    const QString features =
        settings.features.isEmpty() ? QStringLiteral("none") : settings.features.join(QStringLiteral(", "));
    return keyValues({{QStringLiteral("id"), idText(t.id)},
                      {QStringLiteral("slug"), t.slug},
                      {QStringLiteral("name"), t.displayName},
                      {QStringLiteral("path"), r.path()},
                      {QStringLiteral("parent"), parent},
                      {QStringLiteral("tier"), tierKey(t.tier)},
                      {QStringLiteral("state"), state},
                      {QStringLiteral("version"), QString::number(t.version)},
                      {QStringLiteral("children"), QString::number(t.childCount)},
                      {QStringLiteral("features"), features},
                      {QStringLiteral("inherit features"), yesNo(settings.inheritFeatures)},
                      {QStringLiteral("retention"), QStringLiteral("%1 days").arg(settings.retentionDays)},
                      {QStringLiteral("prevent deletion"), yesNo(settings.preventDeletion)},
                      {QStringLiteral("created"), timeText(t.createdAt)},
                      {QStringLiteral("updated"), timeText(t.updatedAt)}});
}

// Where a quota's effective limit comes from, for people.
QString quotaSource(const Quota &q)
{
    if (q.hardLimit)
        return QStringLiteral("own");
    if (q.parentLimit)
        return QStringLiteral("inherited from ") + q.parentLimitFromSlug;
    return QStringLiteral("-");
}

QString limitText(std::optional<qint64> limit, ResourceUnit unit)
{
    return formatQuotaLimit(limit ? QuotaLimit::of(*limit) : QuotaLimit::unlimited(), unit);
}

std::optional<double> usedPercent(const Quota &q)
{
    const std::optional<double> f = UsageLimit{q.used, q.effectiveLimit()}.fraction();
    if (!f)
        return std::nullopt;
    return std::round(*f * 1000.0) / 10.0;
}

QJsonObject quotaJson(const Quota &q)
{
    QJsonArray thresholds;
    for (int t : q.softThresholds)
        thresholds.append(t);
    const std::optional<double> percent = usedPercent(q);
    const bool inherited = !q.hardLimit && q.parentLimit;
    return QJsonObject{{QStringLiteral("resource"), q.resource},
                       {QStringLiteral("display_name"), q.displayName},
                       {QStringLiteral("unit"), resourceUnitKey(q.unit)},
                       {QStringLiteral("limit"), numberJson(q.effectiveLimit())},
                       {QStringLiteral("own_limit"), numberJson(q.hardLimit)},
                       {QStringLiteral("inherited_from"), inherited ? QJsonValue(q.parentLimitFromSlug) : QJsonValue()},
                       {QStringLiteral("inherited_from_id"), inherited ? idJson(q.parentLimitFromId) : QJsonValue()},
                       {QStringLiteral("used"), numberJson(q.used)},
                       {QStringLiteral("used_percent"), percent ? QJsonValue(*percent) : QJsonValue()},
                       {QStringLiteral("soft_thresholds"), thresholds},
                       {QStringLiteral("version"), q.version}};
}

// "500K", "500 GB", ...: how a value of each unit is written, for messages.
QString unitExample(ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: return QStringLiteral("1.5M");
    case ResourceUnit::Bytes: return QStringLiteral("500 GB");
    case ResourceUnit::PerMinute: return QStringLiteral("6K/min");
    case ResourceUnit::Seconds: return QStringLiteral("300 s");
    case ResourceUnit::Usd: return QStringLiteral("$5K");
    }
    return QStringLiteral("100");
}

QString unitNoun(ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: return QStringLiteral("units");
    case ResourceUnit::Bytes: return QStringLiteral("bytes");
    case ResourceUnit::PerMinute: return QStringLiteral("requests per minute");
    case ResourceUnit::Seconds: return QStringLiteral("seconds");
    case ResourceUnit::Usd: return QStringLiteral("US dollars");
    }
    return QStringLiteral("units");
}

Error parseErrorFor(const QuantityParseError &e, const QString &text, const Quota &q)
{
    const QString example = unitExample(q.unit);
    switch (e.reason) {
    case QuantityParseError::Reason::Empty:
        return Error::validation(QStringLiteral("The value for %1 is empty; give a limit like %2, \"inherit\" or "
                                                "\"unlimited\".")
                                     .arg(q.resource, example));
    case QuantityParseError::Reason::NotANumber:
        return Error::validation(QStringLiteral("\"%1\" is not a limit; give one like %2, \"inherit\" or \"unlimited\".")
                                     .arg(text, example));
    case QuantityParseError::Reason::Negative:
        return Error::validation(QStringLiteral("A limit cannot be negative (\"%1\").").arg(text));
    case QuantityParseError::Reason::UnknownSuffix:
        return Error::validation(QStringLiteral("\"%1\" is not a unit of %2 (measured in %3); write it like %4.")
                                     .arg(e.offending, q.resource, unitNoun(q.unit), example));
    case QuantityParseError::Reason::TooLarge:
        return Error::validation(QStringLiteral("\"%1\" is too large; a limit is at most 9223372036854775807 %2.")
                                     .arg(text, unitNoun(q.unit)));
    case QuantityParseError::Reason::Fractional:
        return Error::validation(QStringLiteral("\"%1\" is not a whole number of %2.").arg(text, unitNoun(q.unit)));
    }
    return Error::validation(QStringLiteral("\"%1\" is not a limit.").arg(text));
}

Error violationError(const QuotaViolation &v, const QString &text, const Quota &q)
{
    const QString bound = formatQuotaLimit(QuotaLimit::of(v.bound), q.unit);
    switch (v.reason) {
    case QuotaViolation::Reason::AboveParent:
        return Error::validation(QStringLiteral("The %1 limit %2 is above %3, the limit of %4; a sub-tenant cannot "
                                                "have more than its parent.")
                                     .arg(q.resource, text, bound, v.boundSlug));
    case QuotaViolation::Reason::BelowDescendant:
        return Error::validation(QStringLiteral("The %1 limit %2 is below %3, which sub-tenant %4 already has; lower "
                                                "that one first.")
                                     .arg(q.resource, text, bound, v.boundSlug));
    case QuotaViolation::Reason::UnlimitedUnderLimit:
        return Error::validation(QStringLiteral("%1 cannot be unlimited: %2 limits it to %3; use \"inherit\" to take "
                                                "that limit.")
                                     .arg(q.resource, v.boundSlug, bound));
    }
    return Error::validation(QStringLiteral("The %1 limit %2 is not allowed here.").arg(q.resource, text));
}

// What moved on in a quota row between reading it and writing it, for a conflict message.
QString conflictText(const Quota &before, const Quota &theirs, const QString &path)
{
    QStringList changes;
    if (before.version == 0)
        changes.append(QStringLiteral("another session set it to %1").arg(limitText(theirs.hardLimit, theirs.unit)));
    else if (before.hardLimit != theirs.hardLimit)
        changes.append(QStringLiteral("the limit went from %1 to %2")
                           .arg(before.hardLimit ? formatQuotaLimit(QuotaLimit::of(*before.hardLimit), before.unit)
                                                 : QStringLiteral("inherit"),
                                theirs.hardLimit ? formatQuotaLimit(QuotaLimit::of(*theirs.hardLimit), theirs.unit)
                                                 : QStringLiteral("inherit")));
    if (before.version != 0 && before.softThresholds != theirs.softThresholds)
        changes.append(QStringLiteral("the soft thresholds went from %1 to %2")
                           .arg(formatSoftThresholds(before.softThresholds), formatSoftThresholds(theirs.softThresholds)));
    changes.append(QStringLiteral("version %1 is now %2").arg(before.version).arg(theirs.version));
    return QStringLiteral("The %1 quota of %2 changed while this command ran (%3); nothing was written. Check it with "
                          "\"tenantctl quota get\" and try again.")
        .arg(before.resource, path, changes.join(QStringLiteral(", ")));
}

std::optional<Quota> quotaOf(const QList<Quota> &quotas, const QString &resource)
{
    for (const Quota &q : quotas) {
        if (q.resource == resource)
            return q;
    }
    return std::nullopt;
}

template<typename T>
Result<T> waitFor(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

int CtlApp::tenantCreate()
{
    QString problem;
    const std::optional<QString> name = takeValue(QStringLiteral("--name"), &problem);
    const std::optional<QString> tier = takeValue(QStringLiteral("--tier"), &problem);
    const std::optional<QString> parent = takeValue(QStringLiteral("--parent"), &problem);
    QStringList features;
    while (const std::optional<QString> f = takeValue(QStringLiteral("--feature"), &problem))
        features.append(f->split(u',', Qt::SkipEmptyParts));
    const bool inheritFlag = takeFlag(QStringLiteral("--inherit-quotas"));
    const bool tierQuotasFlag = takeFlag(QStringLiteral("--tier-quotas"));
    const bool inheritFeatures = takeFlag(QStringLiteral("--inherit-features"));
    QStringList positional;
    if (!takePositional({QStringLiteral("SLUG")}, &positional, &problem))
        return failUsage(problem);
    if (!name)
        return failUsage(QStringLiteral("tenant create needs --name NAME"));

    TenantDraft draft;
    draft.slug = positional.at(0);
    draft.displayName = *name;
    if (const std::optional<Error> e = validateSlug(draft.slug))
        return fail(*e);
    if (const std::optional<Error> e = validateDisplayName(draft.displayName))
        return fail(*e);
    if (tier) {
        const std::optional<Tier> t = tierFromKey(tier->trimmed().toLower());
        if (!t)
            return fail(Error::validation(QStringLiteral("There is no tier \"%1\"; the tiers are %2.")
                                              .arg(*tier, tierKeys().join(QStringLiteral(", ")))));
        draft.tier = *t;
    }
    for (const QString &f : std::as_const(features)) {
        const QString feature = f.trimmed();
        if (!knownFeatures().contains(feature))
            return fail(Error::validation(QStringLiteral("There is no feature \"%1\"; the features are %2.")
                                              .arg(feature, knownFeatures().join(QStringLiteral(", ")))));
        if (!draft.settings.features.contains(feature))
            draft.settings.features.append(feature);
    }
    draft.settings.inheritFeatures = inheritFeatures;
    if (inheritFlag && tierQuotasFlag)
        return failUsage(QStringLiteral("--tier-quotas and --inherit-quotas exclude each other"));
    // The console's default: presets for organisations, the parent's pool for sub-tenants.
    const bool inheritQuotas = inheritFlag || (parent && !tierQuotasFlag);
    draft.applyTierQuotas = !inheritQuotas;

    Error error;
    auto store = connectData(&error);
    if (!store)
        return fail(error);
    TenantResolver resolver(*store);
    ResolvedTenant created;
    if (parent) {
        const Result<ResolvedTenant> p = resolver.resolve(*parent);
        if (!p.ok())
            return fail(p.error());
        draft.parentId = p->tenant.id;
        created.ancestors = p->ancestors;
        created.ancestors.append(p->tenant);
    }
    const Result<Tenant> tenant = waitFor(store->createTenant(draft));
    if (!tenant.ok())
        return fail(tenant.error());
    created.tenant = tenant.value();
    if (m_json) {
        printJson(tenantJson(created));
    } else {
        const QString quotas = !inheritQuotas             ? QStringLiteral("quotas from the tier")
                               : created.ancestors.isEmpty() ? QStringLiteral("no quotas")
                                                             : QStringLiteral("quotas inherited from the parent");
        print(QStringLiteral("Created %1 (id %2, tier %3, %4).")
                  .arg(created.path(), idText(created.tenant.id), tierKey(created.tenant.tier), quotas));
    }
    return 0;
}

int CtlApp::tenantRename()
{
    QString problem;
    const std::optional<QString> slug = takeValue(QStringLiteral("--slug"), &problem);
    const std::optional<QString> name = takeValue(QStringLiteral("--name"), &problem);
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT")}, &positional, &problem))
        return failUsage(problem);
    if (!slug && !name)
        return failUsage(QStringLiteral("tenant rename needs --slug NEW, --name NEW or both"));
    if (slug) {
        if (const std::optional<Error> e = validateSlug(*slug))
            return fail(*e);
    }
    if (name) {
        if (const std::optional<Error> e = validateDisplayName(*name))
            return fail(*e);
    }

    Error error;
    ResolvedTenant target;
    auto store = connectResolved(positional.at(0), &target, &error);
    if (!store)
        return fail(error);
    TenantEdit edit;
    edit.id = target.tenant.id;
    edit.expectedVersion = target.tenant.version;
    edit.slug = slug;
    edit.displayName = name;
    const Result<Tenant> updated = waitFor(store->updateTenant(edit));
    if (!updated.ok())
        return fail(updated.error());
    const ResolvedTenant after{updated.value(), target.ancestors};
    if (m_json) {
        printJson(tenantJson(after));
        return 0;
    }
    QStringList changes;
    if (slug)
        changes.append(QStringLiteral("path %1").arg(after.path()));
    if (name)
        changes.append(QStringLiteral("name \"%1\"").arg(after.tenant.displayName));
    print(QStringLiteral("Renamed %1: %2.").arg(target.path(), changes.join(QStringLiteral(", "))));
    return 0;
}

int CtlApp::tenantMove()
{
    QString problem;
    const std::optional<QString> to = takeValue(QStringLiteral("--to"), &problem);
    const bool topLevel = takeFlag(QStringLiteral("--top-level"));
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT")}, &positional, &problem))
        return failUsage(problem);
    if (to.has_value() == topLevel)
        return failUsage(QStringLiteral("tenant move needs either --to PARENT or --top-level"));

    Error error;
    ResolvedTenant moving;
    auto store = connectResolved(positional.at(0), &moving, &error);
    if (!store)
        return fail(error);
    TenantResolver resolver(*store);
    ResolvedTenant after{moving.tenant, {}};
    if (to) {
        const Result<ResolvedTenant> parent = resolver.resolve(*to);
        if (!parent.ok())
            return fail(parent.error());
        const QUuid id = moving.tenant.id;
        const bool intoOwnSubtree = parent->tenant.id == id
                                    || std::any_of(parent->ancestors.cbegin(), parent->ancestors.cend(),
                                                   [&id](const Tenant &a) { return a.id == id; });
        if (intoOwnSubtree)
            return fail(Error::validation(QStringLiteral("Cannot move %1 under %2: that is inside its own subtree.")
                                              .arg(moving.path(), parent->path())));
        after.ancestors = parent->ancestors;
        after.ancestors.append(parent->tenant);
    }
    const QUuid newParent = after.ancestors.isEmpty() ? QUuid() : after.ancestors.last().id;
    const QString where = after.ancestors.isEmpty() ? QStringLiteral("the top level") : after.parentPath();
    if (newParent == moving.tenant.parentId) {
        if (m_json)
            printJson(tenantJson(moving));
        else
            print(QStringLiteral("%1 is already at %2; nothing changed.").arg(moving.path(), where));
        return 0;
    }
    const Result<Tenant> moved = waitFor(store->moveTenant(moving.tenant.id, moving.tenant.parentId, newParent));
    if (!moved.ok())
        return fail(moved.error());
    after.tenant = moved.value();
    if (m_json)
        printJson(tenantJson(after));
    else
        print(QStringLiteral("Moved %1 to %2.").arg(moving.path(), after.path()));
    return 0;
}

int CtlApp::tenantShow()
{
    QString problem;
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT")}, &positional, &problem))
        return failUsage(problem);
    Error error;
    ResolvedTenant t;
    auto store = connectResolved(positional.at(0), &t, &error);
    if (!store)
        return fail(error);
    if (m_json)
        printJson(tenantJson(t));
    else
        print(tenantText(t));
    return 0;
}

int CtlApp::tenantList()
{
    QString problem;
    const std::optional<QString> parentName = takeValue(QStringLiteral("--parent"), &problem);
    const bool all = takeFlag(QStringLiteral("--all"));
    QStringList positional;
    if (!takePositional({}, &positional, &problem))
        return failUsage(problem);

    Error error;
    auto store = connectData(&error);
    if (!store)
        return fail(error);
    ResolvedTenant root; // null tenant: the top level
    if (parentName) {
        TenantResolver resolver(*store);
        const Result<ResolvedTenant> p = resolver.resolve(*parentName);
        if (!p.ok())
            return fail(p.error());
        root = p.value();
    }

    QList<ResolvedTenant> listed;
    // Depth-first, each parent's children in slug order, page by page.
    std::function<std::optional<Error>(const QUuid &, const QList<Tenant> &)> walk =
        [&](const QUuid &parent, const QList<Tenant> &ancestors) -> std::optional<Error> {
        QString after;
        for (;;) {
            const Result<TenantPage> page = waitFor(store->children(parent, after));
            if (!page.ok())
                return page.error();
            for (const Tenant &t : page->tenants) {
                listed.append(ResolvedTenant{t, ancestors});
                if (all && t.childCount > 0) {
                    if (const std::optional<Error> e = walk(t.id, ancestors + QList<Tenant>{t}))
                        return e;
                }
            }
            if (!page->hasMore || page->tenants.isEmpty())
                return std::nullopt;
            after = page->tenants.last().slug;
        }
    };
    QList<Tenant> rootLine = root.ancestors;
    if (!root.tenant.id.isNull())
        rootLine.append(root.tenant);
    if (const std::optional<Error> e = walk(root.tenant.id, rootLine))
        return fail(*e);

    if (m_json) {
        QJsonArray rows;
        for (const ResolvedTenant &r : std::as_const(listed))
            rows.append(tenantJson(r));
        printJson(rows);
        return 0;
    }
    if (listed.isEmpty()) {
        print(root.tenant.id.isNull() ? QStringLiteral("No tenants.")
                                      : QStringLiteral("%1 has no sub-tenants.").arg(root.path()));
        return 0;
    }
    QList<QStringList> rows;
    for (const ResolvedTenant &r : std::as_const(listed)) {
        rows.append({r.path(), r.tenant.displayName, tierKey(r.tenant.tier), lifecycleStateKey(r.tenant.state),
                     QString::number(r.tenant.childCount), idText(r.tenant.id)});
    }
    print(table({QStringLiteral("PATH"), QStringLiteral("NAME"), QStringLiteral("TIER"), QStringLiteral("STATE"),
                 QStringLiteral("CHILDREN"), QStringLiteral("ID")},
                rows, {4}));
    return 0;
}

int CtlApp::quotaGet()
{
    QString problem;
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT")}, &positional, &problem))
        return failUsage(problem);
    Error error;
    ResolvedTenant t;
    auto store = connectResolved(positional.at(0), &t, &error);
    if (!store)
        return fail(error);
    const Result<QList<Quota>> quotas = waitFor(store->quotas(t.tenant.id));
    if (!quotas.ok())
        return fail(quotas.error());

    if (m_json) {
        QJsonArray rows;
        for (const Quota &q : quotas.value())
            rows.append(quotaJson(q));
        printJson(QJsonObject{{QStringLiteral("tenant_id"), idText(t.tenant.id)},
                              {QStringLiteral("path"), t.path()},
                              {QStringLiteral("tier"), tierKey(t.tenant.tier)},
                              {QStringLiteral("quotas"), rows}});
        return 0;
    }
    QList<QStringList> rows;
    for (const Quota &q : quotas.value()) {
        const std::optional<double> percent = usedPercent(q);
        rows.append({q.resource, limitText(q.effectiveLimit(), q.unit), quotaSource(q),
                     q.used ? formatQuantity(*q.used, q.unit) : QStringLiteral("-"),
                     percent ? QString::number(*percent, 'f', 1) + u'%' : QStringLiteral("-")});
    }
    print(table({QStringLiteral("RESOURCE"), QStringLiteral("LIMIT"), QStringLiteral("SOURCE"), QStringLiteral("USED"),
                 QStringLiteral("%")},
                rows, {3, 4}));
    return 0;
}

int CtlApp::quotaSet()
{
    QString problem;
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT"), QStringLiteral("RESOURCE"), QStringLiteral("VALUE")}, &positional,
                        &problem))
        return failUsage(problem);
    const QString resource = positional.at(1);
    const QString text = positional.at(2);

    Error error;
    ResolvedTenant t;
    auto store = connectResolved(positional.at(0), &t, &error);
    if (!store)
        return fail(error);
    const Result<QList<Quota>> quotas = waitFor(store->quotas(t.tenant.id));
    if (!quotas.ok())
        return fail(quotas.error());
    const std::optional<Quota> read = quotaOf(quotas.value(), resource);
    if (!read) {
        QStringList known;
        for (const Quota &q : quotas.value())
            known.append(q.resource);
        return fail(Error::validation(QStringLiteral("There is no resource \"%1\"; the resources are %2.")
                                          .arg(resource, known.join(QStringLiteral(", ")))));
    }
    const Quota before = *read;
    const auto parsed = parseQuotaLimit(text, before.unit);
    if (const auto *e = std::get_if<QuantityParseError>(&parsed))
        return fail(parseErrorFor(*e, text, before));
    const QuotaLimit limit = std::get<QuotaLimit>(parsed);
    if (const std::optional<QuotaViolation> v = checkQuotaLimit(before, limit))
        return fail(violationError(*v, formatQuotaLimit(limit, before.unit), before));

    QuotaChange change;
    change.tenantId = t.tenant.id;
    change.resource = resource;
    change.hardLimit = limit.stored();
    change.expectedVersion = before.version;
    const Result<QuotaWriteReport> report = waitFor(store->writeQuotas({change}));
    if (!report.ok())
        return fail(report.error());
    if (!report->applied())
        return fail(Error{ErrorKind::Conflict, conflictText(before, report->conflicts.first().theirs, t.path())});

    // Read back, so what is shown is what the database now says (inheritance included).
    const Result<QList<Quota>> now = waitFor(store->quotas(t.tenant.id));
    if (!now.ok())
        return fail(now.error());
    const Quota after = quotaOf(now.value(), resource).value_or(before);
    if (m_json) {
        printJson(QJsonObject{{QStringLiteral("tenant_id"), idText(t.tenant.id)},
                              {QStringLiteral("path"), t.path()},
                              {QStringLiteral("written"), report->written},
                              {QStringLiteral("unchanged"), report->unchanged},
                              {QStringLiteral("quota"), quotaJson(after)}});
        return 0;
    }
    auto describe = [](const Quota &q) {
        const QString l = limitText(q.effectiveLimit(), q.unit);
        return q.hardLimit || !q.parentLimit ? l : QStringLiteral("%1 inherited from %2").arg(l, q.parentLimitFromSlug);
    };
    if (report->written == 0)
        print(QStringLiteral("%1 of %2 already was %3; nothing changed.").arg(resource, t.path(), describe(after)));
    else
        print(QStringLiteral("Set %1 of %2 to %3 (was %4).").arg(resource, t.path(), describe(after), describe(before)));
    return 0;
}

int CtlApp::quotaApplyTier()
{
    QString problem;
    const bool subtree = takeFlag(QStringLiteral("--subtree"));
    const bool noCap = takeFlag(QStringLiteral("--no-cap"));
    QStringList positional;
    if (!takePositional({QStringLiteral("TENANT"), QStringLiteral("TIER")}, &positional, &problem))
        return failUsage(problem);
    const std::optional<Tier> tier = tierFromKey(positional.at(1).trimmed().toLower());
    if (!tier)
        return fail(Error::validation(QStringLiteral("There is no tier \"%1\"; the tiers are %2.")
                                          .arg(positional.at(1), tierKeys().join(QStringLiteral(", ")))));

    Error error;
    ResolvedTenant t;
    auto store = connectResolved(positional.at(0), &t, &error);
    if (!store)
        return fail(error);
    BulkQuotaRequest request;
    request.action = BulkQuotaRequest::Action::ApplyTier;
    request.tenants = {t.tenant.id};
    request.includeSubtrees = subtree;
    request.tier = *tier;
    request.capAtParent = !noCap;
    const Result<BulkQuotaReport> report = waitFor(store->bulkQuotas(request));
    if (!report.ok())
        return fail(report.error());
    const BulkQuotaReport &r = report.value();
    if (m_json) {
        QJsonArray perResource;
        for (const auto &p : r.perResource)
            perResource.append(QJsonObject{{QStringLiteral("resource"), p.first}, {QStringLiteral("written"), p.second}});
        printJson(QJsonObject{{QStringLiteral("tenant_id"), idText(t.tenant.id)},
                              {QStringLiteral("path"), t.path()},
                              {QStringLiteral("tier"), tierKey(*tier)},
                              {QStringLiteral("subtree"), subtree},
                              {QStringLiteral("tenants"), r.tenants},
                              {QStringLiteral("tiers_changed"), r.tiersChanged},
                              {QStringLiteral("written"), r.written},
                              {QStringLiteral("unchanged"), r.unchanged},
                              {QStringLiteral("capped"), r.capped},
                              {QStringLiteral("per_resource"), perResource}});
        return 0;
    }
    print(QStringLiteral("Applied tier %1 to %2%3: %4 tenant(s), %5 tier(s) changed, %6 quota row(s) written, %7 "
                         "unchanged, %8 capped at the parent's limit.")
              .arg(tierKey(*tier), t.path(), subtree ? QStringLiteral(" and its subtree") : QString())
              .arg(r.tenants)
              .arg(r.tiersChanged)
              .arg(r.written)
              .arg(r.unchanged)
              .arg(r.capped));
    return 0;
}

} // namespace tc
