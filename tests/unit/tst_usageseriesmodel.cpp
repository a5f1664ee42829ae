// UsageSeriesModel over an in-memory store and usage source: rows per metered resource in
// catalog order with their limits, the status through first loads, refreshes, failures and
// cancels, stale answers dropped, polling by active/range/tenant (asserted through
// isPolling(), never by waiting on the clock), polls that change nothing, the exact texts,
// the CSV and bucketRowNear; limits that follow change notifications (debounced, only while
// active, the quota list alone) and a destroyed source. The same model over PostgreSQL:
// tests/integration/tst_usageseriesmodel_pg.

#include "models/items/usageseriesmodel.h"
#include "models/domain/tenant.h"
#include "models/store/tenantstore.h"
#include "models/store/usagesource.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QPromise>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <time.h>

using namespace tc;
using Model = UsageSeriesModel;

namespace {

using Held = std::shared_ptr<QPromise<Result<UsageSeriesSet>>>;

QDateTime utc(int y, int mo, int d, int h, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

qint64 ms(int d, int h, int mi = 0)
{
    return utc(2024, 3, d, h, mi).toMSecsSinceEpoch();
}

UsageBucket bucket(qint64 startMs, qint64 min, qint64 max, double mean, int samples)
{
    return UsageBucket{startMs, min, max, mean, max, samples};
}

Quota quota(const QString &key, const QString &name, ResourceUnit unit, int sortOrder, bool metered,
            std::optional<qint64> own, std::optional<qint64> parent = std::nullopt, QList<int> thresholds = {80, 90, 95})
{
    Quota q;
    q.resource = key;
    q.displayName = name;
    q.unit = unit;
    q.sortOrder = sortOrder;
    q.metered = metered;
    q.hardLimit = own;
    q.parentLimit = parent;
    q.softThresholds = thresholds;
    return q;
}

const QUuid kAcme = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000a}"));
const QUuid kOther = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000b}"));
const QUuid kRoot = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000c}"));

// Quotas and bucketed history per tenant; every usageSeries() query is recorded.
class FakeStore : public tc::test::UnsupportedStore
{
public:
    QHash<QUuid, QList<Quota>> quotaLists;
    QHash<QUuid, QList<UsageSeries>> history;
    QList<UsageQuery> queries;
    int quotaReads = 0;
    std::optional<Error> failSeries;
    std::optional<Error> failQuotas;
    // Series answered only when the test says so (settle a race on purpose).
    bool holdSeries = false;
    QList<std::pair<UsageQuery, Held>> held;

    void announce(const QString &table, const QUuid &tenant, TenantChange::Operation op = TenantChange::Operation::Update,
                  const QUuid &parent = {}, const QUuid &oldParent = {})
    {
        Q_EMIT tenantChanged({op, table, tenant, parent, oldParent});
    }

    void release(int i)
    {
        auto [query, promise] = held.at(i);
        promise->start();
        promise->addResult(Result<UsageSeriesSet>(UsageSeriesSet{query, history.value(query.tenant)}));
        promise->finish();
    }

    QFuture<Result<QList<Quota>>> quotas(const QUuid &tenant) override
    {
        ++quotaReads;
        if (failQuotas)
            return QtFuture::makeReadyFuture(Result<QList<Quota>>(*failQuotas));
        return ready(quotaLists.value(tenant));
    }
    QFuture<Result<UsageSeriesSet>> usageSeries(const UsageQuery &query) override
    {
        queries.append(query);
        if (holdSeries) {
            auto promise = std::make_shared<QPromise<Result<UsageSeriesSet>>>();
            held.append({query, promise});
            return promise->future();
        }
        if (failSeries)
            return QtFuture::makeReadyFuture(Result<UsageSeriesSet>(*failSeries));
        return ready(UsageSeriesSet{query, history.value(query.tenant)});
    }
};

// A source that is not the database (as Prometheus): asked for named resources.
class FakeSource : public UsageSource
{
public:
    using UsageSource::UsageSource;
    QList<UsageQuery> queries;
    QList<UsageSeries> answer;

    QFuture<Result<UsageSeriesSet>> series(const UsageQuery &query) override
    {
        queries.append(query);
        return QtFuture::makeReadyFuture(Result<UsageSeriesSet>(UsageSeriesSet{query, answer}));
    }
    Kind kind() const override { return Kind::Prometheus; }
};

} // namespace

class TstUsageSeriesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void idleWithoutTenant();
    void firstLoadSignals();
    void rowsPerMeteredResourceInCatalogOrder();
    void roles();
    void displayTexts_data();
    void displayTexts();
    void headersAndRoleNames();
    void queryWindowAndBuckets_data();
    void queryWindowAndBuckets();
    void lastBucketEndsWithTheWindow();
    void invalidCustomWindowFails();
    void finalStatus_data();
    void finalStatus();
    void staleAnswersAreDropped();
    void cancelRestoresTheStatus();
    void cancelOfAFirstLoadLeavesIdle();
    void failedPollKeepsRowsAndRecovers();
    void failureOfAnotherViewClearsRows();
    void pollWithIdenticalDataChangesNothing();
    void pollWithNewDataResets();
    void polling_data();
    void polling();
    void pollingFollowsActiveRangeAndTenant();
    void becomingActiveReloadsOnlyWhenStale();
    void timerPolls();
    void resolutionReloadsOnlyForAnotherBucketWidth();
    void otherSourceIsAskedForTheQuotaListsResources();
    void csvAllSeries();
    void csvOneResource();
    void csvQuotesFieldsAndIgnoresTheLocale();
    void bucketRowNear_data();
    void bucketRowNear();
    void raisedLimitShowsWithoutReadingHistory();
    void limitsOneReadPerBurst();
    void limitsUnchangedChangeNothing();
    void limitsChangesThatMatter_data();
    void limitsChangesThatMatter();
    void limitsOfAHiddenModelAreReadWhenShown();
    void limitsNotedDuringABurstWhenHidden();
    void limitsChangedDuringALoadAreReadAfterIt();
    void limitsReadFailureKeepsTheView();
    void newMeteredResourceRefreshesTheView();
    void limitsOfAnotherViewAreNotRead();
    void destroyedSourceFallsBackToTheDatabase();
    void destroyedFormerSourceChangesNothing();

private:
    void settle() { QTRY_VERIFY(!m_model->isLoading()); }
    void loadAcme()
    {
        m_model->setTenant(kAcme);
        settle();
        QCOMPARE(m_model->status(), Model::Status::Ready);
    }
    QModelIndex seriesIndex(const QString &resource, int column = 0) const
    {
        return m_model->index(m_model->seriesRow(resource), column);
    }

    QDateTime m_now = utc(2024, 3, 10, 10, 20);
    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstUsageSeriesModel::initTestCase()
{
    // Local times in the expectations are UTC+5:30 and British short formats, wherever this runs.
    qputenv("TZ", "IST-5:30");
    tzset();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QCOMPARE(utc(2024, 3, 10, 8).toLocalTime().time(), QTime(13, 30));
}

void TstUsageSeriesModel::init()
{
    m_now = utc(2024, 3, 10, 10, 20);
    m_store = std::make_unique<FakeStore>();
    // Not in catalog order on purpose: the rows are.
    m_store->quotaLists[kAcme] = {
        quota(QStringLiteral("storage_bytes"), QStringLiteral("Storage"), ResourceUnit::Bytes, 2, true, std::nullopt,
              5'000'000'000, {70, 85}),
        quota(QStringLiteral("items"), QStringLiteral("Items"), ResourceUnit::Count, 1, true, 1000),
        quota(QStringLiteral("api_keys"), QStringLiteral("API keys"), ResourceUnit::Count, 3, false, 10),
        quota(QStringLiteral("queries_per_minute"), QStringLiteral("Queries per minute"), ResourceUnit::PerMinute, 4,
              true, std::nullopt),
    };
    m_store->history[kAcme] = {
        {QStringLiteral("items"),
         {bucket(ms(10, 6), 100, 150, 120.5, 2), bucket(ms(10, 7), 150, 150, 150, 1),
          bucket(ms(10, 8), 140, 960, 500.25, 4), bucket(ms(10, 10), 900, 905, 902.5, 2)}},
        {QStringLiteral("storage_bytes"), {bucket(ms(10, 8), 4'600'000'000, 4'700'000'000, 4.65e9, 2)}},
    };
    m_store->quotaLists[kOther] = {quota(QStringLiteral("items"), QStringLiteral("Items"), ResourceUnit::Count, 1, true, 50)};
    m_store->history[kOther] = {{QStringLiteral("items"), {bucket(ms(10, 9), 7, 9, 8, 2)}}};

    m_model = std::make_unique<Model>(m_store.get());
    m_model->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstUsageSeriesModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstUsageSeriesModel::idleWithoutTenant()
{
    QCOMPARE(m_model->status(), Model::Status::Idle);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(Model::SeriesColumnCount));
    m_model->setActive(true);
    QVERIFY(!m_model->isPolling());
    m_model->reload();
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 0);
    QCOMPARE(m_model->source()->kind(), UsageSource::Kind::Database);
    QCOMPARE(m_model->pollInterval(), 5 * 60 * 1000);
}

void TstUsageSeriesModel::firstLoadSignals()
{
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setTenant(kAcme);
    QCOMPARE(m_model->status(), Model::Status::Loading); // at once, before any answer
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->rowCount(), 0);
    settle();
    QCOMPARE(status.size(), 2);
    QCOMPARE(status.at(0).at(0).value<Model::Status>(), Model::Status::Loading);
    QCOMPARE(status.at(1).at(0).value<Model::Status>(), Model::Status::Ready);
    QCOMPARE(loading.size(), 2);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(reset.size(), 2); // the view changed (rows cleared), the rows arrived
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(m_store->quotaReads, 1);
    QCOMPARE(m_store->queries.size(), 1);
    QVERIFY(!m_model->error());
    QCOMPARE(m_model->loadedAt(), m_now);
}

void TstUsageSeriesModel::rowsPerMeteredResourceInCatalogOrder()
{
    loadAcme();
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->seriesCount(), 3);
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys << m_model->index(row, 0).data(Model::ResourceRole).toString();
    QCOMPARE(keys, QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes"), QStringLiteral("queries_per_minute")}));
    // Buckets under the first column only; a resource without samples has none.
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 4);
    QCOMPARE(m_model->rowCount(m_model->index(0, 1)), 0);
    QCOMPARE(m_model->rowCount(m_model->index(1, 0)), 1);
    QCOMPARE(m_model->rowCount(m_model->index(2, 0)), 0);
    QCOMPARE(m_model->columnCount(m_model->index(0, 0)), int(Model::BucketColumnCount));
    const QModelIndex b = m_model->index(3, Model::MaxColumn, m_model->index(0, 0));
    QCOMPARE(m_model->parent(b), m_model->index(0, 0));
    QCOMPARE(m_model->rowCount(b.siblingAtColumn(0)), 0);
    QCOMPARE(m_model->seriesRow(QStringLiteral("api_keys")), -1); // not metered
    QCOMPARE(m_model->seriesRow(QStringLiteral("storage_bytes")), 1);
    QCOMPARE(m_model->quotaAt(1).effectiveLimit(), std::optional<qint64>(5'000'000'000));
    QCOMPARE(m_model->quotaAt(9).resource, QString());
    QCOMPARE(m_model->bucketsAt(0).size(), 4);
    QCOMPARE(m_model->bucketsAt(0).at(2).max, 960);
    QCOMPARE(m_model->bucketsAt(-1).size(), 0);
}

void TstUsageSeriesModel::roles()
{
    loadAcme();
    const QModelIndex items = seriesIndex(QStringLiteral("items"), Model::PeakColumn);
    QCOMPARE(items.data(Model::ResourceRole).toString(), QStringLiteral("items"));
    QCOMPARE(items.data(Model::DisplayNameRole).toString(), QStringLiteral("Items"));
    QCOMPARE(items.data(Model::UnitRole).toInt(), int(ResourceUnit::Count));
    QCOMPARE(items.data(Model::LimitRole).toLongLong(), 1000);
    QCOMPARE(items.data(Model::ThresholdsRole).toList(), QVariantList({80, 90, 95}));
    QCOMPARE(items.data(Model::MaxRole).toLongLong(), 960);
    QCOMPARE(items.data(Model::LatestRole).toLongLong(), 905);
    QCOMPARE(items.data(Model::SampleCountRole).toInt(), 9);
    QVERIFY(!items.data(Model::BucketStartRole).isValid());

    // Inherited limit: the effective one, with the tenant's own thresholds.
    const QModelIndex storage = seriesIndex(QStringLiteral("storage_bytes"));
    QCOMPARE(storage.data(Model::LimitRole).toLongLong(), 5'000'000'000);
    QCOMPARE(storage.data(Model::ThresholdsRole).toList(), QVariantList({70, 85}));
    QCOMPARE(storage.data(Model::UnitRole).toInt(), int(ResourceUnit::Bytes));

    const QModelIndex qpm = seriesIndex(QStringLiteral("queries_per_minute"));
    QVERIFY(!qpm.data(Model::LimitRole).isValid()); // unlimited
    QVERIFY(!qpm.data(Model::LatestRole).isValid());
    QVERIFY(!qpm.data(Model::MaxRole).isValid());
    QCOMPARE(qpm.data(Model::SampleCountRole).toInt(), 0);

    const QModelIndex b = m_model->index(2, Model::MeanColumn, seriesIndex(QStringLiteral("items")));
    QCOMPARE(b.data(Model::BucketStartRole).toDateTime(), utc(2024, 3, 10, 8));
    QCOMPARE(b.data(Model::BucketStartRole).toDateTime().timeSpec(), Qt::UTC);
    QCOMPARE(b.data(Model::BucketEndRole).toDateTime(), utc(2024, 3, 10, 9));
    QCOMPARE(b.data(Model::MinRole).toLongLong(), 140);
    QCOMPARE(b.data(Model::MaxRole).toLongLong(), 960);
    QCOMPARE(b.data(Model::MeanRole).toDouble(), 500.25);
    QCOMPARE(b.data(Model::SampleCountRole).toInt(), 4);
    QCOMPARE(b.data(Model::ResourceRole).toString(), QStringLiteral("items"));
    QCOMPARE(b.data(Model::LimitRole).toLongLong(), 1000);
    QCOMPARE(b.data(Model::ThresholdsRole).toList(), QVariantList({80, 90, 95}));
    QCOMPARE(b.data(Model::DisplayNameRole).toString(), QStringLiteral("Items"));
    QCOMPARE(b.data(Qt::TextAlignmentRole).value<Qt::Alignment>(), Qt::AlignRight | Qt::AlignVCenter);
}

void TstUsageSeriesModel::displayTexts_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<int>("bucketRow"); // -1: the series row
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    QTest::newRow("items: name") << "items" << -1 << int(Model::ResourceColumn) << QStringLiteral("Items");
    QTest::newRow("items: latest") << "items" << -1 << int(Model::LatestColumn) << QStringLiteral("905");
    QTest::newRow("items: peak") << "items" << -1 << int(Model::PeakColumn) << QStringLiteral("960");
    QTest::newRow("items: limit") << "items" << -1 << int(Model::LimitColumn) << QStringLiteral("1K");
    QTest::newRow("items: peak share") << "items" << -1 << int(Model::PeakShareColumn) << QStringLiteral("96 %");
    QTest::newRow("storage: latest") << "storage_bytes" << -1 << int(Model::LatestColumn) << QStringLiteral("4.7 GB");
    QTest::newRow("storage: inherited limit") << "storage_bytes" << -1 << int(Model::LimitColumn) << QStringLiteral("5 GB");
    QTest::newRow("storage: share rounds down") << "storage_bytes" << -1 << int(Model::PeakShareColumn) << QStringLiteral("94 %");
    QTest::newRow("qpm: no samples, latest") << "queries_per_minute" << -1 << int(Model::LatestColumn) << QStringLiteral("—");
    QTest::newRow("qpm: no samples, peak") << "queries_per_minute" << -1 << int(Model::PeakColumn) << QStringLiteral("—");
    QTest::newRow("qpm: unlimited") << "queries_per_minute" << -1 << int(Model::LimitColumn) << QStringLiteral("unlimited");
    QTest::newRow("qpm: no share") << "queries_per_minute" << -1 << int(Model::PeakShareColumn) << QStringLiteral("—");
    // 08:00 UTC is 13:30 at UTC+5:30 (initTestCase), in the British short format.
    QTest::newRow("bucket: start, local") << "items" << 2 << int(Model::BucketStartColumn) << QStringLiteral("10/03/2024 13:30");
    QTest::newRow("bucket: min") << "items" << 2 << int(Model::MinColumn) << QStringLiteral("140");
    QTest::newRow("bucket: max") << "items" << 2 << int(Model::MaxColumn) << QStringLiteral("960");
    QTest::newRow("bucket: mean rounded") << "items" << 2 << int(Model::MeanColumn) << QStringLiteral("500");
    QTest::newRow("bucket: bytes") << "storage_bytes" << 0 << int(Model::MinColumn) << QStringLiteral("4.6 GB");
}

void TstUsageSeriesModel::displayTexts()
{
    QFETCH(QString, resource);
    QFETCH(int, bucketRow);
    QFETCH(int, column);
    QFETCH(QString, text);
    loadAcme();
    const QModelIndex series = seriesIndex(resource);
    QVERIFY(series.isValid());
    const QModelIndex idx = bucketRow < 0 ? series.siblingAtColumn(column) : m_model->index(bucketRow, column, series);
    QCOMPARE(idx.data().toString(), text);
}

void TstUsageSeriesModel::headersAndRoleNames()
{
    QCOMPARE(m_model->headerData(Model::ResourceColumn, Qt::Horizontal).toString(), QStringLiteral("Resource"));
    QCOMPARE(m_model->headerData(Model::LatestColumn, Qt::Horizontal).toString(), QStringLiteral("Latest"));
    QCOMPARE(m_model->headerData(Model::PeakColumn, Qt::Horizontal).toString(), QStringLiteral("Peak"));
    QCOMPARE(m_model->headerData(Model::LimitColumn, Qt::Horizontal).toString(), QStringLiteral("Limit"));
    QCOMPARE(m_model->headerData(Model::PeakShareColumn, Qt::Horizontal).toString(), QStringLiteral("Peak of limit"));
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(Model::BucketStartRole), QByteArray("bucketStart"));
    QCOMPARE(names.value(Model::LimitRole), QByteArray("limit"));
    QCOMPARE(names.value(Model::ThresholdsRole), QByteArray("thresholds"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
}

void TstUsageSeriesModel::queryWindowAndBuckets_data()
{
    QTest::addColumn<int>("range");
    QTest::addColumn<QDateTime>("customFrom");
    QTest::addColumn<QDateTime>("customTo");
    QTest::addColumn<int>("pixels");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<qint64>("bucketSeconds");

    // Now is 2024-03-10 10:20 UTC: preset windows end at 11:00, the next full hour.
    QTest::newRow("24 h") << int(UsageRange::Last24Hours) << QDateTime() << QDateTime() << 800
                          << utc(2024, 3, 9, 11) << utc(2024, 3, 10, 11) << qint64(3600);
    QTest::newRow("7 d") << int(UsageRange::Last7Days) << QDateTime() << QDateTime() << 800
                         << utc(2024, 3, 3, 11) << utc(2024, 3, 10, 11) << qint64(3600);
    // 30 days over 400 buckets: 2 h, so the first bucket starts at 10:00, not 11:00.
    QTest::newRow("30 d, aligned down") << int(UsageRange::Last30Days) << QDateTime() << QDateTime() << 800
                                        << utc(2024, 2, 9, 10) << utc(2024, 3, 10, 11) << qint64(7200);
    QTest::newRow("90 d, narrow") << int(UsageRange::Last90Days) << QDateTime() << QDateTime() << 300
                                  << utc(2023, 12, 11, 0) << utc(2024, 3, 10, 11) << qint64(86400);
    QTest::newRow("1 y, days") << int(UsageRange::LastYear) << QDateTime() << QDateTime() << 800
                               << utc(2023, 3, 11, 0) << utc(2024, 3, 10, 11) << qint64(86400);
    QTest::newRow("custom, aligned down") << int(UsageRange::Custom) << utc(2024, 1, 1, 5, 30) << utc(2024, 1, 3, 0)
                                          << 100 << utc(2024, 1, 1, 5) << utc(2024, 1, 3, 0) << qint64(3600);
    // A custom window in local time is the same instant in UTC.
    QTest::newRow("custom, local times") << int(UsageRange::Custom) << utc(2024, 1, 1, 6).toLocalTime()
                                         << utc(2024, 1, 2, 6).toLocalTime() << 800 << utc(2024, 1, 1, 6)
                                         << utc(2024, 1, 2, 6) << qint64(3600);
}

void TstUsageSeriesModel::queryWindowAndBuckets()
{
    QFETCH(int, range);
    QFETCH(QDateTime, customFrom);
    QFETCH(QDateTime, customTo);
    QFETCH(int, pixels);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(qint64, bucketSeconds);

    m_model->setResolution(pixels);
    m_model->setRange(UsageRange(range), {customFrom, customTo});
    m_model->setTenant(kAcme);
    settle();
    QCOMPARE(m_store->queries.size(), 1);
    const UsageQuery q = m_store->queries.first();
    QCOMPARE(q.tenant, kAcme);
    QVERIFY(q.resources.isEmpty()); // the database answers every metered resource
    QCOMPARE(q.window.from, from);
    QCOMPARE(q.window.to, to);
    QCOMPARE(q.bucketSeconds, bucketSeconds);
    QCOMPARE(m_model->window(), q.window);
    QCOMPARE(m_model->bucketSeconds(), bucketSeconds);
    QCOMPARE(m_model->range(), UsageRange(range));
}

void TstUsageSeriesModel::lastBucketEndsWithTheWindow()
{
    m_model->setRange(UsageRange::Custom, {utc(2024, 3, 10, 6), utc(2024, 3, 10, 10, 30)});
    m_model->setTenant(kAcme);
    settle();
    const QModelIndex items = seriesIndex(QStringLiteral("items"));
    QCOMPARE(m_model->index(2, 0, items).data(Model::BucketEndRole).toDateTime(), utc(2024, 3, 10, 9));
    QCOMPARE(m_model->index(3, 0, items).data(Model::BucketEndRole).toDateTime(), utc(2024, 3, 10, 10, 30));
    QVERIFY(!m_model->isPolling()); // a custom window doesn't move
}

void TstUsageSeriesModel::invalidCustomWindowFails()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->setRange(UsageRange::Custom, {utc(2024, 3, 2, 0), utc(2024, 3, 1, 0)});
    m_model->setTenant(kAcme);
    QCOMPARE(m_model->status(), Model::Status::Failed);
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::Validation);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_store->queries.size(), 0);
    QCOMPARE(loaded.size(), 1);
    QVERIFY(!m_model->isLoading());
    // A valid window after it loads.
    m_model->setRange(UsageRange::Custom, {utc(2024, 3, 1, 0), utc(2024, 3, 11, 0)});
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QVERIFY(!m_model->error());
}

void TstUsageSeriesModel::finalStatus_data()
{
    QTest::addColumn<bool>("noHistory");
    QTest::addColumn<bool>("noMetered");
    QTest::addColumn<bool>("seriesFail");
    QTest::addColumn<bool>("quotasFail");
    QTest::addColumn<Model::Status>("status");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("errorKind"); // -1: none

    QTest::newRow("ready") << false << false << false << false << Model::Status::Ready << 3 << -1;
    QTest::newRow("no bucket anywhere: empty, rows kept") << true << false << false << false << Model::Status::Empty << 3 << -1;
    QTest::newRow("nothing metered: empty") << false << true << false << false << Model::Status::Empty << 0 << -1;
    QTest::newRow("series fail") << false << false << true << false << Model::Status::Failed << 0 << int(ErrorKind::Unreachable);
    QTest::newRow("quotas fail") << false << false << false << true << Model::Status::Failed << 0 << int(ErrorKind::PermissionDenied);
    QTest::newRow("both fail: the source's error") << false << false << true << true << Model::Status::Failed << 0
                                                   << int(ErrorKind::Unreachable);
}

void TstUsageSeriesModel::finalStatus()
{
    QFETCH(bool, noHistory);
    QFETCH(bool, noMetered);
    QFETCH(bool, seriesFail);
    QFETCH(bool, quotasFail);
    QFETCH(Model::Status, status);
    QFETCH(int, rows);
    QFETCH(int, errorKind);

    if (noHistory)
        m_store->history.remove(kAcme);
    if (noMetered) {
        for (Quota &q : m_store->quotaLists[kAcme])
            q.metered = false;
    }
    if (seriesFail)
        m_store->failSeries = Error{ErrorKind::Unreachable, QStringLiteral("no answer")};
    if (quotasFail)
        m_store->failQuotas = Error{ErrorKind::PermissionDenied, QStringLiteral("no")};
    QSignalSpy statuses(m_model.get(), &Model::statusChanged);
    m_model->setTenant(kAcme);
    settle();
    QCOMPARE(m_model->status(), status);
    QCOMPARE(statuses.size(), 2);
    QCOMPARE(statuses.at(0).at(0).value<Model::Status>(), Model::Status::Loading);
    QCOMPARE(statuses.at(1).at(0).value<Model::Status>(), status);
    QCOMPARE(m_model->rowCount(), rows);
    if (errorKind < 0) {
        QVERIFY(!m_model->error());
    } else {
        QVERIFY(m_model->error());
        QCOMPARE(int(m_model->error()->kind), errorKind);
    }
}

void TstUsageSeriesModel::staleAnswersAreDropped()
{
    m_store->holdSeries = true;
    m_model->setTenant(kAcme);
    m_model->setTenant(kOther);
    QCOMPARE(m_store->held.size(), 2);
    // A new load cancels the previous request.
    QVERIFY(m_store->held.at(0).second->isCanceled());
    QVERIFY(!m_store->held.at(1).second->isCanceled());
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->release(1);
    QVERIFY(loaded.wait());
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, Model::LimitColumn).data().toString(), QStringLiteral("50"));
    QCOMPARE(m_model->status(), Model::Status::Ready);
    // acme's late answer changes nothing.
    m_store->release(0);
    QTest::qWait(0);
    QCoreApplication::processEvents();
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->bucketsAt(0).size(), 1);
    QCOMPARE(m_model->tenant(), kOther);
}

void TstUsageSeriesModel::cancelRestoresTheStatus()
{
    loadAcme();
    m_store->holdSeries = true;
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->reload();
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->status(), Model::Status::Ready); // a refresh shows the rows it has
    m_model->cancel();
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QVERIFY(m_store->held.at(0).second->isCanceled());
    m_store->release(0);
    QCoreApplication::processEvents();
    QCOMPARE(status.size(), 0);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    m_model->cancel(); // nothing under way: nothing happens
    QCOMPARE(status.size(), 0);
}

void TstUsageSeriesModel::cancelOfAFirstLoadLeavesIdle()
{
    m_store->holdSeries = true;
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->setTenant(kAcme);
    QCOMPARE(m_model->status(), Model::Status::Loading);
    m_model->cancel();
    QCOMPARE(m_model->status(), Model::Status::Idle);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(status.size(), 2);
    QCOMPARE(status.at(1).at(0).value<Model::Status>(), Model::Status::Idle);
    // Shown again, a view that never loaded loads.
    m_model->setActive(true);
    QCOMPARE(m_store->held.size(), 2);
    QCOMPARE(m_model->status(), Model::Status::Loading);
    m_store->release(1);
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
}

void TstUsageSeriesModel::failedPollKeepsRowsAndRecovers()
{
    loadAcme();
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->failSeries = Error{ErrorKind::Unreachable, QStringLiteral("Prometheus did not answer")};
    m_now = m_now.addSecs(6 * 60); // older than a poll interval: becoming active polls
    m_model->setActive(true);
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->status(), Model::Status::Ready); // no Loading in between
    settle();
    QCOMPARE(m_model->status(), Model::Status::Failed);
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::Unreachable);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 4);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(loaded.size(), 1);

    m_store->failSeries.reset();
    m_now = m_now.addSecs(6 * 60);
    m_model->setActive(false);
    m_model->setActive(true);
    QCOMPARE(m_model->status(), Model::Status::Failed); // a poll doesn't flip to Loading either
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QVERIFY(!m_model->error());
    QCOMPARE(reset.size(), 0); // the same data
    QCOMPARE(status.size(), 2);
    QCOMPARE(status.at(0).at(0).value<Model::Status>(), Model::Status::Failed);
    QCOMPARE(status.at(1).at(0).value<Model::Status>(), Model::Status::Ready);
}

void TstUsageSeriesModel::failureOfAnotherViewClearsRows()
{
    loadAcme();
    m_store->failSeries = Error{ErrorKind::ConnectionLost, QStringLiteral("gone")};
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->setRange(UsageRange::Last30Days);
    QCOMPARE(m_model->rowCount(), 0); // cleared at once: the rows were of the other range
    settle();
    QCOMPARE(m_model->status(), Model::Status::Failed);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->error()->kind, ErrorKind::ConnectionLost);
    QCOMPARE(status.size(), 2);
    QCOMPARE(status.at(0).at(0).value<Model::Status>(), Model::Status::Loading);

    m_store->failSeries.reset();
    m_model->setTenant(kOther);
    QVERIFY(!m_model->error()); // another view starts clean
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(m_model->rowCount(), 1);
}

void TstUsageSeriesModel::pollWithIdenticalDataChangesNothing()
{
    loadAcme();
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_now = m_now.addSecs(30 * 60); // 10:50: still the same window
    m_model->setActive(true);
    settle();
    QCOMPARE(m_store->queries.size(), 2);
    QCOMPARE(m_store->queries.at(1).window, m_store->queries.at(0).window);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loading.size(), 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(status.size(), 0);
    QCOMPARE(m_model->loadedAt(), m_now);
}

void TstUsageSeriesModel::pollWithNewDataResets()
{
    loadAcme();
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->history[kAcme][0].buckets.append(bucket(ms(10, 10) + 3'600'000, 905, 990, 950, 1));
    m_store->quotaLists[kAcme][1].hardLimit = 2000;
    m_now = m_now.addSecs(6 * 60);
    m_model->setActive(true);
    settle();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(status.size(), 0);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 5);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 2000);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LatestRole).toLongLong(), 990);
}

void TstUsageSeriesModel::polling_data()
{
    QTest::addColumn<bool>("active");
    QTest::addColumn<bool>("withTenant");
    QTest::addColumn<int>("range");
    QTest::addColumn<bool>("polling");

    QTest::newRow("active, tenant, 7 d") << true << true << int(UsageRange::Last7Days) << true;
    QTest::newRow("active, tenant, 24 h") << true << true << int(UsageRange::Last24Hours) << true;
    QTest::newRow("active, tenant, 1 y") << true << true << int(UsageRange::LastYear) << true;
    QTest::newRow("hidden") << false << true << int(UsageRange::Last7Days) << false;
    QTest::newRow("no tenant") << true << false << int(UsageRange::Last7Days) << false;
    QTest::newRow("custom window") << true << true << int(UsageRange::Custom) << false;
    QTest::newRow("hidden, custom, no tenant") << false << false << int(UsageRange::Custom) << false;
}

void TstUsageSeriesModel::polling()
{
    QFETCH(bool, active);
    QFETCH(bool, withTenant);
    QFETCH(int, range);
    QFETCH(bool, polling);
    m_model->setRange(UsageRange(range), {utc(2024, 3, 1, 0), utc(2024, 3, 2, 0)});
    if (withTenant)
        m_model->setTenant(kAcme);
    m_model->setActive(active);
    settle();
    QCOMPARE(m_model->isActive(), active);
    QCOMPARE(m_model->isPolling(), polling);
}

void TstUsageSeriesModel::pollingFollowsActiveRangeAndTenant()
{
    loadAcme();
    QVERIFY(!m_model->isPolling()); // inactive by default
    m_model->setActive(true);
    QVERIFY(m_model->isPolling());
    QCOMPARE(m_store->queries.size(), 1); // loaded just now: no reload
    m_model->setActive(false);
    QVERIFY(!m_model->isPolling());
    QCOMPARE(m_model->status(), Model::Status::Ready); // hiding keeps what is loaded
    QCOMPARE(m_model->rowCount(), 3);
    m_model->setActive(true);
    QVERIFY(m_model->isPolling());
    m_model->setRange(UsageRange::Custom, {utc(2024, 3, 1, 0), utc(2024, 3, 2, 0)});
    QVERIFY(!m_model->isPolling());
    m_model->setRange(UsageRange::Last24Hours);
    QVERIFY(m_model->isPolling());
    m_model->setTenant({});
    QVERIFY(!m_model->isPolling());
    QCOMPARE(m_model->status(), Model::Status::Idle);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->setTenant(kOther);
    QVERIFY(m_model->isPolling());
    settle();
    m_model->setPollInterval(60 * 1000);
    QCOMPARE(m_model->pollInterval(), 60 * 1000);
    QVERIFY(m_model->isPolling());
}

void TstUsageSeriesModel::becomingActiveReloadsOnlyWhenStale()
{
    loadAcme();
    m_now = m_now.addSecs(4 * 60);
    m_model->setActive(true);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 1);
    m_model->setActive(false);
    m_now = m_now.addSecs(60); // five minutes since the load: one interval
    m_model->setActive(true);
    QVERIFY(m_model->isLoading());
    settle();
    QCOMPARE(m_store->queries.size(), 2);

    // A custom window doesn't move: shown again, it is not read again.
    m_model->setRange(UsageRange::Custom, {utc(2024, 3, 1, 0), utc(2024, 3, 2, 0)});
    settle();
    m_model->setActive(false);
    m_now = m_now.addDays(1);
    m_model->setActive(true);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 3);
}

void TstUsageSeriesModel::timerPolls()
{
    loadAcme();
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->setPollInterval(5);
    m_model->setActive(true);
    QVERIFY(loaded.wait());
    m_model->setActive(false);
    QVERIFY(m_store->queries.size() >= 2);
    QCOMPARE(status.size(), 0);
    QCOMPARE(m_model->status(), Model::Status::Ready);
}

void TstUsageSeriesModel::resolutionReloadsOnlyForAnotherBucketWidth()
{
    loadAcme();
    QCOMPARE(m_model->bucketSeconds(), 3600);
    m_model->setResolution(700); // a week over 350 buckets: still hourly
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 1);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->setResolution(200); // over 100 buckets: 2 h
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->status(), Model::Status::Ready);
    settle();
    QCOMPARE(m_store->queries.size(), 2);
    QCOMPARE(m_store->queries.at(1).bucketSeconds, 7200);
    QCOMPARE(m_store->queries.at(1).window.from, utc(2024, 3, 3, 10));
    QCOMPARE(m_model->bucketSeconds(), 7200);
    QCOMPARE(status.size(), 0);
}

void TstUsageSeriesModel::otherSourceIsAskedForTheQuotaListsResources()
{
    FakeSource source;
    source.answer = {
        {QStringLiteral("storage_bytes"), {bucket(ms(10, 9), 1, 2, 1.5, 2)}},
        {QStringLiteral("cpu_seconds"), {bucket(ms(10, 9), 1, 1, 1, 1)}}, // not in the catalog
    };
    m_model->setSource(&source);
    QCOMPARE(m_model->source(), &source);
    m_model->setTenant(kAcme);
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(source.queries.size(), 1);
    QCOMPARE(source.queries.first().resources,
             QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes"), QStringLiteral("queries_per_minute")}));
    QCOMPARE(m_store->queries.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->seriesRow(QStringLiteral("cpu_seconds")), -1);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("storage_bytes"))), 1);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 0);
    // Back to the database: another view, loaded again.
    m_model->setSource(nullptr);
    QCOMPARE(m_model->source()->kind(), UsageSource::Kind::Database);
    settle();
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 4);
}

void TstUsageSeriesModel::csvAllSeries()
{
    loadAcme();
    const QByteArray expected =
        "resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"
        "items,2024-03-10T06:00:00Z,2024-03-10T07:00:00Z,100,150,120.5,2,1000\r\n"
        "items,2024-03-10T07:00:00Z,2024-03-10T08:00:00Z,150,150,150,1,1000\r\n"
        "items,2024-03-10T08:00:00Z,2024-03-10T09:00:00Z,140,960,500.25,4,1000\r\n"
        "items,2024-03-10T10:00:00Z,2024-03-10T11:00:00Z,900,905,902.5,2,1000\r\n"
        "storage_bytes,2024-03-10T08:00:00Z,2024-03-10T09:00:00Z,4600000000,4700000000,4650000000,2,5000000000\r\n";
    QCOMPARE(m_model->toCsv(), expected);
}

void TstUsageSeriesModel::csvOneResource()
{
    loadAcme();
    QCOMPARE(m_model->toCsv(QStringLiteral("storage_bytes")),
             QByteArray("resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"
                        "storage_bytes,2024-03-10T08:00:00Z,2024-03-10T09:00:00Z,4600000000,4700000000,4650000000,2,5000000000\r\n"));
    QCOMPARE(m_model->toCsv(QStringLiteral("queries_per_minute")),
             QByteArray("resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"));
    QCOMPARE(m_model->toCsv(QStringLiteral("nothing")),
             QByteArray("resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"));
}

void TstUsageSeriesModel::csvQuotesFieldsAndIgnoresTheLocale()
{
    const QString odd = QStringLiteral("odd,\"key\"");
    m_store->quotaLists[kAcme] = {quota(odd, QStringLiteral("Odd"), ResourceUnit::Count, 1, true, std::nullopt)};
    m_store->history[kAcme] = {{odd, {bucket(ms(10, 9), 1, 2, 0.5, 3), bucket(ms(10, 10), 2, 1'000'000, 1234.75, 1)}}};
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    m_model->setTenant(kAcme);
    settle();
    const QByteArray csv = m_model->toCsv();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QCOMPARE(csv, QByteArray("resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n"
                             "\"odd,\"\"key\"\"\",2024-03-10T09:00:00Z,2024-03-10T10:00:00Z,1,2,0.5,3,\r\n"
                             "\"odd,\"\"key\"\"\",2024-03-10T10:00:00Z,2024-03-10T11:00:00Z,2,1000000,1234.75,1,\r\n"));
}

void TstUsageSeriesModel::bucketRowNear_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<qint64>("at");
    QTest::addColumn<int>("row");

    // items: hourly buckets at 06, 07, 08 and 10 (none at 09).
    QTest::newRow("before the first") << "items" << ms(10, 5) << 0;
    QTest::newRow("first's start") << "items" << ms(10, 6) << 0;
    QTest::newRow("first's last millisecond") << "items" << ms(10, 7) - 1 << 0;
    QTest::newRow("second's start") << "items" << ms(10, 7) << 1;
    QTest::newRow("inside the third") << "items" << ms(10, 8, 59) << 2;
    QTest::newRow("gap, nearer the earlier") << "items" << ms(10, 9, 10) << 2;
    QTest::newRow("gap, nearer the later") << "items" << ms(10, 9, 40) << 3;
    QTest::newRow("gap, halfway: the earlier") << "items" << ms(10, 9, 30) << 2;
    QTest::newRow("inside the last") << "items" << ms(10, 10, 30) << 3;
    QTest::newRow("after the last") << "items" << ms(11, 12) << 3;
    QTest::newRow("one bucket") << "storage_bytes" << ms(1, 0) << 0;
    QTest::newRow("no buckets") << "queries_per_minute" << ms(10, 8) << -1;
    QTest::newRow("no such series") << "api_keys" << ms(10, 8) << -1;
}

void TstUsageSeriesModel::bucketRowNear()
{
    QFETCH(QString, resource);
    QFETCH(qint64, at);
    QFETCH(int, row);
    loadAcme();
    QCOMPARE(m_model->bucketRowNear(m_model->seriesRow(resource), at), row);
}

void TstUsageSeriesModel::raisedLimitShowsWithoutReadingHistory()
{
    loadAcme();
    m_model->setActive(true);
    const QDateTime loadedAt = m_model->loadedAt();
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    // Raised in the Quotas tab of this console (or another): the store announces it.
    m_store->quotaLists[kAcme][1].hardLimit = 2000;
    m_store->announce(QStringLiteral("quotas"), kAcme);
    QCOMPARE(m_store->quotaReads, 1); // debounced: not read inside the notification
    QVERIFY(loaded.wait());
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(m_store->queries.size(), 1); // the history is not read again
    QCOMPARE(reset.size(), 1);
    QCOMPARE(status.size(), 0); // no Loading in between
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 2000);
    QCOMPARE(seriesIndex(QStringLiteral("items"), Model::LimitColumn).data().toString(), QStringLiteral("2K"));
    QCOMPARE(seriesIndex(QStringLiteral("items"), Model::PeakShareColumn).data().toString(), QStringLiteral("48 %"));
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 4); // the buckets stay
    QCOMPARE(m_model->bucketsAt(0).at(2).max, 960);
    QCOMPARE(m_model->loadedAt(), loadedAt); // the history's age is unchanged
    QVERIFY(m_model->toCsv().contains(",2000\r\n"));
    QVERIFY(!m_model->isLoading());
}

void TstUsageSeriesModel::limitsOneReadPerBurst()
{
    loadAcme();
    m_model->setActive(true);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_store->quotaLists[kAcme][0].softThresholds = {50, 75};
    for (int i = 0; i < 5; ++i) // a tier applied: a row per resource
        m_store->announce(QStringLiteral("quotas"), kAcme);
    QVERIFY(loaded.wait());
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loading.size(), 2); // true, then false: a read ran
    QCOMPARE(seriesIndex(QStringLiteral("storage_bytes")).data(Model::ThresholdsRole).toList(), QVariantList({50, 75}));
}

void TstUsageSeriesModel::limitsUnchangedChangeNothing()
{
    loadAcme();
    m_model->setActive(true);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    // Another tenant's quota, or this one's version moving on: nothing shown changes.
    m_store->quotaLists[kAcme][1].version += 1;
    m_store->announce(QStringLiteral("quotas"), kOther);
    QVERIFY(loaded.wait());
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(status.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
}

void TstUsageSeriesModel::limitsChangesThatMatter_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QUuid>("tenant");
    QTest::addColumn<int>("operation");
    QTest::addColumn<QUuid>("parent");
    QTest::addColumn<QUuid>("oldParent");
    QTest::addColumn<bool>("read");

    const int update = int(TenantChange::Operation::Update);
    const int remove = int(TenantChange::Operation::Delete);
    QTest::newRow("the tenant's quotas") << "quotas" << kAcme << update << QUuid() << QUuid() << true;
    QTest::newRow("another tenant's quotas (an ancestor's are inherited)")
        << "quotas" << kRoot << update << QUuid() << QUuid() << true;
    QTest::newRow("the tenant's row") << "tenants" << kAcme << update << kRoot << kRoot << true;
    QTest::newRow("the tenant deleted") << "tenants" << kAcme << remove << kRoot << kRoot << true;
    QTest::newRow("another tenant moved (an ancestor?)") << "tenants" << kRoot << update << kOther << QUuid() << true;
    QTest::newRow("another tenant renamed") << "tenants" << kOther << update << kRoot << kRoot << false;
    // As the notify trigger sends them: no old parent on insert, the same on delete.
    QTest::newRow("another tenant created") << "tenants" << kOther << int(TenantChange::Operation::Insert) << kRoot
                                            << QUuid() << false;
    QTest::newRow("another tenant deleted") << "tenants" << kOther << remove << kRoot << kRoot << false;
    QTest::newRow("the tenant's memories") << "memories" << kAcme << update << QUuid() << QUuid() << false;
    QTest::newRow("the tenant's lifecycle") << "lifecycle_events" << kAcme << update << QUuid() << QUuid() << false;
}

void TstUsageSeriesModel::limitsChangesThatMatter()
{
    QFETCH(QString, table);
    QFETCH(QUuid, tenant);
    QFETCH(int, operation);
    QFETCH(QUuid, parent);
    QFETCH(QUuid, oldParent);
    QFETCH(bool, read);
    // Hidden, a change is only noted; shown again (history fresh), only a noted one is read.
    loadAcme();
    m_store->announce(table, tenant, TenantChange::Operation(operation), parent, oldParent);
    QCOMPARE(m_store->quotaReads, 1);
    m_model->setActive(true);
    QCOMPARE(m_model->isLoading(), read);
    QCOMPARE(m_model->status(), Model::Status::Ready);
    settle();
    QCOMPARE(m_store->quotaReads, read ? 2 : 1);
    QCOMPARE(m_store->queries.size(), 1);
}

void TstUsageSeriesModel::limitsOfAHiddenModelAreReadWhenShown()
{
    loadAcme(); // inactive: the tab is hidden
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_store->quotaLists[kAcme][1].hardLimit = std::nullopt; // items: unlimited now
    m_store->announce(QStringLiteral("quotas"), kAcme);
    m_store->announce(QStringLiteral("quotas"), kAcme);
    QCOMPARE(m_store->quotaReads, 1); // nobody looks: nothing read
    QVERIFY(!m_model->isLoading());
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 1000);
    m_model->setActive(true); // the operator switches to the Usage tab
    QVERIFY(m_model->isLoading()); // at once, not after a debounce
    QCOMPARE(m_model->status(), Model::Status::Ready);
    settle();
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(status.size(), 0);
    QVERIFY(!seriesIndex(QStringLiteral("items")).data(Model::LimitRole).isValid());
    QCOMPARE(seriesIndex(QStringLiteral("items"), Model::LimitColumn).data().toString(), QStringLiteral("unlimited"));
    // Read: hidden and shown again, nothing more.
    m_model->setActive(false);
    m_model->setActive(true);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->quotaReads, 2);
}

void TstUsageSeriesModel::limitsNotedDuringABurstWhenHidden()
{
    loadAcme();
    m_model->setActive(true);
    m_store->quotaLists[kAcme][1].hardLimit = 3000;
    m_store->announce(QStringLiteral("quotas"), kAcme);
    m_model->setActive(false); // hidden before the burst settled
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->quotaReads, 1);
    m_model->setActive(true);
    QVERIFY(m_model->isLoading());
    settle();
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 3000);
}

void TstUsageSeriesModel::limitsChangedDuringALoadAreReadAfterIt()
{
    loadAcme();
    m_store->holdSeries = true;
    m_model->reload(); // reads the quota list (1000) at once, waits for the history
    QCOMPARE(m_store->quotaReads, 2);
    m_store->quotaLists[kAcme][1].hardLimit = 4000;
    m_store->announce(QStringLiteral("quotas"), kAcme); // hidden: noted
    m_model->setActive(true); // a load is under way: it doesn't start another
    QCOMPARE(m_store->quotaReads, 2);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->release(0);
    QVERIFY(loaded.wait()); // the refresh, with the quota list it read before the change
    QCOMPARE(reset.size(), 0);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 1000);
    // ... so the quota list is read again once it has finished.
    QVERIFY(loaded.wait());
    QCOMPARE(reset.size(), 1);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 4000);
    QCOMPARE(m_store->quotaReads, 3);
    QCOMPARE(m_store->queries.size(), 2);
    QCOMPARE(m_model->status(), Model::Status::Ready);
}

void TstUsageSeriesModel::limitsReadFailureKeepsTheView()
{
    loadAcme();
    m_model->setActive(true);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->failQuotas = Error{ErrorKind::ConnectionLost, QStringLiteral("gone")};
    m_store->announce(QStringLiteral("quotas"), kAcme);
    QVERIFY(loaded.wait());
    QCOMPARE(m_store->quotaReads, 2);
    QCOMPARE(status.size(), 0); // the next poll reports it
    QVERIFY(!m_model->error());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(seriesIndex(QStringLiteral("items")).data(Model::LimitRole).toLongLong(), 1000);
}

void TstUsageSeriesModel::newMeteredResourceRefreshesTheView()
{
    loadAcme();
    m_model->setActive(true);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->quotaLists[kAcme][2].metered = true; // api_keys
    m_store->history[kAcme].append({QStringLiteral("api_keys"), {bucket(ms(10, 9), 3, 4, 3.5, 2)}});
    m_store->announce(QStringLiteral("quotas"), kAcme);
    QTRY_COMPARE(m_model->rowCount(), 4);
    settle();
    QCOMPARE(loaded.size(), 1); // the refresh's: the quota list alone ended in it
    QCOMPARE(m_store->queries.size(), 2); // its history had to be read
    QCOMPARE(m_store->quotaReads, 3);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("api_keys"))), 1);
    QCOMPARE(status.size(), 0); // a refresh of the view shown: no Loading
}

void TstUsageSeriesModel::limitsOfAnotherViewAreNotRead()
{
    m_model->setActive(true);
    m_store->announce(QStringLiteral("quotas"), kAcme); // no tenant: nothing
    QCoreApplication::processEvents();
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->quotaReads, 0);
    // A change noted while hidden belongs to the view shown then: another tenant's first
    // load reads its own quota list, and showing it again reads nothing more.
    loadAcme();
    m_model->setActive(false);
    m_store->announce(QStringLiteral("quotas"), kAcme);
    m_model->setTenant(kOther);
    settle();
    QCOMPARE(m_store->quotaReads, 2);
    m_model->setActive(true);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->quotaReads, 2);
}

void TstUsageSeriesModel::destroyedSourceFallsBackToTheDatabase()
{
    auto source = std::make_unique<FakeSource>();
    source->answer = {{QStringLiteral("items"), {bucket(ms(10, 9), 1, 2, 1.5, 2)}}};
    m_model->setSource(source.get());
    loadAcme();
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 1);
    QCOMPARE(m_store->queries.size(), 0);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    source.reset(); // the connection's Prometheus source goes (a reconnect)
    QCOMPARE(m_model->source()->kind(), UsageSource::Kind::Database);
    QCOMPARE(m_model->rowCount(), 0); // its rows went with it
    QCOMPARE(m_model->status(), Model::Status::Loading);
    settle();
    QCOMPARE(m_model->status(), Model::Status::Ready);
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(m_model->rowCount(seriesIndex(QStringLiteral("items"))), 4);
    QCOMPARE(reset.size(), 2);
    QCOMPARE(status.size(), 2);
}

void TstUsageSeriesModel::destroyedFormerSourceChangesNothing()
{
    auto first = std::make_unique<FakeSource>();
    FakeSource second;
    second.answer = {{QStringLiteral("items"), {bucket(ms(10, 9), 1, 2, 1.5, 2)}}};
    m_model->setSource(first.get());
    m_model->setSource(&second);
    loadAcme();
    QCOMPARE(second.queries.size(), 1);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    first.reset();
    QCOMPARE(m_model->source(), &second);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->status(), Model::Status::Ready);
    // Not a source any more, either: destroying the one set after it changes nothing.
    auto third = std::make_unique<FakeSource>();
    m_model->setSource(third.get());
    settle();
    m_model->setSource(nullptr);
    settle();
    const int reads = int(m_store->queries.size());
    third.reset();
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), reads);
}

QTEST_GUILESS_MAIN(TstUsageSeriesModel)
#include "tst_usageseriesmodel.moc"
