// tenantctl as a user meets it: the built binary run as a process against a real PostgreSQL,
// judged by its exit code, standard output and standard error only. The functions run in
// declaration order and build on each other: the shared database starts empty, is migrated,
// seeded, verified and finally tampered with.

#include "models/store/schemamigrator.h"
#include "tests/support/pgtestdatabase.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using tc::test::PgTestDatabase;

namespace {

constexpr int kRunTimeoutMs = 120'000;
// Bad input must be refused at once; far longer than that means tenantctl hangs.
constexpr int kBadInputTimeoutMs = 30'000;

struct CtlRun
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;

    QStringList errLines() const { return err.split(u'\n', Qt::SkipEmptyParts); }
    bool exitedNormally() const { return finished && status == QProcess::NormalExit; }
    QString summary() const
    {
        return QStringLiteral("finished: %1, exit code: %2\nstdout: %3\nstderr: %4")
            .arg(finished ? QStringLiteral("yes") : QStringLiteral("no"))
            .arg(exitCode)
            .arg(out, err);
    }
};

// The libpq environment must not leak in from the shell that runs the tests.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            env.remove(key);
    }
    return env;
}

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

private:
    CtlRun run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(),
               int timeoutMs = kRunTimeoutMs) const;
    QStringList withDb(const QStringList &args) const { return QStringList{QStringLiteral("--db"), m_db->conninfo()} + args; }
    // What `db status` prints for the migrations recorded in `db` (all of them applied).
    static QString appliedStatus(const PgTestDatabase &db);

    QString m_ctl;
    std::unique_ptr<PgTestDatabase> m_db;
};

void TstTenantctl::initTestCase()
{
    m_ctl = qEnvironmentVariable("TC_TENANTCTL");
    QVERIFY2(!m_ctl.isEmpty(), "TC_TENANTCTL not set: run the test through ctest");
    QVERIFY2(QFileInfo(m_ctl).isExecutable(), qPrintable(m_ctl));
    QVERIFY(!tc::SchemaMigrator::bundled().isEmpty());
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantctl"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
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
        "SELECT lpad(version::text, 4, '0') || '  ' || rpad(name, 24) || '  ' "
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
    QCOMPARE(r.err, QStringLiteral("tenantctl: 1 migration(s) pending; run \"tenantctl db migrate\".\n"));
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
    QCOMPARE(db.rows(QStringLiteral("SELECT version FROM tenancy.schema_migrations ORDER BY version")),
             QStringList({QStringLiteral("1"), QStringLiteral("9999")}));

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

QTEST_GUILESS_MAIN(TstTenantctl)
#include "tst_tenantctl.moc"
