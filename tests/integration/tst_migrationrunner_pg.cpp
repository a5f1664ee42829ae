// MigrationRunner over a real PgStore: a job run to the end (counts and rows on both sides); the
// rate and time left with a pinned clock, at points where a locked row holds the run still; a
// pause after the current batch and a resume to the exact total; a cancel mid-run (moved rows
// stay) and of a job that is not running; another console cancelling the job while it runs
// (stopped as cancelled, no error); a cancelled job refused; the target suspended mid-run
// (failed, with the error).

#include "models/items/migrationrunner.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include "models/domain/lifecycle.h"

#include <QSignalSpy>
#include <QtTest>

#include <libpq-fe.h>

#include <memory>

using namespace tc;
using tc::test::await;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("runner_operator");
constexpr int kRows = 1000;     // source rows; i % 5 < 3 is marketing
constexpr int kMatching = 600;
constexpr int kTimeout = 60000; // waits for events, never for a speed

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

} // namespace

class TstMigrationRunnerPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void runToFinished();
    void rateAndTimeLeft();
    void pauseAndResume();
    void cancelMidRun();
    void cancelNotRunning();
    void cancelledByAnotherConsole();
    void cancelledJobIsRefused();
    void resumeRefusedByTheLimitSaysWhy();
    void targetSuspendedMidRun();

private:
    std::unique_ptr<PgStore> store() const
    {
        // Two workers: the runner's re-reads go beside the batches.
        return std::make_unique<PgStore>(m_db->conninfo(kOperator), PgStore::Options{2, false});
    }
    QUuid id(const QString &slug) const
    {
        return QUuid::fromString(m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug))
                                     .toString());
    }
    QString q(const QString &sql) const
    {
        QString error;
        const QString v = m_db->scalar(sql, &error).toString();
        return error.isEmpty() ? v : QStringLiteral("ERROR: ") + error;
    }
    QString count(const QString &slug) const
    {
        return q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = '%1'")
                     .arg(slug));
    }
    QString checksum(const QString &slug, const QString &where = QStringLiteral("true")) const
    {
        return q(QStringLiteral("SELECT md5(coalesce(string_agg(m.content || '|' || m.metadata::text, ',' ORDER BY m.content), ''))"
                                "  FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id"
                                " WHERE t.slug = '%1' AND (%2)")
                     .arg(slug, where));
    }
    MigrationJob createJob(PgStore &s) const
    {
        const MigrationRequest request{id(QStringLiteral("src")), id(QStringLiteral("tgt")),
                                       QStringLiteral("{\"department\": \"marketing\"}"), true, true};
        const Result<MigrationJob> job = await(s.createMigrationJob(request));
        return job.ok() ? job.value() : MigrationJob{};
    }
    // Another session locks the matching source row after `offset` others (id order): a run in
    // batches of 50 moves offset rows and waits inside the next batch until the lock goes.
    Connection lockRow(int offset) const
    {
        Connection c(PQconnectdb(m_db->conninfo().toUtf8().constData()), &PQfinish);
        if (PQstatus(c.get()) != CONNECTION_OK)
            return Connection(nullptr, &PQfinish);
        const QByteArray sql = QStringLiteral(
                                   "BEGIN; SELECT m.id FROM tenancy.memories m WHERE m.id = ("
                                   " SELECT m.id FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                   " WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing' "
                                   " ORDER BY m.id OFFSET %1 LIMIT 1) FOR UPDATE")
                                   .arg(offset)
                                   .toUtf8();
        PGresult *r = PQexec(c.get(), sql.constData());
        const bool locked = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
        PQclear(r);
        return locked ? std::move(c) : Connection(nullptr, &PQfinish);
    }
    static void unlock(Connection &c) { PQclear(PQexec(c.get(), "ROLLBACK")); }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstMigrationRunnerPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_migrationrunner_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
}

void TstMigrationRunnerPg::init()
{
    QCOMPARE(m_db->exec(QStringLiteral(
                 "SET session_replication_role = replica; DELETE FROM tenancy.migration_id_map; "
                 "DELETE FROM tenancy.migration_jobs; DELETE FROM tenancy.memories; DELETE FROM tenancy.quotas; "
                 "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('src', 'src'), ('tgt', 'tgt'); "
                 "SET session_replication_role = origin; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' ELSE 'sales' END, 'n', i) "
                 "  FROM tenancy.tenants t, generate_series(1, 1000) i WHERE t.slug = 'src'; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'own-' || i, '{\"department\": \"marketing\"}' FROM tenancy.tenants t, generate_series(1, 3) i "
                 " WHERE t.slug = 'tgt'")),
             QString());
    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows));
}

void TstMigrationRunnerPg::runToFinished()
{
    const QString moving = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'marketing'"));
    const QString staying = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'sales'"));
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);

    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QSignalSpy progress(&runner, &MigrationRunner::progressChanged);
    QCOMPARE(runner.job().id, qint64(0));
    QVERIFY(runner.start(created.id, 64));
    QVERIFY(runner.isRunning());
    QVERIFY(!runner.start(created.id, 64)); // refused while running
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);

    QVERIFY(!runner.isRunning());
    QVERIFY2(!runner.error(), qPrintable(runner.error() ? runner.error()->message : QString()));
    const MigrationJob &job = runner.job();
    QCOMPARE(job.id, created.id);
    QCOMPARE(job.state, MigrationJob::State::Finished);
    QCOMPARE(job.plannedRows, qint64(kMatching));
    QCOMPARE(job.movedRows, qint64(kMatching));
    QCOMPARE(job.movedBytes, created.plannedBytes);
    QCOMPARE(job.skippedRows, qint64(0));
    QCOMPARE(job.batches, 10); // 600 rows in batches of 64
    QCOMPARE(runner.secondsLeft(), std::optional<qint64>(0));
    QVERIFY(progress.count() >= 2); // the first read and the end at least

    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows - kMatching));
    QCOMPARE(count(QStringLiteral("tgt")), QString::number(kMatching + 3));
    QCOMPARE(checksum(QStringLiteral("src")), staying);
    QCOMPARE(checksum(QStringLiteral("tgt"), QStringLiteral("m.content LIKE 'row-%'")), moving);
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.migration_jobs WHERE id = %1").arg(created.id)),
             QStringLiteral("finished"));

    // Started again, a finished job stays as it is.
    QVERIFY(runner.start(created.id, 64));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, kTimeout);
    QVERIFY(!runner.error());
    QCOMPARE(runner.job().state, MigrationJob::State::Finished);
    QCOMPARE(runner.job().movedRows, qint64(kMatching));
}

void TstMigrationRunnerPg::rateAndTimeLeft()
{
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    Connection first = lockRow(300);
    QVERIFY(first);
    Connection second = lockRow(450);
    QVERIFY(second);
    const QString bytes301to450 = q(QStringLiteral(
        "SELECT sum(size_bytes) FROM (SELECT m.size_bytes FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
        " WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing' ORDER BY m.id OFFSET 300 LIMIT 150) b"));

    qint64 clock = 0;
    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    runner.setClock([&clock] { return clock; });
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QSignalSpy progress(&runner, &MigrationRunner::progressChanged);
    QVERIFY(runner.start(created.id, 50));
    QCOMPARE(runner.secondsLeft(), std::nullopt);

    // Held at 300 rows (six batches, as read from the job row) at t = 0: no rate yet.
    QTRY_COMPARE_WITH_TIMEOUT(runner.job().batches, 6, kTimeout);
    QCOMPARE(runner.job().movedRows, qint64(300));
    QCOMPARE(runner.job().state, MigrationJob::State::Running);
    QCOMPARE(runner.rowsPerSecond(), 0.0);
    QCOMPARE(runner.secondsLeft(), std::nullopt);

    // 20 s later, still at 300: the stall means no rate and no time left.
    clock = 20000;
    const qsizetype reads = progress.count();
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= reads + 3, kTimeout);
    QCOMPARE(runner.rowsPerSecond(), 0.0);
    QCOMPARE(runner.bytesPerSecond(), 0.0);
    QCOMPARE(runner.secondsLeft(), std::nullopt);

    // 5 s later three more batches went (450 rows): 150 rows in 5 s, the stall has left the
    // 10 s window; 150 rows left at 30 rows/s.
    clock = 25000;
    unlock(first);
    QTRY_COMPARE_WITH_TIMEOUT(runner.rowsPerSecond(), 30.0, kTimeout);
    QCOMPARE(runner.job().movedRows, qint64(450));
    QCOMPARE(runner.job().batches, 9);
    QCOMPARE(runner.secondsLeft(), std::optional<qint64>(5));
    QCOMPARE(runner.bytesPerSecond(), bytes301to450.toDouble() / 5.0);
    QVERIFY(runner.isRunning());

    unlock(second);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    QVERIFY(!runner.error());
    QCOMPARE(runner.job().state, MigrationJob::State::Finished);
    QCOMPARE(runner.job().movedRows, qint64(kMatching));
    QCOMPARE(runner.secondsLeft(), std::optional<qint64>(0));
}

void TstMigrationRunnerPg::pauseAndResume()
{
    const QString moving = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'marketing'"));
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    Connection lock = lockRow(300);
    QVERIFY(lock);

    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id, 50));
    QTRY_COMPARE_WITH_TIMEOUT(runner.job().batches, 6, kTimeout);
    runner.pause();
    QVERIFY(runner.isRunning()); // until the batch in flight is done
    unlock(lock);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);

    QVERIFY2(!runner.error(), qPrintable(runner.error() ? runner.error()->message : QString()));
    QVERIFY(!runner.isRunning());
    QCOMPARE(runner.job().state, MigrationJob::State::Paused);
    QCOMPARE(runner.job().movedRows, qint64(350)); // the batch in flight completes
    QCOMPARE(runner.job().batches, 7);
    QCOMPARE(runner.secondsLeft(), std::nullopt);
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.migration_jobs WHERE id = %1").arg(created.id)),
             QStringLiteral("paused"));
    QCOMPARE(count(QStringLiteral("tgt")), QStringLiteral("353"));

    // Resumed in batches of 10 from the checkpoint: exactly the 250 rows left.
    QVERIFY(runner.start(created.id, 10));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, kTimeout);
    QVERIFY2(!runner.error(), qPrintable(runner.error() ? runner.error()->message : QString()));
    QCOMPARE(runner.job().state, MigrationJob::State::Finished);
    QCOMPARE(runner.job().movedRows, qint64(kMatching));
    QCOMPARE(runner.job().batches, 7 + 25);
    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows - kMatching));
    QCOMPARE(count(QStringLiteral("tgt")), QString::number(kMatching + 3));
    QCOMPARE(checksum(QStringLiteral("tgt"), QStringLiteral("m.content LIKE 'row-%'")), moving);
}

void TstMigrationRunnerPg::cancelMidRun()
{
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    Connection lock = lockRow(300);
    QVERIFY(lock);

    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id, 50));
    QTRY_COMPARE_WITH_TIMEOUT(runner.job().batches, 6, kTimeout);
    runner.cancelJob();
    unlock(lock);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);

    QVERIFY2(!runner.error(), qPrintable(runner.error() ? runner.error()->message : QString()));
    QVERIFY(!runner.isRunning());
    QCOMPARE(runner.job().state, MigrationJob::State::Cancelled);
    QCOMPARE(runner.job().movedRows, qint64(350));
    QVERIFY(runner.job().finishedAt.isValid());
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.migration_jobs WHERE id = %1").arg(created.id)),
             QStringLiteral("cancelled"));
    // What was moved stays moved.
    QCOMPARE(count(QStringLiteral("tgt")), QStringLiteral("353"));
    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows - 350));
}

void TstMigrationRunnerPg::cancelNotRunning()
{
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    MigrationRunner runner(s.get());
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    runner.cancelJob(); // no job yet: nothing to do
    QCOMPARE(stopped.count(), 0);

    // Paused by a first run that pauses before its first batch, then cancelled.
    QVERIFY(runner.start(created.id, 50));
    runner.pause();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    QVERIFY(!runner.error());
    QCOMPARE(runner.job().state, MigrationJob::State::Planned);
    QCOMPARE(runner.job().movedRows, qint64(0));

    runner.cancelJob();
    QVERIFY(!runner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, kTimeout);
    QVERIFY(!runner.error());
    QCOMPARE(runner.job().state, MigrationJob::State::Cancelled);
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.migration_jobs WHERE id = %1").arg(created.id)),
             QStringLiteral("cancelled"));
    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows));
}

void TstMigrationRunnerPg::cancelledByAnotherConsole()
{
    auto s = store();
    auto other = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    Connection lock = lockRow(300);
    QVERIFY(lock);

    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id, 50));
    QTRY_COMPARE_WITH_TIMEOUT(runner.job().batches, 6, kTimeout);
    // The other console's cancel waits for the batch in flight (the job row's lock), then the
    // runner's next batch finds the job cancelled.
    QFuture<Result<MigrationJob>> cancel = other->cancelMigrationJob(created.id);
    QTRY_COMPARE_WITH_TIMEOUT(
        q(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type IN ('Lock') AND usename = '%1'")
              .arg(kOperator)),
        QStringLiteral("2"), kTimeout); // the batch on the row, the cancel on the batch
    unlock(lock);
    const Result<MigrationJob> cancelled = await(cancel);
    QVERIFY2(cancelled, qPrintable(cancelled.ok() ? QString() : cancelled.error().message));
    QCOMPARE(cancelled->state, MigrationJob::State::Cancelled);

    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    QVERIFY2(!runner.error(), qPrintable(runner.error() ? runner.error()->message : QString()));
    QCOMPARE(runner.job().state, MigrationJob::State::Cancelled);
    QCOMPARE(runner.job().movedRows, qint64(350));
    QCOMPARE(count(QStringLiteral("tgt")), QStringLiteral("353"));
}

void TstMigrationRunnerPg::cancelledJobIsRefused()
{
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    QVERIFY(await(s->cancelMigrationJob(created.id)));

    MigrationRunner runner(s.get());
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    QVERIFY(runner.error());
    QCOMPARE(runner.error()->kind, ErrorKind::Validation);
    QVERIFY2(runner.error()->message.contains(QStringLiteral("was cancelled; plan a new job")),
             qPrintable(runner.error()->message));
    QCOMPARE(runner.job().state, MigrationJob::State::Cancelled);

    // An unknown job: the store's NotFound.
    QVERIFY(runner.start(created.id + 1000));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, kTimeout);
    QVERIFY(runner.error());
    QCOMPARE(runner.error()->kind, ErrorKind::NotFound);
}

void TstMigrationRunnerPg::resumeRefusedByTheLimitSaysWhy()
{
    auto s = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    // Paused earlier; the target's limit was lowered since.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running'; "
                                       "UPDATE tenancy.migration_jobs SET state = 'paused'; "
                                       "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'items', 100 FROM tenancy.tenants WHERE slug = 'tgt'")),
             QString());
    MigrationRunner runner(s.get());
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    // Still paused, and the runner says why it did not go on (not a quiet pause).
    QCOMPARE(runner.job().state, MigrationJob::State::Paused);
    QVERIFY(runner.error());
    QCOMPARE(runner.error()->kind, ErrorKind::QuotaExceeded);
    QCOMPARE(count(QStringLiteral("src")), QString::number(kRows));
}

void TstMigrationRunnerPg::targetSuspendedMidRun()
{
    auto s = store();
    auto other = store();
    const MigrationJob created = createJob(*s);
    QVERIFY(created.id > 0);
    Connection lock = lockRow(300);
    QVERIFY(lock);

    MigrationRunner runner(s.get());
    runner.setRefreshInterval(20);
    QSignalSpy stopped(&runner, &MigrationRunner::stopped);
    QVERIFY(runner.start(created.id, 50));
    QTRY_COMPARE_WITH_TIMEOUT(runner.job().batches, 6, kTimeout);
    // Another console suspends the target; it waits for the batch in flight, then the next
    // batch is refused.
    LifecycleRequest suspend;
    suspend.tenants = {LifecycleTarget{id(QStringLiteral("tgt")), 0}};
    suspend.to = LifecycleState::Suspended;
    suspend.reason = QStringLiteral("test: suspended during a migration");
    QFuture<Result<LifecycleReport>> suspended = other->changeLifecycle(suspend);
    QTRY_COMPARE_WITH_TIMEOUT(
        q(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type IN ('Lock') AND usename = '%1'")
              .arg(kOperator)),
        QStringLiteral("2"), kTimeout);
    unlock(lock);
    const Result<LifecycleReport> report = await(suspended);
    QVERIFY2(report, qPrintable(report.ok() ? QString() : report.error().message));

    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kTimeout);
    QVERIFY(runner.error());
    QVERIFY2(runner.error()->message.contains(QStringLiteral("\"tgt\" is suspended")), qPrintable(runner.error()->message));
    QCOMPARE(runner.job().state, MigrationJob::State::Failed);
    QVERIFY2(runner.job().error.contains(QStringLiteral("\"tgt\" is suspended")), qPrintable(runner.job().error));
    QCOMPARE(runner.job().movedRows, qint64(350));
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.migration_jobs WHERE id = %1").arg(created.id)),
             QStringLiteral("failed"));
    QCOMPARE(count(QStringLiteral("tgt")), QStringLiteral("353"));
}

QTEST_GUILESS_MAIN(TstMigrationRunnerPg)
#include "tst_migrationrunner_pg.moc"
