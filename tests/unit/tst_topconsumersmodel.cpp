// TopConsumersModel over an in-memory store with a pinned clock: the texts of every column,
// the projected date of reaching the limit, the numbers each column sorts by (through a
// QSortFilterProxyModel, as the view sorts), alert levels, one read per burst of quota
// changes, stale reads dropped and a failed read that keeps the rows; active and inactive:
// polling (asserted through isPolling(), never by waiting on the clock), changes only noted
// while inactive and read when it becomes active again.

#include "models/items/topconsumersmodel.h"
#include "models/domain/tenant.h"
#include "models/store/tenantstore.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QPromise>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

#include <memory>
#include <time.h>

using namespace tc;
using Model = TopConsumersModel;
using Kind = LimitProjection::Kind;

namespace {

using Consumers = QList<TopConsumer>;
using Held = std::shared_ptr<QPromise<Result<Consumers>>>;

QDateTime utc(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

const QDateTime kNow = utc(2024, 3, 10, 12);

QStringList words(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(u' ');
}

// A trend through `valueADayAgo` a day before kNow, rising `perDay`.
std::optional<LinearTrend> trend(double valueADayAgo, double perDay, int samples = 24 * 14)
{
    LinearTrend t;
    t.originMs = kNow.addDays(-1).toMSecsSinceEpoch();
    t.valueAtOriginMs = valueADayAgo;
    t.slopePerSecond = perDay / 86400.0;
    t.samples = samples;
    return t;
}

TopConsumer consumer(const QString &slug, qint64 used, std::optional<qint64> limit, std::optional<LinearTrend> tr)
{
    TopConsumer c;
    c.tenantId = QUuid::createUuidV5(QUuid(), slug);
    c.slug = slug;
    c.displayName = slug.toUpper();
    c.path = {QStringLiteral("acme")};
    c.resource = QStringLiteral("items");
    c.unit = ResourceUnit::Count;
    c.used = used;
    c.limit = limit;
    c.ownLimit = true;
    c.subtreeUsed = used;
    c.trend = tr;
    return c;
}

class FakeStore : public tc::test::UnsupportedStore
{
public:
    Consumers rows;
    QList<TopConsumersQuery> queries;
    std::optional<Error> fail;
    bool hold = false;
    QList<Held> held;

    void release(int i, const Consumers &answer)
    {
        held.at(i)->start();
        held.at(i)->addResult(Result<Consumers>(answer));
        held.at(i)->finish();
    }
    void announce(const QString &table)
    {
        Q_EMIT tenantChanged({TenantChange::Operation::Update, table, rows.first().tenantId, {}, {}});
    }

    QFuture<Result<Consumers>> topConsumers(const TopConsumersQuery &query) override
    {
        queries.append(query);
        if (hold) {
            held.append(std::make_shared<QPromise<Result<Consumers>>>());
            return held.last()->future();
        }
        if (fail)
            return QtFuture::makeReadyFuture(Result<Consumers>(*fail));
        return ready(rows);
    }
};

} // namespace

class TstTopConsumersModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nothingUntilAsked();
    void setResourceLoadsIt();
    void texts_data();
    void texts();
    void tooltips();
    void projections_data();
    void projections();
    void alertLevels_data();
    void alertLevels();
    void sortRoles_data();
    void sortRoles();
    void reloadsOncePerBurstOfQuotaChanges();
    void unrelatedChangesCostNothing();
    void sameTenantsUpdateInPlace();
    void staleReadsAreDropped();
    void failedReadKeepsTheRows();
    void headersAndRoleNames();
    void activeByDefaultAndPollsOnceAsked();
    void pollingFollowsActive_data();
    void pollingFollowsActive();
    void inactiveOnlyNotesChanges();
    void hiddenDuringABurstReadsWhenShown();
    void shownAgainReadsOnlyWhenStaleOrOld();
    void resourceChosenWhileInactiveIsReadWhenShown();
    void reloadReadsEvenWhenInactive();
    void failedReadIsTriedAgainWhenShown();
    void timerPolls();

private:
    void settle() { QTRY_VERIFY(!m_model->isLoading()); }
    // The first read as the view asks for it (the resource with its unit), later ones again.
    void load()
    {
        if (m_store->queries.isEmpty())
            m_model->setResource(QStringLiteral("items"), ResourceUnit::Count);
        else
            m_model->reload();
        settle();
        QCOMPARE(m_model->rowCount(), int(m_store->rows.size()));
    }
    int rowOf(const QString &slug) const
    {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->consumerAt(row).slug == slug)
                return row;
        }
        return -1;
    }

    // For the tests that move the clock (the projection's "now" and the age of a read).
    void useMovableClock()
    {
        m_now = kNow;
        m_model->setClock([this] { return m_now; });
    }

    QDateTime m_now = kNow;
    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstTopConsumersModel::initTestCase()
{
    qputenv("TZ", "IST-5:30");
    tzset();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TstTopConsumersModel::init()
{
    m_store = std::make_unique<FakeStore>();
    // The store's order: share of the limit, highest first; unlimited last.
    TopConsumer full = consumer(QStringLiteral("full"), 1000, 1000, trend(999, 1));
    TopConsumer rising = consumer(QStringLiteral("rising"), 910, 1000, trend(900, 10));
    rising.subtreeUsed = 1500;
    rising.subtreeTenants = 3;
    rising.path = {QStringLiteral("acme"), QStringLiteral("west")};
    TopConsumer flat = consumer(QStringLiteral("flat"), 850, 1000, trend(850, 0));
    flat.ownLimit = false;
    TopConsumer soon = consumer(QStringLiteral("soon"), 600, 1000, trend(500, 100));
    TopConsumer untrended = consumer(QStringLiteral("untrended"), 500, 1000, std::nullopt);
    untrended.softThresholds = {};
    TopConsumer free = consumer(QStringLiteral("free"), 2'000'000, std::nullopt, trend(1'000'000, 1'000'000));
    m_store->rows = {full, rising, flat, soon, untrended, free};

    m_model = std::make_unique<Model>(m_store.get());
    m_model->setClock([] { return kNow; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstTopConsumersModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstTopConsumersModel::nothingUntilAsked()
{
    QCoreApplication::processEvents();
    QCOMPARE(m_store->queries.size(), 0);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), int(Model::ColumnCount));
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_model->consumerAt(0).slug, QString());
    QCOMPARE(m_model->projectionAt(-1).kind, Kind::NoTrend);
}

void TstTopConsumersModel::setResourceLoadsIt()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_model->setResource(QStringLiteral("items"), ResourceUnit::Count);
    QCOMPARE(m_model->resource(), QStringLiteral("items"));
    settle();
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(m_store->queries.first().resource, QStringLiteral("items"));
    QCOMPARE(m_store->queries.first().limit, 200);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loading.size(), 2);
    QCOMPARE(m_model->rowCount(), 6);
    m_model->setResource(QStringLiteral("items"), ResourceUnit::Count); // the same: nothing
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 1);
    m_model->setLimit(50);
    settle();
    QCOMPARE(m_store->queries.size(), 2);
    QCOMPARE(m_store->queries.last().limit, 50);
    // Another resource: the rows of the last one go at once.
    m_store->hold = true;
    m_model->setResource(QStringLiteral("storage_bytes"), ResourceUnit::Bytes);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_store->queries.last().resource, QStringLiteral("storage_bytes"));
}

void TstTopConsumersModel::texts_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    QTest::newRow("tenant") << "rising" << int(Model::TenantColumn) << QStringLiteral("rising");
    QTest::newRow("state") << "rising" << int(Model::StateColumn) << QStringLiteral("Active");
    QTest::newRow("used") << "rising" << int(Model::UsedColumn) << QStringLiteral("910");
    QTest::newRow("limit") << "rising" << int(Model::LimitColumn) << QStringLiteral("1K");
    QTest::newRow("limit: unlimited") << "free" << int(Model::LimitColumn) << QStringLiteral("unlimited");
    QTest::newRow("share") << "rising" << int(Model::ShareColumn) << QStringLiteral("91 %");
    QTest::newRow("share: full") << "full" << int(Model::ShareColumn) << QStringLiteral("100 %");
    QTest::newRow("share: unlimited") << "free" << int(Model::ShareColumn) << QStringLiteral("—");
    // 2024-03-19 12:00 UTC is 17:30 at UTC+5:30: the same day.
    QTest::newRow("projection: date") << "rising" << int(Model::ProjectionColumn) << QStringLiteral("19/03/2024");
    QTest::newRow("projection: reached") << "full" << int(Model::ProjectionColumn) << QStringLiteral("reached");
    QTest::newRow("projection: never") << "flat" << int(Model::ProjectionColumn) << QStringLiteral("never");
    QTest::newRow("projection: no trend") << "untrended" << int(Model::ProjectionColumn) << QStringLiteral("—");
    QTest::newRow("projection: unlimited") << "free" << int(Model::ProjectionColumn) << QStringLiteral("—");
    QTest::newRow("growth") << "rising" << int(Model::GrowthColumn) << QStringLiteral("+10/day");
    QTest::newRow("growth: flat") << "flat" << int(Model::GrowthColumn) << QStringLiteral("0/day");
    QTest::newRow("growth: scaled") << "free" << int(Model::GrowthColumn) << QStringLiteral("+1M/day");
    QTest::newRow("growth: no trend") << "untrended" << int(Model::GrowthColumn) << QStringLiteral("—");
    QTest::newRow("subtree") << "rising" << int(Model::SubtreeColumn) << QStringLiteral("1.5K in 3 tenants");
}

void TstTopConsumersModel::texts()
{
    QFETCH(QString, slug);
    QFETCH(int, column);
    QFETCH(QString, text);
    load();
    QCOMPARE(m_model->index(rowOf(slug), column).data().toString(), text);
}

void TstTopConsumersModel::tooltips()
{
    load();
    const int rising = rowOf(QStringLiteral("rising"));
    QCOMPARE(m_model->index(rising, Model::TenantColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("RISING\nacme / west / rising"));
    QCOMPARE(m_model->index(rising, Model::LimitColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("The tenant's own limit"));
    QCOMPARE(m_model->index(rowOf(QStringLiteral("flat")), Model::LimitColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Inherited from an ancestor"));
    QCOMPARE(m_model->index(rowOf(QStringLiteral("free")), Model::LimitColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("No limit on this tenant or any of its ancestors"));
    QCOMPARE(m_model->index(rising, Model::ProjectionColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Linear fit of 336 samples over the last 14 days"));
    QCOMPARE(m_model->index(rowOf(QStringLiteral("untrended")), Model::GrowthColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Too few samples in the last 14 days for a trend"));
}

void TstTopConsumersModel::projections_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QDateTime>("at");

    QTest::newRow("already reached") << "full" << int(Kind::AlreadyReached) << QDateTime();
    QTest::newRow("in nine days") << "rising" << int(Kind::Reaches) << utc(2024, 3, 19, 12);
    QTest::newRow("in four days") << "soon" << int(Kind::Reaches) << utc(2024, 3, 14, 12);
    QTest::newRow("flat: never") << "flat" << int(Kind::NotRising) << QDateTime();
    QTest::newRow("too few samples") << "untrended" << int(Kind::NoTrend) << QDateTime();
    QTest::newRow("no limit") << "free" << int(Kind::Unlimited) << QDateTime();
}

void TstTopConsumersModel::projections()
{
    QFETCH(QString, slug);
    QFETCH(int, kind);
    QFETCH(QDateTime, at);
    load();
    const int row = rowOf(slug);
    const QModelIndex idx = m_model->index(row, Model::ProjectionColumn);
    QCOMPARE(idx.data(Model::ProjectionKindRole).toInt(), kind);
    QCOMPARE(idx.data(Model::ProjectionRole).toDateTime(), at);
    QCOMPARE(idx.data(Model::ProjectionRole).isValid(), at.isValid());
    QCOMPARE(int(m_model->projectionAt(row).kind), kind);
    QCOMPARE(m_model->projectionAt(row).at, at);
}

void TstTopConsumersModel::alertLevels_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<int>("level");
    QTest::addColumn<QVariant>("fraction");

    QTest::newRow("at the limit: critical") << "full" << int(AlertLevel::Critical) << QVariant(1.0);
    QTest::newRow("91 %: high") << "rising" << int(AlertLevel::High) << QVariant(0.91);
    QTest::newRow("85 %: warning") << "flat" << int(AlertLevel::Warning) << QVariant(0.85);
    QTest::newRow("60 %: none") << "soon" << int(AlertLevel::None) << QVariant(0.6);
    QTest::newRow("no thresholds") << "untrended" << int(AlertLevel::None) << QVariant(0.5);
    QTest::newRow("unlimited") << "free" << int(AlertLevel::None) << QVariant();
}

void TstTopConsumersModel::alertLevels()
{
    QFETCH(QString, slug);
    QFETCH(int, level);
    QFETCH(QVariant, fraction);
    load();
    // Every column answers the row's roles.
    const QModelIndex idx = m_model->index(rowOf(slug), Model::UsedColumn);
    QCOMPARE(idx.data(Model::AlertLevelRole).toInt(), level);
    QCOMPARE(idx.data(Model::FractionRole), fraction);
    QCOMPARE(idx.data(Model::TenantIdRole).toUuid(), QUuid::createUuidV5(QUuid(), slug));
    QCOMPARE(idx.data(Model::ConsumerRole).value<TopConsumer>().slug, slug);
}

void TstTopConsumersModel::sortRoles_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QStringList>("order");

    QTest::newRow("projection: soonest first, never and unlimited last")
        << int(Model::ProjectionColumn) << false
        << words("full soon rising flat untrended free");
    QTest::newRow("share: highest first, unlimited last")
        << int(Model::ShareColumn) << true << words("full rising flat soon untrended free");
    QTest::newRow("limit: unlimited is the largest")
        << int(Model::LimitColumn) << true << words("free full rising flat soon untrended");
    QTest::newRow("used: numbers, not text") << int(Model::UsedColumn) << false
                                             << words("untrended soon flat rising full free");
    QTest::newRow("growth: no trend last") << int(Model::GrowthColumn) << true
                                           << words("free soon rising full flat untrended");
    QTest::newRow("subtree") << int(Model::SubtreeColumn) << true
                             << words("free rising full flat soon untrended");
    QTest::newRow("tenant: by slug") << int(Model::TenantColumn) << false
                                     << words("flat free full rising soon untrended");
}

void TstTopConsumersModel::sortRoles()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    QFETCH(QStringList, order);
    load();
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(Model::SortRole);
    proxy.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QStringList slugs;
    for (int row = 0; row < proxy.rowCount(); ++row)
        slugs << proxy.index(row, Model::TenantColumn).data().toString();
    QCOMPARE(slugs, order);
}

void TstTopConsumersModel::reloadsOncePerBurstOfQuotaChanges()
{
    load();
    m_store->announce(QStringLiteral("quotas"));
    m_store->announce(QStringLiteral("quotas"));
    m_store->announce(QStringLiteral("tenants"));
    QVERIFY(m_model->isLoading()); // a read is about to start
    QCOMPARE(m_store->queries.size(), 1);
    settle();
    QCOMPARE(m_store->queries.size(), 2);
}

void TstTopConsumersModel::unrelatedChangesCostNothing()
{
    m_store->announce(QStringLiteral("quotas")); // never loaded: nothing to refresh
    QVERIFY(!m_model->isLoading());
    load();
    m_store->announce(QStringLiteral("memories"));
    m_store->announce(QStringLiteral("lifecycle_events"));
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 1);
}

void TstTopConsumersModel::sameTenantsUpdateInPlace()
{
    load();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->reload(); // the same answer: nothing changes
    settle();
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);

    m_store->rows[2].used = 870; // flat, third row
    m_store->rows[3].used = 650; // soon, fourth row
    m_model->reload();
    settle();
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), m_model->index(2, 0));
    QCOMPARE(changed.first().at(1).value<QModelIndex>(), m_model->index(3, Model::ColumnCount - 1));
    QCOMPARE(m_model->index(2, Model::UsedColumn).data().toString(), QStringLiteral("870"));

    std::swap(m_store->rows[0], m_store->rows[1]); // another order: the rows are replaced
    m_model->reload();
    settle();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->consumerAt(0).slug, QStringLiteral("rising"));
}

void TstTopConsumersModel::staleReadsAreDropped()
{
    m_store->hold = true;
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->reload();
    m_model->reload();
    QCOMPARE(m_store->held.size(), 2);
    QVERIFY(m_store->held.at(0)->isCanceled());
    m_store->release(1, m_store->rows);
    QVERIFY(loaded.wait());
    QCOMPARE(m_model->rowCount(), 6);
    m_store->release(0, {m_store->rows.first()});
    QCoreApplication::processEvents();
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(m_model->rowCount(), 6);
    QVERIFY(!m_model->isLoading());
}

void TstTopConsumersModel::failedReadKeepsTheRows()
{
    load();
    m_store->fail = Error{ErrorKind::ConnectionLost, QStringLiteral("gone")};
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->reload();
    settle();
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::ConnectionLost);
    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(reset.size(), 0);
    m_store->fail.reset();
    m_model->reload();
    settle();
    QVERIFY(!m_model->error());
}

void TstTopConsumersModel::headersAndRoleNames()
{
    const QStringList expected{QStringLiteral("Tenant"), QStringLiteral("State"), QStringLiteral("Used"),
                               QStringLiteral("Limit"), QStringLiteral("Used of limit"), QStringLiteral("Limit reached"),
                               QStringLiteral("Growth"), QStringLiteral("With sub-tenants")};
    QStringList headers;
    for (int c = 0; c < Model::ColumnCount; ++c)
        headers << m_model->headerData(c, Qt::Horizontal).toString();
    QCOMPARE(headers, expected);
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(Model::SortRole), QByteArray("sort"));
    QCOMPARE(names.value(Model::AlertLevelRole), QByteArray("alertLevel"));
    QCOMPARE(names.value(Model::ProjectionRole), QByteArray("projection"));
}

void TstTopConsumersModel::activeByDefaultAndPollsOnceAsked()
{
    QVERIFY(m_model->isActive());
    QCOMPARE(m_model->pollInterval(), 5 * 60 * 1000);
    QVERIFY(!m_model->isPolling()); // nothing asked for yet
    QVERIFY(!m_model->isStale());
    load();
    QVERIFY(m_model->isPolling());
    m_model->setPollInterval(60 * 1000);
    QCOMPARE(m_model->pollInterval(), 60 * 1000);
    QVERIFY(m_model->isPolling());
    m_model->setPollInterval(0); // clamped: a timer of 0 ms would spin
    QCOMPARE(m_model->pollInterval(), 1);
}

void TstTopConsumersModel::pollingFollowsActive_data()
{
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("active");
    QTest::addColumn<bool>("polling");

    QTest::newRow("asked, active") << true << true << true;
    QTest::newRow("asked, inactive") << true << false << false;
    QTest::newRow("never asked, active") << false << true << false;
    QTest::newRow("never asked, inactive") << false << false << false;
}

void TstTopConsumersModel::pollingFollowsActive()
{
    QFETCH(bool, asked);
    QFETCH(bool, active);
    QFETCH(bool, polling);
    if (asked)
        load();
    m_model->setActive(active);
    QCOMPARE(m_model->isActive(), active);
    QCOMPARE(m_model->isPolling(), polling);
    QCOMPARE(m_store->queries.size(), asked ? 1 : 0);
    m_model->setActive(true);
    QCOMPARE(m_model->isPolling(), asked);
}

void TstTopConsumersModel::inactiveOnlyNotesChanges()
{
    load();
    m_model->setActive(false);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_store->announce(QStringLiteral("quotas"));
    m_store->announce(QStringLiteral("tenants"));
    QVERIFY(!m_model->isLoading()); // no read about to start
    QVERIFY(m_model->isStale());
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(loading.size(), 0);
    m_store->rows[2].used = 870;
    m_model->setActive(true); // the dock is shown again
    QVERIFY(m_model->isLoading()); // at once
    QCOMPARE(m_store->queries.size(), 2);
    settle();
    QVERIFY(!m_model->isStale());
    QCOMPARE(m_model->index(2, Model::UsedColumn).data().toString(), QStringLiteral("870"));
    QVERIFY(m_model->isPolling());
    // Active again: a change is read as before.
    m_store->announce(QStringLiteral("quotas"));
    QVERIFY(m_model->isLoading());
    settle();
    QCOMPARE(m_store->queries.size(), 3);
}

void TstTopConsumersModel::hiddenDuringABurstReadsWhenShown()
{
    load();
    m_store->announce(QStringLiteral("quotas"));
    QVERIFY(m_model->isLoading()); // a read about to start...
    m_model->setActive(false); // ... when the dock closes
    QVERIFY(!m_model->isLoading());
    QVERIFY(m_model->isStale());
    QCOMPARE(m_store->queries.size(), 1);
    m_model->setActive(true);
    QCOMPARE(m_store->queries.size(), 2);
    settle();
    QVERIFY(!m_model->isStale());
}

void TstTopConsumersModel::shownAgainReadsOnlyWhenStaleOrOld()
{
    useMovableClock();
    load();
    m_now = m_now.addSecs(4 * 60);
    m_model->setActive(false);
    m_model->setActive(true);
    QVERIFY(!m_model->isLoading()); // read four minutes ago, nothing noted: kept
    QCOMPARE(m_store->queries.size(), 1);
    m_model->setActive(false);
    m_now = m_now.addSecs(60); // one poll interval since the read: new samples may be there
    m_model->setActive(true);
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_store->queries.size(), 2);
    settle();
}

void TstTopConsumersModel::resourceChosenWhileInactiveIsReadWhenShown()
{
    m_model->setActive(false);
    m_model->setResource(QStringLiteral("items"), ResourceUnit::Count);
    QCOMPARE(m_model->resource(), QStringLiteral("items"));
    QVERIFY(!m_model->isLoading());
    QVERIFY(m_model->isStale());
    QVERIFY(!m_model->isPolling());
    QCOMPARE(m_store->queries.size(), 0);
    m_model->setActive(true);
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(m_store->queries.first().resource, QStringLiteral("items"));
    settle();
    QCOMPARE(m_model->rowCount(), 6);
    QVERIFY(m_model->isPolling());

    // Another limit while hidden: read when shown.
    m_model->setActive(false);
    m_model->setLimit(3);
    QCOMPARE(m_store->queries.size(), 1);
    QVERIFY(m_model->isStale());
    m_model->setActive(true);
    QCOMPARE(m_store->queries.size(), 2);
    QCOMPARE(m_store->queries.last().limit, 3);
    settle();
}

void TstTopConsumersModel::reloadReadsEvenWhenInactive()
{
    m_model->setActive(false);
    m_model->reload(); // asked for explicitly
    QCOMPARE(m_store->queries.size(), 1);
    QVERIFY(m_model->isLoading());
    settle();
    QVERIFY(!m_model->isPolling());
    QVERIFY(!m_model->isStale());
    m_model->setActive(true); // just read: not again
    QCOMPARE(m_store->queries.size(), 1);
    QVERIFY(m_model->isPolling());
}

void TstTopConsumersModel::failedReadIsTriedAgainWhenShown()
{
    load();
    m_store->fail = Error{ErrorKind::ConnectionLost, QStringLiteral("gone")};
    m_model->reload();
    settle();
    QVERIFY(m_model->error());
    QVERIFY(m_model->isStale());
    m_store->fail.reset();
    m_model->setActive(false);
    m_model->setActive(true);
    QCOMPARE(m_store->queries.size(), 3);
    settle();
    QVERIFY(!m_model->error());
    QVERIFY(!m_model->isStale());
}

void TstTopConsumersModel::timerPolls()
{
    load();
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->rows[3].used = 650; // a new sample: no notification for it
    m_model->setPollInterval(5);
    QVERIFY(loaded.wait());
    m_model->setActive(false);
    QVERIFY(!m_model->isPolling());
    QVERIFY(m_store->queries.size() >= 2);
    QCOMPARE(m_model->index(3, Model::UsedColumn).data().toString(), QStringLiteral("650"));
    QCOMPARE(reset.size(), 0); // the same tenants: updated in place
}

QTEST_GUILESS_MAIN(TstTopConsumersModel)
#include "tst_topconsumersmodel.moc"
