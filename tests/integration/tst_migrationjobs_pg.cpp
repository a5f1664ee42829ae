// The database side of the resumable migration job (0005_migration_jobs.sql) on a real
// PostgreSQL: a job moves the memories matching a compiled selector from one tenant to another
// in batches of 137, one transaction per batch (migration_lock_batch, the client's SELECT ...
// FOR UPDATE with the compiled predicate, migration_apply_batch); content checksums on both
// sides, both id modes (preserved ids; new ids with a complete 1:1 map); the batch runner's
// backend terminated 20 times at random points of a batch (also during the batch's statements
// and its COMMIT) and resumed from the job's checkpoint; refusals (same tenant, target not
// active, forged counters); the audit trail; the auditor reads jobs but not content.
// Batches run as an operator login; setup and checks run as the superuser.

#include "models/domain/selector.h"
#include "tests/support/pgtestdatabase.h"

#include <QRandomGenerator>
#include <QtTest>

#include <libpq-fe.h>

#include <memory>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("mj_operator");
const QString kAuditor = QStringLiteral("mj_auditor");
constexpr int kRows = 5000;
constexpr int kBatch = 137;
constexpr int kKills = 20;

// JSON written with ` for " (moc cannot read raw string literals holding quotes).
QString J(const char *json)
{
    return QString::fromUtf8(json).replace(u'`', u'"');
}

// Rows i = 1..5000: department marketing for i % 5 in (0, 1, 2), months 01..09.
const QString kSelector = J("{`department`: `marketing`, `date`: {`$gt`: `2023-01-31`}}");

struct PgConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
struct PgResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// Runs `sql` with text parameters (a null QString is SQL NULL); on error returns null and
// sets `error` to the server's message.
PgResult run(PGconn *conn, const QString &sql, const QStringList &params, QString *error)
{
    std::vector<QByteArray> bytes;
    std::vector<const char *> values;
    bytes.reserve(size_t(params.size()));
    for (const QString &p : params)
        bytes.push_back(p.toUtf8());
    for (qsizetype i = 0; i < params.size(); ++i)
        values.push_back(params.at(i).isNull() ? nullptr : bytes[size_t(i)].constData());
    PgResult r(PQexecParams(conn, sql.toUtf8().constData(), int(values.size()), nullptr, values.data(), nullptr,
                            nullptr, 0));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        *error = QString::fromUtf8(PQresultErrorMessage(r.get())).trimmed();
        return nullptr;
    }
    return r;
}

QString value(const PgResult &r, int column = 0)
{
    return PQgetisnull(r.get(), 0, column) ? QString() : QString::fromUtf8(PQgetvalue(r.get(), 0, column));
}

} // namespace

class TstMigrationJobsPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void moveBySelector_data();
    void moveBySelector();
    void sameTenantIsRefused();
    void targetMustBeActive();
    void preservedIdTakenInTargetIsSkipped();
    void countersAreNotOperatorWritable();
    void auditorReadsJobsNotContent();

private:
    enum class Outcome { Moved, Done, Killed };

    // Two fresh tenants; the source gets kRows memories, the target three of its own.
    void makePair(const QString &prefix, QString *source, QString *target);
    qint64 createJob(const QString &source, const QString &target, bool preserveIds, QString *error);
    QString q(const QString &sql, QString *error = nullptr) const { return m_db->scalar(sql, error).toString(); }
    // One batch on `conn`; killPoint < 0: no kill, else the backend is terminated at that point.
    Outcome batch(PgConn &conn, qint64 job, int killPoint, QString *error);
    void terminate(PGconn *runner);
    PgConn connectAs(const QString &user) const;

    std::unique_ptr<PgTestDatabase> m_db;
    PgConn m_super;
    CompiledSelector m_predicate;
    int m_pairs = 0;
};

PgConn TstMigrationJobsPg::connectAs(const QString &user) const
{
    PgConn c(PQconnectdb(m_db->conninfo(user).toUtf8().constData()));
    return c;
}

void TstMigrationJobsPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_migrationjobs_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")), qPrintable(m_db->error()));
    m_super = connectAs({});
    QVERIFY2(PQstatus(m_super.get()) == CONNECTION_OK, PQerrorMessage(m_super.get()));

    SelectorError parseError;
    const auto s = Selector::parse(kSelector, &parseError);
    QVERIFY2(s, qPrintable(parseError.message()));
    // $1 source, $2 checkpoint, $3 batch size; the predicate's parameters follow.
    m_predicate = s->compile(QStringLiteral("m.metadata"), 4);
}

void TstMigrationJobsPg::makePair(const QString &prefix, QString *source, QString *target)
{
    ++m_pairs;
    QString error;
    *source = q(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('%1-src-%2', 'Source') RETURNING id")
                    .arg(prefix).arg(m_pairs), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    *target = q(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('%1-tgt-%2', 'Target') RETURNING id")
                    .arg(prefix).arg(m_pairs), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT '%1', 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' ELSE 'sales' END, "
                 "  'date', '2023-0' || (1 + i % 9) || '-15', 'n', i) FROM generate_series(1, %2) i; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT '%3', 'own-' || i, '{\"department\": \"marketing\", \"date\": \"2023-05-01\"}' FROM generate_series(1, 3) i")
                 .arg(*source).arg(kRows).arg(*target)),
             QString());
}

qint64 TstMigrationJobsPg::createJob(const QString &source, const QString &target, bool preserveIds, QString *error)
{
    PgConn op = connectAs(kOperator);
    PgResult r = run(op.get(),
                     QStringLiteral("INSERT INTO tenancy.migration_jobs (source_tenant, target_tenant, selector, preserve_ids) "
                                    "VALUES ($1, $2, $3::jsonb, $4) RETURNING id"),
                     {source, target, kSelector, preserveIds ? QStringLiteral("true") : QStringLiteral("false")}, error);
    return r ? value(r).toLongLong() : -1;
}

void TstMigrationJobsPg::terminate(PGconn *runner)
{
    const QString pid = QString::number(PQbackendPID(runner));
    QString error;
    QVERIFY2(run(m_super.get(), QStringLiteral("SELECT pg_terminate_backend($1::int)"), {pid}, &error), qPrintable(error));
    // Gone (and its locks released, its transaction rolled back) before anyone resumes.
    QTRY_VERIFY_WITH_TIMEOUT(
        q(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1").arg(pid)) == QLatin1String("0"), 30000);
}

TstMigrationJobsPg::Outcome TstMigrationJobsPg::batch(PgConn &conn, qint64 job, int killPoint, QString *error)
{
    const QString jobId = QString::number(job);
    auto killed = [&] {
        terminate(conn.get());
        while (PGresult *r = PQgetResult(conn.get()))
            PQclear(r);
        return Outcome::Killed;
    };
    if (!run(conn.get(), QStringLiteral("BEGIN"), {}, error))
        return Outcome::Killed;
    if (killPoint == 0)
        return killed();
    PgResult lock = run(conn.get(), QStringLiteral("SELECT source_tenant, checkpoint FROM tenancy.migration_lock_batch($1)"),
                        {jobId}, error);
    if (!lock)
        return Outcome::Killed;
    if (killPoint == 1)
        return killed();
    const QString sql = QStringLiteral("SELECT coalesce(array_agg(s.id ORDER BY s.id), '{}')::text FROM ("
                                       "SELECT m.id FROM tenancy.memories m WHERE m.tenant_id = $1 "
                                       "AND ($2::uuid IS NULL OR m.id > $2::uuid) AND %1 "
                                       "ORDER BY m.id LIMIT $3 FOR UPDATE) s")
                            .arg(m_predicate.sql);
    PgResult ids = run(conn.get(), sql, QStringList{value(lock, 0), value(lock, 1), QString::number(kBatch)} + m_predicate.params,
                       error);
    if (!ids)
        return Outcome::Killed;
    if (killPoint == 2)
        return killed();
    const QString idArray = value(ids);
    const QByteArray applySql = "SELECT moved_rows FROM tenancy.migration_apply_batch($1, $2::uuid[])";
    if (killPoint == 3) {
        const QByteArray a = jobId.toUtf8(), b = idArray.toUtf8();
        const char *values[] = {a.constData(), b.constData()};
        PQsendQueryParams(conn.get(), applySql.constData(), 2, nullptr, values, nullptr, nullptr, 0);
        return killed();
    }
    if (!run(conn.get(), QString::fromUtf8(applySql), {jobId, idArray}, error))
        return Outcome::Killed;
    if (killPoint == 4)
        return killed();
    if (killPoint == 5) {
        PQsendQuery(conn.get(), "COMMIT");
        return killed();
    }
    if (!run(conn.get(), QStringLiteral("COMMIT"), {}, error))
        return Outcome::Killed;
    return idArray == QLatin1String("{}") ? Outcome::Done : Outcome::Moved;
}

void TstMigrationJobsPg::moveBySelector_data()
{
    QTest::addColumn<bool>("preserveIds");
    QTest::addColumn<int>("kills");
    QTest::newRow("preserve ids") << true << 0;
    QTest::newRow("new ids, mapped") << false << 0;
    QTest::newRow("preserve ids, killed 20 times") << true << kKills;
    QTest::newRow("new ids, killed 20 times") << false << kKills;
}

void TstMigrationJobsPg::moveBySelector()
{
    QFETCH(bool, preserveIds);
    QFETCH(int, kills);
    QString source, target;
    makePair(QStringLiteral("mv"), &source, &target);
    if (QTest::currentTestFailed())
        return;

    // Expected: i % 5 < 3 and month 02..09, i.e. (1 + i % 9) >= 2.
    int expected = 0;
    for (int i = 1; i <= kRows; ++i)
        expected += (i % 5 < 3 && 1 + i % 9 >= 2) ? 1 : 0;
    const QString matching = QStringLiteral("(metadata->>'department' = 'marketing' AND metadata->>'date' > '2023-01-31')");
    auto checksum = [&](const QString &tenant, const QString &filter) {
        return q(QStringLiteral("SELECT md5(coalesce(string_agg(content || '|' || metadata::text, ',' ORDER BY content), '')) || "
                                "':' || count(*) FROM tenancy.memories WHERE tenant_id = '%1' AND %2")
                     .arg(tenant, filter));
    };
    auto idsOf = [&](const QString &tenant, const QString &filter) {
        return q(QStringLiteral("SELECT md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) FROM tenancy.memories "
                                "WHERE tenant_id = '%1' AND %2").arg(tenant, filter));
    };
    const QString movedBefore = checksum(source, matching);
    const QString keptBefore = checksum(source, QStringLiteral("NOT ") + matching);
    const QString targetOwnBefore = checksum(target, QStringLiteral("content LIKE 'own-%'"));
    const QString movedIdsBefore = idsOf(source, matching);
    const QString movedBytes = q(QStringLiteral("SELECT sum(size_bytes) FROM tenancy.memories WHERE tenant_id = '%1' AND %2")
                                     .arg(source, matching));
    const QString lastMatchingId = q(QStringLiteral("SELECT id FROM tenancy.memories WHERE tenant_id = '%1' AND %2 "
                                                    "ORDER BY id DESC LIMIT 1").arg(source, matching));
    QCOMPARE(movedBefore.section(u':', 1).toInt(), expected);
    QVERIFY(expected > 19 * kBatch); // enough batches for 20 kills between them

    QString error;
    const qint64 job = createJob(source, target, preserveIds, &error);
    QVERIFY2(job > 0, qPrintable(error));
    PgConn runner = connectAs(kOperator);
    QVERIFY2(run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = $1"),
                 {QString::number(job)}, &error),
             qPrintable(error));

    QRandomGenerator random(20261122u + uint(kills) + (preserveIds ? 1u : 0u));
    int killed = 0, attempts = 0;
    QSet<int> killPoints;
    for (;;) {
        QVERIFY2(attempts < 200, "the job does not finish");
        // Two killed attempts, then one that runs through, until the kills are spent.
        const bool kill = killed < kills && attempts % 3 != 2;
        ++attempts;
        const int point = kill ? int(random.bounded(6)) : -1;
        error.clear();
        const Outcome outcome = batch(runner, job, point, &error);
        if (kill) {
            QCOMPARE(outcome, Outcome::Killed);
            ++killed;
            killPoints.insert(point);
            runner = connectAs(kOperator); // a new runner resumes from the job's checkpoint
            QVERIFY2(PQstatus(runner.get()) == CONNECTION_OK, PQerrorMessage(runner.get()));
            continue;
        }
        QVERIFY2(outcome != Outcome::Killed, qPrintable(error));
        if (outcome == Outcome::Done)
            break;
    }
    QCOMPARE(killed, kills);
    if (kills > 0) // between statements, during apply_batch and during COMMIT: each at least once
        QCOMPARE(killPoints.size(), 6);
    QVERIFY2(run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'finished' WHERE id = $1"),
                 {QString::number(job)}, &error),
             qPrintable(error));

    // Content: everything matching arrived exactly once, nothing else moved or changed.
    // Every batch is full but the last, whether or not a COMMIT the runner was killed in landed.
    const int committed = (expected + kBatch - 1) / kBatch;
    QCOMPARE(checksum(target, QStringLiteral("content LIKE 'row-%'")), movedBefore);
    QCOMPARE(checksum(source, QStringLiteral("true")), keptBefore);
    QCOMPARE(checksum(target, QStringLiteral("content LIKE 'own-%'")), targetOwnBefore);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories WHERE content LIKE 'row-%' AND tenant_id IN ('%1', '%2')")
                   .arg(source, target)).toInt(),
             kRows);
    if (preserveIds) {
        QCOMPARE(idsOf(target, QStringLiteral("content LIKE 'row-%'")), movedIdsBefore);
        QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_id_map WHERE job_id = %1").arg(job)).toInt(), 0);
    } else {
        // The map is complete and 1:1: old ids are exactly the moved ones, new ids exactly
        // the target's new rows, and each maps the same content.
        QCOMPARE(q(QStringLiteral("SELECT count(*) || '/' || count(DISTINCT old_id) || '/' || count(DISTINCT new_id) "
                                  "FROM tenancy.migration_id_map WHERE job_id = %1").arg(job)),
                 QStringLiteral("%1/%1/%1").arg(expected));
        QCOMPARE(q(QStringLiteral("SELECT md5(string_agg(old_id::text, ',' ORDER BY old_id)) FROM tenancy.migration_id_map "
                                  "WHERE job_id = %1").arg(job)),
                 movedIdsBefore);
        QCOMPARE(q(QStringLiteral("SELECT md5(string_agg(new_id::text, ',' ORDER BY new_id)) FROM tenancy.migration_id_map "
                                  "WHERE job_id = %1").arg(job)),
                 idsOf(target, QStringLiteral("content LIKE 'row-%'")));
        QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_id_map x "
                                  "JOIN tenancy.memories m ON m.tenant_id = '%1' AND m.id = x.new_id WHERE x.job_id = %2")
                       .arg(target).arg(job)).toInt(),
                 expected);
    }

    // The job's own account; the checkpoint is the last matching source id.
    QCOMPARE(q(QStringLiteral("SELECT checkpoint FROM tenancy.migration_jobs WHERE id = %1").arg(job)), lastMatchingId);
    QCOMPARE(q(QStringLiteral("SELECT state || ' ' || moved_rows || ' ' || moved_bytes || ' ' || skipped_rows || ' ' || batches "
                              "|| ' ' || (started_at IS NOT NULL) || ' ' || (finished_at IS NOT NULL) "
                              "FROM tenancy.migration_jobs WHERE id = %1").arg(job)),
             QStringLiteral("finished %1 %2 0 %3 true true").arg(expected).arg(movedBytes).arg(committed));

    // Audited: created, started, every batch, finished, with counts; the chain verifies.
    const QString audit = QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = '%1' AND (after->>'id')::bigint = %2 "
                                         "AND tenant_id = '%3' AND actor = '%4' AND %5");
    QCOMPARE(q(audit.arg(QStringLiteral("migration_jobs.insert")).arg(job).arg(source, kOperator,
                                                                               QStringLiteral("after->>'state' = 'planned'"))).toInt(), 1);
    QCOMPARE(q(audit.arg(QStringLiteral("migration_jobs.update")).arg(job).arg(source, kOperator,
                                                                               QStringLiteral("before->>'state' = 'planned' AND after->>'state' = 'running'"))).toInt(), 1);
    QCOMPARE(q(audit.arg(QStringLiteral("migration_jobs.update")).arg(job).arg(source, kOperator,
                                                                               QStringLiteral("before->>'state' = 'running' AND after->>'state' = 'running'"))).toInt(), committed);
    QCOMPARE(q(audit.arg(QStringLiteral("migration_jobs.update")).arg(job).arg(source, kOperator,
                                                                               QStringLiteral("after->>'state' = 'finished' AND (after->>'moved_rows')::int = %1").arg(expected))).toInt(), 1);
    QCOMPARE(q(QStringLiteral("SELECT coalesce(first_bad_id::text, 'ok') FROM tenancy.audit_verify()")), QStringLiteral("ok"));
}

void TstMigrationJobsPg::sameTenantIsRefused()
{
    QString source, target;
    makePair(QStringLiteral("same"), &source, &target);
    QString error;
    QCOMPARE(createJob(source, source, true, &error), -1);
    QVERIFY2(error.contains(QLatin1String("the source and the target are the same tenant")), qPrintable(error));
}

void TstMigrationJobsPg::targetMustBeActive()
{
    QString source, target;
    makePair(QStringLiteral("inactive"), &source, &target);
    QString error;
    const qint64 job = createJob(source, target, true, &error);
    QVERIFY2(job > 0, qPrintable(error));
    PgConn runner = connectAs(kOperator);
    QVERIFY2(run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = $1"),
                 {QString::number(job)}, &error),
             qPrintable(error));
    QCOMPARE(batch(runner, job, -1, &error), Outcome::Moved);

    // Suspended between two batches: the next batch is refused and nothing moves.
    QCOMPARE(m_db->exec(QStringLiteral("BEGIN; SELECT set_config('tenancy.reason', 'test', true); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' WHERE id = '%1'; COMMIT").arg(target)),
             QString());
    const QString movedBefore = q(QStringLiteral("SELECT moved_rows || '/' || checkpoint FROM tenancy.migration_jobs WHERE id = %1").arg(job));
    error.clear();
    QCOMPARE(batch(runner, job, -1, &error), Outcome::Killed); // the statement failed
    const QString message = QStringLiteral("Migration job %1: target tenant \"inactive-tgt-%2\" is suspended; "
                                           "rows can only be moved into an active tenant.").arg(job).arg(m_pairs);
    QVERIFY2(error.contains(message), qPrintable(error));
    run(runner.get(), QStringLiteral("ROLLBACK"), {}, &error);
    QCOMPARE(q(QStringLiteral("SELECT moved_rows || '/' || checkpoint FROM tenancy.migration_jobs WHERE id = %1").arg(job)), movedBefore);
    // apply_batch refuses on its own too (a client that skipped migration_lock_batch).
    error.clear();
    QVERIFY(!run(runner.get(), QStringLiteral("SELECT * FROM tenancy.migration_apply_batch($1, '{}')"), {QString::number(job)}, &error));
    QVERIFY2(error.contains(message), qPrintable(error));

    // Pausing works; resuming into the suspended target is refused; so is a new job.
    QVERIFY2(run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'paused' WHERE id = $1"),
                 {QString::number(job)}, &error),
             qPrintable(error));
    error.clear();
    QVERIFY(!run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = $1"),
                 {QString::number(job)}, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    error.clear();
    QCOMPARE(createJob(source, target, true, &error), -1);
    QVERIFY2(error.contains(QLatin1String("is suspended; rows can only be moved into an active tenant")), qPrintable(error));
    // An illegal transition is named.
    error.clear();
    QVERIFY(!run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'finished' WHERE id = $1"),
                 {QString::number(job)}, &error));
    QVERIFY2(error.contains(QStringLiteral("Migration job %1 cannot go from paused to finished.").arg(job)), qPrintable(error));
    // A paused job moves nothing.
    error.clear();
    QCOMPARE(batch(runner, job, -1, &error), Outcome::Killed);
    QVERIFY2(error.contains(QLatin1String("is paused; only a running job moves rows")), qPrintable(error));
}

void TstMigrationJobsPg::preservedIdTakenInTargetIsSkipped()
{
    QString source, target;
    makePair(QStringLiteral("clash"), &source, &target);
    // The target already holds a row with the id of the first matching source row.
    const QString clash = q(QStringLiteral("SELECT id FROM tenancy.memories WHERE tenant_id = '%1' "
                                           "AND metadata->>'department' = 'marketing' AND metadata->>'date' > '2023-01-31' "
                                           "ORDER BY id LIMIT 1").arg(source));
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, id, content) VALUES ('%1', '%2', 'clash')")
                            .arg(target, clash)),
             QString());
    QString error;
    const qint64 job = createJob(source, target, true, &error);
    QVERIFY2(job > 0, qPrintable(error));
    PgConn runner = connectAs(kOperator);
    QVERIFY2(run(runner.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = $1"),
                 {QString::number(job)}, &error),
             qPrintable(error));
    QCOMPARE(batch(runner, job, -1, &error), Outcome::Moved);
    QCOMPARE(q(QStringLiteral("SELECT moved_rows || '/' || skipped_rows FROM tenancy.migration_jobs WHERE id = %1").arg(job)),
             QStringLiteral("%1/1").arg(kBatch - 1));
    // The skipped row stays in the source, the target's row is untouched.
    QCOMPARE(q(QStringLiteral("SELECT string_agg(tenant_id::text || '=' || left(content, 4), ',' ORDER BY tenant_id = '%1') "
                              "FROM tenancy.memories WHERE id = '%2'").arg(target, clash)),
             QStringLiteral("%1=row-,%2=clas").arg(source, target));
}

void TstMigrationJobsPg::countersAreNotOperatorWritable()
{
    QString source, target;
    makePair(QStringLiteral("forge"), &source, &target);
    QString error;
    const qint64 job = createJob(source, target, true, &error);
    QVERIFY2(job > 0, qPrintable(error));
    PgConn op = connectAs(kOperator);
    for (const char *column : {"moved_rows = 5", "checkpoint = NULL", "source_tenant = target_tenant", "selector = '{}'"}) {
        error.clear();
        QVERIFY(!run(op.get(), QStringLiteral("UPDATE tenancy.migration_jobs SET %1 WHERE id = $1").arg(QLatin1String(column)),
                     {QString::number(job)}, &error));
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    }
}

void TstMigrationJobsPg::auditorReadsJobsNotContent()
{
    QString source, target;
    makePair(QStringLiteral("audit"), &source, &target);
    QString error;
    const qint64 job = createJob(source, target, false, &error);
    QVERIFY2(job > 0, qPrintable(error));
    PgConn auditor = connectAs(kAuditor);
    PgResult jobs = run(auditor.get(), QStringLiteral("SELECT state, selector::text FROM tenancy.migration_jobs WHERE id = $1"),
                        {QString::number(job)}, &error);
    QVERIFY2(jobs, qPrintable(error));
    QCOMPARE(PQntuples(jobs.get()), 1);
    QCOMPARE(value(jobs), QStringLiteral("planned"));
    QVERIFY2(run(auditor.get(), QStringLiteral("SELECT count(*) FROM tenancy.migration_id_map"), {}, &error), qPrintable(error));
    for (const char *sql : {"SELECT content FROM tenancy.memories LIMIT 1",
                            "UPDATE tenancy.migration_jobs SET state = 'cancelled'",
                            "INSERT INTO tenancy.migration_jobs (source_tenant, target_tenant) SELECT target_tenant, source_tenant FROM tenancy.migration_jobs",
                            "SELECT * FROM tenancy.migration_apply_batch(1, '{}')",
                            "SELECT * FROM tenancy.migration_lock_batch(1)"}) {
        error.clear();
        QVERIFY2(!run(auditor.get(), QString::fromLatin1(sql), {}, &error), sql);
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TstMigrationJobsPg)
#include "tst_migrationjobs_pg.moc"
