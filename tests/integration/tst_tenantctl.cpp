// tenantctl as a user meets it: the built binary run as a process against a real PostgreSQL,
// judged by its exit code, standard output and standard error only. The functions run in
// declaration order and build on each other: the shared database starts empty, is migrated,
// seeded, verified and finally tampered with.

#include "models/store/schemamigrator.h"
#include "models/store/tiercatalog.h"
#include "tests/support/ctlrun.h"
#include "tests/support/pgtestdatabase.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>

#include <signal.h>

using tc::test::CtlRun;
using tc::test::PgTestDatabase;
using tc::test::cleanEnvironment;

namespace {

constexpr int kRunTimeoutMs = 120'000;
// Bad input must be refused at once; far longer than that means tenantctl hangs.
constexpr int kBadInputTimeoutMs = 30'000;

QString conninfoValue(const QString &conninfo, const QString &key)
{
    return QRegularExpression(QStringLiteral("(?:^|\\s)%1=(\\S+)").arg(key)).match(conninfo).captured(1);
}

// Re-serialised with sorted keys and no blanks, so JSON output compares as one exact string.
QString compactJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (doc.isNull())
        return QStringLiteral("invalid JSON (%1): %2").arg(error.errorString(), text);
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

class TstTenantctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusOfEmptyDatabaseListsPendingMigrations();
    void migrateAppliesOnceThenIsUpToDate();
    void libpqEnvironmentInsteadOfDb();
    void badInputFailsFastWithOneLine_data();
    void badInputFailsFastWithOneLine();
    void schemaNewerThanBinary();
    void demoSeedFillsOnlyAnEmptyDatabase();
    void demoSeedJsonOutput();
    void auditVerifyDetectsTampering();
    // Tenant and quota commands, on a database of their own (as an operator login), building
    // on each other: acme/eu/research, globex/eu.
    void tenantCreate();
    void tenantShow();
    void tenantList();
    void tenantNames_data();
    void tenantNames();
    void tenantRenameAndMove();
    void quotaGet();
    void quotaSet();
    void quotaSetRefused_data();
    void quotaSetRefused();
    void quotaApplyTier();
    void quotaSetConflict();
    void auditorCannotWrite();
    // Lifecycle commands, on a database of their own, building on each other: acme/eu/research,
    // acme/us, globex/emea, initech (with data), hooli, umbrella (with data).
    void lifecycleSetUp();
    void lifecycleSuspendCascades();
    void lifecycleShow();
    void lifecycleResumeReleases();
    void lifecycleDryRunChangesNothing();
    void lifecycleRefused_data();
    void lifecycleRefused();
    void lifecycleDeleteNeedsConfirmation();
    void lifecycleDeletionCap();
    void lifecycleCapPercent();
    void lifecycleRestore();
    void lifecyclePurge();
    void lifecyclePurgeInterrupted();
    void lifecycleAuditor();

private:
    CtlRun run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(),
               int timeoutMs = kRunTimeoutMs) const;
    QStringList withDb(const QStringList &args) const { return QStringList{QStringLiteral("--db"), m_db->conninfo()} + args; }
    // What `db status` prints for the migrations recorded in `db` (all of them applied).
    static QString appliedStatus(const PgTestDatabase &db);

    // tenantctl on the tenants database as `user` (default: the operator login).
    CtlRun ctl(const QStringList &args, const QString &user = {}) const;
    QString tenantsScalar(const QString &sql) const { return m_tenants->scalar(sql).toString(); }
    // The id of the tenant at `path` ("acme/eu"), read with SQL.
    QString idOf(const QString &path) const;

    // tenantctl on the lifecycle database as `user` (default: the operator login).
    CtlRun lc(const QStringList &args, const QString &user = {}) const;
    QString lcScalar(const QString &sql) const { return m_lifecycle->scalar(sql).toString(); }
    // The id of the tenant with `slug` (unique in the lifecycle database).
    QString lcId(const QString &slug) const
    {
        return lcScalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
    }
    // Every tenant as "slug|state|slug of the tenant holding it|own state", by slug.
    QStringList lcStates() const;
    // Everything a lifecycle command may write, as one string: a refused or dry run leaves it as it was.
    QString lcSnapshot() const;

    QString m_ctl;
    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PgTestDatabase> m_tenants;
    std::unique_ptr<PgTestDatabase> m_lifecycle;
    const QString m_operator = QStringLiteral("tst_tenantctl_operator");
    const QString m_auditor = QStringLiteral("tst_tenantctl_auditor");
};

void TstTenantctl::initTestCase()
{
    m_ctl = qEnvironmentVariable("TC_TENANTCTL");
    QVERIFY2(!m_ctl.isEmpty(), "TC_TENANTCTL not set: run the test through ctest");
    QVERIFY2(QFileInfo(m_ctl).isExecutable(), qPrintable(m_ctl));
    QVERIFY(!tc::SchemaMigrator::bundled().isEmpty());
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantctl"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_tenants = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantctl_tenants"));
    QVERIFY2(m_tenants->isValid(), qPrintable(m_tenants->error()));
    QVERIFY2(m_tenants->migrate(), qPrintable(m_tenants->error()));
    QVERIFY2(m_tenants->createLogin(m_operator, QStringLiteral("tenancy_operator")), qPrintable(m_tenants->error()));
    QVERIFY2(m_tenants->createLogin(m_auditor, QStringLiteral("tenancy_auditor")), qPrintable(m_tenants->error()));
}

CtlRun TstTenantctl::ctl(const QStringList &args, const QString &user) const
{
    return run(QStringList{QStringLiteral("--db"), m_tenants->conninfo(user.isEmpty() ? m_operator : user)} + args);
}

QString TstTenantctl::idOf(const QString &path) const
{
    QString sql = QStringLiteral("SELECT NULL::uuid AS id");
    for (const QString &slug : path.split(u'/')) {
        sql = QStringLiteral("SELECT t.id FROM tenancy.tenants t WHERE t.slug = '%1' "
                             "AND t.parent_id IS NOT DISTINCT FROM (%2)")
                  .arg(slug, sql);
    }
    return tenantsScalar(sql);
}

CtlRun TstTenantctl::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(m_ctl, args);
    CtlRun r;
    r.finished = process.waitForFinished(timeoutMs);
    if (!r.finished) {
        process.kill();
        process.waitForFinished();
    }
    r.status = process.exitStatus();
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

QString TstTenantctl::appliedStatus(const PgTestDatabase &db)
{
    // applied_at as tenantctl reads it: whole milliseconds, shown to the second, in UTC.
    const QStringList lines = db.rows(QStringLiteral(
        "SELECT lpad(version::text, 4, '0') || '  ' || rpad(name, greatest(24, length(name))) || '  ' "
        "    || CASE WHEN version <= %1 THEN rpad('applied', 10) ELSE 'unknown (newer release)' END || '  ' "
        "    || to_char(to_timestamp((extract(epoch FROM applied_at) * 1000)::bigint / 1000) AT TIME ZONE 'UTC', "
        "               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' ' || applied_by "
        "FROM tenancy.schema_migrations ORDER BY version")
                                             .arg(tc::SchemaMigrator::bundledVersion()));
    return lines.join(u'\n') + u'\n';
}

void TstTenantctl::statusOfEmptyDatabaseListsPendingMigrations()
{
    QString expected;
    for (const tc::Migration &m : tc::SchemaMigrator::bundled())
        expected += QStringLiteral("%1  %2  pending\n").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name, -24);
    QCOMPARE(expected.section(u'\n', 0, 0), QStringLiteral("0001  0001_init                 pending"));

    const CtlRun r = run(withDb({QStringLiteral("db"), QStringLiteral("status")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: %1 migration(s) pending; run \"tenantctl db migrate\".\n")
                        .arg(tc::SchemaMigrator::bundled().size()));
    QCOMPARE(r.out, expected);
    QCOMPARE(r.exitCode, 9);
    // Looking changed nothing.
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT to_regclass('tenancy.schema_migrations') IS NULL")).toString(),
             QStringLiteral("t"));
}

void TstTenantctl::migrateAppliesOnceThenIsUpToDate()
{
    const int count = int(tc::SchemaMigrator::bundled().size());
    const int version = tc::SchemaMigrator::bundledVersion();

    CtlRun r = run(withDb({QStringLiteral("db"), QStringLiteral("migrate")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Applied %1 migration(s); schema is at version %2.\n").arg(count).arg(version));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.schema_migrations")).toInt(), count);

    r = run(withDb({QStringLiteral("db"), QStringLiteral("migrate")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Schema is up to date (version %1).\n").arg(version));
    QCOMPARE(r.exitCode, 0);

    r = run(withDb({QStringLiteral("db"), QStringLiteral("status")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, appliedStatus(*m_db));
    QVERIFY(r.out.startsWith(QLatin1String("0001  0001_init                 applied     ")));
    QVERIFY(r.out.endsWith(u' ' + m_db->superuser() + u'\n'));
    QCOMPARE(r.exitCode, 0);

    r = run(withDb({QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("migrate")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(compactJson(r.out), QStringLiteral(R"({"applied":0,"version":%1})").arg(version));
    QCOMPARE(r.exitCode, 0);

    r = run(withDb({QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("status")}));
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(rows.size(), count);
    QCOMPARE(rows.at(0)[QLatin1String("name")].toString(), QStringLiteral("0001_init"));
    QCOMPARE(rows.at(0)[QLatin1String("state")].toString(), QStringLiteral("applied"));
    QCOMPARE(rows.at(0)[QLatin1String("applied_by")].toString(), m_db->superuser());
    QCOMPARE(r.exitCode, 0);
}

void TstTenantctl::libpqEnvironmentInsteadOfDb()
{
    const QString conninfo = m_db->conninfo();
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("PGHOST"), conninfoValue(conninfo, QStringLiteral("host")));
    env.insert(QStringLiteral("PGPORT"), conninfoValue(conninfo, QStringLiteral("port")));
    env.insert(QStringLiteral("PGUSER"), conninfoValue(conninfo, QStringLiteral("user")));
    env.insert(QStringLiteral("PGDATABASE"), conninfoValue(conninfo, QStringLiteral("dbname")));
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            QVERIFY2(!env.value(key).isEmpty(), qPrintable(key + QStringLiteral(" missing in ") + conninfo));
    }

    CtlRun r = run({QStringLiteral("db"), QStringLiteral("status")}, env);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, appliedStatus(*m_db));
    QCOMPARE(r.exitCode, 0);

    // The environment is really what it connects with: another database name is honoured ...
    QProcessEnvironment otherDatabase = env;
    otherDatabase.insert(QStringLiteral("PGDATABASE"), QStringLiteral("tst_tenantctl_no_such_db"));
    r = run({QStringLiteral("db"), QStringLiteral("status")}, otherDatabase, kBadInputTimeoutMs);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: The server has no database of that name; check the database name.\n"));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, 6);

    // ... and so is another port (nothing listens on it: the socket file doesn't exist).
    QProcessEnvironment otherPort = env;
    otherPort.insert(QStringLiteral("PGPORT"), QString::number(env.value(QStringLiteral("PGPORT")).toInt() + 1));
    r = run({QStringLiteral("db"), QStringLiteral("status")}, otherPort, kBadInputTimeoutMs);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 8);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: Could not reach the database server")), qPrintable(r.err));
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(r.out, QString());
}

void TstTenantctl::badInputFailsFastWithOneLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrStart"); // the one line of stderr starts so
    QTest::addColumn<QString>("knownBug");    // non-empty: fails today (reported)

    const QString db = QStringLiteral("--db");
    const QString status = QStringLiteral("status");
    const QStringList dbStatus{QStringLiteral("db"), status};
    const QStringList seed{db, m_db->conninfo(), QStringLiteral("demo"), QStringLiteral("seed")};
    QString noSuchDatabase = m_db->conninfo();
    noSuchDatabase.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=tst_tenantctl_no_such_db"));
    const QString invalidConninfo = QStringLiteral("tenantctl: The connection string is not valid");
    const QString none;

    QTest::newRow("malformed conninfo") << QStringList{db, QStringLiteral("host=x port")} + dbStatus << 8
                                        << invalidConninfo + QStringLiteral(": missing \"=\" after \"port\"") << none;
    QTest::newRow("malformed URI") << QStringList{db, QStringLiteral("postgresql://[bad")} + dbStatus << 8
                                   << invalidConninfo << none;
    QTest::newRow("unreachable server") << QStringList{db, QStringLiteral("host=/tmp/tc-nowhere")} + dbStatus << 8
                                        << QStringLiteral("tenantctl: Could not reach the database server;") << none;
    QTest::newRow("no such database") << QStringList{db, noSuchDatabase} + dbStatus << 6
                                      << QStringLiteral("tenantctl: The server has no database of that name;") << none;
    QTest::newRow("no such user") << QStringList{db, m_db->conninfo(QStringLiteral("tst_tenantctl_nobody"))} + dbStatus
                                  << 8 << QStringLiteral("tenantctl: The server has no such user;") << none;
    QTest::newRow("--db without value") << dbStatus + QStringList{db} << 1
                                        << QStringLiteral("tenantctl: --db needs a connection string") << none;
    QTest::newRow("no command") << QStringList() << 1 << QStringLiteral("tenantctl: no command given") << none;
    QTest::newRow("unknown command") << QStringList{db, m_db->conninfo(), QStringLiteral("frob"), QStringLiteral("nicate")}
                                     << 1 << QStringLiteral("tenantctl: unknown command \"frob nicate\"") << none;
    QTest::newRow("half a command") << QStringList{db, m_db->conninfo(), QStringLiteral("db")} << 1
                                    << QStringLiteral("tenantctl: unknown command \"db\"") << none;
    QTest::newRow("tenants not a number") << seed + QStringList{QStringLiteral("--tenants"), QStringLiteral("abc")} << 1
                                          << QStringLiteral("tenantctl: --tenants takes a whole number, not \"abc\"") << none;
    QTest::newRow("negative seed") << seed + QStringList{QStringLiteral("--seed"), QStringLiteral("-1")} << 1
                                   << QStringLiteral("tenantctl: --seed takes a whole number, not \"-1\"") << none;
    QTest::newRow("shape not fan-outs") << seed + QStringList{QStringLiteral("--shape"), QStringLiteral("10xq")} << 1
                                        << QStringLiteral("tenantctl: --shape takes fan-outs like 100x100") << none;
    QTest::newRow("unexpected argument") << seed + QStringList{QStringLiteral("now")} << 1
                                         << QStringLiteral("tenantctl: unexpected argument \"now\"") << none;
    QTest::newRow("two bad numbers")
        << seed + QStringList{QStringLiteral("--tenants"), QStringLiteral("abc"), QStringLiteral("--days"), QStringLiteral("xyz")}
        << 1 << QStringLiteral("tenantctl: --tenants takes a whole number, not \"abc\"") << none;
    QTest::newRow("no tenants") << seed + QStringList{QStringLiteral("--tenants"), QStringLiteral("0")} << 3
                                << QStringLiteral("tenantctl: --tenants must be between 1 and 1,000,000.") << none;
    QTest::newRow("depth 9") << seed + QStringList{QStringLiteral("--max-depth"), QStringLiteral("9")} << 3
                             << QStringLiteral("tenantctl: --max-depth must be between 1 and 8.") << none;
    QTest::newRow("negative days") << seed + QStringList{QStringLiteral("--days"), QStringLiteral("-1")} << 3
                                   << QStringLiteral("tenantctl: --days must be between 0 and 3650.") << none;
    QTest::newRow("shape with a zero") << seed + QStringList{QStringLiteral("--shape"), QStringLiteral("10x0")} << 3
                                       << QStringLiteral("tenantctl: Every level of a shape needs at least one tenant.")
                                       << none;
    QTest::newRow("json: validation") << QStringList{QStringLiteral("--json")} + seed
                                             + QStringList{QStringLiteral("--tenants"), QStringLiteral("0")}
                                      << 3
                                      << QStringLiteral(R"({"error":"validation","message":"--tenants must be between 1 and 1,000,000."})")
                                      << none;
    QTest::newRow("json: unreachable") << QStringList{QStringLiteral("--json"), db, QStringLiteral("host=/tmp/tc-nowhere")}
                                              + dbStatus
                                       << 8 << QStringLiteral(R"({"error":"unreachable","message":"Could not reach)") << none;

    // Tenant and quota commands: the command line is checked before connecting.
    const QStringList on{db, m_db->conninfo()};
    auto cmd = [&on](std::initializer_list<const char *> words) {
        QStringList args = on;
        for (const char *w : words)
            args.append(QString::fromUtf8(w));
        return args;
    };
    QTest::newRow("tenant without verb") << cmd({"tenant"}) << 1 << QStringLiteral("tenantctl: unknown command \"tenant\"")
                                         << none;
    QTest::newRow("tenant unknown verb") << cmd({"tenant", "delete", "acme"}) << 1
                                         << QStringLiteral("tenantctl: unknown command \"tenant delete\"") << none;
    QTest::newRow("create without slug") << cmd({"tenant", "create", "--name", "Acme"}) << 1
                                         << QStringLiteral("tenantctl: tenant create needs SLUG (see tenantctl --help)")
                                         << none;
    QTest::newRow("create without name") << cmd({"tenant", "create", "acme"}) << 1
                                         << QStringLiteral("tenantctl: tenant create needs --name NAME (see tenantctl --help)")
                                         << none;
    QTest::newRow("create name without value") << cmd({"tenant", "create", "acme", "--name"}) << 1
                                               << QStringLiteral("tenantctl: --name needs a value (see tenantctl --help)")
                                               << none;
    QTest::newRow("create two slugs") << cmd({"tenant", "create", "acme", "globex", "--name", "A"}) << 1
                                      << QStringLiteral("tenantctl: unexpected argument \"globex\" (see tenantctl --help)")
                                      << none;
    QTest::newRow("create unknown option") << cmd({"tenant", "create", "acme", "--name", "A", "--colour", "red"}) << 1
                                           << QStringLiteral("tenantctl: unknown option \"--colour\" for tenant create "
                                                             "(see tenantctl --help)")
                                           << none;
    QTest::newRow("create bad slug") << cmd({"tenant", "create", "ac me", "--name", "Acme"}) << 3
                                     << QStringLiteral("tenantctl: The slug may only contain letters a-z, digits, '_', '.' "
                                                       "and '-'; ' ' at position 3 is not allowed.")
                                     << none;
    QTest::newRow("create blank name") << cmd({"tenant", "create", "acme", "--name", " "}) << 3
                                       << QStringLiteral("tenantctl: The display name is empty; give 1 to 200 characters.")
                                       << none;
    QTest::newRow("create unknown tier") << cmd({"tenant", "create", "acme", "--name", "Acme", "--tier", "gold"}) << 3
                                         << QStringLiteral("tenantctl: There is no tier \"gold\"; the tiers are starter, "
                                                           "professional, enterprise.")
                                         << none;
    QTest::newRow("create unknown feature") << cmd({"tenant", "create", "acme", "--name", "Acme", "--feature", "warp"}) << 3
                                            << QStringLiteral("tenantctl: There is no feature \"warp\"; the features are "
                                                              "semantic_search, analytics, export, sso, audit_export, "
                                                              "custom_models.")
                                            << none;
    QTest::newRow("rename with nothing") << cmd({"tenant", "rename", "acme"}) << 1
                                         << QStringLiteral("tenantctl: tenant rename needs --slug NEW, --name NEW or both")
                                         << none;
    QTest::newRow("move nowhere") << cmd({"tenant", "move", "acme"}) << 1
                                  << QStringLiteral("tenantctl: tenant move needs either --to PARENT or --top-level") << none;
    QTest::newRow("move both ways") << cmd({"tenant", "move", "acme", "--to", "globex", "--top-level"}) << 1
                                    << QStringLiteral("tenantctl: tenant move needs either --to PARENT or --top-level")
                                    << none;
    QTest::newRow("show without tenant") << cmd({"tenant", "show"}) << 1
                                         << QStringLiteral("tenantctl: tenant show needs TENANT") << none;
    QTest::newRow("list with argument") << cmd({"tenant", "list", "acme"}) << 1
                                        << QStringLiteral("tenantctl: unexpected argument \"acme\"") << none;
    QTest::newRow("quota set without value") << cmd({"quota", "set", "acme", "items"}) << 1
                                             << QStringLiteral("tenantctl: quota set needs VALUE") << none;
    QTest::newRow("quota set nothing") << cmd({"quota", "set"}) << 1
                                       << QStringLiteral("tenantctl: quota set needs TENANT RESOURCE VALUE") << none;
    QTest::newRow("quota unknown verb") << cmd({"quota", "delete", "acme"}) << 1
                                        << QStringLiteral("tenantctl: unknown command \"quota delete\"") << none;
    QTest::newRow("apply-tier without tier") << cmd({"quota", "apply-tier", "acme"}) << 1
                                             << QStringLiteral("tenantctl: quota apply-tier needs TIER") << none;
    QTest::newRow("apply-tier unknown tier") << cmd({"quota", "apply-tier", "acme", "platinum"}) << 3
                                             << QStringLiteral("tenantctl: There is no tier \"platinum\"; the tiers are "
                                                               "starter, professional, enterprise.")
                                             << none;

    // Lifecycle commands: the command line is checked before connecting, too.
    const QString seeHelp = QStringLiteral(" (see tenantctl --help)");
    QTest::newRow("lifecycle without verb")
        << cmd({"lifecycle"}) << 1 << QStringLiteral("tenantctl: unknown command \"lifecycle\"") << none;
    QTest::newRow("lifecycle unknown verb")
        << cmd({"lifecycle", "freeze", "acme", "--reason", "x"}) << 1
        << QStringLiteral("tenantctl: unknown command \"lifecycle freeze\"") << none;
    QTest::newRow("suspend without reason")
        << cmd({"lifecycle", "suspend", "acme"}) << 1
        << QStringLiteral("tenantctl: lifecycle suspend needs --reason TEXT") + seeHelp << none;
    QTest::newRow("reason without value") << cmd({"lifecycle", "archive", "acme", "--reason"}) << 1
                                          << QStringLiteral("tenantctl: --reason needs a value") + seeHelp << none;
    QTest::newRow("suspend nothing") << cmd({"lifecycle", "suspend", "--reason", "x"}) << 1
                                     << QStringLiteral("tenantctl: lifecycle suspend needs TENANT") + seeHelp << none;
    QTest::newRow("confirm is for delete")
        << cmd({"lifecycle", "suspend", "acme", "--confirm", "acme", "--reason", "x"}) << 1
        << QStringLiteral("tenantctl: unknown option \"--confirm\" for lifecycle "
                          "suspend")
            + seeHelp
        << none;
    QTest::newRow("delete without confirm")
        << cmd({"lifecycle", "delete", "acme", "--reason", "x"}) << 1
        << QStringLiteral("tenantctl: lifecycle delete needs --confirm SLUG: the slug "
                          "of the tenant typed again")
            + seeHelp
        << none;
    QTest::newRow("delete two, one confirm")
        << cmd({"lifecycle", "delete", "acme", "globex", "--confirm", "acme", "--reason", "x"}) << 1
        << QStringLiteral(
               "tenantctl: lifecycle delete needs one --confirm SLUG per tenant, in the same order (2 tenants, "
               "1 --confirm)")
            + seeHelp
        << none;
    QTest::newRow("show without tenant") << cmd({"lifecycle", "show"}) << 1
                                         << QStringLiteral("tenantctl: lifecycle show needs TENANT") + seeHelp << none;
    QTest::newRow("purge batch 0") << cmd({"lifecycle", "purge", "--batch", "0"}) << 1
                                   << QStringLiteral("tenantctl: --batch takes a whole number of rows, at least 1, not "
                                                     "\"0\"")
            + seeHelp << none;
    QTest::newRow("purge with tenant") << cmd({"lifecycle", "purge", "acme"}) << 1
                                       << QStringLiteral("tenantctl: unexpected argument \"acme\"") + seeHelp << none;
    QTest::newRow("cap percent not a number")
        << cmd({"lifecycle", "cap", "--percent", "lots"}) << 1
        << QStringLiteral("tenantctl: --percent takes a number from 0 to 100, not "
                          "\"lots\"")
            + seeHelp
        << none;
    QTest::newRow("cap percent above 100")
        << cmd({"lifecycle", "cap", "--percent", "150"}) << 3
        << QStringLiteral("tenantctl: The deletion cap is a share of the tenants from "
                          "0 to 100 %; 150 is outside it.")
        << none;
}

void TstTenantctl::badInputFailsFastWithOneLine()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrStart);
    QFETCH(QString, knownBug);

    const CtlRun r = run(args, cleanEnvironment(), kBadInputTimeoutMs);
    QVERIFY2(r.finished, "tenantctl did not finish within 30 s");
    QVERIFY2(r.status == QProcess::NormalExit, qPrintable(r.summary()));
    QVERIFY2(!r.err.contains(QLatin1String("terminate called")) && !r.err.contains(QLatin1String("ASSERT")),
             qPrintable(r.err));
    QVERIFY2(r.errLines().value(0).startsWith(stderrStart), qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, exitCode);
    if (!knownBug.isEmpty())
        QEXPECT_FAIL("", qPrintable(knownBug), Continue);
    QCOMPARE(r.errLines().size(), 1);
}

void TstTenantctl::schemaNewerThanBinary()
{
    PgTestDatabase db(QStringLiteral("tst_tenantctl_newer"));
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    QVERIFY2(db.migrate(), qPrintable(db.error()));
    QCOMPARE(db.exec(QStringLiteral("INSERT INTO tenancy.schema_migrations (version, name, checksum) "
                                    "VALUES (9999, '9999_from_the_future', 'unknown')")),
             QString());
    const QStringList dbArg{QStringLiteral("--db"), db.conninfo()};

    CtlRun r = run(dbArg + QStringList{QStringLiteral("db"), QStringLiteral("migrate")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: The database schema is at version 9999, newer than this release knows "
                                   "(%1); use the newer tenantctl that migrated it.\n")
                        .arg(tc::SchemaMigrator::bundledVersion()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, 9);
    QStringList versions;
    for (const tc::Migration &m : tc::SchemaMigrator::bundled())
        versions.append(QString::number(m.version));
    QCOMPARE(db.rows(QStringLiteral("SELECT version FROM tenancy.schema_migrations ORDER BY version")),
             versions + QStringList{QStringLiteral("9999")});

    r = run(dbArg + QStringList{QStringLiteral("db"), QStringLiteral("status")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: the database has migrations this release does not know; use the newer "
                                   "tenantctl that applied them.\n"));
    QCOMPARE(r.out, appliedStatus(db));
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("^9999  9999_from_the_future\\s+unknown \\(newer release\\)  "),
                                               QRegularExpression::MultilineOption)),
             qPrintable(r.out));
    QCOMPARE(r.exitCode, 9);
}

void TstTenantctl::demoSeedFillsOnlyAnEmptyDatabase()
{
    const QStringList seed = withDb({QStringLiteral("demo"), QStringLiteral("seed"), QStringLiteral("--tenants"),
                                     QStringLiteral("120"), QStringLiteral("--days"), QStringLiteral("2"),
                                     QStringLiteral("--memories"), QStringLiteral("3"), QStringLiteral("--seed"),
                                     QStringLiteral("5")});
    CtlRun r = run(seed);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    const QString quotas = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.quotas")).toString();
    const QString memories = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.memories")).toString();
    QVERIFY(quotas.toInt() > 0);
    QVERIFY(memories.toInt() > 0);
    QCOMPARE(r.errLines(), QStringList({QStringLiteral("  generated 120 tenants"),
                                        QStringLiteral("  wrote 120 tenants and %1 quotas").arg(quotas),
                                        QStringLiteral("  committed; updating planner statistics")}));
    const QRegularExpression done(
        QStringLiteral("^Seeded 120 tenants, %1 quotas, 17280 usage samples and %2 memories in \\d+\\.\\d s\\.\\n$")
            .arg(quotas, memories));
    QVERIFY2(done.match(r.out).hasMatch(), qPrintable(r.out));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt(), 120);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.usage_samples")).toInt(), 120 * 3 * 48);

    r = run(seed);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: The database already has 120 tenants; demo data is only seeded into an "
                                   "empty database (use --if-empty to skip quietly).\n"));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, 3);

    r = run(seed + QStringList{QStringLiteral("--if-empty")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("The database already has tenants; nothing seeded.\n"));
    QCOMPARE(r.exitCode, 0);

    r = run(QStringList{QStringLiteral("--json")} + seed + QStringList{QStringLiteral("--if-empty")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(compactJson(r.out),
             QStringLiteral(R"({"memories":0,"quotas":0,"seconds":0,"skipped":true,"tenants":0,"usage_samples":0})"));
    QCOMPARE(r.exitCode, 0);

    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt(), 120);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'demo.seed'")).toInt(), 1);
}

void TstTenantctl::demoSeedJsonOutput()
{
    PgTestDatabase db(QStringLiteral("tst_tenantctl_json"));
    QVERIFY2(db.isValid(), qPrintable(db.error()));
    QVERIFY2(db.migrate(), qPrintable(db.error()));

    const CtlRun r = run({QStringLiteral("--json"), QStringLiteral("--db"), db.conninfo(), QStringLiteral("demo"),
                          QStringLiteral("seed"), QStringLiteral("--tenants"), QStringLiteral("10"),
                          QStringLiteral("--days"), QStringLiteral("0"), QStringLiteral("--memories"),
                          QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("1")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString()); // no progress lines in machine output
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.keys(), QStringList({QStringLiteral("memories"), QStringLiteral("quotas"), QStringLiteral("seconds"),
                                    QStringLiteral("skipped"), QStringLiteral("tenants"), QStringLiteral("usage_samples")}));
    QCOMPARE(o[QLatin1String("skipped")], QJsonValue(false));
    QCOMPARE(o[QLatin1String("tenants")], QJsonValue(10));
    QCOMPARE(o[QLatin1String("quotas")], QJsonValue(db.scalar(QStringLiteral("SELECT count(*) FROM tenancy.quotas")).toInt()));
    QCOMPARE(o[QLatin1String("usage_samples")], QJsonValue(0));
    QCOMPARE(o[QLatin1String("memories")], QJsonValue(0));
    QVERIFY(o[QLatin1String("seconds")].isDouble() && o[QLatin1String("seconds")].toDouble() >= 0);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt(), 10);
}

void TstTenantctl::auditVerifyDetectsTampering()
{
    // A change after the seed, so the chain has more than one link.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = display_name || ' (renamed)' "
                                       "WHERE id = (SELECT id FROM tenancy.tenants ORDER BY id LIMIT 1)")),
             QString());
    const int entries = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toInt();
    QCOMPARE(entries, 2);

    const QStringList verify = withDb({QStringLiteral("audit"), QStringLiteral("verify")});
    const QStringList verifyJson = QStringList{QStringLiteral("--json")} + verify;
    CtlRun r = run(verify);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Audit log intact: %1 entries verified.\n").arg(entries));
    QCOMPARE(r.exitCode, 0);

    r = run(verifyJson);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(compactJson(r.out), QStringLiteral(R"({"checked":%1,"first_bad_id":null,"ok":true})").arg(entries));
    QCOMPARE(r.exitCode, 0);

    // Only a superuser (or the schema owner) can do this; the chain still gives it away.
    const QString first = m_db->scalar(QStringLiteral("SELECT min(id) FROM tenancy.audit_log")).toString();
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.audit_log SET actor = 'x' WHERE id = %1").arg(first)), QString());

    r = run(verify);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: the audit log is broken at entry %1 (after 0 good entries); it was "
                                   "altered outside the triggers.\n")
                        .arg(first));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, 3);

    r = run(verifyJson);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(compactJson(r.out), QStringLiteral(R"({"checked":0,"first_bad_id":%1,"ok":false})").arg(first));
    QCOMPARE(r.exitCode, 3);
}

namespace {

QJsonObject jsonObject(const CtlRun &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QStringList jsonStrings(const QJsonArray &array, const QString &key)
{
    QStringList out;
    for (const QJsonValue &v : array)
        out.append(v[key].toString());
    return out;
}

// The lines of `tenant show`: key -> value, and the column the values start in.
QHash<QString, QString> keyValueLines(const QString &text, QSet<qsizetype> *valueColumns)
{
    QHash<QString, QString> out;
    const QRegularExpression line(QStringLiteral("^(\\S+(?: \\S+)*)( {2,})(.*)$"));
    for (const QString &l : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch m = line.match(l);
        if (!m.hasMatch())
            continue;
        out.insert(m.captured(1), m.captured(3));
        valueColumns->insert(m.capturedStart(3));
    }
    return out;
}

} // namespace

void TstTenantctl::tenantCreate()
{
    CtlRun r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("acme"), QStringLiteral("--name"),
                    QStringLiteral("Acme Corp"), QStringLiteral("--tier"), QStringLiteral("professional"),
                    QStringLiteral("--feature"), QStringLiteral("sso"), QStringLiteral("--feature"),
                    QStringLiteral("export")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    const QString acme = idOf(QStringLiteral("acme"));
    QVERIFY(!acme.isEmpty());
    QCOMPARE(r.out, QStringLiteral("Created acme (id %1, tier professional, quotas from the tier).\n").arg(acme));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_tenants->rows(QStringLiteral("SELECT display_name, tier, state, settings->>'features', "
                                            "settings->>'inherit_features', parent_id IS NULL FROM tenancy.tenants")),
             QStringList{QStringLiteral("Acme Corp|professional|active|[\"sso\", \"export\"]|false|t")});
    // The professional preset, row by row.
    QStringList preset;
    for (const auto &[resource, limit] : tc::TierCatalog::preset(tc::Tier::Professional)->quotas)
        preset.append(resource + u'|' + (limit ? QString::number(*limit) : QString()));
    preset.sort();
    QCOMPARE(m_tenants->rows(QStringLiteral("SELECT resource || '|' || coalesce(hard_limit::text, '') FROM tenancy.quotas "
                                            "WHERE tenant_id = '%1' ORDER BY 1")
                                 .arg(acme)),
             preset);
    // The write names the login, not the superuser.
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT string_agg(DISTINCT actor, ',') FROM tenancy.audit_log "
                                          "WHERE tenant_id = '%1'")
                               .arg(acme)),
             m_operator);

    // Machine output, under a parent named by its slug.
    r = ctl({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("eu"),
             QStringLiteral("--name"), QStringLiteral("Acme Europe"), QStringLiteral("--parent"), QStringLiteral("acme"),
             QStringLiteral("--tier-quotas")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o.keys(), QStringList({QStringLiteral("children"), QStringLiteral("created_at"), QStringLiteral("depth"),
                                    QStringLiteral("display_name"), QStringLiteral("features"), QStringLiteral("id"),
                                    QStringLiteral("inherit_features"), QStringLiteral("parent_id"), QStringLiteral("path"),
                                    QStringLiteral("prevent_deletion"), QStringLiteral("purge_after"),
                                    QStringLiteral("retention_days"), QStringLiteral("slug"), QStringLiteral("state"),
                                    QStringLiteral("state_changed_at"), QStringLiteral("tier"),
                                    QStringLiteral("updated_at"), QStringLiteral("version")}));
    QCOMPARE(o[QLatin1String("id")].toString(), idOf(QStringLiteral("acme/eu")));
    QCOMPARE(o[QLatin1String("parent_id")].toString(), acme);
    QCOMPARE(o[QLatin1String("slug")].toString(), QStringLiteral("eu"));
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme/eu"));
    QCOMPARE(o[QLatin1String("depth")].toInt(), 2);
    QCOMPARE(o[QLatin1String("display_name")].toString(), QStringLiteral("Acme Europe"));
    QCOMPARE(o[QLatin1String("tier")].toString(), QStringLiteral("starter"));
    QCOMPARE(o[QLatin1String("state")].toString(), QStringLiteral("active"));
    QCOMPARE(o[QLatin1String("version")].toInteger(), tenantsScalar(QStringLiteral("SELECT version FROM tenancy.tenants "
                                                                                    "WHERE id = '%1'")
                                                                         .arg(idOf(QStringLiteral("acme/eu"))))
                                                          .toLongLong());
    QCOMPARE(o[QLatin1String("children")].toInt(), 0);
    QCOMPARE(o[QLatin1String("features")].toArray(), QJsonArray());
    QCOMPARE(o[QLatin1String("inherit_features")].toBool(true), false);
    QCOMPARE(o[QLatin1String("retention_days")].toInt(), 90);
    QVERIFY(o[QLatin1String("purge_after")].isNull());
    QVERIFY2(o[QLatin1String("created_at")].toString().endsWith(u'Z'), qPrintable(r.out));
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT hard_limit FROM tenancy.quotas WHERE tenant_id = '%1' AND resource = 'items'")
                               .arg(idOf(QStringLiteral("acme/eu")))),
             QStringLiteral("100000"));

    // A parent named by its path.
    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("research"), QStringLiteral("--name"),
             QStringLiteral("Research"), QStringLiteral("--parent"), QStringLiteral("acme/eu"),
             QStringLiteral("--inherit-features")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    // A sub-tenant shares its parent's limits unless asked otherwise, as in the console.
    QCOMPARE(r.out, QStringLiteral("Created acme/eu/research (id %1, tier starter, quotas inherited from the parent).\n")
                        .arg(idOf(QStringLiteral("acme/eu/research"))));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.quotas WHERE tenant_id = '%1'")
                               .arg(idOf(QStringLiteral("acme/eu/research")))),
             QStringLiteral("0"));
    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("x"), QStringLiteral("--name"),
             QStringLiteral("X"), QStringLiteral("--tier-quotas"), QStringLiteral("--inherit-quotas")});
    QCOMPARE(r.exitCode, 1);

    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("globex"), QStringLiteral("--name"),
             QStringLiteral("Globex")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    const QString globex = idOf(QStringLiteral("globex"));

    // A parent named by its id; no own quotas.
    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("eu"), QStringLiteral("--name"),
             QStringLiteral("Globex Europe"), QStringLiteral("--parent"), globex, QStringLiteral("--inherit-quotas")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Created globex/eu (id %1, tier starter, quotas inherited from the parent).\n")
                        .arg(idOf(QStringLiteral("globex/eu"))));
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.quotas WHERE tenant_id = '%1'")
                               .arg(idOf(QStringLiteral("globex/eu")))),
             QStringLiteral("0"));

    // The same slug twice under one parent: refused, nothing written.
    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("eu"), QStringLiteral("--name"),
             QStringLiteral("Again"), QStringLiteral("--parent"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: ")) && r.err.contains(QLatin1String("\"eu\"")), qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")), QStringLiteral("5"));
}

void TstTenantctl::tenantShow()
{
    const QString research = idOf(QStringLiteral("acme/eu/research"));
    CtlRun r = ctl({QStringLiteral("tenant"), QStringLiteral("show"), QStringLiteral("research")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QSet<qsizetype> columns;
    const QHash<QString, QString> shown = keyValueLines(r.out, &columns);
    QCOMPARE(r.out.count(u'\n'), 15);
    QCOMPARE(shown.size(), 15);
    QCOMPARE(columns, QSet<qsizetype>{qsizetype(QStringLiteral("prevent deletion  ").size())}); // one value column
    QCOMPARE(shown.value(QStringLiteral("id")), research);
    QCOMPARE(shown.value(QStringLiteral("slug")), QStringLiteral("research"));
    QCOMPARE(shown.value(QStringLiteral("name")), QStringLiteral("Research"));
    QCOMPARE(shown.value(QStringLiteral("path")), QStringLiteral("acme/eu/research"));
    QCOMPARE(shown.value(QStringLiteral("parent")), QStringLiteral("acme/eu (%1)").arg(idOf(QStringLiteral("acme/eu"))));
    QCOMPARE(shown.value(QStringLiteral("tier")), QStringLiteral("starter"));
    const QRegularExpression utc(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$"));
    QVERIFY2(shown.value(QStringLiteral("state")).startsWith(QLatin1String("active since ")), qPrintable(r.out));
    QVERIFY2(utc.match(shown.value(QStringLiteral("state")).mid(13)).hasMatch(), qPrintable(r.out));
    QCOMPARE(shown.value(QStringLiteral("version")),
             tenantsScalar(QStringLiteral("SELECT version FROM tenancy.tenants WHERE id = '%1'").arg(research)));
    QCOMPARE(shown.value(QStringLiteral("children")), QStringLiteral("0"));
    QCOMPARE(shown.value(QStringLiteral("features")), QStringLiteral("none"));
    QCOMPARE(shown.value(QStringLiteral("inherit features")), QStringLiteral("yes"));
    QCOMPARE(shown.value(QStringLiteral("retention")), QStringLiteral("90 days"));
    QCOMPARE(shown.value(QStringLiteral("prevent deletion")), QStringLiteral("no"));
    QVERIFY2(utc.match(shown.value(QStringLiteral("created"))).hasMatch(), qPrintable(r.out));
    QVERIFY2(utc.match(shown.value(QStringLiteral("updated"))).hasMatch(), qPrintable(r.out));

    r = ctl({QStringLiteral("tenant"), QStringLiteral("show"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    const QHash<QString, QString> top = keyValueLines(r.out, &columns);
    QCOMPARE(top.value(QStringLiteral("parent")), QStringLiteral("(top level)"));
    QCOMPARE(top.value(QStringLiteral("tier")), QStringLiteral("professional"));
    QCOMPARE(top.value(QStringLiteral("features")), QStringLiteral("sso, export"));
    QCOMPARE(top.value(QStringLiteral("children")), QStringLiteral("1"));

    r = ctl({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("show"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = jsonObject(r);
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme"));
    QVERIFY(o[QLatin1String("parent_id")].isNull());
    QCOMPARE(o[QLatin1String("depth")].toInt(), 1);
    QCOMPARE(o[QLatin1String("features")].toArray(), QJsonArray({QStringLiteral("sso"), QStringLiteral("export")}));
    QCOMPARE(o[QLatin1String("children")].toInt(), 1);
}

void TstTenantctl::tenantList()
{
    const QString list = QStringLiteral("list");
    const QString tenant = QStringLiteral("tenant");
    CtlRun r = ctl({tenant, list});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    const QString acme = idOf(QStringLiteral("acme"));
    const QString globex = idOf(QStringLiteral("globex"));
    // Aligned columns: the widest cell of each column sets its width.
    QCOMPARE(r.out, QStringLiteral("PATH    NAME       TIER          STATE   CHILDREN  ID\n"
                                   "acme    Acme Corp  professional  active         1  %1\n"
                                   "globex  Globex     starter       active         1  %2\n")
                        .arg(acme, globex));

    r = ctl({QStringLiteral("--json"), tenant, list, QStringLiteral("--all")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    const QJsonArray all = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(jsonStrings(all, QStringLiteral("path")),
             QStringList({QStringLiteral("acme"), QStringLiteral("acme/eu"), QStringLiteral("acme/eu/research"),
                          QStringLiteral("globex"), QStringLiteral("globex/eu")}));
    QCOMPARE(jsonStrings(all, QStringLiteral("id")),
             QStringList({acme, idOf(QStringLiteral("acme/eu")), idOf(QStringLiteral("acme/eu/research")), globex,
                          idOf(QStringLiteral("globex/eu"))}));

    r = ctl({QStringLiteral("--json"), tenant, list, QStringLiteral("--parent"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(jsonStrings(QJsonDocument::fromJson(r.out.toUtf8()).array(), QStringLiteral("path")),
             QStringList{QStringLiteral("acme/eu")});

    r = ctl({QStringLiteral("--json"), tenant, list, QStringLiteral("--parent"), QStringLiteral("acme"),
             QStringLiteral("--all")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(jsonStrings(QJsonDocument::fromJson(r.out.toUtf8()).array(), QStringLiteral("path")),
             QStringList({QStringLiteral("acme/eu"), QStringLiteral("acme/eu/research")}));

    r = ctl({tenant, list, QStringLiteral("--parent"), QStringLiteral("research")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QStringLiteral("acme/eu/research has no sub-tenants.\n"));
    QCOMPARE(r.exitCode, 0);
}

void TstTenantctl::tenantNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("path");   // when found
    QTest::addColumn<QString>("errLine"); // when not

    QTest::newRow("unique slug") << QStringLiteral("research") << 0 << QStringLiteral("acme/eu/research") << QString();
    QTest::newRow("path") << QStringLiteral("acme/eu") << 0 << QStringLiteral("acme/eu") << QString();
    QTest::newRow("other path") << QStringLiteral("globex/eu") << 0 << QStringLiteral("globex/eu") << QString();
    QTest::newRow("path from the root") << QStringLiteral("/acme/eu/research") << 0 << QStringLiteral("acme/eu/research")
                                        << QString();
    QTest::newRow("top-level path") << QStringLiteral("globex") << 0 << QStringLiteral("globex") << QString();
    QTest::newRow("ambiguous slug")
        << QStringLiteral("eu") << 3 << QString()
        << QStringLiteral("tenantctl: The slug \"eu\" names 2 tenants: acme/eu, globex/eu; name one by its path or id.\n");
    QTest::newRow("slugs are case-sensitive") << QStringLiteral("ACME") << 6 << QString()
                                              << QStringLiteral("tenantctl: No tenant has the slug \"ACME\".\n");
    QTest::newRow("substring is not a slug") << QStringLiteral("acm") << 6 << QString()
                                             << QStringLiteral("tenantctl: No tenant has the slug \"acm\".\n");
    QTest::newRow("no such top level") << QStringLiteral("initech/eu") << 6 << QString()
                                       << QStringLiteral("tenantctl: No top-level tenant has the slug \"initech\".\n");
    QTest::newRow("not below") << QStringLiteral("acme/research") << 6 << QString()
                               << QStringLiteral("tenantctl: acme has no sub-tenant \"research\".\n");
    QTest::newRow("empty path segment") << QStringLiteral("acme//eu") << 3 << QString()
                                        << QStringLiteral("tenantctl: \"acme//eu\" is not a tenant path; a path is slugs "
                                                          "from the top joined with '/', like acme/eu.\n");
    QTest::newRow("display name") << QStringLiteral("Acme Corp") << 6 << QString()
                                  << QStringLiteral("tenantctl: No tenant is named \"Acme Corp\"; name one by its slug, "
                                                    "its path (acme/eu) or its id.\n");
    QTest::newRow("unknown id") << QStringLiteral("00000000-0000-4000-8000-000000000001") << 6 << QString()
                                << QStringLiteral("tenantctl: No tenant has the id or slug "
                                                  "\"00000000-0000-4000-8000-000000000001\".\n");
    QTest::newRow("unknown id in braces") << QStringLiteral("{00000000-0000-4000-8000-000000000001}") << 6 << QString()
                                          << QStringLiteral("tenantctl: Tenant 00000000-0000-4000-8000-000000000001 "
                                                            "does not exist (any more).\n");
}

void TstTenantctl::tenantNames()
{
    QFETCH(QString, name);
    QFETCH(int, exitCode);
    QFETCH(QString, path);
    QFETCH(QString, errLine);

    CtlRun r = ctl({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("show"), name});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    if (exitCode == 0) {
        QCOMPARE(r.err, QString());
        QCOMPARE(jsonObject(r)[QLatin1String("path")].toString(), path);
        QCOMPARE(jsonObject(r)[QLatin1String("id")].toString(), idOf(path));
        // The id names the same tenant, with or without braces.
        const QString id = idOf(path);
        for (const QString &byId : {id, u'{' + id + u'}'}) {
            const CtlRun again = ctl({QStringLiteral("--json"), QStringLiteral("tenant"), QStringLiteral("show"), byId});
            QCOMPARE(again.exitCode, 0);
            QCOMPARE(jsonObject(again)[QLatin1String("path")].toString(), path);
        }
    } else {
        // Without --json: the one line of stderr.
        r = ctl({QStringLiteral("tenant"), QStringLiteral("show"), name});
        QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
        QCOMPARE(r.err, errLine);
        QCOMPARE(r.out, QString());
    }
    QCOMPARE(r.exitCode, exitCode);
}

void TstTenantctl::tenantRenameAndMove()
{
    const QString tenant = QStringLiteral("tenant");
    const QString globexEu = idOf(QStringLiteral("globex/eu"));
    const qint64 versionBefore = tenantsScalar(QStringLiteral("SELECT version FROM tenancy.tenants WHERE id = '%1'")
                                                   .arg(globexEu))
                                     .toLongLong();
    CtlRun r = ctl({tenant, QStringLiteral("rename"), QStringLiteral("globex/eu"), QStringLiteral("--slug"),
                    QStringLiteral("emea"), QStringLiteral("--name"), QStringLiteral("Globex EMEA")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Renamed globex/eu: path globex/emea, name \"Globex EMEA\".\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_tenants->rows(QStringLiteral("SELECT slug, display_name FROM tenancy.tenants WHERE id = '%1'").arg(globexEu)),
             QStringList{QStringLiteral("emea|Globex EMEA")});
    QVERIFY(tenantsScalar(QStringLiteral("SELECT version FROM tenancy.tenants WHERE id = '%1'").arg(globexEu)).toLongLong()
            > versionBefore);
    // "eu" is unique now.
    r = ctl({QStringLiteral("--json"), tenant, QStringLiteral("rename"), QStringLiteral("eu"), QStringLiteral("--name"),
             QStringLiteral("Acme EU")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonObject(r)[QLatin1String("path")].toString(), QStringLiteral("acme/eu"));
    QCOMPARE(jsonObject(r)[QLatin1String("display_name")].toString(), QStringLiteral("Acme EU"));
    // A rename onto a sibling's slug is refused.
    r = ctl({tenant, QStringLiteral("rename"), QStringLiteral("globex"), QStringLiteral("--slug"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug = 'globex'")), QStringLiteral("1"));

    // Move a subtree to another parent.
    const QString research = idOf(QStringLiteral("acme/eu/research"));
    r = ctl({tenant, QStringLiteral("move"), QStringLiteral("research"), QStringLiteral("--to"), QStringLiteral("globex")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Moved acme/eu/research to globex/research.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(idOf(QStringLiteral("globex/research")), research);

    // Into its own subtree: refused before anything is written, with a line naming both.
    const QString before = m_tenants->rows(QStringLiteral("SELECT id || ' ' || coalesce(parent_id::text, '-') FROM "
                                                          "tenancy.tenants ORDER BY id"))
                               .join(u',');
    r = ctl({tenant, QStringLiteral("move"), QStringLiteral("acme"), QStringLiteral("--to"), QStringLiteral("acme/eu")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: Cannot move acme under acme/eu: that is inside its own subtree.\n"));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, 3);
    r = ctl({tenant, QStringLiteral("move"), QStringLiteral("acme"), QStringLiteral("--to"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QStringLiteral("tenantctl: Cannot move acme under acme: that is inside its own subtree.\n"));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(m_tenants->rows(QStringLiteral("SELECT id || ' ' || coalesce(parent_id::text, '-') FROM tenancy.tenants "
                                            "ORDER BY id"))
                 .join(u','),
             before);

    // To the top level and back, in machine output.
    r = ctl({QStringLiteral("--json"), tenant, QStringLiteral("move"), QStringLiteral("globex/research"),
             QStringLiteral("--top-level")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("research"));
    QVERIFY(o[QLatin1String("parent_id")].isNull());
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT parent_id IS NULL FROM tenancy.tenants WHERE id = '%1'").arg(research)),
             QStringLiteral("t"));
    r = ctl({QStringLiteral("--json"), tenant, QStringLiteral("move"), research, QStringLiteral("--to"),
             QStringLiteral("acme/eu")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    o = jsonObject(r);
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme/eu/research"));
    QCOMPARE(o[QLatin1String("parent_id")].toString(), idOf(QStringLiteral("acme/eu")));

    // Where it already is: nothing to do.
    r = ctl({tenant, QStringLiteral("move"), QStringLiteral("research"), QStringLiteral("--to"), QStringLiteral("acme/eu")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QStringLiteral("acme/eu/research is already at acme/eu; nothing changed.\n"));
    QCOMPARE(r.exitCode, 0);

    // Nine levels: the database refuses, one line.
    QString parent = QStringLiteral("acme/eu/research");
    for (int depth = 4; depth <= 8; ++depth) {
        const QString slug = QStringLiteral("l%1").arg(depth);
        r = ctl({tenant, QStringLiteral("create"), slug, QStringLiteral("--name"), slug, QStringLiteral("--parent"), parent,
                 QStringLiteral("--inherit-quotas")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
        parent += u'/' + slug;
    }
    r = ctl({tenant, QStringLiteral("move"), QStringLiteral("globex"), QStringLiteral("--to"), QStringLiteral("l8")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: ")) && r.err.contains(QLatin1String("8")), qPrintable(r.err));
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT parent_id IS NULL FROM tenancy.tenants WHERE slug = 'globex'")),
             QStringLiteral("t"));
}

void TstTenantctl::quotaGet()
{
    const tc::TierPreset *professional = tc::TierCatalog::preset(tc::Tier::Professional);
    const tc::TierPreset *starter = tc::TierCatalog::preset(tc::Tier::Starter);
    QVERIFY(professional && starter);
    auto presetOf = [](const tc::TierPreset *p, const QString &resource) {
        for (const auto &[key, limit] : p->quotas) {
            if (key == resource)
                return limit ? QJsonValue(*limit) : QJsonValue();
        }
        return QJsonValue(QJsonValue::Undefined);
    };
    const QStringList catalog = m_tenants->rows(QStringLiteral("SELECT key FROM tenancy.resources ORDER BY sort_order"));
    QCOMPARE(catalog.size(), 9);

    // Own limits at the top.
    CtlRun r = ctl({QStringLiteral("--json"), QStringLiteral("quota"), QStringLiteral("get"), QStringLiteral("acme")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o[QLatin1String("tenant_id")].toString(), idOf(QStringLiteral("acme")));
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme"));
    QJsonArray rows = o[QLatin1String("quotas")].toArray();
    QCOMPARE(jsonStrings(rows, QStringLiteral("resource")), catalog);
    for (const QJsonValue &row : rows) {
        const QString resource = row[QLatin1String("resource")].toString();
        QCOMPARE(row.toObject().keys(),
                 QStringList({QStringLiteral("display_name"), QStringLiteral("inherited_from"),
                              QStringLiteral("inherited_from_id"), QStringLiteral("limit"), QStringLiteral("own_limit"),
                              QStringLiteral("resource"), QStringLiteral("soft_thresholds"), QStringLiteral("unit"),
                              QStringLiteral("used"), QStringLiteral("used_percent"), QStringLiteral("version")}));
        QCOMPARE(row[QLatin1String("limit")], presetOf(professional, resource));
        QCOMPARE(row[QLatin1String("own_limit")], presetOf(professional, resource));
        QVERIFY(row[QLatin1String("inherited_from")].isNull());
        QVERIFY(row[QLatin1String("used")].isNull());
        QCOMPARE(row[QLatin1String("soft_thresholds")].toArray(), QJsonArray({80, 90, 95}));
    }
    QCOMPARE(rows.at(1)[QLatin1String("unit")].toString(), QStringLiteral("bytes"));
    QCOMPARE(rows.at(1)[QLatin1String("display_name")].toString(), QStringLiteral("Storage"));

    // Everything inherited from the parent, with usage.
    const QString emea = idOf(QStringLiteral("globex/emea"));
    QCOMPARE(m_tenants->exec(QStringLiteral("INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) VALUES "
                                            "('%1', 'items', now(), 25000), ('%1', 'storage_bytes', now(), 1234567890)")
                                 .arg(emea)),
             QString());
    r = ctl({QStringLiteral("--json"), QStringLiteral("quota"), QStringLiteral("get"), QStringLiteral("globex/emea")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    rows = jsonObject(r)[QLatin1String("quotas")].toArray();
    QCOMPARE(rows.size(), 9);
    for (const QJsonValue &row : rows) {
        const QString resource = row[QLatin1String("resource")].toString();
        QCOMPARE(row[QLatin1String("limit")], presetOf(starter, resource));
        QVERIFY(row[QLatin1String("own_limit")].isNull());
        QCOMPARE(row[QLatin1String("inherited_from")].toString(), QStringLiteral("globex"));
        QCOMPARE(row[QLatin1String("inherited_from_id")].toString(), idOf(QStringLiteral("globex")));
        QCOMPARE(row[QLatin1String("version")].toInt(), 0);
    }
    QCOMPARE(rows.at(0)[QLatin1String("used")].toInteger(), 25000);
    QCOMPARE(rows.at(0)[QLatin1String("used_percent")].toDouble(), 25.0); // of 100K
    QCOMPARE(rows.at(1)[QLatin1String("used")].toInteger(), 1234567890);
    QCOMPARE(rows.at(1)[QLatin1String("used_percent")].toDouble(), 12.3); // of 10 GB
    QVERIFY(rows.at(2)[QLatin1String("used")].isNull());
    QVERIFY(rows.at(2)[QLatin1String("used_percent")].isNull());

    // For people: aligned columns, limits as `quota set` takes them.
    r = ctl({QStringLiteral("quota"), QStringLiteral("get"), QStringLiteral("globex/emea")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 10);
    QVERIFY2(QRegularExpression(QStringLiteral("^RESOURCE +LIMIT +SOURCE +USED +%$")).match(lines.at(0)).hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("^items +100K +inherited from globex +25K +25\\.0%$")).match(lines.at(1)).hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("^storage_bytes +10 GB +inherited from globex +1\\.2 GB +12\\.3%$"))
                 .match(lines.at(2))
                 .hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("^queries_per_minute +600/min +inherited from globex +- +-$"))
                 .match(lines.at(3))
                 .hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("^query_timeout_seconds +300 s +inherited from globex +- +-$"))
                 .match(lines.at(5))
                 .hasMatch(),
             qPrintable(r.out));
    QVERIFY2(QRegularExpression(QStringLiteral("^budget_usd_monthly +\\$500 +inherited from globex +- +-$"))
                 .match(lines.at(9))
                 .hasMatch(),
             qPrintable(r.out));
    // Every column starts where its header does; numbers end where theirs does.
    const qsizetype limitColumn = lines.at(0).indexOf(QLatin1String("LIMIT"));
    const qsizetype sourceColumn = lines.at(0).indexOf(QLatin1String(" SOURCE")) + 1;
    for (const QString &line : lines.mid(1)) {
        QVERIFY2(line.at(limitColumn - 1) == u' ' && line.at(limitColumn) != u' ', qPrintable(line));
        QVERIFY2(line.mid(sourceColumn).startsWith(QLatin1String("inherited from globex")), qPrintable(line));
        QCOMPARE(line.size(), lines.at(0).size());
    }
}

void TstTenantctl::quotaSet()
{
    const QString quota = QStringLiteral("quota");
    const QString set = QStringLiteral("set");
    const QString eu = idOf(QStringLiteral("acme/eu"));
    auto limitOf = [this](const QString &tenantId, const QString &resource) {
        return tenantsScalar(QStringLiteral("SELECT coalesce(hard_limit::text, 'null') FROM tenancy.quotas "
                                            "WHERE tenant_id = '%1' AND resource = '%2'")
                                 .arg(tenantId, resource));
    };
    QCOMPARE(limitOf(eu, QStringLiteral("items")), QStringLiteral("100000"));

    // Limits stay between the parent's (acme: professional) and the sub-tenant's (research: starter).
    CtlRun r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("items"), QStringLiteral("1.5M")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Set items of acme/eu to 1.5M (was 100K).\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(limitOf(eu, QStringLiteral("items")), QStringLiteral("1500000"));
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT actor FROM tenancy.audit_log WHERE tenant_id = '%1' "
                                          "ORDER BY id DESC LIMIT 1")
                               .arg(eu)),
             m_operator);

    // Exact values survive: no rounding to "1.2M" on the way.
    r = ctl({QStringLiteral("--json"), quota, set, QStringLiteral("acme/eu"), QStringLiteral("items"),
             QStringLiteral("1,234,567")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o.keys(), QStringList({QStringLiteral("path"), QStringLiteral("quota"), QStringLiteral("tenant_id"),
                                    QStringLiteral("unchanged"), QStringLiteral("written")}));
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme/eu"));
    QCOMPARE(o[QLatin1String("tenant_id")].toString(), eu);
    QCOMPARE(o[QLatin1String("written")].toInt(), 1);
    QJsonObject q = o[QLatin1String("quota")].toObject();
    QCOMPARE(q[QLatin1String("resource")].toString(), QStringLiteral("items"));
    QCOMPARE(q[QLatin1String("limit")].toInteger(), 1234567);
    QCOMPARE(q[QLatin1String("own_limit")].toInteger(), 1234567);
    QVERIFY(q[QLatin1String("inherited_from")].isNull());
    QCOMPARE(q[QLatin1String("version")].toInteger(),
             tenantsScalar(QStringLiteral("SELECT version FROM tenancy.quotas WHERE tenant_id = '%1' AND resource = 'items'")
                               .arg(eu))
                 .toLongLong());
    r = ctl({quota, QStringLiteral("get"), QStringLiteral("acme/eu")});
    QVERIFY2(QRegularExpression(QStringLiteral("^items +1234567 +own +- +-$"), QRegularExpression::MultilineOption)
                 .match(r.out)
                 .hasMatch(),
             qPrintable(r.out));

    // Units per resource.
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("storage_bytes"), QStringLiteral("20 GB")});
    QCOMPARE(r.out, QStringLiteral("Set storage_bytes of acme/eu to 20 GB (was 10 GB).\n"));
    QCOMPARE(limitOf(eu, QStringLiteral("storage_bytes")), QStringLiteral("20000000000"));
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("max_result_bytes"), QStringLiteral("128 MiB")});
    QCOMPARE(r.out, QStringLiteral("Set max_result_bytes of acme/eu to 134217728 B (was 100 MB).\n"));
    QCOMPARE(limitOf(eu, QStringLiteral("max_result_bytes")), QStringLiteral("134217728"));
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("queries_per_minute"), QStringLiteral("10/s")});
    QCOMPARE(r.out, QStringLiteral("queries_per_minute of acme/eu already was 600/min; nothing changed.\n"));
    QCOMPARE(r.exitCode, 0);
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("query_timeout_seconds"), QStringLiteral("10 min")});
    QCOMPARE(r.out, QStringLiteral("Set query_timeout_seconds of acme/eu to 600 s (was 300 s).\n"));
    QCOMPARE(limitOf(eu, QStringLiteral("query_timeout_seconds")), QStringLiteral("600"));
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("budget_usd_monthly"), QStringLiteral("$1.5K")});
    QCOMPARE(r.out, QStringLiteral("Set budget_usd_monthly of acme/eu to $1.5K (was $500).\n"));
    QCOMPARE(limitOf(eu, QStringLiteral("budget_usd_monthly")), QStringLiteral("1500"));

    // Back to the parent's limit.
    r = ctl({QStringLiteral("--json"), quota, set, eu, QStringLiteral("items"), QStringLiteral("inherit")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    q = jsonObject(r)[QLatin1String("quota")].toObject();
    QVERIFY(q[QLatin1String("own_limit")].isNull());
    QCOMPARE(q[QLatin1String("limit")].toInteger(), 2000000);
    QCOMPARE(q[QLatin1String("inherited_from")].toString(), QStringLiteral("acme"));
    QCOMPARE(limitOf(eu, QStringLiteral("items")), QStringLiteral("null"));
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("items"), QStringLiteral("2M")});
    QCOMPARE(r.out, QStringLiteral("Set items of acme/eu to 2M (was 2M inherited from acme).\n"));
    QCOMPARE(r.exitCode, 0);
    // research then takes its api_keys bound from its grandparent.
    r = ctl({quota, set, QStringLiteral("acme/eu"), QStringLiteral("api_keys"), QStringLiteral("inherit")});
    QCOMPARE(r.out, QStringLiteral("Set api_keys of acme/eu to 50 inherited from acme (was 5).\n"));
    QCOMPARE(r.exitCode, 0);

    // Unlimited at the top level.
    r = ctl({quota, set, QStringLiteral("globex"), QStringLiteral("users"), QStringLiteral("unlimited")});
    QCOMPARE(r.out, QStringLiteral("Set users of globex to unlimited (was 10).\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(limitOf(idOf(QStringLiteral("globex")), QStringLiteral("users")), QStringLiteral("null"));
}

void TstTenantctl::quotaSetRefused_data()
{
    QTest::addColumn<QStringList>("args"); // TENANT RESOURCE VALUE
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errLine");

    auto args = [](const char *tenant, const char *resource, const char *value) {
        return QStringList{QString::fromUtf8(tenant), QString::fromUtf8(resource), QString::fromUtf8(value)};
    };
    QTest::newRow("above the parent") << args("acme/eu", "items", "3M") << 3
                                      << QStringLiteral("tenantctl: The items limit 3M is above 2M, the limit of acme; a "
                                                        "sub-tenant cannot have more than its parent.\n");
    QTest::newRow("above the grandparent") << args("acme/eu/research", "api_keys", "51") << 3
                                           << QStringLiteral("tenantctl: The api_keys limit 51 is above 50, the limit of "
                                                             "acme; a sub-tenant cannot have more than its parent.\n");
    QTest::newRow("below a descendant") << args("acme", "storage_bytes", "1 GB") << 3
                                        << QStringLiteral("tenantctl: The storage_bytes limit 1 GB is below 20 GB, which "
                                                          "sub-tenant eu already has; lower that one first.\n");
    QTest::newRow("unlimited under a limit") << args("acme/eu", "users", "unlimited") << 3
                                             << QStringLiteral("tenantctl: users cannot be unlimited: acme limits it to "
                                                               "200; use \"inherit\" to take that limit.\n");
    QTest::newRow("unknown resource") << args("acme", "frobs", "5") << 3
                                      << QStringLiteral("tenantctl: There is no resource \"frobs\"; the resources are "
                                                        "items, storage_bytes, queries_per_minute, concurrent_queries, "
                                                        "query_timeout_seconds, max_result_bytes, api_keys, users, "
                                                        "budget_usd_monthly.\n");
    QTest::newRow("wrong unit") << args("acme", "items", "5 GB") << 3
                                << QStringLiteral("tenantctl: \"GB\" is not a unit of items (measured in units); write "
                                                  "it like 1.5M.\n");
    QTest::newRow("not a number") << args("acme", "storage_bytes", "lots") << 3
                                  << QStringLiteral("tenantctl: \"lots\" is not a limit; give one like 500 GB, "
                                                    "\"inherit\" or \"unlimited\".\n");
    QTest::newRow("fraction of a byte") << args("acme", "storage_bytes", "1.5 B") << 3
                                        << QStringLiteral("tenantctl: \"1.5 B\" is not a whole number of bytes.\n");
    QTest::newRow("negative") << args("acme", "users", "-5") << 3
                              << QStringLiteral("tenantctl: A limit cannot be negative (\"-5\").\n");
    QTest::newRow("too large") << args("acme", "items", "10000000T") << 3
                               << QStringLiteral("tenantctl: \"10000000T\" is too large; a limit is at most "
                                                 "9223372036854775807 units.\n");
    QTest::newRow("unknown tenant") << args("initech", "items", "5") << 6
                                    << QStringLiteral("tenantctl: No tenant has the slug \"initech\".\n");
}

void TstTenantctl::quotaSetRefused()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, errLine);

    const QString sql = QStringLiteral("SELECT string_agg(tenant_id || resource || coalesce(hard_limit::text, '') || version, "
                                       "',' ORDER BY tenant_id, resource) FROM tenancy.quotas");
    const QString before = tenantsScalar(sql);
    const CtlRun r = ctl(QStringList{QStringLiteral("quota"), QStringLiteral("set")} + args);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, errLine);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(tenantsScalar(sql), before);

    const CtlRun json = ctl(QStringList{QStringLiteral("--json"), QStringLiteral("quota"), QStringLiteral("set")} + args);
    QCOMPARE(json.exitCode, exitCode);
    const QJsonObject error = QJsonDocument::fromJson(json.err.toUtf8()).object();
    QCOMPARE(error[QLatin1String("error")].toString(), exitCode == 6 ? QStringLiteral("not_found") : QStringLiteral("validation"));
    QCOMPARE(QStringLiteral("tenantctl: ") + error[QLatin1String("message")].toString() + u'\n', errLine);
}

void TstTenantctl::quotaApplyTier()
{
    const tc::TierPreset *enterprise = tc::TierCatalog::preset(tc::Tier::Enterprise);
    const tc::TierPreset *starter = tc::TierCatalog::preset(tc::Tier::Starter);
    QVERIFY(enterprise && starter);
    const QString emea = idOf(QStringLiteral("globex/emea"));
    const QString globex = idOf(QStringLiteral("globex"));
    auto limits = [this](const QString &tenantId) {
        return m_tenants->rows(QStringLiteral("SELECT r.key || '=' || coalesce(q.hard_limit::text, 'null') "
                                              "FROM tenancy.resources r LEFT JOIN tenancy.quotas q "
                                              "ON q.resource = r.key AND q.tenant_id = '%1' ORDER BY r.sort_order")
                                   .arg(tenantId));
    };

    // Under a starter parent, the enterprise preset is capped at the parent's limits.
    int expectedCapped = 0;
    int expectedWritten = 0;
    QStringList expectedLimits;
    const QStringList globexLimits = limits(globex);
    for (const QString &entry : globexLimits) {
        const QString resource = entry.section(u'=', 0, 0);
        const QString parentLimit = entry.section(u'=', 1);
        std::optional<qint64> preset;
        for (const auto &[key, limit] : enterprise->quotas) {
            if (key == resource)
                preset = limit;
        }
        if (preset && parentLimit != QLatin1String("null") && *preset > parentLimit.toLongLong()) {
            ++expectedCapped;
            ++expectedWritten;
            expectedLimits.append(resource + u'=' + parentLimit);
        } else if (preset) {
            ++expectedWritten;
            expectedLimits.append(resource + u'=' + QString::number(*preset));
        } else {
            expectedLimits.append(resource + QStringLiteral("=null"));
        }
    }
    QVERIFY(expectedCapped > 0);

    // Without capping: refused, nothing written.
    const QStringList before = limits(emea);
    CtlRun r = ctl({QStringLiteral("quota"), QStringLiteral("apply-tier"), QStringLiteral("globex/emea"),
                    QStringLiteral("enterprise"), QStringLiteral("--no-cap")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: ")), qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(limits(emea), before);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT tier FROM tenancy.tenants WHERE id = '%1'").arg(emea)),
             QStringLiteral("starter"));

    r = ctl({QStringLiteral("--json"), QStringLiteral("quota"), QStringLiteral("apply-tier"), QStringLiteral("globex/emea"),
             QStringLiteral("Enterprise")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o.keys(), QStringList({QStringLiteral("capped"), QStringLiteral("path"), QStringLiteral("per_resource"),
                                    QStringLiteral("subtree"), QStringLiteral("tenant_id"), QStringLiteral("tenants"),
                                    QStringLiteral("tier"), QStringLiteral("tiers_changed"), QStringLiteral("unchanged"),
                                    QStringLiteral("written")}));
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("globex/emea"));
    QCOMPARE(o[QLatin1String("tier")].toString(), QStringLiteral("enterprise"));
    QCOMPARE(o[QLatin1String("subtree")].toBool(true), false);
    QCOMPARE(o[QLatin1String("tenants")].toInt(), 1);
    QCOMPARE(o[QLatin1String("tiers_changed")].toInt(), 1);
    QCOMPARE(o[QLatin1String("capped")].toInt(), expectedCapped);
    QCOMPARE(o[QLatin1String("written")].toInt(), expectedWritten);
    QCOMPARE(o[QLatin1String("unchanged")].toInt(), 9 - expectedWritten);
    int perResourceTotal = 0;
    for (const QJsonValue &v : o[QLatin1String("per_resource")].toArray())
        perResourceTotal += v[QLatin1String("written")].toInt();
    QCOMPARE(perResourceTotal, expectedWritten);
    QCOMPARE(limits(emea), expectedLimits);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT tier FROM tenancy.tenants WHERE id = '%1'").arg(emea)),
             QStringLiteral("enterprise"));

    // A whole subtree, for people; the top level is not capped by anything.
    const int subtreeSize = tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug <> 'globex' "
                                                         "AND slug <> 'emea'"))
                                .toInt();
    r = ctl({QStringLiteral("quota"), QStringLiteral("apply-tier"), QStringLiteral("acme"), QStringLiteral("enterprise"),
             QStringLiteral("--subtree")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    const QRegularExpression summary(QStringLiteral(
        "^Applied tier enterprise to acme and its subtree: (\\d+) tenant\\(s\\), (\\d+) tier\\(s\\) changed, (\\d+) quota "
        "row\\(s\\) written, (\\d+) unchanged, (\\d+) capped at the parent's limit\\.\\n$"));
    const QRegularExpressionMatch m = summary.match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    QCOMPARE(m.captured(1).toInt(), subtreeSize); // acme, eu, research, l4..l8
    QCOMPARE(m.captured(2).toInt(), subtreeSize);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE tier = 'enterprise'")).toInt(),
             subtreeSize + 1);
    QStringList enterpriseLimits;
    for (const auto &[key, limit] : enterprise->quotas)
        enterpriseLimits.append(key + u'=' + (limit ? QString::number(*limit) : QStringLiteral("null")));
    enterpriseLimits.sort();
    QStringList acmeLimits = limits(idOf(QStringLiteral("acme")));
    acmeLimits.sort();
    QCOMPARE(acmeLimits, enterpriseLimits);
}

void TstTenantctl::quotaSetConflict()
{
    // Another session changes the row between tenantctl's read and its write: it holds the
    // row locked (an open transaction in psql) until tenantctl waits for it, then commits.
    const QString globex = idOf(QStringLiteral("globex"));
    const QString row = QStringLiteral("tenancy.quotas WHERE tenant_id = '%1' AND resource = 'api_keys'").arg(globex);
    const QString versionBefore = tenantsScalar(QStringLiteral("SELECT version FROM ") + row);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT hard_limit FROM ") + row), QStringLiteral("5"));

    QProcess psql;
    psql.setProcessEnvironment(cleanEnvironment());
    psql.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"),
                                        QStringLiteral("-t"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                        m_tenants->conninfo()});
    QVERIFY2(psql.waitForStarted(), "psql is needed for this test");
    psql.write(QStringLiteral("BEGIN; UPDATE %1; SELECT 'locked';\n")
                   .arg(QStringLiteral("tenancy.quotas SET hard_limit = 300 WHERE tenant_id = '%1' AND resource = 'api_keys'")
                            .arg(globex))
                   .toUtf8());
    QByteArray psqlOut;
    while (!psqlOut.contains("locked") && psql.waitForReadyRead(kRunTimeoutMs))
        psqlOut += psql.readAllStandardOutput();
    QVERIFY2(psqlOut.contains("locked"), psql.readAllStandardError().constData());

    QProcess ctlProcess;
    ctlProcess.setProcessEnvironment(cleanEnvironment());
    ctlProcess.start(m_ctl, {QStringLiteral("--db"), m_tenants->conninfo(m_operator), QStringLiteral("quota"),
                             QStringLiteral("set"), QStringLiteral("globex"), QStringLiteral("api_keys"),
                             QStringLiteral("7")});
    // Wait (bounded, not timed) until tenantctl has read the row and waits for the lock.
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND usename = '%1' AND wait_event_type = 'Lock'")
                                .arg(m_operator);
    QTRY_VERIFY_WITH_TIMEOUT(tenantsScalar(waiting) == QLatin1String("1") || ctlProcess.state() == QProcess::NotRunning,
                             kRunTimeoutMs);
    QCOMPARE(ctlProcess.state(), QProcess::Running);
    psql.write("COMMIT;\n");
    psql.closeWriteChannel();
    QVERIFY(psql.waitForFinished(kRunTimeoutMs));
    QCOMPARE(psql.exitCode(), 0);

    QVERIFY(ctlProcess.waitForFinished(kRunTimeoutMs));
    const QString versionAfter = tenantsScalar(QStringLiteral("SELECT version FROM ") + row);
    QCOMPARE(versionAfter.toLongLong(), versionBefore.toLongLong() + 1);
    QCOMPARE(QString::fromUtf8(ctlProcess.readAllStandardError()),
             QStringLiteral("tenantctl: The api_keys quota of globex changed while this command ran (the limit went from "
                            "5 to 300, version %1 is now %2); nothing was written. Check it with \"tenantctl quota "
                            "get\" and try again.\n")
                 .arg(versionBefore, versionAfter));
    QCOMPARE(ctlProcess.readAllStandardOutput(), QByteArray());
    QCOMPARE(ctlProcess.exitCode(), 4);
    // Theirs stays.
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT hard_limit FROM ") + row), QStringLiteral("300"));
}

void TstTenantctl::auditorCannotWrite()
{
    const QString before = tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log"));
    CtlRun r = ctl({QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("acme"), QStringLiteral("users"),
                    QStringLiteral("100")},
                   m_auditor);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(r.out, QString());
    r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("initech"), QStringLiteral("--name"),
             QStringLiteral("Initech")},
            m_auditor);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(tenantsScalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")), before);
    // Reading is fine.
    r = ctl({QStringLiteral("--json"), QStringLiteral("quota"), QStringLiteral("get"), QStringLiteral("acme")}, m_auditor);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonObject(r)[QLatin1String("quotas")].toArray().size(), 9);
}

// --- Lifecycle ---------------------------------------------------------------------------------

CtlRun TstTenantctl::lc(const QStringList &args, const QString &user) const
{
    return run(QStringList{QStringLiteral("--db"), m_lifecycle->conninfo(user.isEmpty() ? m_operator : user)} + args);
}

QStringList TstTenantctl::lcStates() const
{
    return m_lifecycle->rows(QStringLiteral("SELECT t.slug, t.state, coalesce(h.slug, '-'), coalesce(t.own_state, '-') "
                                            "FROM tenancy.tenants t LEFT JOIN tenancy.tenants h ON h.id = t.held_by "
                                            "ORDER BY t.slug"));
}

QString TstTenantctl::lcSnapshot() const
{
    return m_lifecycle
               ->rows(QStringLiteral("SELECT slug, state, version, coalesce(purge_after::text, '-'), "
                                     "coalesce(purged_at::text, '-'), coalesce(held_by::text, '-'), "
                                     "coalesce(own_state, '-') FROM tenancy.tenants ORDER BY slug"))
               .join(u',')
        + u';'
        + m_lifecycle
              ->rows(
                  QStringLiteral("SELECT (SELECT count(*) FROM tenancy.lifecycle_events), "
                                 "(SELECT count(*) FROM tenancy.audit_log), (SELECT count(*) FROM tenancy.memories), "
                                 "(SELECT count(*) FROM tenancy.usage_samples), "
                                 "(SELECT deletion_cap_percent FROM tenancy.guard_rails)"))
              .join(u',');
}

void TstTenantctl::lifecycleSetUp()
{
    m_lifecycle = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantctl_lifecycle"));
    QVERIFY2(m_lifecycle->isValid(), qPrintable(m_lifecycle->error()));
    QVERIFY2(m_lifecycle->migrate(), qPrintable(m_lifecycle->error()));
    QVERIFY2(m_lifecycle->createLogin(m_operator, QStringLiteral("tenancy_operator")),
             qPrintable(m_lifecycle->error()));
    QVERIFY2(m_lifecycle->createLogin(m_auditor, QStringLiteral("tenancy_auditor")), qPrintable(m_lifecycle->error()));
    const QList<QStringList> tenants{
        {QStringLiteral("acme")},
        {QStringLiteral("eu"), QStringLiteral("--parent"), QStringLiteral("acme")},
        {QStringLiteral("research"), QStringLiteral("--parent"), QStringLiteral("acme/eu")},
        {QStringLiteral("us"), QStringLiteral("--parent"), QStringLiteral("acme")},
        {QStringLiteral("globex")},
        {QStringLiteral("emea"), QStringLiteral("--parent"), QStringLiteral("globex")},
        {QStringLiteral("initech")},
        {QStringLiteral("hooli")},
        {QStringLiteral("umbrella")},
    };
    for (const QStringList &t : tenants) {
        const CtlRun r = lc(QStringList{QStringLiteral("tenant"), QStringLiteral("create"), t.first(),
                                        QStringLiteral("--name"), t.first()}
                            + t.mid(1));
        QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    }
    // The tenants' data, for the purge.
    QCOMPARE(
        m_lifecycle->exec(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content) SELECT t.id, 'note ' || g "
                                         "FROM tenancy.tenants t, generate_series(1, 5) g WHERE t.slug = 'initech';"
                                         "INSERT INTO tenancy.memories (tenant_id, content) SELECT t.id, 'note ' || g "
                                         "FROM tenancy.tenants t, generate_series(1, 6) g WHERE t.slug = 'umbrella';"
                                         "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                         "SELECT t.id, 'items', now() - g * interval '1 hour', g "
                                         "FROM tenancy.tenants t, generate_series(1, 4) g WHERE t.slug = 'initech'")),
        QString());
    QCOMPARE(lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")), QStringLiteral("9"));
    QCOMPARE(lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.memories")), QStringLiteral("11"));
    // The default deletion cap: 10 % of 9 tenants, at least 1.
    QCOMPARE(lcScalar(QStringLiteral("SELECT cap FROM tenancy.deletion_allowance()")), QStringLiteral("1"));
}

void TstTenantctl::lifecycleSuspendCascades()
{
    const QString lifecycle = QStringLiteral("lifecycle");
    const QString suspend = QStringLiteral("suspend");
    const QString reason = QStringLiteral("--reason");
    // A sub-tenant suspended on its own first: the parent's cascade leaves it as it is.
    CtlRun r = lc({lifecycle, suspend, QStringLiteral("acme/us"), reason, QStringLiteral("unpaid invoice")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Suspended acme/us.\n"));
    QCOMPARE(r.exitCode, 0);

    r = lc({QStringLiteral("--json"), lifecycle, suspend, QStringLiteral("acme"), reason,
            QStringLiteral("security review")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = jsonObject(r);
    QCOMPARE(o.keys(),
             QStringList({QStringLiteral("action"), QStringLiteral("allowance"), QStringLiteral("cascaded"),
                          QStringLiteral("changes"), QStringLiteral("committed"), QStringLiteral("dry_run"),
                          QStringLiteral("memories"), QStringLiteral("memory_bytes"), QStringLiteral("purge_after"),
                          QStringLiteral("refusal"), QStringLiteral("requested"), QStringLiteral("skipped"),
                          QStringLiteral("to"), QStringLiteral("usage_samples")}));
    QCOMPARE(o[QLatin1String("action")].toString(), suspend);
    QCOMPARE(o[QLatin1String("to")].toString(), QStringLiteral("suspended"));
    QCOMPARE(o[QLatin1String("dry_run")].toBool(true), false);
    QCOMPARE(o[QLatin1String("committed")].toBool(), true);
    QCOMPARE(o[QLatin1String("requested")].toInt(), 1);
    QCOMPARE(o[QLatin1String("cascaded")].toInt(), 2);
    QCOMPARE(o[QLatin1String("skipped")].toArray(), QJsonArray());
    QVERIFY(o[QLatin1String("purge_after")].isNull());
    QVERIFY(o[QLatin1String("refusal")].isNull());
    const QString acme = lcId(QStringLiteral("acme"));
    // The requested tenant first, then the sub-tenants it took along (not acme/us: it already was).
    const QJsonArray changes = o[QLatin1String("changes")].toArray();
    QCOMPARE(changes.size(), 3);
    auto change = [](const QJsonValue &c) {
        return QStringList{c[QLatin1String("path")].toString(), c[QLatin1String("from")].toString(),
                           c[QLatin1String("to")].toString(), c[QLatin1String("cascade_root")].toString(),
                           c[QLatin1String("via")].toString()}
            .join(u'|');
    };
    QCOMPARE(change(changes.at(0)), QStringLiteral("acme|active|suspended||"));
    QCOMPARE(changes.at(0)[QLatin1String("id")].toString(), acme);
    QStringList cascaded{change(changes.at(1)), change(changes.at(2))};
    cascaded.sort();
    QCOMPARE(cascaded,
             QStringList({QStringLiteral("acme/eu/research|active|suspended|%1|acme").arg(acme),
                          QStringLiteral("acme/eu|active|suspended|%1|acme").arg(acme)}));
    QCOMPARE(lcStates(),
             QStringList({QStringLiteral("acme|suspended|-|-"), QStringLiteral("emea|active|-|-"),
                          QStringLiteral("eu|suspended|acme|active"), QStringLiteral("globex|active|-|-"),
                          QStringLiteral("hooli|active|-|-"), QStringLiteral("initech|active|-|-"),
                          QStringLiteral("research|suspended|acme|active"), QStringLiteral("umbrella|active|-|-"),
                          QStringLiteral("us|suspended|-|-")}));
    // One event each, with the reason, the login and, for the cascaded ones, the root.
    QCOMPARE(m_lifecycle->rows(QStringLiteral("SELECT t.slug, e.from_state, e.to_state, e.reason, e.actor, "
                                              "coalesce(r.slug, '-') FROM tenancy.lifecycle_events e "
                                              "JOIN tenancy.tenants t ON t.id = e.tenant_id "
                                              "LEFT JOIN tenancy.tenants r ON r.id = e.cascade_root "
                                              "WHERE e.from_state IS NOT NULL "
                                              "ORDER BY e.at, e.cascade_root IS NOT NULL, t.slug")),
             QStringList({QStringLiteral("us|active|suspended|unpaid invoice|%1|-").arg(m_operator),
                          QStringLiteral("acme|active|suspended|security review|%1|-").arg(m_operator),
                          QStringLiteral("eu|active|suspended|security review|%1|acme").arg(m_operator),
                          QStringLiteral("research|active|suspended|security review|%1|acme").arg(m_operator)}));

    // For people: the sub-tenants counted.
    r = lc({lifecycle, suspend, QStringLiteral("globex"), reason, QStringLiteral("security review")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Suspended globex and 1 sub-tenant.\n"));
    QCOMPARE(r.exitCode, 0);
    // Again: nothing to do, and it says so.
    r = lc({lifecycle, suspend, QStringLiteral("globex"), reason, QStringLiteral("again")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("globex is already suspended; nothing changed.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events WHERE reason = 'again'")),
             QStringLiteral("0"));
}

void TstTenantctl::lifecycleShow()
{
    const QString acme = lcId(QStringLiteral("acme"));
    CtlRun r =
        lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("show"), QStringLiteral("acme/eu")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = jsonObject(r);
    QCOMPARE(o.keys(),
             QStringList({QStringLiteral("held_by"), QStringLiteral("id"), QStringLiteral("own_state"),
                          QStringLiteral("path"), QStringLiteral("prevent_deletion"), QStringLiteral("purge_after"),
                          QStringLiteral("purged_at"), QStringLiteral("retention_days"), QStringLiteral("state"),
                          QStringLiteral("state_changed_at"), QStringLiteral("timeline")}));
    QCOMPARE(o[QLatin1String("id")].toString(), lcId(QStringLiteral("eu")));
    QCOMPARE(o[QLatin1String("path")].toString(), QStringLiteral("acme/eu"));
    QCOMPARE(o[QLatin1String("state")].toString(), QStringLiteral("suspended"));
    QCOMPARE(o[QLatin1String("held_by")].toObject(),
             QJsonObject({{QStringLiteral("id"), acme},
                          {QStringLiteral("path"), QStringLiteral("acme")},
                          {QStringLiteral("state"), QStringLiteral("suspended")}}));
    QCOMPARE(o[QLatin1String("own_state")].toString(), QStringLiteral("active"));
    QVERIFY(o[QLatin1String("purge_after")].isNull());
    QVERIFY(o[QLatin1String("purged_at")].isNull());
    QCOMPARE(o[QLatin1String("prevent_deletion")].toBool(true), false);
    QCOMPARE(o[QLatin1String("retention_days")].toInt(), 90);
    const QString changedAt = lcScalar(QStringLiteral("SELECT to_char(state_changed_at AT TIME ZONE 'UTC', "
                                                      "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM tenancy.tenants "
                                                      "WHERE slug = 'eu'"));
    QCOMPARE(o[QLatin1String("state_changed_at")].toString(), changedAt);
    const QJsonArray timeline = o[QLatin1String("timeline")].toArray();
    QCOMPARE(timeline.size(), 2);
    const QJsonObject created = timeline.at(0).toObject();
    QVERIFY(created[QLatin1String("from")].isNull());
    QCOMPARE(created[QLatin1String("to")].toString(), QStringLiteral("active"));
    QCOMPARE(created[QLatin1String("actor")].toString(), m_operator);
    QVERIFY(created[QLatin1String("cascade_root")].isNull());
    QVERIFY(created[QLatin1String("via")].isNull());
    QVERIFY2(created[QLatin1String("at")].toString().endsWith(u'Z'), qPrintable(r.out));
    const QJsonObject suspended = timeline.at(1).toObject();
    QCOMPARE(suspended,
             QJsonObject({{QStringLiteral("at"), changedAt},
                          {QStringLiteral("from"), QStringLiteral("active")},
                          {QStringLiteral("to"), QStringLiteral("suspended")},
                          {QStringLiteral("actor"), m_operator},
                          {QStringLiteral("reason"), QStringLiteral("security review")},
                          {QStringLiteral("cascade_root"), acme},
                          {QStringLiteral("via"), QStringLiteral("acme")}}));

    // For people: the same, and the timeline as a table.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("show"), QStringLiteral("acme/eu")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    const QString head = r.out.section(QStringLiteral("\n\n"), 0, 0);
    QSet<qsizetype> columns;
    const QHash<QString, QString> shown = keyValueLines(head, &columns);
    QCOMPARE(shown.size(), 10);
    QCOMPARE(columns, QSet<qsizetype>{qsizetype(QStringLiteral("prevent deletion  ").size())});
    QCOMPARE(shown.value(QStringLiteral("tenant")), QStringLiteral("acme/eu"));
    QCOMPARE(shown.value(QStringLiteral("state")), QStringLiteral("suspended"));
    QCOMPARE(shown.value(QStringLiteral("since")),
             QString(changedAt).replace(u'T', u' ').replace(u'Z', QStringLiteral(" UTC")));
    QCOMPARE(shown.value(QStringLiteral("held by")), QStringLiteral("acme (suspended)"));
    QCOMPARE(shown.value(QStringLiteral("own state")), QStringLiteral("active"));
    QCOMPARE(shown.value(QStringLiteral("purge after")), QStringLiteral("-"));
    QCOMPARE(shown.value(QStringLiteral("purged at")), QStringLiteral("-"));
    QCOMPARE(shown.value(QStringLiteral("prevent deletion")), QStringLiteral("no"));
    QCOMPARE(shown.value(QStringLiteral("retention")), QStringLiteral("90 days"));
    const QStringList timelineLines = r.out.section(QStringLiteral("\n\n"), 1).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(timelineLines.size(), 4);
    QCOMPARE(timelineLines.at(0), QStringLiteral("Timeline:"));
    QVERIFY2(timelineLines.at(1).startsWith(QLatin1String("AT                       FROM       TO         ACTOR")),
             qPrintable(r.out));
    const QRegularExpression cascadedRow(
        QStringLiteral(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  active     suspended  %1  security review  via acme$")
            .arg(m_operator));
    QVERIFY2(cascadedRow.match(timelineLines.at(3)).hasMatch(), qPrintable(r.out));
    QVERIFY2(timelineLines.at(2).contains(QLatin1String("(created)")), qPrintable(r.out));
}

void TstTenantctl::lifecycleResumeReleases()
{
    CtlRun r = lc({QStringLiteral("lifecycle"), QStringLiteral("resume"), QStringLiteral("acme"),
                   QStringLiteral("--reason"), QStringLiteral("review passed")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Resumed acme and 2 sub-tenants.\n"));
    QCOMPARE(r.exitCode, 0);
    // What acme held is back; acme/us was suspended on its own and stays so.
    QCOMPARE(lcStates(),
             QStringList({QStringLiteral("acme|active|-|-"), QStringLiteral("emea|suspended|globex|active"),
                          QStringLiteral("eu|active|-|-"), QStringLiteral("globex|suspended|-|-"),
                          QStringLiteral("hooli|active|-|-"), QStringLiteral("initech|active|-|-"),
                          QStringLiteral("research|active|-|-"), QStringLiteral("umbrella|active|-|-"),
                          QStringLiteral("us|suspended|-|-")}));
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("resume"), QStringLiteral("acme/us"),
            QStringLiteral("--reason"), QStringLiteral("paid")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonStrings(jsonObject(r)[QLatin1String("changes")].toArray(), QStringLiteral("path")),
             QStringList{QStringLiteral("acme/us")});
    QCOMPARE(lcScalar(QStringLiteral("SELECT state FROM tenancy.tenants WHERE slug = 'us'")), QStringLiteral("active"));
}

void TstTenantctl::lifecycleDryRunChangesNothing()
{
    const QString before = lcSnapshot();
    CtlRun r =
        lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("archive"), QStringLiteral("globex"),
            QStringLiteral("--dry-run"), QStringLiteral("--reason"), QStringLiteral("closing down")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o[QLatin1String("dry_run")].toBool(), true);
    QCOMPARE(o[QLatin1String("committed")].toBool(true), false);
    QCOMPARE(o[QLatin1String("requested")].toInt(), 1);
    QCOMPARE(o[QLatin1String("cascaded")].toInt(), 1);
    QCOMPARE(jsonStrings(o[QLatin1String("changes")].toArray(), QStringLiteral("path")),
             QStringList({QStringLiteral("globex"), QStringLiteral("globex/emea")}));
    QCOMPARE(jsonStrings(o[QLatin1String("changes")].toArray(), QStringLiteral("to")),
             QStringList({QStringLiteral("archived"), QStringLiteral("archived")}));
    QCOMPARE(lcSnapshot(), before);

    r = lc({QStringLiteral("lifecycle"), QStringLiteral("archive"), QStringLiteral("globex"),
            QStringLiteral("--dry-run"), QStringLiteral("--reason"), QStringLiteral("closing down")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out,
             QStringLiteral("Would archive globex and 1 sub-tenant; nothing was changed.\n"
                            "TENANT       FROM       TO        CASCADE\n"
                            "globex       suspended  archived\n"
                            "globex/emea  suspended  archived  via globex\n"
                            "Data held: 0 memories (0 B) and 0 usage samples.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lcSnapshot(), before);

    // A deletion of acme and its three sub-tenants is above the cap: the dry run says so, like
    // the real one would.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("delete"), QStringLiteral("acme"), QStringLiteral("--confirm"),
            QStringLiteral("acme"), QStringLiteral("--dry-run"), QStringLiteral("--reason"), QStringLiteral("gone")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: Deleting is refused: it would make 4 deletions within 30 days, "
                                            "above the cap of 1")),
             qPrintable(r.err));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(lcSnapshot(), before);

    // In machine output the preview comes with its refusal.
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("delete"), QStringLiteral("acme"),
            QStringLiteral("--confirm"), QStringLiteral("acme"), QStringLiteral("--dry-run"),
            QStringLiteral("--reason"), QStringLiteral("gone")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 3);
    o = jsonObject(r);
    QCOMPARE(o[QLatin1String("refusal")][QLatin1String("error")].toString(), QStringLiteral("validation"));
    QVERIFY2(o[QLatin1String("refusal")][QLatin1String("message")].toString().startsWith(
                 QLatin1String("Deleting is refused")),
             qPrintable(r.out));
    QCOMPARE(QJsonDocument::fromJson(r.err.toUtf8()).object()[QLatin1String("message")],
             o[QLatin1String("refusal")][QLatin1String("message")]);
    QCOMPARE(lcSnapshot(), before);
}

void TstTenantctl::lifecycleRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errStart"); // the one line of stderr starts so

    auto args = [](std::initializer_list<const char *> words) {
        QStringList out{QStringLiteral("lifecycle")};
        for (const char *w : words)
            out.append(QString::fromUtf8(w));
        return out;
    };
    QTest::newRow("no reason") << args({"suspend", "hooli"}) << 1
                               << QStringLiteral(
                                      "tenantctl: lifecycle suspend needs --reason TEXT (see tenantctl --help)");
    QTest::newRow("blank reason") << args({"suspend", "hooli", "--reason", "  "}) << 3 << QStringLiteral("tenantctl: ");
    QTest::newRow("archive an active one")
        << args({"archive", "hooli", "--reason", "x"}) << 3
        << QStringLiteral("tenantctl: Cannot archive hooli: it is active, and archive "
                          "applies to suspended tenants.");
    QTest::newRow("restore a suspended one")
        << args({"restore", "globex", "--reason", "x"}) << 3
        << QStringLiteral(
               "tenantctl: Cannot restore globex: it is suspended, and restore applies to archived or deleted "
               "tenants. Use \"tenantctl lifecycle resume\".");
    QTest::newRow("resume under a suspended parent")
        << args({"resume", "globex/emea", "--reason", "x"}) << 3 << QStringLiteral("tenantctl: ");
    QTest::newRow("unknown tenant") << args({"suspend", "nobody", "--reason", "x"}) << 6
                                    << QStringLiteral("tenantctl: No tenant has the slug \"nobody\".");
    QTest::newRow("one of two unknown") << args({"suspend", "hooli", "nobody", "--reason", "x"}) << 6
                                        << QStringLiteral("tenantctl: No tenant has the slug \"nobody\".");
    QTest::newRow("named twice") << args({"suspend", "hooli", "hooli", "--reason", "x"}) << 3
                                 << QStringLiteral("tenantctl: hooli is named twice.");
    QTest::newRow("delete without confirm") << args({"delete", "initech", "--reason", "x"}) << 1
                                            << QStringLiteral("tenantctl: lifecycle delete needs --confirm SLUG");
    QTest::newRow("delete, confirm misspelt")
        << args({"delete", "initech", "--confirm", "initec", "--reason", "x"}) << 3 << QStringLiteral("tenantctl: ");
    QTest::newRow("delete, confirm by path of another")
        << args({"delete", "acme/eu", "--confirm", "acme", "--reason", "x"}) << 3 << QStringLiteral("tenantctl: ");
    QTest::newRow("delete two, confirms swapped")
        << args({"delete", "initech", "hooli", "--confirm", "hooli", "--confirm", "initech", "--reason", "x"}) << 3
        << QStringLiteral("tenantctl: ");
    QTest::newRow("delete two, one confirm")
        << args({"delete", "initech", "hooli", "--confirm", "initech", "--reason", "x"}) << 1
        << QStringLiteral("tenantctl: lifecycle delete needs one --confirm SLUG");
}

void TstTenantctl::lifecycleRefused()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, errStart);

    const QString before = lcSnapshot();
    CtlRun r = lc(args);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(errStart), qPrintable(r.err));
    QVERIFY2(r.err.size() > QStringLiteral("tenantctl: .\n").size(), qPrintable(r.err));
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(lcSnapshot(), before);
    // --dry-run is refused alike.
    r = lc(args + QStringList{QStringLiteral("--dry-run")});
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(lcSnapshot(), before);
}

void TstTenantctl::lifecycleDeleteNeedsConfirmation()
{
    // Refusals without and with a wrong --confirm: lifecycleRefused. With the slug typed again:
    CtlRun r = lc({QStringLiteral("lifecycle"), QStringLiteral("delete"), QStringLiteral("initech"),
                   QStringLiteral("--confirm"), QStringLiteral("initech"), QStringLiteral("--reason"),
                   QStringLiteral("contract ended")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_lifecycle->rows(QStringLiteral("SELECT state, purge_after = state_changed_at + interval '90 days' "
                                              "FROM tenancy.tenants WHERE slug = 'initech'")),
             QStringList{QStringLiteral("deleted|t")});
    const QString purgeAfter = lcScalar(QStringLiteral("SELECT to_char(purge_after AT TIME ZONE 'UTC', "
                                                       "'YYYY-MM-DD HH24:MI:SS \"UTC\"') FROM tenancy.tenants "
                                                       "WHERE slug = 'initech'"));
    QCOMPARE(r.out,
             QStringLiteral("Deleted initech.\n"
                            "The data is kept until %1 and can be restored until then (\"tenantctl lifecycle "
                            "restore\"); \"tenantctl lifecycle purge\" removes it after that.\n"
                            "Deletion cap: 10 % of 9 tenants, 1 deletion per 30 days; 1 deletion in the last 30 "
                            "days, 0 left.\n")
                 .arg(purgeAfter));
    // Its data stays until the purge.
    QCOMPARE(
        lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = 'initech'")),
        QStringLiteral("5"));
    QCOMPARE(lcScalar(QStringLiteral("SELECT reason FROM tenancy.lifecycle_events WHERE to_state = 'deleted'")),
             QStringLiteral("contract ended"));
}

void TstTenantctl::lifecycleDeletionCap()
{
    // One deletion in 30 days is all 10 % of 9 tenants allow.
    CtlRun r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("cap")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(compactJson(r.out),
             QStringLiteral(R"({"cap":1,"changed":false,"deleted_recently":1,"percent":10,)"
                            R"("remaining":0,"tenants":9,"window_days":30})"));
    QCOMPARE(r.exitCode, 0);

    const QString before = lcSnapshot();
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("delete"), QStringLiteral("hooli"),
            QStringLiteral("--confirm"), QStringLiteral("hooli"), QStringLiteral("--reason"),
            QStringLiteral("cleanup")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    const QJsonObject error = QJsonDocument::fromJson(r.err.toUtf8()).object();
    QCOMPARE(error[QLatin1String("error")].toString(), QStringLiteral("validation"));
    QVERIFY2(error[QLatin1String("message")].toString().startsWith(
                 QLatin1String("Deleting is refused: it would make 2 deletions within 30 days, above the cap of 1 "
                               "(10 % of 9 tenants).")),
             qPrintable(r.err));
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(lcSnapshot(), before);
}

void TstTenantctl::lifecycleCapPercent()
{
    const QString before = lcSnapshot();
    CtlRun r =
        lc({QStringLiteral("lifecycle"), QStringLiteral("cap"), QStringLiteral("--percent"), QStringLiteral("100")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith(QLatin1String("tenantctl: ")), qPrintable(r.err));
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(lcSnapshot(), before);

    // The schema owner may.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("cap"), QStringLiteral("--percent"), QStringLiteral("100")},
           m_lifecycle->superuser());
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out,
             QStringLiteral("Set the deletion cap to 100 %.\n"
                            "Deletion cap: 100 % of 9 tenants, 9 deletions per 30 days; 1 deletion in the last 30 "
                            "days, 8 left.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lcScalar(QStringLiteral("SELECT deletion_cap_percent FROM tenancy.guard_rails")),
             QStringLiteral("100.00"));
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("cap")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonObject(r)[QLatin1String("remaining")].toInt(), 8);
}

void TstTenantctl::lifecycleRestore()
{
    // Deleted, inside the retention period.
    CtlRun r = lc({QStringLiteral("lifecycle"), QStringLiteral("restore"), QStringLiteral("initech"),
                   QStringLiteral("--reason"), QStringLiteral("signed again")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Restored initech.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_lifecycle->rows(QStringLiteral("SELECT state, purge_after IS NULL FROM tenancy.tenants "
                                              "WHERE slug = 'initech'")),
             QStringList{QStringLiteral("active|t")});

    // Archived with a sub-tenant, then restored: both are back.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("archive"), QStringLiteral("globex"),
            QStringLiteral("--reason"), QStringLiteral("closing down")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QStringLiteral("Archived globex and 1 sub-tenant.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(
        m_lifecycle->rows(QStringLiteral("SELECT slug, state FROM tenancy.tenants WHERE slug IN ('globex', 'emea') "
                                         "ORDER BY slug")),
        QStringList({QStringLiteral("emea|archived"), QStringLiteral("globex|archived")}));
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("restore"), QStringLiteral("globex"),
            QStringLiteral("--reason"), QStringLiteral("reopened")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Restored globex and 1 sub-tenant.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lcStates(),
             QStringList({QStringLiteral("acme|active|-|-"), QStringLiteral("emea|active|-|-"),
                          QStringLiteral("eu|active|-|-"), QStringLiteral("globex|active|-|-"),
                          QStringLiteral("hooli|active|-|-"), QStringLiteral("initech|active|-|-"),
                          QStringLiteral("research|active|-|-"), QStringLiteral("umbrella|active|-|-"),
                          QStringLiteral("us|active|-|-")}));
}

void TstTenantctl::lifecyclePurge()
{
    // Two at once, each confirmed; hooli then gets a legal hold.
    CtlRun r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("delete"),
                   QStringLiteral("initech"), QStringLiteral("hooli"), QStringLiteral("--confirm"),
                   QStringLiteral("initech"), QStringLiteral("--confirm"), QStringLiteral("hooli"),
                   QStringLiteral("--reason"), QStringLiteral("wind down")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = jsonObject(r);
    QCOMPARE(o[QLatin1String("requested")].toInt(), 2);
    QStringList deleted = jsonStrings(o[QLatin1String("changes")].toArray(), QStringLiteral("path"));
    deleted.sort();
    QCOMPARE(deleted, QStringList({QStringLiteral("hooli"), QStringLiteral("initech")}));
    QCOMPARE(
        o[QLatin1String("purge_after")].toString(),
        lcScalar(QStringLiteral("SELECT to_char(min(purge_after) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                                "FROM tenancy.tenants WHERE slug IN ('initech', 'hooli')")));
    QCOMPARE(o[QLatin1String("allowance")][QLatin1String("deleted_recently")].toInt(), 2);
    QCOMPARE(m_lifecycle->exec(QStringLiteral("UPDATE tenancy.tenants SET settings = settings || "
                                              "'{\"prevent_deletion\": true}' WHERE slug = 'hooli'")),
             QString());

    // Nothing is due yet.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("purge")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("Nothing to purge.\n"));
    QCOMPARE(r.exitCode, 0);

    // Past the retention period, in batches of two rows.
    QCOMPARE(m_lifecycle->exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '91 days'")), QString());
    const QString initech = lcId(QStringLiteral("initech"));
    // An auditor can't purge (lifecycleAuditor has nothing due any more).
    const QString beforePurge = lcSnapshot();
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("purge")}, m_auditor);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(lcSnapshot(), beforePurge);
    const QString eventsBefore = lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events"));
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("purge"), QStringLiteral("--batch"),
            QStringLiteral("2")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(compactJson(r.out),
             QStringLiteral(R"({"cancelled":false,"finished":1,"held":1,"memories":5,)"
                            R"("tenants":[{"finished":true,"id":"%1","memories":5,"slug":"initech",)"
                            R"("usage_samples":4}],"usage_samples":4})")
                 .arg(initech));
    auto remaining = [this, &initech]() {
        return m_lifecycle->rows(
            QStringLiteral("SELECT (SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1'), "
                           "(SELECT count(*) FROM tenancy.usage_samples WHERE tenant_id = '%1'), "
                           "(SELECT count(*) FROM tenancy.quotas WHERE tenant_id = '%1'), "
                           "(SELECT state || ' ' || (purged_at IS NOT NULL) FROM tenancy.tenants "
                           "WHERE id = '%1')")
                .arg(initech));
    };
    // The data is gone; the tombstone, the timeline and the audit trail stay.
    QCOMPARE(remaining(), QStringList{QStringLiteral("0|0|0|deleted true")});
    QCOMPARE(lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events")), eventsBefore);
    QCOMPARE(lcScalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'tenants.purge' "
                                     "AND tenant_id = '%1'")
                          .arg(initech)),
             QStringLiteral("5")); // 9 rows, two a batch, the last one finishing
    // Held: untouched.
    QCOMPARE(lcScalar(QStringLiteral("SELECT purged_at IS NULL FROM tenancy.tenants WHERE slug = 'hooli'")),
             QStringLiteral("t"));

    // Again: nothing to do, nothing written.
    const QString before = lcSnapshot();
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("purge")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out,
             QStringLiteral("Nothing to purge.\n1 tenant past the purge date is protected from deletion (a legal "
                            "hold) and was kept.\n"));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lcSnapshot(), before);

    // A purged tenant can't come back.
    r = lc({QStringLiteral("lifecycle"), QStringLiteral("restore"), QStringLiteral("initech"),
            QStringLiteral("--reason"), QStringLiteral("too late")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.errLines().size(), 1);
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(lcSnapshot(), before);
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("show"), QStringLiteral("initech")});
    QCOMPARE(r.exitCode, 0);
    o = jsonObject(r);
    QCOMPARE(o[QLatin1String("state")].toString(), QStringLiteral("deleted"));
    QVERIFY2(o[QLatin1String("purged_at")].toString().endsWith(u'Z'), qPrintable(r.out));
    QCOMPARE(jsonStrings(o[QLatin1String("timeline")].toArray(), QStringLiteral("to")),
             QStringList({QStringLiteral("active"), QStringLiteral("deleted"), QStringLiteral("active"),
                          QStringLiteral("deleted")}));
}

void TstTenantctl::lifecyclePurgeInterrupted()
{
    CtlRun r = lc({QStringLiteral("lifecycle"), QStringLiteral("delete"), QStringLiteral("umbrella"),
                   QStringLiteral("--confirm"), QStringLiteral("umbrella"), QStringLiteral("--reason"),
                   QStringLiteral("wind down")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(m_lifecycle->exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '400 days'")), QString());
    const QString umbrella = lcId(QStringLiteral("umbrella"));
    const QString memories =
        QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1'").arg(umbrella);
    QCOMPARE(lcScalar(memories), QStringLiteral("6"));

    // Another session holds the lock every purge batch takes first, so tenantctl is inside its
    // first batch when Ctrl+C arrives; that batch still completes, no further one starts.
    QProcess psql;
    psql.setProcessEnvironment(cleanEnvironment());
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), m_lifecycle->conninfo()});
    QVERIFY2(psql.waitForStarted(), "psql is needed for this test");
    psql.write("BEGIN; SELECT pg_advisory_xact_lock(hashtext('tenancy.hierarchy')); SELECT 'locked';\n");
    QByteArray psqlOut;
    while (!psqlOut.contains("locked") && psql.waitForReadyRead(kRunTimeoutMs))
        psqlOut += psql.readAllStandardOutput();
    QVERIFY2(psqlOut.contains("locked"), psql.readAllStandardError().constData());

    QProcess purge;
    purge.setProcessEnvironment(cleanEnvironment());
    purge.start(m_ctl,
                {QStringLiteral("--db"), m_lifecycle->conninfo(m_operator), QStringLiteral("lifecycle"),
                 QStringLiteral("purge"), QStringLiteral("--batch"), QStringLiteral("2")});
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND usename = '%1' AND wait_event_type = 'Lock'")
                                .arg(m_operator);
    QTRY_VERIFY_WITH_TIMEOUT(lcScalar(waiting) == QLatin1String("1") || purge.state() == QProcess::NotRunning,
                             kRunTimeoutMs);
    QCOMPARE(purge.state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(purge.processId()), SIGINT), 0);
    // tenantctl says when it heard it; only then is the lock let go.
    purge.setReadChannel(QProcess::StandardError);
    QByteArray heard;
    while (!heard.contains('\n') && purge.waitForReadyRead(kRunTimeoutMs))
        heard += purge.readAllStandardError();
    QCOMPARE(heard, QByteArray("tenantctl: stopping after the current batch (Ctrl+C again stops at once)\n"));
    psql.write("COMMIT;\n");
    psql.closeWriteChannel();
    QVERIFY(psql.waitForFinished(kRunTimeoutMs));
    QCOMPARE(psql.exitCode(), 0);
    QVERIFY(purge.waitForFinished(kRunTimeoutMs));
    QCOMPARE(purge.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(purge.readAllStandardError());
    // The final line, after the one that said it was heard.
    QCOMPARE(err,
             QStringLiteral("tenantctl: Purge interrupted after a whole batch; 0 of 1 tenant finished; what was "
                            "removed stays removed. Run \"tenantctl lifecycle purge\" again to go on.\n"));
    QCOMPARE(purge.readAllStandardOutput(), QByteArray());
    QCOMPARE(purge.exitCode(), 10);
    // One batch of two rows went; the tenant is not finished.
    QCOMPARE(lcScalar(memories), QStringLiteral("4"));
    QCOMPARE(lcScalar(QStringLiteral("SELECT purged_at IS NULL FROM tenancy.tenants WHERE id = '%1'").arg(umbrella)),
             QStringLiteral("t"));

    // The next run goes on from there.
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("purge"), QStringLiteral("--batch"),
            QStringLiteral("2")});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(compactJson(r.out),
             QStringLiteral(R"({"cancelled":false,"finished":1,"held":1,"memories":4,)"
                            R"("tenants":[{"finished":true,"id":"%1","memories":4,"slug":"umbrella",)"
                            R"("usage_samples":0}],"usage_samples":0})")
                 .arg(umbrella));
    QCOMPARE(lcScalar(memories), QStringLiteral("0"));
    QCOMPARE(
        lcScalar(QStringLiteral("SELECT purged_at IS NOT NULL FROM tenancy.tenants WHERE id = '%1'").arg(umbrella)),
        QStringLiteral("t"));
}

void TstTenantctl::lifecycleAuditor()
{
    const QString before = lcSnapshot();
    const QList<QStringList> writes{
        {QStringLiteral("lifecycle"), QStringLiteral("suspend"), QStringLiteral("acme"), QStringLiteral("--reason"),
         QStringLiteral("x")},
        {QStringLiteral("lifecycle"), QStringLiteral("suspend"), QStringLiteral("acme"), QStringLiteral("--reason"),
         QStringLiteral("x"), QStringLiteral("--dry-run")},
        {QStringLiteral("lifecycle"), QStringLiteral("cap"), QStringLiteral("--percent"), QStringLiteral("50")},
    };
    for (const QStringList &args : writes) {
        const CtlRun r = lc(args, m_auditor);
        QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
        QVERIFY2(r.exitCode == 5, qPrintable(args.join(u' ') + u'\n' + r.summary()));
        QCOMPARE(r.errLines().size(), 1);
        QCOMPARE(r.out, QString());
    }
    QCOMPARE(lcSnapshot(), before);
    // Looking is fine.
    CtlRun r =
        lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("show"), QStringLiteral("acme")},
           m_auditor);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonObject(r)[QLatin1String("state")].toString(), QStringLiteral("active"));
    r = lc({QStringLiteral("--json"), QStringLiteral("lifecycle"), QStringLiteral("cap")}, m_auditor);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonObject(r)[QLatin1String("percent")].toDouble(), 100.0);
}

QTEST_GUILESS_MAIN(TstTenantctl)
#include "tst_tenantctl.moc"
