// PgStore's migration jobs against a real PostgreSQL, as an operator: the plan (exact count,
// bytes, sample, target quota check) and its refusals (bad selector with its position, same
// tenant, inactive or unknown target, a target limit too small); a job run to the end with
// preserved and with new ids (content checksums on both sides, the id map); a run paused by
// cancelling its future after a known batch and resumed without loss or duplicates; the jobs
// list; an auditor lists jobs but cannot run one.

#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include <QtTest>

#include <libpq-fe.h>

#include <memory>

using namespace tc;
using tc::test::await;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("mig_operator");
const QString kAuditor = QStringLiteral("mig_auditor");
constexpr int kRows = 1000;     // source rows; i % 5 < 3 is marketing
constexpr int kMatching = 600;

// JSON written with ` for " (moc cannot read raw string literals holding quotes).
QString J(const char *json)
{
    return QString::fromUtf8(json).replace(u'`', u'"');
}

const QString kMarketing = J("{`department`: `marketing`}");

} // namespace

class TstPgMigration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void planIsExact();
    void selectorErrorHasPosition();
    void refusals();
    void quotaBlocksTheJob();
    void startRechecksTheTarget();
    void deletedSourceIsRefused();
    void cancelKeepsTheFailure();
    void runToFinished_data();
    void runToFinished();
    void cancelPausesAndRunResumes();
    void jobsNewestFirst();
    void auditorListsButCannotRun();

private:
    std::unique_ptr<PgStore> store(const QString &user = kOperator) const
    {
        return std::make_unique<PgStore>(m_db->conninfo(user), PgStore::Options{1, false});
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
    // Checksum of content and metadata of a tenant's rows (`where` narrows them), in content order.
    QString checksum(const QString &slug, const QString &where = QStringLiteral("true")) const
    {
        return q(QStringLiteral("SELECT md5(coalesce(string_agg(m.content || '|' || m.metadata::text, ',' ORDER BY m.content), ''))"
                                "  FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id"
                                " WHERE t.slug = '%1' AND (%2)")
                     .arg(slug, where));
    }
    MigrationRequest request(bool preserveIds = true) const
    {
        return MigrationRequest{id(QStringLiteral("src")), id(QStringLiteral("tgt")), kMarketing, preserveIds, true};
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstPgMigration::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_pgmigration"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
}

void TstPgMigration::init()
{
    QCOMPARE(m_db->exec(QStringLiteral(
                 "SET session_replication_role = replica; DELETE FROM tenancy.migration_id_map; "
                 "DELETE FROM tenancy.migration_jobs; DELETE FROM tenancy.memories; DELETE FROM tenancy.quotas; "
                 "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('src', 'src'), ('tgt', 'tgt'), ('frozen', 'frozen'); "
                 "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'frozen'; "
                 "SET session_replication_role = origin; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' ELSE 'sales' END, 'n', i) "
                 "  FROM tenancy.tenants t, generate_series(1, 1000) i WHERE t.slug = 'src'; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'own-' || i, '{\"department\": \"marketing\"}' FROM tenancy.tenants t, generate_series(1, 3) i "
                 " WHERE t.slug = 'tgt'")),
             QString());
    QCOMPARE(q(QStringLiteral("SELECT state FROM tenancy.tenants WHERE slug = 'frozen'")), QStringLiteral("suspended"));
}

void TstPgMigration::planIsExact()
{
    auto s = store();
    const Result<MigrationPlan> r = await(s->planMigration(request()));
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->rows, qint64(kMatching));
    const QString bytes = q(QStringLiteral("SELECT sum(m.size_bytes) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                           "WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing'"));
    QCOMPARE(QString::number(r->bytes), bytes);
    const QStringList firstIds = m_db->rows(QStringLiteral(
        "SELECT m.id FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
        "WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing' ORDER BY m.id LIMIT 20"));
    QCOMPARE(r->sample.size(), 20);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(r->sample.at(i).id.toString(QUuid::WithoutBraces), firstIds.at(i));
        QVERIFY(r->sample.at(i).metadataJson.contains(QStringLiteral("\"marketing\"")));
        QVERIFY(r->sample.at(i).sizeBytes > 0);
        QVERIFY(r->sample.at(i).createdAt.isValid());
    }
    QCOMPARE(r->quota.size(), 2);
    QCOMPARE(r->quota.at(0).resource, QStringLiteral("items"));
    QCOMPARE(r->quota.at(0).needed, qint64(kMatching));
    QCOMPARE(r->quota.at(1).resource, QStringLiteral("storage_bytes"));
    QCOMPARE(r->quota.at(1).needed, r->bytes);
    QVERIFY(!r->blocked());
}

void TstPgMigration::selectorErrorHasPosition()
{
    auto s = store();
    MigrationRequest bad = request();
    bad.selectorJson = J("{`department`: {`$gt`: }}");
    const Result<MigrationPlan> r = await(s->planMigration(bad));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QStringLiteral("line 1, column ")), qPrintable(r.error().message));
}

void TstPgMigration::refusals()
{
    auto s = store();
    MigrationRequest same = request();
    same.target = same.source;
    Result<MigrationPlan> r = await(s->planMigration(same));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QStringLiteral("same tenant")), qPrintable(r.error().message));

    MigrationRequest frozen = request();
    frozen.target = id(QStringLiteral("frozen"));
    r = await(s->planMigration(frozen));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QStringLiteral("\"frozen\" is suspended")), qPrintable(r.error().message));
    const Result<MigrationJob> job = await(s->createMigrationJob(frozen));
    QVERIFY(!job);
    QCOMPARE(job.error().kind, ErrorKind::Validation);

    MigrationRequest unknown = request();
    unknown.target = QUuid::createUuid();
    r = await(s->planMigration(unknown));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ErrorKind::NotFound);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs")), QStringLiteral("0"));
}

void TstPgMigration::quotaBlocksTheJob()
{
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'items', 100 FROM tenancy.tenants WHERE slug = 'tgt'")),
             QString());
    auto s = store();
    const Result<MigrationPlan> plan = await(s->planMigration(request()));
    QVERIFY2(plan, qPrintable(plan.ok() ? QString() : plan.error().message));
    QVERIFY(plan->blocked());
    const QList<QuotaShortfall> shortfalls = plan->shortfalls();
    QCOMPARE(shortfalls.size(), 1);
    QCOMPARE(shortfalls.at(0).resource, QStringLiteral("items"));
    QCOMPARE(shortfalls.at(0).limit, qint64(100));
    QCOMPARE(shortfalls.at(0).needed, qint64(kMatching));

    const Result<MigrationJob> job = await(s->createMigrationJob(request()));
    QVERIFY(!job);
    QCOMPARE(job.error().kind, ErrorKind::QuotaExceeded);
    QVERIFY2(job.error().message.contains(QStringLiteral("items limit")), qPrintable(job.error().message));
    QVERIFY2(job.error().message.contains(QStringLiteral("600 needed > 100")), qPrintable(job.error().message));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.migration_jobs")), QStringLiteral("0"));
}

void TstPgMigration::startRechecksTheTarget()
{
    auto s = store();
    const Result<MigrationJob> created = await(s->createMigrationJob(request()));
    QVERIFY(created);
    // Days later the target's limit was lowered: starting refuses, nothing moves, the job waits.
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'items', 100 FROM tenancy.tenants WHERE slug = 'tgt'")),
             QString());
    const Result<MigrationJob> blocked = await(s->runMigrationJob(created->id));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().kind, ErrorKind::QuotaExceeded);
    QVERIFY2(blocked.error().message.contains(QStringLiteral("600 needed > 100")), qPrintable(blocked.error().message));
    QCOMPARE(q(QStringLiteral("SELECT state || ' ' || moved_rows FROM tenancy.migration_jobs")), QStringLiteral("planned 0"));

    // Raised again, but the target was suspended meanwhile: refused with the reason.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = NULL WHERE resource = 'items'; "
                                       "SELECT set_config('tenancy.reason', 'test', false); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'tgt'")),
             QString());
    const Result<MigrationJob> inactive = await(s->runMigrationJob(created->id));
    QVERIFY(!inactive);
    QCOMPARE(inactive.error().kind, ErrorKind::Validation);
    QVERIFY2(inactive.error().message.contains(QStringLiteral("is suspended")), qPrintable(inactive.error().message));

    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'test', false); "
                                       "UPDATE tenancy.tenants SET state = 'active' WHERE slug = 'tgt'")),
             QString());
    const Result<MigrationJob> finished = await(s->runMigrationJob(created->id));
    QVERIFY2(finished, qPrintable(finished.ok() ? QString() : finished.error().message));
    QCOMPARE(finished->state, MigrationJob::State::Finished);
    QCOMPARE(finished->movedRows, qint64(kMatching));
}

void TstPgMigration::deletedSourceIsRefused()
{
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100; "
                                       "SELECT set_config('tenancy.reason', 'test', false); "
                                       "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'src'")),
             QString());
    const Result<MigrationPlan> plan = await(store()->planMigration(request()));
    QVERIFY(!plan);
    QCOMPARE(plan.error().kind, ErrorKind::Validation);
    QVERIFY2(plan.error().message.contains(QStringLiteral("\"src\" is deleted; restore it first")),
             qPrintable(plan.error().message));
}

void TstPgMigration::cancelKeepsTheFailure()
{
    auto s = store();
    const Result<MigrationJob> created = await(s->createMigrationJob(request()));
    QVERIFY(created);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running'; "
                                       "UPDATE tenancy.migration_jobs SET state = 'failed', error = 'disk full'")),
             QString());
    const Result<MigrationJob> cancelled = await(s->cancelMigrationJob(created->id));
    QVERIFY(cancelled);
    QCOMPARE(cancelled->state, MigrationJob::State::Cancelled);
    QCOMPARE(cancelled->error, QStringLiteral("disk full"));
}

void TstPgMigration::runToFinished_data()
{
    QTest::addColumn<bool>("preserveIds");
    QTest::newRow("preserve ids") << true;
    QTest::newRow("new ids") << false;
}

void TstPgMigration::runToFinished()
{
    QFETCH(bool, preserveIds);
    const QString moving = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'marketing'"));
    const QString staying = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'sales'"));
    const QString own = checksum(QStringLiteral("tgt"));
    const QStringList movingIds = m_db->rows(QStringLiteral(
        "SELECT m.id FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
        "WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing' ORDER BY m.id"));
    QCOMPARE(movingIds.size(), kMatching);

    auto s = store();
    const Result<MigrationJob> created = await(s->createMigrationJob(request(preserveIds)));
    QVERIFY2(created, qPrintable(created.ok() ? QString() : created.error().message));
    QCOMPARE(created->state, MigrationJob::State::Planned);
    QCOMPARE(created->plannedRows, qint64(kMatching));
    QCOMPARE(created->preserveIds, preserveIds);
    QCOMPARE(created->sourceSlug, QStringLiteral("src"));
    QCOMPARE(created->targetSlug, QStringLiteral("tgt"));

    const Result<MigrationJob> run = await(s->runMigrationJob(created->id, 64));
    QVERIFY2(run, qPrintable(run.ok() ? QString() : run.error().message));
    QCOMPARE(run->state, MigrationJob::State::Finished);
    QCOMPARE(run->movedRows, qint64(kMatching));
    QCOMPARE(run->movedBytes, created->plannedBytes);
    QCOMPARE(run->skippedRows, qint64(0));
    QCOMPARE(run->batches, 10); // 600 rows in batches of 64
    QVERIFY(run->startedAt.isValid());
    QVERIFY(run->finishedAt.isValid());

    QCOMPARE(checksum(QStringLiteral("src")), staying);
    QCOMPARE(checksum(QStringLiteral("tgt"), QStringLiteral("m.content LIKE 'row-%'")), moving);
    QCOMPARE(checksum(QStringLiteral("tgt"), QStringLiteral("m.content LIKE 'own-%'")), own);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                              "WHERE t.slug = 'tgt'")),
             QString::number(kMatching + 3));

    const QStringList targetIds = m_db->rows(QStringLiteral(
        "SELECT m.id FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
        "WHERE t.slug = 'tgt' AND m.content LIKE 'row-%' ORDER BY m.id"));
    const Result<QList<QPair<QUuid, QUuid>>> map = await(s->migrationIdMap(created->id));
    QVERIFY(map);
    if (preserveIds) {
        QCOMPARE(targetIds, movingIds);
        QCOMPARE(map->size(), 0);
    } else {
        QCOMPARE(map->size(), kMatching);
        QStringList olds;
        QStringList news;
        for (const auto &p : map.value()) {
            olds.append(p.first.toString(QUuid::WithoutBraces));
            news.append(p.second.toString(QUuid::WithoutBraces));
        }
        QCOMPARE(olds, movingIds); // the map is in old id order
        news.sort();
        QCOMPARE(news, targetIds);
    }

    // Running a finished job again changes nothing.
    const Result<MigrationJob> again = await(s->runMigrationJob(created->id, 64));
    QVERIFY(again);
    QCOMPARE(again->state, MigrationJob::State::Finished);
    QCOMPARE(again->movedRows, qint64(kMatching));
    QCOMPARE(again->version, run->version);
}

void TstPgMigration::cancelPausesAndRunResumes()
{
    const QString moving = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'marketing'"));
    const QString staying = checksum(QStringLiteral("src"), QStringLiteral("m.metadata ->> 'department' = 'sales'"));
    auto s = store();
    const Result<MigrationJob> created = await(s->createMigrationJob(request()));
    QVERIFY2(created, qPrintable(created.ok() ? QString() : created.error().message));

    // Another session locks the 301st matching row: the runner (batches of 50) moves six
    // batches and then waits inside the seventh; the test cancels there and lets it go.
    std::unique_ptr<PGconn, decltype(&PQfinish)> blocker(PQconnectdb(m_db->conninfo().toUtf8().constData()), &PQfinish);
    QVERIFY2(PQstatus(blocker.get()) == CONNECTION_OK, PQerrorMessage(blocker.get()));
    PGresult *lock = PQexec(blocker.get(),
                            "BEGIN; SELECT m.id FROM tenancy.memories m WHERE m.id = ("
                            " SELECT m.id FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                            " WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing' "
                            " ORDER BY m.id OFFSET 300 LIMIT 1) FOR UPDATE"); // not the rows OFFSET skips
    QCOMPARE(PQresultStatus(lock), PGRES_TUPLES_OK);
    QCOMPARE(PQntuples(lock), 1);
    PQclear(lock);

    QFuture<Result<MigrationJob>> future = s->runMigrationJob(created->id, 50);
    // Waits for the runner to reach the locked row (an event, not a speed).
    QTRY_VERIFY_WITH_TIMEOUT(future.progressValue() >= 300, 60000);
    QCOMPARE(future.progressValue(), 300);
    QCOMPARE(future.progressMaximum(), kMatching);
    QVERIFY(!future.isFinished());
    future.cancel();
    PQclear(PQexec(blocker.get(), "ROLLBACK"));
    future.waitForFinished();

    Result<MigrationJob> paused = await(s->migrationJob(created->id));
    QVERIFY(paused);
    QCOMPARE(paused->state, MigrationJob::State::Paused);
    QCOMPARE(paused->movedRows, qint64(350)); // the batch in flight completes
    QCOMPARE(paused->batches, 7);
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                              "WHERE t.slug = 'tgt'")),
             QStringLiteral("353"));

    const Result<MigrationJob> resumed = await(s->runMigrationJob(created->id, 50));
    QVERIFY2(resumed, qPrintable(resumed.ok() ? QString() : resumed.error().message));
    QCOMPARE(resumed->state, MigrationJob::State::Finished);
    QCOMPARE(resumed->movedRows, qint64(kMatching));
    QCOMPARE(resumed->batches, 12);
    QCOMPARE(checksum(QStringLiteral("src")), staying);
    QCOMPARE(checksum(QStringLiteral("tgt"), QStringLiteral("m.content LIKE 'row-%'")), moving);
}

void TstPgMigration::jobsNewestFirst()
{
    auto s = store();
    const Result<MigrationJob> first = await(s->createMigrationJob(request()));
    QVERIFY(first);
    const Result<MigrationJob> second = await(s->createMigrationJob(request(false)));
    QVERIFY(second);
    const Result<MigrationJob> cancelled = await(s->cancelMigrationJob(first->id));
    QVERIFY2(cancelled, qPrintable(cancelled.ok() ? QString() : cancelled.error().message));
    QCOMPARE(cancelled->state, MigrationJob::State::Cancelled);
    // A cancelled job does not run.
    const Result<MigrationJob> refused = await(s->runMigrationJob(first->id));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::Validation);

    const Result<QList<MigrationJob>> jobs = await(s->migrationJobs());
    QVERIFY(jobs);
    QCOMPARE(jobs->size(), 2);
    QCOMPARE(jobs->at(0).id, second->id);
    QCOMPARE(jobs->at(0).state, MigrationJob::State::Planned);
    QCOMPARE(jobs->at(0).preserveIds, false);
    QCOMPARE(jobs->at(1).id, first->id);
    QCOMPARE(jobs->at(1).state, MigrationJob::State::Cancelled);
    QCOMPARE(jobs->at(1).createdBy, kOperator);
    QCOMPARE(jobs->at(1).selectorJson, QStringLiteral("{\"department\": \"marketing\"}"));

    const Result<MigrationJob> missing = await(s->migrationJob(first->id + 1000));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
}

void TstPgMigration::auditorListsButCannotRun()
{
    const Result<MigrationJob> created = await(store()->createMigrationJob(request()));
    QVERIFY(created);
    auto auditor = store(kAuditor);
    const Result<QList<MigrationJob>> jobs = await(auditor->migrationJobs());
    QVERIFY2(jobs, qPrintable(jobs.ok() ? QString() : jobs.error().message));
    QCOMPARE(jobs->size(), 1);
    QCOMPARE(jobs->at(0).id, created->id);
    const Result<MigrationJob> run = await(auditor->runMigrationJob(created->id));
    QVERIFY(!run);
    QCOMPARE(run.error().kind, ErrorKind::PermissionDenied);
    const Result<MigrationJob> after = await(store()->migrationJob(created->id));
    QVERIFY(after);
    QCOMPARE(after->state, MigrationJob::State::Planned);
    QCOMPARE(after->movedRows, qint64(0));
    QCOMPARE(q(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                              "WHERE t.slug = 'src'")),
             QString::number(kRows));
}

QTEST_GUILESS_MAIN(TstPgMigration)
#include "tst_pgmigration.moc"
