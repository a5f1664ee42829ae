// UsageSeriesModel over PgStore with samples inserted into tenancy.usage_samples: the rows are
// the catalog's metered resources, each with the tenant's effective limit (own or inherited)
// and thresholds, and the buckets are exactly what the samples in the (bucket-aligned) window
// make; a window without samples is Empty; a limit changed in the database shows on reload,
// and, while the model is active, by itself: the change notification of an ancestor's quota
// (inherited) re-reads the limits without Loading.

#include "models/items/usageseriesmodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;
using Model = UsageSeriesModel;

namespace {

const QString kAcme = QStringLiteral("00000000-0000-0000-0000-0000000000a1");
const QString kTeam = QStringLiteral("00000000-0000-0000-0000-0000000000a2");

QDateTime utc(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

} // namespace

class TstUsageSeriesModelPg : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void bucketsAndLimitsAsTheDatabaseHasThem();
    void windowWithoutSamplesIsEmpty();
    void changedLimitShowsOnReload();
    void inheritedLimitChangedElsewhereShowsByItself();

private:
    void settle() { QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), 30000); }

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PgStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstUsageSeriesModelPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_usageseries_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(QStringLiteral("tst_usageseries_pg_operator"), QStringLiteral("tenancy_operator")));
    // acme limits storage (5 GB) and items (1000); team, its sub-tenant, has its own items
    // limit and thresholds and inherits storage; nobody limits queries per minute.
    const QString setup = QStringLiteral(
        "INSERT INTO tenancy.tenants (id, slug, display_name) VALUES ('%1', 'acme', 'Acme');"
        "INSERT INTO tenancy.tenants (id, parent_id, slug, display_name) VALUES ('%2', '%1', 'team', 'Team');"
        "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES"
        "  ('%1', 'storage_bytes', 5000000000), ('%1', 'items', 1000);"
        "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit, soft_thresholds) VALUES"
        "  ('%2', 'items', 500, '{70,85}');"
        "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) VALUES"
        "  ('%2', 'items', '2024-03-09 09:00Z', 999),"  // before the window
        "  ('%2', 'items', '2024-03-09 10:00Z', 100),"
        "  ('%2', 'items', '2024-03-09 11:00Z', 300),"
        "  ('%2', 'items', '2024-03-09 12:00Z', 250),"
        "  ('%2', 'items', '2024-03-10 08:00Z', 400),"
        "  ('%2', 'items', '2024-03-10 09:00Z', 480),"
        "  ('%2', 'items', '2024-03-10 10:00Z', 450),"
        "  ('%2', 'items', '2024-03-10 11:00Z', 7777),"  // the window's end is exclusive
        "  ('%2', 'storage_bytes', '2024-03-10 09:00Z', 4600000000),"
        "  ('%1', 'items', '2024-03-10 08:00Z', 12345);"); // another tenant's
    QCOMPARE(m_db->exec(setup.arg(kAcme, kTeam)), QString());
}

void TstUsageSeriesModelPg::init()
{
    m_store = std::make_unique<PgStore>(m_db->conninfo(QStringLiteral("tst_usageseries_pg_operator")));
    auto opened = m_store->open();
    opened.waitForFinished();
    QVERIFY(opened.result().ok());
    m_model = std::make_unique<Model>(m_store.get());
    // 10:20 on 2024-03-10: the last 24 hours end at 11:00; 24 pixels make 2-hour buckets, so
    // the window starts at 10:00 the day before (aligned down from 11:00).
    m_model->setClock([] { return utc(2024, 3, 10, 10, 20); });
    m_model->setResolution(24);
    m_model->setRange(UsageRange::Last24Hours);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstUsageSeriesModelPg::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstUsageSeriesModelPg::bucketsAndLimitsAsTheDatabaseHasThem()
{
    m_model->setTenant(QUuid::fromString(kTeam));
    settle();
    QVERIFY2(!m_model->error(), qPrintable(m_model->error() ? m_model->error()->message : QString()));
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(m_model->window(), (TimeWindow{utc(2024, 3, 9, 10), utc(2024, 3, 10, 11)}));
    QCOMPARE(m_model->bucketSeconds(), 7200);

    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys << m_model->index(row, 0).data(Model::ResourceRole).toString();
    QCOMPARE(keys, m_db->rows(QStringLiteral("SELECT key FROM tenancy.resources WHERE metered ORDER BY sort_order")));
    QCOMPARE(keys, QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes"), QStringLiteral("queries_per_minute")}));

    // Own limit and thresholds; inherited limit with the default thresholds; unlimited.
    const QModelIndex items = m_model->index(m_model->seriesRow(QStringLiteral("items")), 0);
    QCOMPARE(items.data(Model::LimitRole).toLongLong(), 500);
    QCOMPARE(items.data(Model::ThresholdsRole).toList(), QVariantList({70, 85}));
    QCOMPARE(items.data(Model::DisplayNameRole).toString(), QStringLiteral("Memory items"));
    QCOMPARE(items.data(Model::LatestRole).toLongLong(), 450);
    QCOMPARE(items.data(Model::MaxRole).toLongLong(), 480);
    QCOMPARE(items.data(Model::SampleCountRole).toInt(), 6);
    const QModelIndex storage = m_model->index(m_model->seriesRow(QStringLiteral("storage_bytes")), 0);
    QCOMPARE(storage.data(Model::LimitRole).toLongLong(),
             m_db->scalar(QStringLiteral("SELECT tenancy.effective_limit('%1', 'storage_bytes')").arg(kTeam)).toLongLong());
    QCOMPARE(storage.data(Model::LimitRole).toLongLong(), 5'000'000'000);
    QCOMPARE(storage.data(Model::ThresholdsRole).toList(), QVariantList({80, 90, 95}));
    const QModelIndex qpm = m_model->index(m_model->seriesRow(QStringLiteral("queries_per_minute")), 0);
    QVERIFY(!qpm.data(Model::LimitRole).isValid());
    QCOMPARE(m_model->rowCount(qpm), 0);

    // The buckets, exactly: 2-hour bins from 10:00, the last one ending with the window.
    QCOMPARE(m_model->toCsv(),
             QByteArray("resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"
                        "items,2024-03-09T10:00:00Z,2024-03-09T12:00:00Z,100,300,200,2,500\r\n"
                        "items,2024-03-09T12:00:00Z,2024-03-09T14:00:00Z,250,250,250,1,500\r\n"
                        "items,2024-03-10T08:00:00Z,2024-03-10T10:00:00Z,400,480,440,2,500\r\n"
                        "items,2024-03-10T10:00:00Z,2024-03-10T11:00:00Z,450,450,450,1,500\r\n"
                        "storage_bytes,2024-03-10T08:00:00Z,2024-03-10T10:00:00Z,4600000000,4600000000,4600000000,1,"
                        "5000000000\r\n"));
    const QModelIndex last = m_model->index(3, 0, items);
    QCOMPARE(last.data(Model::BucketStartRole).toDateTime(), utc(2024, 3, 10, 10));
    QCOMPARE(last.data(Model::BucketEndRole).toDateTime(), utc(2024, 3, 10, 11));
}

void TstUsageSeriesModelPg::windowWithoutSamplesIsEmpty()
{
    m_model->setRange(UsageRange::Custom, {utc(2020, 1, 1, 0), utc(2020, 1, 8, 0)});
    m_model->setTenant(QUuid::fromString(kTeam));
    settle();
    QVERIFY(!m_model->error());
    QCOMPARE(m_model->status(), Model::Status::Empty);
    QCOMPARE(m_model->rowCount(), 3);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->rowCount(m_model->index(row, 0)), 0);
    QCOMPARE(m_model->index(0, 0).data(Model::LimitRole).toLongLong(), 500);
}

void TstUsageSeriesModelPg::changedLimitShowsOnReload()
{
    m_model->setTenant(QUuid::fromString(kTeam));
    settle();
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 600 WHERE tenant_id = '%1' "
                                       "AND resource = 'items'").arg(kTeam)),
             QString());
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->reload();
    QCOMPARE(m_model->status(), Model::Status::Ready); // a refresh keeps showing the rows
    settle();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->index(0, 0).data(Model::LimitRole).toLongLong(), 600);
    QCOMPARE(m_model->index(0, Model::PeakShareColumn).data().toString(), QStringLiteral("80 %"));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 500 WHERE tenant_id = '%1' "
                                       "AND resource = 'items'").arg(kTeam)),
             QString());
}

void TstUsageSeriesModelPg::inheritedLimitChangedElsewhereShowsByItself()
{
    QSignalSpy live(m_store.get(), &TenantStore::changeFeedChanged);
    QVERIFY(m_store->isChangeFeedLive() || live.wait(10000));
    m_model->setTenant(QUuid::fromString(kTeam));
    m_model->setActive(true); // the Usage tab is shown
    settle();
    const QModelIndex storage = m_model->index(m_model->seriesRow(QStringLiteral("storage_bytes")), 0);
    QCOMPARE(storage.data(Model::LimitRole).toLongLong(), 5'000'000'000);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    // Another console raises acme's storage limit: team inherits it.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 6000000000 WHERE tenant_id = '%1' "
                                       "AND resource = 'storage_bytes'").arg(kAcme)),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(reset.size(), 1, 10000);
    settle();
    const int row = m_model->seriesRow(QStringLiteral("storage_bytes"));
    QCOMPARE(m_model->index(row, 0).data(Model::LimitRole).toLongLong(), 6'000'000'000);
    QCOMPARE(m_model->index(row, Model::LimitColumn).data().toString(), QStringLiteral("6 GB"));
    QCOMPARE(m_model->rowCount(m_model->index(row, 0)), 1); // its bucket stays
    QCOMPARE(status.size(), 0);
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 5000000000 WHERE tenant_id = '%1' "
                                       "AND resource = 'storage_bytes'").arg(kAcme)),
             QString());
}

QTEST_GUILESS_MAIN(TstUsageSeriesModelPg)
#include "tst_usageseriesmodel_pg.moc"
