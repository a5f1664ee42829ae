// tenantctl migrate as an operator meets it: the built binary run as a process against a real
// PostgreSQL, judged by its exit code, standard output and standard error, and by what the
// database holds afterwards (checked with SQL as the superuser). Plans with exact figures,
// selector errors with their position, refusals, the quota block, a run to the end with
// content checksums on both sides, the process SIGKILLed 20 times at random moments and
// resumed, SIGTERM pausing a job, concurrent writes to the source during a move, cancel,
// status and the audit trail of the jobs tenantctl ran. Each test uses tenants of its own.

#include "tests/support/ctlrun.h"
#include "tests/support/pgtestdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <signal.h>

using tc::test::CtlRun;
using tc::test::PgTestDatabase;
using tc::test::cleanEnvironment;

namespace {

constexpr int kRunTimeoutMs = 120'000;
constexpr int kKills = 20;

// JSON written with ` for " (moc cannot read raw string literals holding quotes).
QString J(const char *json)
{
    return QString::fromUtf8(json).replace(u'`', u'"');
}

// Rows i = 1..n: department marketing for i % 5 in (0, 1, 2), months 01..09.
const QString kSelector = J("{`department`: `marketing`, `date`: {`$gt`: `2023-01-31`}}");
const QString kMatching =
    QStringLiteral("(metadata->>'department' = 'marketing' AND metadata->>'date' > '2023-01-31')");

// How many of rows 1..n the selector matches.
int matchingOf(int n)
{
    int expected = 0;
    for (int i = 1; i <= n; ++i)
        expected += (i % 5 < 3 && 1 + i % 9 >= 2) ? 1 : 0;
    return expected;
}

QJsonValue parse(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

// Lines of `text` that are not progress lines ("job 17: ...").
QStringList withoutProgress(const QString &text, qint64 job)
{
    QStringList lines;
    const QString progress = QStringLiteral("job %1: ").arg(job);
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.startsWith(progress))
            lines.append(line);
    }
    return lines;
}

} // namespace

class TstTenantctlMigrate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planFigures();
    void selectorErrors_data();
    void selectorErrors();
    void refusals_data();
    void refusals();
    void quotaBlocksTheMove();
    void runToFinished();
    void killedAndResumed();
    void sigtermPausesThenResumes();
    void concurrentWritesToTheSource();
    void cancel();
    void statusLists();

private:
    CtlRun ctl(const QStringList &args) const;
    // tenantctl started (not waited for) with `args`.
    void start(QProcess &process, const QStringList &args) const;
    // Waits for the "Created migration job N" line of a `migrate run` and returns N (or -1).
    static qint64 createdJob(QProcess &process);
    QString q(const QString &sql) const;
    // A tenant created by tenantctl (its tier's limits), with `rows` memories row-1..row-n.
    QString makeTenant(const QString &slug, int rows);
    // "md5:count" of content and metadata of `tenant`'s memories that pass `filter`.
    QString checksum(const QString &tenant, const QString &filter) const;
    QString jobField(qint64 job, const QString &expression) const
    {
        return q(QStringLiteral("SELECT %1 FROM tenancy.migration_jobs WHERE id = %2").arg(expression).arg(job));
    }
    // Audit rows of `job` with `action` whose before/after pass `filter`.
    int audited(qint64 job, const QString &action, const QString &filter) const;
    // Starts `migrate run` with small batches, waits for rows to move, sends SIGTERM; the job
    // is paused after it. Returns the job.
    qint64 runAndTerminate(const QString &source, const QString &target, int batchRows);

    QString m_ctl;
    std::unique_ptr<PgTestDatabase> m_db;
    const QString m_operator = QStringLiteral("tst_migrate_operator");
};

void TstTenantctlMigrate::initTestCase()
{
    m_ctl = qEnvironmentVariable("TC_TENANTCTL");
    QVERIFY2(!m_ctl.isEmpty(), "TC_TENANTCTL not set: run the test through ctest");
    QVERIFY2(QFileInfo(m_ctl).isExecutable(), qPrintable(m_ctl));
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantctl_migrate"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(m_operator, QStringLiteral("tenancy_operator")), qPrintable(m_db->error()));
}

CtlRun TstTenantctlMigrate::ctl(const QStringList &args) const
{
    QProcess process;
    start(process, args);
    CtlRun r;
    r.finished = process.waitForFinished(kRunTimeoutMs);
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

void TstTenantctlMigrate::start(QProcess &process, const QStringList &args) const
{
    process.setProcessEnvironment(cleanEnvironment());
    process.start(m_ctl, QStringList{QStringLiteral("--db"), m_db->conninfo(m_operator)} + args);
}

qint64 TstTenantctlMigrate::createdJob(QProcess &process)
{
    static const QRegularExpression created(QStringLiteral("^Created migration job (\\d+): "));
    QByteArray out;
    while (!out.contains('\n') && process.waitForReadyRead(kRunTimeoutMs))
        out += process.readAllStandardOutput();
    const QRegularExpressionMatch m = created.match(QString::fromUtf8(out));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

QString TstTenantctlMigrate::q(const QString &sql) const
{
    QString error;
    const QString value = m_db->scalar(sql, &error).toString();
    if (!error.isEmpty())
        qWarning("%s: %s", qPrintable(sql), qPrintable(error));
    return value;
}

QString TstTenantctlMigrate::makeTenant(const QString &slug, int rows)
{
    const CtlRun r = ctl({QStringLiteral("tenant"), QStringLiteral("create"), slug, QStringLiteral("--name"), slug});
    if (r.exitCode != 0) {
        qWarning("%s", qPrintable(r.summary()));
        return {};
    }
    const QString id = q(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
    const QString error = m_db->exec(
        QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                       "SELECT '%1', 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN "
                       "'marketing' ELSE 'sales' END, 'date', '2023-0' || (1 + i % 9) || '-15', 'n', i) "
                       "FROM generate_series(1, %2) i")
            .arg(id)
            .arg(rows));
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return id;
}

QString TstTenantctlMigrate::checksum(const QString &tenant, const QString &filter) const
{
    return q(QStringLiteral("SELECT md5(coalesce(string_agg(content || '|' || metadata::text, ',' ORDER BY content), "
                            "'')) || ':' || count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND %2")
                 .arg(tenant, filter));
}

int TstTenantctlMigrate::audited(qint64 job, const QString &action, const QString &filter) const
{
    return q(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'migration_jobs.%1' "
                            "AND (coalesce(after, before)->>'id')::bigint = %2 AND actor = '%3' AND %4")
                 .arg(action)
                 .arg(job)
                 .arg(m_operator, filter))
        .toInt();
}

qint64 TstTenantctlMigrate::runAndTerminate(const QString &source, const QString &target, int batchRows)
{
    QProcess process;
    start(process, {QStringLiteral("migrate"), QStringLiteral("run"), source, target, QStringLiteral("--selector"),
                    kSelector, QStringLiteral("--batch-rows"), QString::number(batchRows)});
    const qint64 job = createdJob(process);
    if (job < 0) {
        qWarning("no job created: %s", process.readAllStandardError().constData());
        return -1;
    }
    // Rows are moving: the signal lands inside the run, between or during batches.
    QElapsedTimer waited;
    waited.start();
    while (jobField(job, QStringLiteral("moved_rows")).toInt() == 0 && waited.elapsed() < kRunTimeoutMs)
        QTest::qSleep(10);
    ::kill(pid_t(process.processId()), SIGTERM);
    process.waitForFinished(kRunTimeoutMs);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    const QStringList lines = withoutProgress(err, job);
    const QString moved = jobField(job, QStringLiteral("moved_rows"));
    const QString planned = jobField(job, QStringLiteral("planned_rows"));
    const QStringList expected{
        QStringLiteral("tenantctl: pausing migration job %1 after the current batch (a second signal stops at once)")
            .arg(job),
        QStringLiteral("tenantctl: Migration job %1 paused after a whole batch: %2 of %3 memories moved; run "
                       "\"tenantctl migrate resume %1\" to go on.")
            .arg(job)
            .arg(moved, planned)};
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 10 || lines != expected) {
        qWarning("unexpected end of the terminated run: exit %d\n%s", process.exitCode(), qPrintable(err));
        return -1;
    }
    return job;
}

void TstTenantctlMigrate::planFigures()
{
    const QString source = makeTenant(QStringLiteral("plan-src"), 1000);
    const QString target = makeTenant(QStringLiteral("plan-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) VALUES "
                                       "('%1', 'items', now(), 40), ('%1', 'storage_bytes', now(), 12345)")
                            .arg(target)),
             QString());
    const int rows = matchingOf(1000);
    const QString bytes =
        q(QStringLiteral("SELECT sum(size_bytes) FROM tenancy.memories WHERE tenant_id = '%1' AND %2").arg(source, kMatching));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND %2").arg(source, kMatching))
                 .toInt(),
             rows);
    const QString itemsLimit = q(QStringLiteral("SELECT tenancy.effective_limit('%1', 'items')").arg(target));
    const QString bytesLimit = q(QStringLiteral("SELECT tenancy.effective_limit('%1', 'storage_bytes')").arg(target));
    QVERIFY(itemsLimit.toLongLong() > 40 + rows);
    const QString before = checksum(source, QStringLiteral("true"));

    // Machine output: every figure exact.
    CtlRun r = ctl({QStringLiteral("--json"), QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("plan-src"),
                    QStringLiteral("plan-tgt"), QStringLiteral("--selector"), kSelector, QStringLiteral("--new-ids")});
    QVERIFY2(r.exitedNormally() && r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    const QJsonObject plan = parse(r.out).toObject();
    QCOMPARE(plan.value(QStringLiteral("rows")).toInteger(), rows);
    QCOMPARE(plan.value(QStringLiteral("bytes")).toInteger(), bytes.toLongLong());
    QCOMPARE(plan.value(QStringLiteral("blocked")).toBool(true), false);
    QCOMPARE(plan.value(QStringLiteral("preserve_ids")).toBool(true), false);
    QCOMPARE(plan.value(QStringLiteral("include_metadata")).toBool(false), true);
    QCOMPARE(plan.value(QStringLiteral("source")).toObject().value(QStringLiteral("id")).toString(), source);
    QCOMPARE(plan.value(QStringLiteral("target")).toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("plan-tgt"));
    QCOMPARE(QJsonDocument(plan.value(QStringLiteral("selector")).toObject()).toJson(QJsonDocument::Compact),
             QJsonDocument::fromJson(kSelector.toUtf8()).toJson(QJsonDocument::Compact));
    const QString quotaJson =
        QString::fromUtf8(QJsonDocument(plan.value(QStringLiteral("quota")).toArray()).toJson(QJsonDocument::Compact));
    QCOMPARE(quotaJson, J("[{`after`:%1,`exceeds`:false,`limit`:%2,`needed`:%3,`resource`:`items`,`used`:40},"
                          "{`after`:%4,`exceeds`:false,`limit`:%5,`needed`:%6,`resource`:`storage_bytes`,`used`:12345}]")
                            .arg(40 + rows)
                            .arg(itemsLimit)
                            .arg(rows)
                            .arg(12345 + bytes.toLongLong())
                            .arg(bytesLimit, bytes));
    // The sample: the first 20 matching rows by id, with their sizes.
    QStringList sampled;
    for (const QJsonValue &s : plan.value(QStringLiteral("sample")).toArray()) {
        const QJsonObject o = s.toObject();
        sampled.append(o.value(QStringLiteral("id")).toString() + u'/'
                       + QString::number(o.value(QStringLiteral("size_bytes")).toInteger()) + u'/'
                       + QString::number(o.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("n")).toInt()));
    }
    QCOMPARE(sampled.join(u','),
             q(QStringLiteral("SELECT string_agg(id || '/' || size_bytes || '/' || (metadata->>'n'), ',' ORDER BY id) "
                              "FROM (SELECT * FROM tenancy.memories WHERE tenant_id = '%1' AND %2 ORDER BY id LIMIT 20) s")
                   .arg(source, kMatching)));

    // For people: the same figures, the limit table and the first sample rows.
    r = ctl({QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("plan-src"), QStringLiteral("plan-tgt"),
             QStringLiteral("--selector"), kSelector, QStringLiteral("--drop-metadata")});
    QVERIFY2(r.exitedNormally() && r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(r.err, QString());
    const QStringList lines = r.out.split(u'\n');
    QVERIFY2(lines.value(0).startsWith(QStringLiteral("Would move %1 memories, %2 bytes (").arg(rows).arg(bytes)),
             qPrintable(r.out));
    QVERIFY2(lines.value(0).endsWith(QStringLiteral("), from plan-src to plan-tgt.")), qPrintable(r.out));
    QCOMPARE(lines.mid(1, 3),
             QStringList({QStringLiteral("selector  {\"department\":\"marketing\",\"date\":{\"$gt\":\"2023-01-31\"}}"),
                          QStringLiteral("ids       kept"),
                          QStringLiteral("metadata  dropped (moved memories get {})")}));
    const QRegularExpression items(QStringLiteral("^items +40 +%1 +%2 +%3  ok$").arg(rows).arg(40 + rows).arg(itemsLimit),
                                   QRegularExpression::MultilineOption);
    QVERIFY2(items.match(r.out).hasMatch(), qPrintable(r.out));
    const QString firstId =
        q(QStringLiteral("SELECT id FROM tenancy.memories WHERE tenant_id = '%1' AND %2 ORDER BY id LIMIT 1").arg(source, kMatching));
    QVERIFY2(r.out.contains(QStringLiteral("First 5 of %1 by id:\n").arg(rows)), qPrintable(r.out));
    QVERIFY2(r.out.contains(u'\n' + firstId + u' '), qPrintable(r.out));
    QVERIFY2(r.out.endsWith(QStringLiteral("\nThe target's limits allow this move.\n")), qPrintable(r.out));

    // A selector nothing matches.
    r = ctl({QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("plan-src"), QStringLiteral("plan-tgt"),
             QStringLiteral("--selector"), J("{`department`: `legal`}")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QVERIFY2(r.out.startsWith(QStringLiteral("Would move 0 memories, 0 bytes, from plan-src to plan-tgt.\n")), qPrintable(r.out));
    QVERIFY2(r.out.endsWith(QStringLiteral("\nNo memory of plan-src matches the selector; nothing would move.\n")),
             qPrintable(r.out));

    // --all: every row of the source.
    r = ctl({QStringLiteral("--json"), QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("plan-src"),
             QStringLiteral("plan-tgt"), QStringLiteral("--all")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(parse(r.out).toObject().value(QStringLiteral("rows")).toInteger(), 1000);

    // Planning changes nothing.
    QCOMPARE(checksum(source, QStringLiteral("true")), before);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs WHERE source_tenant = '%1'").arg(source)),
             QStringLiteral("0"));
}

void TstTenantctlMigrate::selectorErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("file"); // written to a file named by a FILE option
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString bad = QStringLiteral("tenantctl: The selector is not valid at line %1, column %2: %3\n");
    QTest::newRow("missing value") << QStringList{QStringLiteral("--selector"), J("{`department`: }")} << QByteArray() << 3
                                   << bad.arg(1).arg(16).arg(QStringLiteral(
                                          "unexpected '}', expected a value (a string, number, true, false, null, object or array)"));
    QTest::newRow("unknown operator, second line")
        << QStringList{QStringLiteral("--selector"), J("{`department`: `marketing`,\n `date`: {`$gtx`: `2023-01-31`}}")}
        << QByteArray() << 3 << bad.arg(2).arg(11).arg(QStringLiteral("unknown operator $gtx"));
    QTest::newRow("duplicate key") << QStringList{QStringLiteral("--selector"), J("{`a`: 1, `a`: 2}")} << QByteArray() << 3
                                   << bad.arg(1).arg(10).arg(QStringLiteral("duplicate key \"a\""));
    QTest::newRow("$in without a list") << QStringList{QStringLiteral("--selector"), J("{`a`: {`$in`: 5}}")} << QByteArray()
                                        << 3
                                        << bad.arg(1).arg(15).arg(QStringLiteral("$in needs a non-empty array of values, not a number"));
    QTest::newRow("not an object") << QStringList{QStringLiteral("--selector"), QStringLiteral("[")} << QByteArray() << 3
                                   << bad.arg(1).arg(1).arg(QStringLiteral("a selector must be a JSON object starting with '{'"));
    // A file is read as UTF-8: columns count characters, not bytes.
    QTest::newRow("file, UTF-8, third line")
        << QStringList{QStringLiteral("--selector-file"), QStringLiteral("FILE")}
        << QByteArray("{\n  \"Abteilung\": \"M\xc3\xa4rkte\",\n  \"datum\": {\"$gt\": \"2023\"}, \"gr\xc3\xb6\xc3\x9f"
                      "e\": {\"$lt\": 1}\n}")
        << 3
        << QStringLiteral("tenantctl: The selector in \"FILE\" is not valid at line 3, column 29: field path \"gr\u00f6\u00dfe\" may "
                          "only use letters, digits, '_', '-' and '.' between segments\n");
    QTest::newRow("file missing") << QStringList{QStringLiteral("--selector-file"), QStringLiteral("/nonexistent/sel.json")}
                                  << QByteArray() << 3
                                  << QStringLiteral("tenantctl: Cannot read the selector file \"/nonexistent/sel.json\": No "
                                                    "such file or directory.\n");
    QTest::newRow("{} needs --all") << QStringList{QStringLiteral("--selector"), QStringLiteral(" { } ")} << QByteArray() << 1
                                    << QStringLiteral("tenantctl: the selector {} selects every memory of SOURCE; say --all to "
                                                      "move them all (see tenantctl --help)\n");
    QTest::newRow("no selector") << QStringList() << QByteArray() << 1
                                 << QStringLiteral("tenantctl: migrate plan needs --selector JSON, --selector-file FILE or "
                                                   "--all (every memory of SOURCE) (see tenantctl --help)\n");
    QTest::newRow("two selectors") << QStringList{QStringLiteral("--selector"), J("{`a`: 1}"), QStringLiteral("--all")}
                                   << QByteArray() << 1
                                   << QStringLiteral("tenantctl: migrate plan takes one of --selector, --selector-file and "
                                                     "--all (see tenantctl --help)\n");
}

void TstTenantctlMigrate::selectorErrors()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, file);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (!file.isEmpty()) {
        const QString path = dir.filePath(QStringLiteral("selector.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
        f.close();
        options.replace(options.indexOf(QStringLiteral("FILE")), path);
        message.replace(QStringLiteral("\"FILE\""), u'"' + path + u'"');
    }
    // Tenants that do not exist: the selector is judged before anything is looked up.
    const CtlRun r = ctl(QStringList{QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("no-such-src"),
                                     QStringLiteral("no-such-tgt")}
                         + options);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, message);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, exitCode);
}

void TstTenantctlMigrate::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString sel = kSelector;
    QTest::newRow("same tenant") << QStringList{QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("ref-src"),
                                                QStringLiteral("ref-src"), QStringLiteral("--selector"), sel}
                                 << 3
                                 << QStringLiteral("tenantctl: SOURCE and TARGET are the same tenant (ref-src); choose a "
                                                   "different target.\n");
    QTest::newRow("suspended target")
        << QStringList{QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("ref-src"),
                       QStringLiteral("ref-suspended"), QStringLiteral("--selector"), sel}
        << 3
        << QStringLiteral("tenantctl: Target tenant ref-suspended is suspended; memories can only be moved into an active "
                          "tenant.\n");
    QTest::newRow("unknown target") << QStringList{QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("ref-src"),
                                                   QStringLiteral("nobody"), QStringLiteral("--all")}
                                    << 6 << QStringLiteral("tenantctl: No tenant has the slug \"nobody\".\n");
    QTest::newRow("unknown job") << QStringList{QStringLiteral("migrate"), QStringLiteral("resume"), QStringLiteral("987654")}
                                 << 6
                                 << QStringLiteral("tenantctl: Migration job 987654 does not exist. \"tenantctl migrate "
                                                   "status\" lists the jobs.\n");
    QTest::newRow("status of unknown job")
        << QStringList{QStringLiteral("migrate"), QStringLiteral("status"), QStringLiteral("987654")} << 6
        << QStringLiteral("tenantctl: Migration job 987654 does not exist.\n");
    QTest::newRow("cancel unknown job")
        << QStringList{QStringLiteral("migrate"), QStringLiteral("cancel"), QStringLiteral("987654")} << 6
        << QStringLiteral("tenantctl: Migration job 987654 does not exist.\n");
    QTest::newRow("job is no number") << QStringList{QStringLiteral("migrate"), QStringLiteral("resume"), QStringLiteral("last")}
                                      << 1
                                      << QStringLiteral("tenantctl: JOB is a migration job's number (\"tenantctl migrate "
                                                        "status\" lists them), not \"last\" (see tenantctl --help)\n");
    QTest::newRow("batch of 0") << QStringList{QStringLiteral("migrate"), QStringLiteral("resume"), QStringLiteral("1"),
                                               QStringLiteral("--batch-rows"), QStringLiteral("0")}
                                << 1
                                << QStringLiteral("tenantctl: --batch-rows takes a whole number of rows from 1 to 100000, not "
                                                  "\"0\" (see tenantctl --help)\n");
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("migrate"), QStringLiteral("undo")} << 1
                                  << QStringLiteral("tenantctl: unknown command \"migrate undo\" (see tenantctl --help)\n");
}

void TstTenantctlMigrate::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (q(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug = 'ref-src'")) == QLatin1String("0")) {
        QVERIFY(!makeTenant(QStringLiteral("ref-src"), 50).isEmpty());
        QVERIFY(!makeTenant(QStringLiteral("ref-suspended"), 0).isEmpty());
        const CtlRun s = ctl({QStringLiteral("lifecycle"), QStringLiteral("suspend"), QStringLiteral("ref-suspended"),
                              QStringLiteral("--reason"), QStringLiteral("test")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.summary()));
    }
    const QString jobs = q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs"));
    const CtlRun r = ctl(args);
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.err, message);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs")), jobs);
}

void TstTenantctlMigrate::quotaBlocksTheMove()
{
    const QString source = makeTenant(QStringLiteral("quota-src"), 200);
    const QString target = makeTenant(QStringLiteral("quota-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const int rows = matchingOf(200);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                       "VALUES ('%1', 'items', now(), 40)")
                            .arg(target)),
             QString());
    CtlRun r = ctl({QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("quota-tgt"), QStringLiteral("items"),
                    QStringLiteral("100")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QVERIFY(40 + rows > 100);

    const QString blocked = QStringLiteral("tenantctl: Moving these memories into quota-tgt would exceed its items limit "
                                           "(40 used + %1 moving = %2 > 100); raise the target's limits first "
                                           "(\"tenantctl quota set quota-tgt RESOURCE VALUE\") or select fewer rows.\n")
                                .arg(rows)
                                .arg(40 + rows);
    r = ctl({QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("quota-src"), QStringLiteral("quota-tgt"),
             QStringLiteral("--selector"), kSelector});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 7);
    QCOMPARE(r.err, blocked);
    const QRegularExpression line(QStringLiteral("^items +40 +%1 +%2 +100  BLOCKED$").arg(rows).arg(40 + rows),
                                  QRegularExpression::MultilineOption);
    QVERIFY2(line.match(r.out).hasMatch(), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QLatin1String("allow this move")), qPrintable(r.out));

    r = ctl({QStringLiteral("--json"), QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("quota-src"),
             QStringLiteral("quota-tgt"), QStringLiteral("--selector"), kSelector});
    QCOMPARE(r.exitCode, 7);
    QCOMPARE(parse(r.out).toObject().value(QStringLiteral("blocked")).toBool(false), true);
    QCOMPARE(parse(r.err).toObject().value(QStringLiteral("error")).toString(), QStringLiteral("quota_exceeded"));

    // run refuses too, before any job exists or any row moves.
    const QString before = checksum(source, QStringLiteral("true"));
    r = ctl({QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("quota-src"), QStringLiteral("quota-tgt"),
             QStringLiteral("--selector"), kSelector});
    QVERIFY2(r.exitedNormally(), qPrintable(r.summary()));
    QCOMPARE(r.exitCode, 7);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err, QStringLiteral("tenantctl: Moving these rows into \"quota-tgt\" would exceed its items limit: 40 used + "
                                   "%1 needed > 100; raise the target's limit first.\n")
                        .arg(rows));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs WHERE source_tenant = '%1'").arg(source)),
             QStringLiteral("0"));
    QCOMPARE(checksum(source, QStringLiteral("true")), before);

    // Raised: the plan may go.
    r = ctl({QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("quota-tgt"), QStringLiteral("items"),
             QString::number(40 + rows)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    r = ctl({QStringLiteral("migrate"), QStringLiteral("plan"), QStringLiteral("quota-src"), QStringLiteral("quota-tgt"),
             QStringLiteral("--selector"), kSelector});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QVERIFY2(QRegularExpression(QStringLiteral("^items +40 +%1 +%2 +%2  ok$").arg(rows).arg(40 + rows),
                                QRegularExpression::MultilineOption)
                 .match(r.out)
                 .hasMatch(),
             qPrintable(r.out));
}

void TstTenantctlMigrate::runToFinished()
{
    const QString source = makeTenant(QStringLiteral("run-src"), 2000);
    const QString target = makeTenant(QStringLiteral("run-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content, metadata) SELECT '%1', "
                                       "'own-' || i, '{\"department\": \"marketing\", \"date\": \"2023-05-01\"}' "
                                       "FROM generate_series(1, 3) i")
                            .arg(target)),
             QString());
    const int rows = matchingOf(2000);
    const QString moving = checksum(source, kMatching);
    const QString staying = checksum(source, QStringLiteral("NOT ") + kMatching);
    const QString own = checksum(target, QStringLiteral("true"));
    const QString movingIds =
        q(QStringLiteral("SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM tenancy.memories WHERE tenant_id = '%1' "
                         "AND %2")
              .arg(source, kMatching));
    const QString bytes =
        q(QStringLiteral("SELECT sum(size_bytes) FROM tenancy.memories WHERE tenant_id = '%1' AND %2").arg(source, kMatching));
    QCOMPARE(moving.section(u':', 1).toInt(), rows);

    const CtlRun r = ctl({QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("run-src"),
                          QStringLiteral("run-tgt"), QStringLiteral("--selector"), kSelector, QStringLiteral("--batch-rows"),
                          QStringLiteral("100")});
    QVERIFY2(r.exitedNormally() && r.exitCode == 0, qPrintable(r.summary()));
    const qint64 job = q(QStringLiteral("SELECT max(id) FROM tenancy.migration_jobs WHERE source_tenant = '%1'").arg(source))
                           .toLongLong();
    const int batches = (rows + 99) / 100;
    const QStringList out = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(out.size(), 2);
    QVERIFY2(out.at(0).startsWith(QStringLiteral("Created migration job %1: %2 memories, %3 bytes (").arg(job).arg(rows).arg(bytes)),
             qPrintable(r.out));
    QVERIFY2(out.at(0).endsWith(QStringLiteral("), from run-src to run-tgt.")), qPrintable(r.out));
    QVERIFY2(out.at(1).startsWith(QStringLiteral("Migration job %1 finished: moved %2 memories, %3 bytes (").arg(job).arg(rows).arg(bytes)),
             qPrintable(r.out));
    QVERIFY2(out.at(1).endsWith(QStringLiteral("), from run-src to run-tgt in %1 batches.").arg(batches)), qPrintable(r.out));
    QCOMPARE(withoutProgress(r.err, job), QStringList());

    // Content: everything matching arrived once, with its ids; nothing else moved or changed.
    QCOMPARE(checksum(target, QStringLiteral("content LIKE 'row-%'")), moving);
    QCOMPARE(checksum(source, QStringLiteral("true")), staying);
    QCOMPARE(checksum(target, QStringLiteral("content LIKE 'own-%'")), own);
    QCOMPARE(q(QStringLiteral("SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM tenancy.memories WHERE tenant_id = "
                              "'%1' AND content LIKE 'row-%'")
                   .arg(target)),
             movingIds);
    QCOMPARE(jobField(job, QStringLiteral("state || ' ' || moved_rows || ' ' || moved_bytes || ' ' || skipped_rows || ' ' "
                                          "|| batches")),
             QStringLiteral("finished %1 %2 0 %3").arg(rows).arg(bytes).arg(batches));

    // Audited as the operator tenantctl ran as: created with its plan, started once,
    // finished with the counts; the chain still verifies.
    QCOMPARE(audited(job, QStringLiteral("insert"),
                     QStringLiteral("after->>'state' = 'planned' AND (after->>'planned_rows')::int = %1 AND "
                                    "(after->>'planned_bytes')::bigint = %2 AND tenant_id = '%3'")
                         .arg(rows)
                         .arg(bytes, source)),
             1);
    QCOMPARE(audited(job, QStringLiteral("update"),
                     QStringLiteral("before->>'state' = 'planned' AND after->>'state' = 'running'")),
             1);
    QCOMPARE(audited(job, QStringLiteral("update"),
                     QStringLiteral("before->>'state' = 'running' AND after->>'state' = 'finished' AND "
                                    "(after->>'moved_rows')::int = %1 AND (after->>'moved_bytes')::bigint = %2 AND "
                                    "(after->>'batches')::int = %3")
                         .arg(rows)
                         .arg(bytes)
                         .arg(batches)),
             1);
    QCOMPARE(q(QStringLiteral("SELECT coalesce(first_bad_id::text, 'ok') FROM tenancy.audit_verify()")), QStringLiteral("ok"));

    // Resuming a finished job changes nothing and says so.
    const QString version = jobField(job, QStringLiteral("version"));
    const CtlRun again = ctl({QStringLiteral("migrate"), QStringLiteral("resume"), QString::number(job)});
    QVERIFY2(again.exitCode == 0, qPrintable(again.summary()));
    QVERIFY2(again.out.startsWith(QStringLiteral("Migration job %1 has already finished; nothing to resume.\n").arg(job)),
             qPrintable(again.out));
    QCOMPARE(jobField(job, QStringLiteral("version")), version);
    QCOMPARE(checksum(target, QStringLiteral("content LIKE 'row-%'")), moving);
}

void TstTenantctlMigrate::killedAndResumed()
{
    // New ids, so the id map is checked too; small batches, so kills land inside the move.
    const QString source = makeTenant(QStringLiteral("kill-src"), 2000);
    const QString target = makeTenant(QStringLiteral("kill-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const int rows = matchingOf(2000);
    const int batchRows = 3;
    QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE public.kill_before AS SELECT id, content FROM tenancy.memories "
                                       "WHERE tenant_id = '%1' AND %2")
                            .arg(source, kMatching)),
             QString());
    const QString moving = checksum(source, kMatching);
    const QString staying = checksum(source, QStringLiteral("NOT ") + kMatching);

    QRandomGenerator random(20261122u);
    qint64 job = -1;
    int killsWhileMoving = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        QProcess process;
        const QString batch = QString::number(batchRows);
        // Most kills land while batches run (once tenantctl says it is moving rows), every
        // fifth one anywhere in its start-up.
        const bool inStartUp = kill % 5 == 4;
        if (job < 0) {
            start(process, {QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("kill-src"),
                            QStringLiteral("kill-tgt"), QStringLiteral("--selector"), kSelector, QStringLiteral("--new-ids"),
                            QStringLiteral("--batch-rows"), batch});
            job = createdJob(process);
            QVERIFY2(job > 0, process.readAllStandardError().constData());
        } else {
            start(process, {QStringLiteral("migrate"), QStringLiteral("resume"), QString::number(job),
                            QStringLiteral("--batch-rows"), batch});
            QVERIFY(process.waitForStarted());
            if (!inStartUp) {
                process.setReadChannel(QProcess::StandardError);
                QByteArray said;
                while (!said.contains('\n') && process.waitForReadyRead(kRunTimeoutMs))
                    said += process.readAllStandardError();
                QVERIFY2(said.startsWith("Resuming migration job "), said.constData());
            }
        }
        const qint64 movedBefore = jobField(job, QStringLiteral("moved_rows")).toLongLong();
        QVERIFY2(!process.waitForFinished(int(random.bounded(inStartUp ? 0 : 20, inStartUp ? 200 : 150))),
                 qPrintable(QStringLiteral("the job ended before kill %1: %2").arg(kill + 1).arg(QString::fromUtf8(
                     process.readAllStandardError()))));
        QCOMPARE(::kill(pid_t(process.processId()), SIGKILL), 0);
        QVERIFY(process.waitForFinished(kRunTimeoutMs));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        if (jobField(job, QStringLiteral("moved_rows")).toLongLong() > movedBefore)
            ++killsWhileMoving;
    }
    // Killed in the middle of the move, not all before or after it.
    qInfo("%d of %d kills landed while rows were moving", killsWhileMoving, kKills);
    QVERIFY2(killsWhileMoving >= kKills / 2, qPrintable(QString::number(killsWhileMoving)));
    QVERIFY(jobField(job, QStringLiteral("moved_rows")).toInt() < rows);
    QCOMPARE(jobField(job, QStringLiteral("state")), QStringLiteral("running")); // abandoned, not paused
    // Every batch the killed runs committed is a whole one of 3 rows, counted once: however
    // often a batch (or its COMMIT) was cut short, none was applied twice or in part.
    const QString movedWhileKilled = jobField(job, QStringLiteral("moved_rows"));
    const QString lastAudit = q(QStringLiteral("SELECT max(id) FROM tenancy.audit_log"));
    QCOMPARE(q(QStringLiteral("SELECT count(*) * %1 || '/' || count(*) FILTER (WHERE (after->>'moved_rows')::int - "
                              "(before->>'moved_rows')::int <> %1) FROM tenancy.audit_log WHERE action = "
                              "'migration_jobs.update' AND (after->>'id')::bigint = %2 AND before->>'state' = 'running' AND "
                              "after->>'state' = 'running' AND id <= %3")
                   .arg(batchRows)
                   .arg(job)
                   .arg(lastAudit)),
             movedWhileKilled + QStringLiteral("/0"));

    const CtlRun r = ctl({QStringLiteral("migrate"), QStringLiteral("resume"), QString::number(job)});
    QVERIFY2(r.exitedNormally() && r.exitCode == 0, qPrintable(r.summary()));
    QVERIFY2(r.out.startsWith(QStringLiteral("Migration job %1 finished: moved %2 memories, ").arg(job).arg(rows)),
             qPrintable(r.out));
    QVERIFY2(r.out.endsWith(QStringLiteral("The moved memories got new ids; \"tenantctl migrate idmap %1\" prints the old and "
                                           "new ids.\n")
                                .arg(job)),
             qPrintable(r.out));

    // No row lost or duplicated: the same content on the other side, once.
    QCOMPARE(checksum(target, QStringLiteral("true")), moving);
    QCOMPARE(checksum(source, QStringLiteral("true")), staying);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id IN ('%1', '%2')").arg(source, target))
                 .toInt(),
             2000);
    QCOMPARE(jobField(job, QStringLiteral("state || ' ' || moved_rows || ' ' || skipped_rows")),
             QStringLiteral("finished %1 0").arg(rows));
    const int batches = jobField(job, QStringLiteral("batches")).toInt();

    // The id map, as tenantctl prints it: complete, 1:1, each pair the same content.
    const CtlRun map = ctl({QStringLiteral("migrate"), QStringLiteral("idmap"), QString::number(job)});
    QVERIFY2(map.exitCode == 0, qPrintable(map.summary()));
    QCOMPARE(map.err, QString());
    QCOMPARE(map.out,
             QStringLiteral("old_id,new_id\n")
                 + q(QStringLiteral("SELECT string_agg(old_id || ',' || new_id, E'\\n' ORDER BY old_id) FROM "
                                    "tenancy.migration_id_map WHERE job_id = %1")
                         .arg(job))
                 + u'\n');
    QCOMPARE(map.out.count(u'\n'), rows + 1);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_id_map x JOIN public.kill_before b ON b.id = x.old_id "
                              "JOIN tenancy.memories m ON m.tenant_id = '%1' AND m.id = x.new_id AND m.content = b.content "
                              "WHERE x.job_id = %2")
                   .arg(target)
                   .arg(job))
                 .toInt(),
             rows);
    QCOMPARE(q(QStringLiteral("SELECT count(DISTINCT new_id) FROM tenancy.migration_id_map WHERE job_id = %1").arg(job)).toInt(),
             rows);

    // Audited: started once (a killed run leaves it running, and resuming does not start it
    // again), one entry per committed batch, finished once; the chain verifies.
    QCOMPARE(audited(job, QStringLiteral("update"), QStringLiteral("after->>'state' = 'running' AND before->>'state' <> 'running'")),
             1);
    QCOMPARE(audited(job, QStringLiteral("update"),
                     QStringLiteral("before->>'state' = 'running' AND after->>'state' = 'running'")),
             batches);
    QCOMPARE(audited(job, QStringLiteral("update"),
                     QStringLiteral("after->>'state' = 'finished' AND (after->>'moved_rows')::int = %1").arg(rows)),
             1);
    QCOMPARE(q(QStringLiteral("SELECT coalesce(first_bad_id::text, 'ok') FROM tenancy.audit_verify()")), QStringLiteral("ok"));
    QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE public.kill_before")), QString());
}

void TstTenantctlMigrate::sigtermPausesThenResumes()
{
    const QString source = makeTenant(QStringLiteral("term-src"), 3000);
    const QString target = makeTenant(QStringLiteral("term-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const int rows = matchingOf(3000);
    const QString moving = checksum(source, kMatching);

    const qint64 job = runAndTerminate(QStringLiteral("term-src"), QStringLiteral("term-tgt"), 5);
    QVERIFY(job > 0);
    // Paused between whole batches: the counters are what the target holds.
    const int moved = jobField(job, QStringLiteral("moved_rows")).toInt();
    QCOMPARE(jobField(job, QStringLiteral("state")), QStringLiteral("paused"));
    QVERIFY(moved > 0 && moved < rows);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1'").arg(target)).toInt(), moved);

    CtlRun r = ctl({QStringLiteral("migrate"), QStringLiteral("status"), QString::number(job)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("job       %1").arg(job));
    QCOMPARE(lines.value(1), QStringLiteral("state     paused"));
    QCOMPARE(lines.value(2), QStringLiteral("source    term-src (%1)").arg(source));
    QCOMPARE(lines.value(7), QStringLiteral("moved     %1 of %2 memories (%3%)").arg(moved).arg(rows).arg(moved * 100 / rows));
    QCOMPARE(lines.value(11), QStringLiteral("created   %1 by %2").arg(lines.value(11).mid(10, 23), m_operator));
    QCOMPARE(lines.last(), QStringLiteral("next      tenantctl migrate resume %1").arg(job));

    r = ctl({QStringLiteral("migrate"), QStringLiteral("resume"), QString::number(job), QStringLiteral("--batch-rows"),
             QStringLiteral("50")});
    QVERIFY2(r.exitedNormally() && r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(withoutProgress(r.err, job),
             QStringList{QStringLiteral("Resuming migration job %1 (paused): %2 of %3 memories moved.").arg(job).arg(moved).arg(rows)});
    QCOMPARE(checksum(target, QStringLiteral("true")), moving);
    QCOMPARE(jobField(job, QStringLiteral("state || ' ' || moved_rows")), QStringLiteral("finished %1").arg(rows));
    QCOMPARE(audited(job, QStringLiteral("update"), QStringLiteral("before->>'state' = 'running' AND after->>'state' = 'paused' "
                                                                   "AND (after->>'moved_rows')::int = %1")
                                                        .arg(moved)),
             1);
    QCOMPARE(audited(job, QStringLiteral("update"), QStringLiteral("before->>'state' = 'paused' AND after->>'state' = 'running'")),
             1);
}

void TstTenantctlMigrate::concurrentWritesToTheSource()
{
    const int total = 6000;
    const QString source = makeTenant(QStringLiteral("busy-src"), total);
    const QString target = makeTenant(QStringLiteral("busy-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const int rows = matchingOf(total);
    QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE public.busy_before AS SELECT id, content, metadata FROM "
                                       "tenancy.memories WHERE tenant_id = '%1'")
                            .arg(source)),
             QString());

    QProcess process;
    start(process, {QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("busy-src"), QStringLiteral("busy-tgt"),
                    QStringLiteral("--selector"), kSelector, QStringLiteral("--batch-rows"), QStringLiteral("10")});
    const qint64 job = createdJob(process);
    QVERIFY2(job > 0, process.readAllStandardError().constData());

    // Another session writes to the source while the job runs: matching rows changed so they
    // no longer match, matching rows deleted, new matching rows added.
    QSet<QString> updated, deleted, inserted;
    // Rows that were there before the job (the added ones are only added), so each row's fate is known.
    const QString pick = QStringLiteral("SELECT id FROM tenancy.memories WHERE tenant_id = '%1' AND %2 AND content LIKE 'row-%' "
                                        "ORDER BY random() LIMIT %3")
                             .arg(source, kMatching);
    auto ids = [](const QString &list) {
        const QStringList parts = list.split(u',', Qt::SkipEmptyParts);
        return QSet<QString>(parts.cbegin(), parts.cend());
    };
    int round = 0;
    while (process.state() != QProcess::NotRunning) {
        switch (round++ % 3) {
        case 0:
            // The WHERE is checked again on a row the job had locked: a row it moved meanwhile is
            // no longer the source's, and is not updated.
            updated += ids(q(QStringLiteral("WITH u AS (UPDATE tenancy.memories SET metadata = metadata || "
                                            "'{\"department\": \"sales\", \"touched\": true}' WHERE tenant_id = '%1' AND %2 "
                                            "AND id IN (%3) RETURNING id) SELECT coalesce(string_agg(id::text, ','), '') FROM u")
                                 .arg(source, kMatching, pick.arg(3))));
            break;
        case 1:
            deleted += ids(q(QStringLiteral("WITH d AS (DELETE FROM tenancy.memories WHERE tenant_id = '%1' AND %2 AND id "
                                            "IN (%3) RETURNING id) SELECT coalesce(string_agg(id::text, ','), '') FROM d")
                                 .arg(source, kMatching, pick.arg(2))));
            break;
        default:
            inserted += ids(q(QStringLiteral("WITH i AS (INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                                             "SELECT '%1', 'new-%2-' || g, '{\"department\": \"marketing\", \"date\": "
                                             "\"2023-06-01\"}' FROM generate_series(1, 2) g RETURNING id) "
                                             "SELECT coalesce(string_agg(id::text, ','), '') FROM i")
                                  .arg(source)
                                  .arg(round)));
            break;
        }
        process.waitForFinished(5);
    }
    QCOMPARE(process.state(), QProcess::NotRunning);
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());
    QVERIFY2(updated.size() >= 3 && deleted.size() >= 2 && inserted.size() >= 2,
             qPrintable(QStringLiteral("%1 %2 %3").arg(updated.size()).arg(deleted.size()).arg(inserted.size())));

    auto listed = [](const QSet<QString> &set) {
        QStringList quoted;
        for (const QString &id : set)
            quoted.append(u'\'' + id + u'\'');
        return quoted.join(u',');
    };
    // Changed rows stayed in the source as the other session left them.
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN public.busy_before b USING (id) WHERE "
                              "m.tenant_id = '%1' AND m.id IN (%2) AND m.content = b.content AND m.metadata = b.metadata || "
                              "'{\"department\": \"sales\", \"touched\": true}'")
                   .arg(source, listed(updated)))
                 .toInt(),
             updated.size());
    // Deleted rows are gone, nowhere resurrected.
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE id IN (%1)").arg(listed(deleted))), QStringLiteral("0"));
    // Rows added during the move are there exactly once, on one side or the other.
    QCOMPARE(q(QStringLiteral("SELECT count(*) || '/' || count(DISTINCT id) FROM tenancy.memories WHERE tenant_id IN "
                              "('%1', '%2') AND id IN (%3)")
                   .arg(source, target, listed(inserted))),
             QStringLiteral("%1/%1").arg(inserted.size()));
    // Everything else that matched moved, unchanged; every row is accounted for.
    const int movedOriginal = rows - int(updated.size()) - int(deleted.size());
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN public.busy_before b USING (id) WHERE "
                              "m.tenant_id = '%1' AND m.content = b.content AND m.metadata = b.metadata")
                   .arg(target))
                 .toInt(),
             movedOriginal);
    const int movedNew =
        q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND content LIKE 'new-%'").arg(target))
            .toInt();
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1'").arg(target)).toInt(),
             movedOriginal + movedNew);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND NOT %2").arg(target, kMatching)),
             QStringLiteral("0"));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND %2 AND content NOT LIKE 'new-%'")
                   .arg(source, kMatching)),
             QStringLiteral("0"));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id IN ('%1', '%2')").arg(source, target)).toInt(),
             total + int(inserted.size()) - int(deleted.size()));
    QCOMPARE(jobField(job, QStringLiteral("state || ' ' || moved_rows || ' ' || skipped_rows")),
             QStringLiteral("finished %1 0").arg(movedOriginal + movedNew));
    QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE public.busy_before")), QString());
}

void TstTenantctlMigrate::cancel()
{
    const QString source = makeTenant(QStringLiteral("cancel-src"), 3000);
    const QString target = makeTenant(QStringLiteral("cancel-tgt"), 0);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const qint64 job = runAndTerminate(QStringLiteral("cancel-src"), QStringLiteral("cancel-tgt"), 5);
    QVERIFY(job > 0);
    const int moved = jobField(job, QStringLiteral("moved_rows")).toInt();
    const QString sourceAfterPause = checksum(source, QStringLiteral("true"));
    const QString targetAfterPause = checksum(target, QStringLiteral("true"));

    CtlRun r = ctl({QStringLiteral("migrate"), QStringLiteral("cancel"), QString::number(job)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QCOMPARE(r.out, QStringLiteral("Cancelled migration job %1: the %2 memories already moved stay in cancel-tgt, the rest "
                                   "stay in cancel-src.\n")
                        .arg(job)
                        .arg(moved));
    QCOMPARE(jobField(job, QStringLiteral("state || ' ' || (finished_at IS NOT NULL)")), QStringLiteral("cancelled true"));
    QCOMPARE(audited(job, QStringLiteral("update"), QStringLiteral("before->>'state' = 'paused' AND after->>'state' = 'cancelled'")),
             1);

    r = ctl({QStringLiteral("migrate"), QStringLiteral("resume"), QString::number(job)});
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.err, QStringLiteral("tenantctl: Migration job %1 was cancelled and cannot be resumed; its %2 memories moved "
                                   "stay where they are. Plan a new job (\"tenantctl migrate run\") to move the rest.\n")
                        .arg(job)
                        .arg(moved));
    r = ctl({QStringLiteral("migrate"), QStringLiteral("cancel"), QString::number(job)});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("Migration job %1 was already cancelled; nothing changed.\n").arg(job));
    QCOMPARE(checksum(source, QStringLiteral("true")), sourceAfterPause);
    QCOMPARE(checksum(target, QStringLiteral("true")), targetAfterPause);

    // A new job moves the rest (--json: the job as the database has it on stdout, events as
    // JSON lines on stderr, the job's number first); a finished job cannot be cancelled.
    r = ctl({QStringLiteral("--json"), QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("cancel-src"),
             QStringLiteral("cancel-tgt"), QStringLiteral("--selector"), kSelector});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    const qint64 finished =
        q(QStringLiteral("SELECT max(id) FROM tenancy.migration_jobs WHERE source_tenant = '%1'").arg(source)).toLongLong();
    QVERIFY(finished > job);
    const int rest = matchingOf(3000) - moved;
    const QJsonObject created = parse(r.err.section(u'\n', 0, 0)).toObject();
    QCOMPARE(created.value(QStringLiteral("event")).toString(), QStringLiteral("created"));
    QCOMPARE(created.value(QStringLiteral("job")).toInteger(), finished);
    QCOMPARE(created.value(QStringLiteral("planned_rows")).toInteger(), rest);
    const QJsonObject report = parse(r.out).toObject();
    QCOMPARE(report.value(QStringLiteral("id")).toInteger(), finished);
    QCOMPARE(report.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
    QCOMPARE(report.value(QStringLiteral("moved_rows")).toInteger(), rest);
    QCOMPARE(report.value(QStringLiteral("moved_bytes")).toInteger(), jobField(finished, QStringLiteral("moved_bytes")).toLongLong());
    QCOMPARE(report.value(QStringLiteral("created_by")).toString(), m_operator);
    QCOMPARE(report.value(QStringLiteral("source")).toObject().value(QStringLiteral("id")).toString(), source);
    QCOMPARE(jobField(finished, QStringLiteral("state")), QStringLiteral("finished"));
    // Cancelled from another tenantctl while one runs it: the runner stops before its next
    // batch and says so; what moved stays moved.
    QProcess running;
    start(running, {QStringLiteral("migrate"), QStringLiteral("run"), QStringLiteral("cancel-src"),
                    QStringLiteral("cancel-tgt"), QStringLiteral("--all"), QStringLiteral("--batch-rows"),
                    QStringLiteral("5")});
    const qint64 busy = createdJob(running);
    QVERIFY2(busy > 0, running.readAllStandardError().constData());
    QElapsedTimer waited;
    waited.start();
    while (jobField(busy, QStringLiteral("moved_rows")).toInt() == 0 && waited.elapsed() < kRunTimeoutMs)
        QTest::qSleep(10);
    r = ctl({QStringLiteral("migrate"), QStringLiteral("cancel"), QString::number(busy)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    QVERIFY2(r.out.endsWith(QStringLiteral("\nA tenantctl or console still running it stops before its next batch.\n")),
             qPrintable(r.out));
    QVERIFY(running.waitForFinished(kRunTimeoutMs));
    QCOMPARE(running.exitCode(), 10);
    const int movedBusy = jobField(busy, QStringLiteral("moved_rows")).toInt();
    QCOMPARE(withoutProgress(QString::fromUtf8(running.readAllStandardError()), busy),
             QStringList{QStringLiteral("tenantctl: Migration job %1 was cancelled while it ran: the %2 moved stay in "
                                        "cancel-tgt, the rest stay in cancel-src.")
                             .arg(busy)
                             .arg(movedBusy == 1 ? QStringLiteral("1 memory") : QStringLiteral("%1 memories").arg(movedBusy))});
    QCOMPARE(jobField(busy, QStringLiteral("state")), QStringLiteral("cancelled"));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1'").arg(target)).toInt(),
             matchingOf(3000) + movedBusy);
    QCOMPARE(audited(busy, QStringLiteral("update"), QStringLiteral("before->>'state' = 'running' AND after->>'state' = 'cancelled'")),
             1);

    r = ctl({QStringLiteral("migrate"), QStringLiteral("cancel"), QString::number(finished)});
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.err, QStringLiteral("tenantctl: Migration job %1 has finished; there is nothing left to cancel (its %2 "
                                   "memories are in cancel-tgt).\n")
                        .arg(finished)
                        .arg(jobField(finished, QStringLiteral("moved_rows"))));
    QCOMPARE(jobField(finished, QStringLiteral("state")), QStringLiteral("finished"));
}

void TstTenantctlMigrate::statusLists()
{
    CtlRun r = ctl({QStringLiteral("--json"), QStringLiteral("migrate"), QStringLiteral("status")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    const QJsonArray jobs = parse(r.out).toArray();
    // Newest first, every job, each as the database has it.
    QCOMPARE(jobs.size(), q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs")).toInt());
    QStringList listed;
    for (const QJsonValue &v : jobs) {
        const QJsonObject o = v.toObject();
        listed.append(QStringLiteral("%1 %2 %3 %4 %5 %6")
                          .arg(o.value(QStringLiteral("id")).toInteger())
                          .arg(o.value(QStringLiteral("state")).toString(),
                               o.value(QStringLiteral("source")).toObject().value(QStringLiteral("slug")).toString(),
                               o.value(QStringLiteral("created_by")).toString())
                          .arg(o.value(QStringLiteral("moved_rows")).toInteger())
                          .arg(o.value(QStringLiteral("planned_rows")).toInteger()));
    }
    QCOMPARE(listed.join(u'\n'),
             q(QStringLiteral("SELECT string_agg(j.id || ' ' || j.state || ' ' || t.slug || ' ' || j.created_by || ' ' || "
                              "j.moved_rows || ' ' || j.planned_rows, E'\\n' ORDER BY j.id DESC) FROM tenancy.migration_jobs j "
                              "JOIN tenancy.tenants t ON t.id = j.source_tenant")));
    QVERIFY(jobs.size() >= 5);

    r = ctl({QStringLiteral("migrate"), QStringLiteral("status"), QStringLiteral("--limit"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.summary()));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(QRegularExpression(QStringLiteral("^JOB +STATE +SOURCE +TARGET +MOVED +PLANNED +DONE +SKIPPED +BY +CREATED$"))
                 .match(lines.at(0))
                 .hasMatch(),
             qPrintable(r.out));
    const QJsonObject newest = jobs.at(0).toObject();
    const qint64 done = newest.value(QStringLiteral("moved_rows")).toInteger() * 100
                        / newest.value(QStringLiteral("planned_rows")).toInteger();
    QVERIFY2(QRegularExpression(QStringLiteral("^ *%1 +%2 +%3 +%4 +%5 +%6 +%8% +0 +%7 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$")
                                    .arg(newest.value(QStringLiteral("id")).toInteger())
                                    .arg(newest.value(QStringLiteral("state")).toString(),
                                         newest.value(QStringLiteral("source")).toObject().value(QStringLiteral("slug")).toString(),
                                         newest.value(QStringLiteral("target")).toObject().value(QStringLiteral("slug")).toString())
                                    .arg(newest.value(QStringLiteral("moved_rows")).toInteger())
                                    .arg(newest.value(QStringLiteral("planned_rows")).toInteger())
                                    .arg(m_operator)
                                    .arg(done))
                 .match(lines.at(1))
                 .hasMatch(),
             qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TstTenantctlMigrate)
#include "tst_tenantctl_migrate.moc"
