#include "ctlapp.h"

#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace tc {

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

Exit codes: 0 success, 1 usage, 2 internal, 3 validation, 4 conflict, 5 permission denied,
6 not found, 8 connection, 9 schema version.
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

std::unique_ptr<PgStore> CtlApp::connectStore(Error *error)
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
    return store;
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
    m_args = m_args.mid(2);
    if (group == QLatin1String("db") && verb == QLatin1String("migrate"))
        return dbMigrate();
    if (group == QLatin1String("db") && verb == QLatin1String("status"))
        return dbStatus();
    if (group == QLatin1String("demo") && verb == QLatin1String("seed"))
        return demoSeed();
    if (group == QLatin1String("audit") && verb == QLatin1String("verify"))
        return auditVerify();
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

} // namespace tc
