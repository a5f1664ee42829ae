// MigrationJobsModel over a real PgStore, under QAbstractItemModelTester: jobs newest first with
// slugs, state, progress, bytes and dates; a job changed by another console shows after
// reload() as dataChanged of its row (never a reset); a new job is inserted at the top;
// updateJob with an older version is ignored, a newer or a new job shows at once; a failed
// job's error is its state's tooltip; polling follows running jobs and stops while inactive.

#include "models/items/migrationjobsmodel.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include "models/domain/resourceunit.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace tc;
using tc::test::await;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("jobs_operator");
constexpr int kMatching = 600; // of 1000 source rows
constexpr int kTimeout = 60000;

using M = MigrationJobsModel;

} // namespace

class TstMigrationJobsModelPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void listsNewestFirst();
    void changesElsewhereAreUpdatesInPlace();
    void updateJobByVersion();
    void failedJobShowsItsError();
    void pollsWhileActive();

private:
    std::unique_ptr<PgStore> store() const
    {
        return std::make_unique<PgStore>(m_db->conninfo(kOperator), PgStore::Options{2, false});
    }
    QUuid id(const QString &slug) const
    {
        return QUuid::fromString(m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug))
                                     .toString());
    }
    MigrationJob createJob(PgStore &s, const QString &target = QStringLiteral("tgt")) const
    {
        const MigrationRequest request{id(QStringLiteral("src")), id(target),
                                       QStringLiteral("{\"department\": \"marketing\"}"), true, true};
        const Result<MigrationJob> job = await(s.createMigrationJob(request));
        return job.ok() ? job.value() : MigrationJob{};
    }
    static QString text(const M &model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.data(model.index(row, column), role).toString();
    }
    static bool load(M &model)
    {
        QSignalSpy loaded(&model, &M::loaded);
        model.reload();
        return loaded.wait(kTimeout) && !model.error();
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstMigrationJobsModelPg::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_migrationjobsmodel_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
}

void TstMigrationJobsModelPg::init()
{
    QCOMPARE(m_db->exec(QStringLiteral(
                 "SET session_replication_role = replica; DELETE FROM tenancy.migration_id_map; "
                 "DELETE FROM tenancy.migration_jobs; DELETE FROM tenancy.memories; DELETE FROM tenancy.quotas; "
                 "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('src', 'src'), ('tgt', 'tgt'), ('tgt2', 'tgt2'); "
                 "SET session_replication_role = origin; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' ELSE 'sales' END, 'n', i) "
                 "  FROM tenancy.tenants t, generate_series(1, 1000) i WHERE t.slug = 'src'")),
             QString());
}

void TstMigrationJobsModelPg::listsNewestFirst()
{
    auto s = store();
    const MigrationJob first = createJob(*s);
    QVERIFY(first.id > 0);
    const Result<MigrationJob> finished = await(s->runMigrationJob(first.id, 100));
    QVERIFY2(finished, qPrintable(finished.ok() ? QString() : finished.error().message));
    QCOMPARE(finished->state, MigrationJob::State::Finished);
    const MigrationJob second = createJob(*s, QStringLiteral("tgt2")); // the source's rest: nothing matches
    QVERIFY(second.id > first.id);
    QCOMPARE(second.plannedRows, qint64(0));

    M model(s.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(M::ColumnCount));
    QVERIFY(!model.isPolling()); // not before the first reload()
    QSignalSpy loading(&model, &M::loadingChanged);
    QVERIFY(load(model));
    QCOMPARE(loading.count(), 2);
    QVERIFY(!model.isLoading());

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfJob(second.id), 0);
    QCOMPARE(model.rowOfJob(first.id), 1);
    QCOMPARE(model.rowOfJob(first.id + 1000), -1);
    QCOMPARE(model.jobAt(0).id, second.id);
    QCOMPARE(model.jobAt(5).id, qint64(0));

    QCOMPARE(text(model, 0, M::IdColumn), QString::number(second.id));
    QCOMPARE(text(model, 0, M::SourceColumn), QStringLiteral("src"));
    QCOMPARE(text(model, 0, M::TargetColumn), QStringLiteral("tgt2"));
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Planned"));
    QCOMPARE(text(model, 0, M::ProgressColumn), QStringLiteral("0 of 0 rows (0.0%)"));
    QCOMPARE(model.data(model.index(0, M::ProgressColumn), M::FractionRole).toDouble(), 0.0);
    QCOMPARE(model.data(model.index(0, M::StateColumn), M::StateRole).toInt(), int(MigrationJob::State::Planned));

    QCOMPARE(text(model, 1, M::TargetColumn), QStringLiteral("tgt"));
    QCOMPARE(text(model, 1, M::StateColumn), QStringLiteral("Finished"));
    QCOMPARE(text(model, 1, M::ProgressColumn), QStringLiteral("600 of 600 rows (100.0%)"));
    QCOMPARE(model.data(model.index(1, M::ProgressColumn), M::FractionRole).toDouble(), 1.0);
    QCOMPARE(text(model, 1, M::BytesColumn), formatQuantity(finished->movedBytes, ResourceUnit::Bytes));
    QVERIFY(finished->movedBytes > 0);
    QCOMPARE(text(model, 1, M::SkippedColumn), QStringLiteral("0"));
    QCOMPARE(text(model, 1, M::CreatedByColumn), kOperator);
    QCOMPARE(text(model, 1, M::CreatedColumn),
             QLocale().toString(finished->createdAt.toLocalTime(), QLocale::ShortFormat));
    QCOMPARE(text(model, 1, M::UpdatedColumn),
             QLocale().toString(finished->updatedAt.toLocalTime(), QLocale::ShortFormat));
    QCOMPARE(model.data(model.index(1, M::IdColumn), M::JobIdRole).toLongLong(), first.id);
    QCOMPARE(model.data(model.index(1, M::IdColumn), M::JobRole).value<MigrationJob>().movedRows, qint64(kMatching));
    QCOMPARE(model.data(model.index(1, M::ProgressColumn), M::SortRole).toDouble(), 1.0);
    QCOMPARE(model.data(model.index(1, M::BytesColumn), M::SortRole).toLongLong(), finished->movedBytes);
    QVERIFY(text(model, 1, M::IdColumn, Qt::ToolTipRole).contains(QStringLiteral("{\"department\": \"marketing\"}")));
    QCOMPARE(text(model, 1, M::StateColumn, Qt::ToolTipRole), QString()); // not failed
    QCOMPARE(model.headerData(M::ProgressColumn, Qt::Horizontal).toString(), QStringLiteral("Progress"));
    QVERIFY(model.roleNames().contains(M::FractionRole));
}

void TstMigrationJobsModelPg::changesElsewhereAreUpdatesInPlace()
{
    auto s = store();
    auto other = store(); // another console
    const MigrationJob older = createJob(*s);
    const MigrationJob job = createJob(*s, QStringLiteral("tgt2"));
    QVERIFY(older.id > 0 && job.id > older.id);

    M model(s.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 2); // the first load inserts too: no reset, ever
    QCOMPARE(changed.count(), 0);

    // Nothing changed: a reload changes nothing.
    QVERIFY(load(model));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 2);

    // The other console runs the older job to the end.
    const Result<MigrationJob> finished = await(other->runMigrationJob(older.id, 1000));
    QVERIFY(finished);
    QCOMPARE(finished->state, MigrationJob::State::Finished);
    QVERIFY(load(model));
    QCOMPARE(changed.count(), 1);
    const QList<QVariant> args = changed.takeFirst();
    QCOMPARE(args.at(0).toModelIndex(), model.index(1, 0));
    QCOMPARE(args.at(1).toModelIndex(), model.index(1, M::ColumnCount - 1));
    QVERIFY(args.at(2).value<QList<int>>().contains(Qt::DisplayRole));
    QCOMPARE(text(model, 1, M::StateColumn), QStringLiteral("Finished"));
    QCOMPARE(text(model, 1, M::ProgressColumn), QStringLiteral("600 of 600 rows (100.0%)"));

    // The other console plans a new job: inserted at the top, the others untouched.
    const MigrationJob newest = createJob(*other, QStringLiteral("tgt2"));
    QVERIFY(newest.id > job.id);
    QVERIFY(load(model));
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.last().at(1).toInt(), 0);
    QCOMPARE(inserted.last().at(2).toInt(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.jobAt(0).id, newest.id);
    QCOMPARE(model.jobAt(1).id, job.id);
    QCOMPARE(model.jobAt(2).id, older.id);
    QCOMPARE(changed.count(), 0);

    // Cancelled elsewhere: the middle row changes.
    QVERIFY(await(other->cancelMigrationJob(job.id)));
    QVERIFY(load(model));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(text(model, 1, M::StateColumn), QStringLiteral("Cancelled"));

    // A job gone from the list (deleted here by the test's superuser) is removed.
    QCOMPARE(m_db->exec(QStringLiteral("SET session_replication_role = replica; "
                                       "DELETE FROM tenancy.migration_jobs WHERE id = %1")
                            .arg(job.id)),
             QString());
    QVERIFY(load(model));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.jobAt(1).id, older.id);
    QCOMPARE(resets.count(), 0);
}

void TstMigrationJobsModelPg::updateJobByVersion()
{
    auto s = store();
    const MigrationJob job = createJob(*s);
    QVERIFY(job.id > 0);

    M model(s.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 1);
    const MigrationJob listed = model.jobAt(0);
    QCOMPARE(listed.version, job.version);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    MigrationJob stale = listed;
    stale.version = listed.version - 1;
    stale.state = MigrationJob::State::Running;
    stale.movedRows = 5;
    model.updateJob(stale);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Planned"));

    MigrationJob newer = listed;
    newer.version = listed.version + 1;
    newer.state = MigrationJob::State::Running;
    newer.plannedRows = 1000000;
    newer.movedRows = 12345;
    newer.movedBytes = 1500000000;
    model.updateJob(newer);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Running"));
    QCOMPARE(text(model, 0, M::ProgressColumn), QStringLiteral("12,345 of 1,000,000 rows (1.2%)"));
    QCOMPARE(text(model, 0, M::BytesColumn), QStringLiteral("1.5 GB"));
    QCOMPARE(model.data(model.index(0, 0), M::FractionRole).toDouble(), 0.012345);

    // A list read older than the runner's version keeps the newer row.
    QVERIFY(load(model));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Running"));

    // A job not listed yet (from this console's runner): inserted at its place, newest first.
    MigrationJob brandNew = listed;
    brandNew.id = job.id + 10;
    brandNew.version = 1;
    model.updateJob(brandNew);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(model.rowOfJob(brandNew.id), 0);
    QCOMPARE(model.rowOfJob(job.id), 1);
}

void TstMigrationJobsModelPg::failedJobShowsItsError()
{
    auto s = store();
    const MigrationJob job = createJob(*s);
    QVERIFY(job.id > 0);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = %1; "
                                       "UPDATE tenancy.migration_jobs SET state = 'failed', "
                                       "error = 'The target tenant went away.' WHERE id = %1")
                            .arg(job.id)),
             QString());

    M model(s.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Failed"));
    QCOMPARE(text(model, 0, M::StateColumn, Qt::ToolTipRole), QStringLiteral("The target tenant went away."));
    QVERIFY(!text(model, 0, M::CreatedColumn, Qt::ToolTipRole).isEmpty()); // started
    QVERIFY(!text(model, 0, M::UpdatedColumn, Qt::ToolTipRole).isEmpty()); // ended
}

void TstMigrationJobsModelPg::pollsWhileActive()
{
    auto s = store();
    const MigrationJob job = createJob(*s);
    QVERIFY(job.id > 0);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'running' WHERE id = %1").arg(job.id)),
             QString());

    M model(s.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPollInterval(50, 3600 * 1000);
    QVERIFY(load(model));
    QVERIFY(model.isPolling());
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Running"));

    // A job is running: another console's change shows by itself, without reload().
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'paused' WHERE id = %1").arg(job.id)),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 0, M::StateColumn), QStringLiteral("Paused"), kTimeout);
    QVERIFY(model.isPolling()); // now at the idle interval

    // Inactive: no polling; active again: read at once.
    model.setActive(false);
    QVERIFY(!model.isActive());
    QVERIFY(!model.isPolling());
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.migration_jobs SET state = 'cancelled' WHERE id = %1").arg(job.id)),
             QString());
    QSignalSpy loaded(&model, &M::loaded);
    model.setActive(true);
    QVERIFY(model.isPolling());
    QVERIFY(loaded.wait(kTimeout));
    QCOMPARE(text(model, 0, M::StateColumn), QStringLiteral("Cancelled"));
}

QTEST_GUILESS_MAIN(TstMigrationJobsModelPg)
#include "tst_migrationjobsmodel_pg.moc"
