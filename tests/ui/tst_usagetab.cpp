// The Usage tab offscreen on a real database with real samples: one chart per metered
// resource with a point per bucket in the min–max band and the limit line at the limit, a peak
// that survives, the in-chart messages of an empty window and of an unlimited tenant, a range
// change that reloads, polling that stops when the tab is hidden, the CSV export, the hover
// text of a bucket; the top consumers view activates the right tenant and the main window
// selects it in the tree.

#include "models/domain/usage.h"
#include "models/items/tenanttreemodel.h"
#include "models/items/topconsumersmodel.h"
#include "models/items/usagebreakdownmodel.h"
#include "models/items/usageseriesmodel.h"
#include "models/store/pgstore.h"
#include "models/store/prometheususagesource.h"
#include "models/store/usagesource.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/mainwindow.h"
#include "ui/tenantdetailspane.h"
#include "ui/tenanttreepanel.h"
#include "ui/topconsumersview.h"
#include "ui/usagebreakdownview.h"
#include "ui/usagechartview.h"
#include "ui/usagetab.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QDateTimeAxis>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QLineSeries>
#include <QStatusBar>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QStyleFactory>
#include <QPushButton>
#include <QTabWidget>
#include <QTcpServer>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace tc;
using tc::test::await;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_usagetab_operator");
// "Now" for the models: samples end here, so the windows are known exactly.
const QDateTime kNow = QDateTime(QDate(2025, 6, 15), QTime(12, 20), Qt::UTC);
constexpr qint64 kItemsLimit = 1000;
constexpr qint64 kPeak = 1200; // one hour over the limit, 30 hours before kNow
const QDateTime kPeakAt = QDateTime(QDate(2025, 6, 14), QTime(6, 0), Qt::UTC);
constexpr int kHistoryDays = 40;

// What app/console/main.cpp gives the main window: the profile's Prometheus server when it
// names one, else the database (a copy: the application's own factory is not a library).
std::unique_ptr<UsageSource> prometheusOrDatabase(const ConnectionProfile &profile, TenantStore *store, Error *error)
{
    if (profile.prometheusUrl.trimmed().isEmpty())
        return std::make_unique<StoreUsageSource>(store);
    const Result<QUrl> url = PrometheusUsageSource::parseBaseUrl(profile.prometheusUrl.trimmed());
    if (!url.ok()) {
        *error = url.error();
        return nullptr;
    }
    PrometheusUsageSource::Options options;
    options.baseUrl = url.value();
    if (!profile.prometheusMetric.trimmed().isEmpty())
        options.metric = profile.prometheusMetric.trimmed();
    return std::make_unique<PrometheusUsageSource>(options);
}

} // namespace

class TstUsageTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void oneChartPerMeteredResource();
    void emptyWindowIsSaidOnThePlot();
    void unlimitedTenantHasNoLimitLine();
    void rangeChangeReloads();
    void hiddenTabStopsPolling();
    void csvExportWritesTheModelsCsv();
    void hoverShowsTheBucket();
    void breakdownStacksTheSubTenants();
    void breakdownSumsTheSmallestAsOthers();
    void darkPaletteIsFollowed();
    void topConsumersActivateTheTenant();
    void prometheusProfileIsUsedAndItsFailureSaid();
    void defaultUsageSourceIsTheDatabase();
    void darkMainWindow();
    void lastBucketIsInsideTheAxis_data();
    void lastBucketIsInsideTheAxis();
    void loadingOffersCancel();
    void breakdownFollowsThePollsAndShowing();
    void revealEndsWithItsSearch();

private:
    // A main window connected to the test database, for the tests that need the whole console.
    bool connectWindow(ui::MainWindow &window);
    QUuid insertTenant(const QString &slug);
    // The tab showing `tenant`, once its load (and any reload for the plot's width) is over.
    bool showTenant(const QUuid &tenant);
    Tenant tenantOf(const QUuid &id) const
    {
        const Result<Tenant> t = await(m_store->tenant(id));
        return t.ok() ? t.value() : Tenant();
    }
    // Bucket starts of the hourly samples inside `window`, as bucketed by `bucketSeconds`.
    static QSet<qint64> expectedBuckets(const TimeWindow &window, qint64 bucketSeconds);
    // For a person to look at (build-dir/tests/screenshots); never compared.
    static void saveShot(QWidget *widget, const QString &name)
    {
        QDir().mkpath(QStringLiteral("screenshots"));
        widget->grab().save(QStringLiteral("screenshots/%1.png").arg(name));
    }

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PgStore> m_store;
    std::unique_ptr<ui::UsageTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QUuid m_metered;
    QUuid m_unlimited;
    QUuid m_silent;
    QUuid m_family;
    QUuid m_hot;
    QUuid m_crowd;
};

QUuid TstUsageTab::insertTenant(const QString &slug)
{
    QString error;
    const QUuid id(m_db->scalar(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('%1', '%1') "
                                               "RETURNING id")
                                    .arg(slug),
                                &error)
                       .toString());
    if (id.isNull())
        qWarning("%s", qPrintable(error));
    return id;
}

void TstUsageTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_usagetab"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));

    m_metered = insertTenant(QStringLiteral("metered"));
    m_unlimited = insertTenant(QStringLiteral("unlimited"));
    m_silent = insertTenant(QStringLiteral("silent"));
    m_family = insertTenant(QStringLiteral("family"));
    QVERIFY(!m_metered.isNull() && !m_unlimited.isNull() && !m_silent.isNull() && !m_family.isNull());
    // Two sub-tenants (one with a child of its own) and the parent's own usage.
    QCOMPARE(m_db->exec(QStringLiteral(
                            "INSERT INTO tenancy.tenants (slug, display_name, parent_id) VALUES "
                            "('kid-a', 'Kid A', '%1'), ('kid-b', 'Kid B', '%1'); "
                            "INSERT INTO tenancy.tenants (slug, display_name, parent_id) "
                            "SELECT 'grandkid', 'Grandkid', id FROM tenancy.tenants WHERE slug = 'kid-a'; "
                            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                            "SELECT t.id, 'items', g, CASE t.slug WHEN 'family' THEN 100 WHEN 'kid-a' THEN 200 "
                            "WHEN 'grandkid' THEN 50 ELSE 300 END "
                            "FROM tenancy.tenants t, generate_series(date_trunc('hour', '%2'::timestamptz), "
                            "'%3'::timestamptz, '1 hour') g WHERE t.slug IN ('family', 'kid-a', 'kid-b', 'grandkid')")
                            .arg(m_family.toString(QUuid::WithoutBraces), kNow.addDays(-kHistoryDays).toString(Qt::ISODate),
                                 kNow.toString(Qt::ISODate))),
             QString());
    const QString metered = m_metered.toString(QUuid::WithoutBraces);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES "
                                       "('%1', 'items', %2), ('%1', 'storage_bytes', 10000000000), "
                                       "('%1', 'queries_per_minute', 600), ('%3', 'items', 5000)")
                            .arg(metered)
                            .arg(kItemsLimit)
                            .arg(m_silent.toString(QUuid::WithoutBraces))),
             QString());
    // Hourly samples up to kNow's hour: items climb through the day, with one hour over the
    // limit; storage and queries are flat. The unlimited tenant meters items only.
    const QString from = kNow.addDays(-kHistoryDays).toString(Qt::ISODate);
    const QString to = kNow.toString(Qt::ISODate);
    QCOMPARE(m_db->exec(QStringLiteral(
                            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                            "SELECT '%1', 'items', g, CASE WHEN g = '%4' THEN %5 ELSE 500 + extract(hour FROM g)::int * 10 END "
                            "FROM generate_series(date_trunc('hour', '%2'::timestamptz), '%3'::timestamptz, '1 hour') g; "
                            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                            "SELECT '%1', 'storage_bytes', g, 4000000000 "
                            "FROM generate_series(date_trunc('hour', '%2'::timestamptz), '%3'::timestamptz, '1 hour') g; "
                            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                            "SELECT '%1', 'queries_per_minute', g, 120 "
                            "FROM generate_series(date_trunc('hour', '%2'::timestamptz), '%3'::timestamptz, '1 hour') g; "
                            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                            "SELECT '%6', 'items', g, 700 "
                            "FROM generate_series(date_trunc('hour', '%2'::timestamptz), '%3'::timestamptz, '1 hour') g")
                            .arg(metered, from, to, kPeakAt.toString(Qt::ISODate))
                            .arg(kPeak)
                            .arg(m_unlimited.toString(QUuid::WithoutBraces))),
             QString());

    // Ten sub-tenants: the breakdown shows the eight largest and sums the two smallest.
    const QUuid crowd = insertTenant(QStringLiteral("crowd"));
    QVERIFY(!crowd.isNull());
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name, parent_id) "
                                       "SELECT 'member-' || i, 'Member ' || i, '%1' FROM generate_series(1, 10) i; "
                                       "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                       "SELECT t.id, 'items', g, 10 * substring(t.slug FROM 8)::int "
                                       "FROM tenancy.tenants t, generate_series(date_trunc('hour', '%2'::timestamptz), "
                                       "'%3'::timestamptz, '1 hour') g WHERE t.parent_id = '%1'")
                            .arg(crowd.toString(QUuid::WithoutBraces), kNow.addDays(-kHistoryDays).toString(Qt::ISODate),
                                 kNow.toString(Qt::ISODate))),
             QString());
    m_crowd = crowd;

    // At 96 % of its items limit now: the tree marks it critical.
    m_hot = insertTenant(QStringLiteral("hot"));
    QVERIFY(!m_hot.isNull());
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES ('%1', 'items', 1000); "
                                       "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                       "SELECT '%1', 'items', g, 960 FROM generate_series(date_trunc('hour', '%2'::timestamptz), "
                                       "'%3'::timestamptz, '1 hour') g")
                            .arg(m_hot.toString(QUuid::WithoutBraces), kNow.addDays(-kHistoryDays).toString(Qt::ISODate),
                                 kNow.toString(Qt::ISODate))),
             QString());

    m_store = std::make_unique<PgStore>(m_db->conninfo(kOperator));
    QVERIFY(await(m_store->open()).ok());
}

void TstUsageTab::init()
{
    m_tab = std::make_unique<ui::UsageTab>();
    m_tab->resize(900, 1000);
    m_tab->setStore(m_store.get());
    QVERIFY(m_tab->model());
    m_tab->model()->setClock([] { return kNow; });
    m_tester = std::make_unique<QAbstractItemModelTester>(m_tab->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstUsageTab::cleanup()
{
    m_tester.reset();
    m_tab.reset();
}

bool TstUsageTab::showTenant(const QUuid &tenant)
{
    m_tab->setTenant(tenantOf(tenant));
    m_tab->show();
    if (!QTest::qWaitForWindowExposed(m_tab.get()))
        return false;
    UsageSeriesModel *model = m_tab->model();
    const auto settled = [model] {
        return model->tenant().isNull() == false && !model->isLoading()
               && model->status() != UsageSeriesModel::Status::Loading && model->status() != UsageSeriesModel::Status::Idle;
    };
    // The plot's width may ask for other buckets once laid out (after a debounce): wait until
    // the model follows the width the plot has and that reload is over too.
    ui::UsageTab *tab = m_tab.get();
    return QTest::qWaitFor([&] { return settled() && !tab->isResolutionPending(); }, 20000);
}

QSet<qint64> TstUsageTab::expectedBuckets(const TimeWindow &window, qint64 bucketSeconds)
{
    QSet<qint64> starts;
    const QDateTime first = QDateTime::fromSecsSinceEpoch(kNow.addDays(-kHistoryDays).toSecsSinceEpoch() / 3600 * 3600, Qt::UTC);
    for (QDateTime at = first; at <= kNow; at = at.addSecs(3600)) {
        if (at >= window.from && at < window.to)
            starts.insert(bucketStartMs(at.toMSecsSinceEpoch(), bucketSeconds));
    }
    return starts;
}

void TstUsageTab::oneChartPerMeteredResource()
{
    QVERIFY(showTenant(m_metered));
    UsageSeriesModel *model = m_tab->model();
    QCOMPARE(model->status(), UsageSeriesModel::Status::Ready);
    QCOMPARE(model->window(), windowFor(UsageRange::Last7Days, kNow));

    QStringList resources;
    for (ui::UsageChartView *chart : m_tab->charts())
        resources << chart->resource();
    QCOMPARE(resources, (QStringList{QStringLiteral("items"), QStringLiteral("storage_bytes"),
                                     QStringLiteral("queries_per_minute")}));

    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    QVERIFY(items);
    QCOMPARE(items->message(), QString());
    const QSet<qint64> buckets = expectedBuckets(model->window(), model->bucketSeconds());
    QVERIFY(buckets.size() >= 24);
    QCOMPARE(items->minSeries()->count(), int(buckets.size()));
    QCOMPARE(items->maxSeries()->count(), int(buckets.size()));
    QCOMPARE(items->meanSeries()->count(), int(buckets.size()));
    QCOMPARE(items->bandSeries()->upperSeries(), items->maxSeries());
    QCOMPARE(items->bandSeries()->lowerSeries(), items->minSeries());

    // The hour over the limit is the band's top, whatever the bucket width.
    double top = 0;
    for (const QPointF &p : items->maxSeries()->points())
        top = std::max(top, p.y());
    QCOMPARE(top, double(kPeak));

    QVERIFY(items->limitSeries());
    QCOMPARE(items->limitSeries()->count(), 2);
    QCOMPARE(items->limitSeries()->at(0).y(), double(kItemsLimit));
    QCOMPARE(items->limitSeries()->at(1).y(), double(kItemsLimit));
    QCOMPARE(items->thresholdBands().size(), 3); // 80–90, 90–95, 95–100 %
    QCOMPARE(items->thresholdBands().first()->lowerSeries()->at(0).y(), 0.8 * kItemsLimit);
    QCOMPARE(items->thresholdBands().last()->upperSeries()->at(0).y(), double(kItemsLimit));
    QVERIFY(items->chart()->title().contains(QStringLiteral("1K")));

    ui::UsageChartView *storage = m_tab->chartFor(QStringLiteral("storage_bytes"));
    QVERIFY(storage && storage->limitSeries());
    QCOMPARE(storage->limitSeries()->at(0).y(), 1e10);
    QCOMPARE(storage->minSeries()->count(), int(buckets.size()));

    QVERIFY(m_tab->statusText().startsWith(QStringLiteral("Database")));
    QVERIFY(m_tab->statusText().contains(QStringLiteral("loaded")));
}

void TstUsageTab::emptyWindowIsSaidOnThePlot()
{
    QVERIFY(showTenant(m_silent));
    QCOMPARE(m_tab->model()->status(), UsageSeriesModel::Status::Empty);
    QVERIFY(!m_tab->charts().isEmpty());
    for (ui::UsageChartView *chart : m_tab->charts()) {
        QVERIFY2(chart->message().startsWith(QStringLiteral("No usage recorded between")), qPrintable(chart->message()));
        QVERIFY(!chart->isRetryOffered());
        QCOMPARE(chart->minSeries()->count(), 0);
    }
    saveShot(m_tab.get(), QStringLiteral("usagetab-empty"));
}

void TstUsageTab::unlimitedTenantHasNoLimitLine()
{
    QVERIFY(showTenant(m_unlimited));
    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    QVERIFY(items);
    QVERIFY(items->minSeries()->count() > 0);
    QVERIFY(!items->limitSeries());
    QVERIFY(items->thresholdBands().isEmpty());
    QVERIFY2(items->chart()->title().contains(QStringLiteral("No limit")), qPrintable(items->chart()->title()));
    saveShot(m_tab.get(), QStringLiteral("usagetab-unlimited"));
    // Nothing metered for storage in the window: said on its plot.
    ui::UsageChartView *storage = m_tab->chartFor(QStringLiteral("storage_bytes"));
    if (storage)
        QVERIFY2(storage->message().startsWith(QStringLiteral("No usage recorded between")), qPrintable(storage->message()));
}

void TstUsageTab::rangeChangeReloads()
{
    QVERIFY(showTenant(m_metered));
    UsageSeriesModel *model = m_tab->model();
    QSignalSpy loaded(model, &UsageSeriesModel::loaded);
    QComboBox *range = m_tab->rangeCombo();
    QCOMPARE(range->currentData().toInt(), int(UsageRange::Last7Days));
    range->setFocus();
    QTest::keyClick(range, Qt::Key_Up); // Last 24 hours
    QCOMPARE(range->currentData().toInt(), int(UsageRange::Last24Hours));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1 && !model->isLoading(), 20000);
    QCOMPARE(model->range(), UsageRange::Last24Hours);
    QCOMPARE(model->window(), windowFor(UsageRange::Last24Hours, kNow));
    QCOMPARE(model->bucketSeconds(), 3600);
    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    QCOMPARE(items->minSeries()->count(), int(expectedBuckets(model->window(), 3600).size()));
    QCOMPARE(items->minSeries()->count(), 24); // 13:00 the day before … 12:00
}

void TstUsageTab::hiddenTabStopsPolling()
{
    // In the details pane's tab widget, as the application has it.
    QTabWidget tabs;
    auto *other = new QWidget;
    tabs.addTab(other, QStringLiteral("Details"));
    ui::UsageTab *tab = m_tab.release();
    m_tester.reset();
    tabs.addTab(tab, QStringLiteral("Usage"));
    tabs.resize(900, 900);
    tab->setTenant(tenantOf(m_metered));
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    UsageSeriesModel *model = tab->model();
    QVERIFY(!model->isActive()); // not the current tab: nothing loads, nothing polls
    QVERIFY(!model->isPolling());
    QVERIFY(model->tenant().isNull());

    tabs.setCurrentWidget(tab);
    QTRY_VERIFY_WITH_TIMEOUT(model->status() == UsageSeriesModel::Status::Ready, 20000);
    QVERIFY(model->isActive());
    QVERIFY(model->isPolling());

    tabs.setCurrentWidget(other);
    QVERIFY(!model->isActive());
    QVERIFY(!model->isPolling());

    tabs.setCurrentWidget(tab);
    QVERIFY(model->isPolling());
    tabs.hide();
    QVERIFY(!model->isPolling());
}

void TstUsageTab::csvExportWritesTheModelsCsv()
{
    QVERIFY(showTenant(m_metered));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvFile = dir.filePath(QStringLiteral("usage.csv"));
    QString error;
    QVERIFY2(m_tab->exportCsv(csvFile, &error), qPrintable(error));
    QFile file(csvFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QCOMPARE(written, m_tab->model()->toCsv());
    QVERIFY(written.startsWith("resource,bucket_start_utc"));
    QVERIFY(written.contains("items,"));

    const QString pngFile = dir.filePath(QStringLiteral("usage.png"));
    QVERIFY2(m_tab->exportPng(pngFile, &error), qPrintable(error));
    QImage image(pngFile);
    QVERIFY(!image.isNull());
    QVERIFY(image.height() >= 3 * 200); // the three charts

    QVERIFY(!m_tab->exportCsv(dir.filePath(QStringLiteral("missing/dir/usage.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("Could not write")));
}

void TstUsageTab::hoverShowsTheBucket()
{
    QVERIFY(showTenant(m_metered));
    UsageSeriesModel *model = m_tab->model();
    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    const int row = model->seriesRow(QStringLiteral("items"));
    const qint64 width = model->bucketSeconds() * 1000;
    const qint64 start = bucketStartMs(kPeakAt.toMSecsSinceEpoch(), model->bucketSeconds());
    const int bucket = model->bucketRowNear(row, start);
    QCOMPARE(model->bucketsAt(row).at(bucket).startMs, start);
    QCOMPARE(model->bucketsAt(row).at(bucket).max, kPeak);

    const QPoint at = items->positionOf(start + width / 2, 900);
    const QString text = items->hoverTextAt(at);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC);
    const QDateTime to = from.addMSecs(width);
    QVERIFY2(text.contains(QStringLiteral("UTC %1 – %2")
                               .arg(from.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                    to.toString(from.date() == to.date() ? QStringLiteral("HH:mm")
                                                                         : QStringLiteral("yyyy-MM-dd HH:mm")))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Max %1").arg(QLocale().toString(kPeak))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Max is %1 % of the 1K limit").arg(QLocale().toString(120.0, 'f', 1))),
             qPrintable(text));
    // Outside the plot there is nothing to say.
    QCOMPARE(items->hoverTextAt(QPoint(1, 1)), QString());
    items->hoverAt(at); // shows the tooltip and the marker without trouble
}

void TstUsageTab::breakdownStacksTheSubTenants()
{
    QVERIFY(showTenant(m_family));
    QVERIFY(m_tab->breakdownButton()->isEnabled());
    QCOMPARE(m_tab->breakdownResourceCombo()->currentData().toString(), QStringLiteral("items"));
    UsageBreakdownModel *breakdown = m_tab->breakdownModel();
    QSignalSpy loaded(breakdown, &UsageBreakdownModel::loaded);
    QTest::mouseClick(m_tab->breakdownButton(), Qt::LeftButton);
    QVERIFY(m_tab->breakdownView()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !breakdown->isLoading(), 20000);
    QVERIFY(!breakdown->error());

    // Own usage at the bottom, then each child's subtree: one layer each, named by slug.
    const QList<QAreaSeries *> layers = m_tab->breakdownView()->layers();
    QStringList names;
    for (QAreaSeries *layer : layers)
        names << layer->name();
    QCOMPARE(names.size(), 3);
    QVERIFY2(names.contains(QStringLiteral("kid-a")) && names.contains(QStringLiteral("kid-b")), qPrintable(names.join(u',')));
    // The stack's top is the family's whole usage: 100 + (200 + 50) + 300.
    QVERIFY(layers.last()->upperSeries()->count() > 0);
    QCOMPARE(layers.last()->upperSeries()->at(0).y(), 650.0);
    QCOMPARE(layers.first()->lowerSeries()->at(0).y(), 0.0);
    QCOMPARE(m_tab->breakdownView()->message(), QString());
    saveShot(m_tab.get(), QStringLiteral("usagetab-breakdown"));

    // The CSV is the breakdown's while it is shown.
    QTemporaryDir dir;
    const QString csvFile = dir.filePath(QStringLiteral("breakdown.csv"));
    QVERIFY(m_tab->exportCsv(csvFile));
    QFile file(csvFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), breakdown->toCsv());
}

void TstUsageTab::breakdownSumsTheSmallestAsOthers()
{
    QVERIFY(showTenant(m_crowd));
    UsageBreakdownModel *breakdown = m_tab->breakdownModel();
    QSignalSpy loaded(breakdown, &UsageBreakdownModel::loaded);
    m_tab->breakdownButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !breakdown->isLoading(), 20000);
    QStringList names;
    for (QAreaSeries *layer : m_tab->breakdownView()->layers())
        names << layer->name();
    // Own usage, member-10 … member-3 by size, then the two smallest summed.
    QCOMPARE(names.size(), 10);
    QCOMPARE(names.at(1), QStringLiteral("member-10"));
    QCOMPARE(names.at(8), QStringLiteral("member-3"));
    QCOMPARE(names.last(), QStringLiteral("Others (2 tenants)"));
    QCOMPARE(m_tab->breakdownView()->layers().last()->upperSeries()->at(0).y(), 550.0); // 10 + 20 + … + 100
    saveShot(m_tab.get(), QStringLiteral("usagetab-breakdown-others"));
}

void TstUsageTab::darkPaletteIsFollowed()
{
    QVERIFY(showTenant(m_metered));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    m_tab->setPalette(dark);
    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    QCOMPARE(items->chart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(items->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
    QCOMPARE(items->chart()->titleBrush().color(), dark.color(QPalette::Text));
    // The data keeps its light-on-dark colour, the limit its warning red.
    QVERIFY(items->meanSeries()->pen().color().lightness() > 128);
    QVERIFY(items->limitSeries()->pen().color().red() > 200);
    saveShot(m_tab.get(), QStringLiteral("usagetab-dark"));

    m_tab->setPalette(QPalette());
    QCOMPARE(items->chart()->theme(), QChart::ChartThemeLight);
}

void TstUsageTab::topConsumersActivateTheTenant()
{
    m_tab.reset();
    m_tester.reset();
    ui::MainWindow window(&PgStore::forProfile);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kOperator);
    window.connectTo(profile);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().first().toBool());

    // The dock opens from the View menu's action (Ctrl+Shift+U) and loads once shown.
    QAction *action = window.findChild<QAction *>(QStringLiteral("actionTopConsumers"));
    QVERIFY(action);
    // Closed, it reads nothing on its own.
    QVERIFY(!window.topConsumersDock()->isVisible());
    QVERIFY(!window.topConsumers()->model()->isActive());
    QVERIFY(!window.topConsumers()->model()->isPolling());
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    action->trigger();
    QVERIFY(window.topConsumersDock()->isVisible());
    ui::TopConsumersView *view = window.topConsumers();
    const int itemsIndex = view->resourceCombo()->findData(QStringLiteral("items"));
    QVERIFY(itemsIndex >= 0);
    view->resourceCombo()->setCurrentIndex(itemsIndex);
    Q_EMIT view->resourceCombo()->activated(itemsIndex);
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->resource() == QStringLiteral("items") && !view->model()->isLoading()
                                 && view->model()->rowCount() > 0,
                             20000);

    // Sorted by share, highest first: the hot tenant (96 %) before the metered one (62 %).
    QSortFilterProxyModel *proxy = view->proxy();
    QCOMPARE(proxy->index(0, TopConsumersModel::TenantColumn).data(TopConsumersModel::TenantIdRole).toUuid(), m_hot);
    QCOMPARE(proxy->index(0, TopConsumersModel::ShareColumn).data(TopConsumersModel::FractionRole).toDouble(), 0.96);
    const QModelIndex first = proxy->index(1, TopConsumersModel::TenantColumn);
    QCOMPARE(first.data(TopConsumersModel::TenantIdRole).toUuid(), m_metered);
    QCOMPARE(proxy->index(1, TopConsumersModel::ShareColumn).data(TopConsumersModel::FractionRole).toDouble(), 0.62);

    QSignalSpy activated(view, &ui::TopConsumersView::tenantActivated);
    QTableView *table = view->view();
    const QRect cell = table->visualRect(proxy->mapFromSource(proxy->mapToSource(first)));
    QVERIFY(table->viewport()->rect().contains(cell.center()));
    // A double-click as a mouse makes it: a click, then the second press as a double-click.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).toUuid(), m_metered);
    QCOMPARE(activated.first().at(1).toString(), QStringLiteral("metered"));
    QTRY_COMPARE_WITH_TIMEOUT(window.treePanel()->view()->currentIndex().data(TenantTreeModel::TenantIdRole).toUuid(),
                              m_metered, 20000);

    // Enter on another row does the same.
    const int unlimitedRow = [&] {
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, 0).data(TopConsumersModel::TenantIdRole).toUuid() == m_unlimited)
                return r;
        }
        return -1;
    }();
    QVERIFY(unlimitedRow > 1);
    table->setFocus();
    table->setCurrentIndex(proxy->index(unlimitedRow, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.last().at(0).toUuid(), m_unlimited);
    QTRY_COMPARE_WITH_TIMEOUT(window.treePanel()->view()->currentIndex().data(TenantTreeModel::TenantIdRole).toUuid(),
                              m_unlimited, 20000);

    // Shown, it polls; closed again, it stops.
    QVERIFY(view->model()->isActive());
    QVERIFY(view->model()->isPolling());
    QVERIFY(view->statusText().startsWith(QStringLiteral("Database · ")));
    action->trigger();
    QVERIFY(!window.topConsumersDock()->isVisible());
    QVERIFY(!view->model()->isActive());
    QVERIFY(!view->model()->isPolling());
}

void TstUsageTab::prometheusProfileIsUsedAndItsFailureSaid()
{
    m_tab.reset();
    m_tester.reset();
    // Nothing listens there: the connection is refused at once.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    ui::MainWindow window(&PgStore::forProfile, &prometheusOrDatabase);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kOperator);
    profile.prometheusUrl = QStringLiteral("127.0.0.1:%1").arg(port);
    profile.prometheusMetric = QStringLiteral("platform_usage");
    window.connectTo(profile);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().first().toBool());

    QVERIFY(window.usageSource());
    QCOMPARE(window.usageSource()->kind(), UsageSource::Kind::Prometheus);
    QCOMPARE(window.usageSource()->location(), QStringLiteral("http://127.0.0.1:%1").arg(port));
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("profile/prometheus_url")).toString(), profile.prometheusUrl);
    QCOMPARE(settings.value(QStringLiteral("profile/prometheus_metric")).toString(), profile.prometheusMetric);

    // The Usage tab of the metered tenant says on the plot that Prometheus can't be reached.
    ui::TenantDetailsPane *details = window.detailsPane();
    ui::UsageTab *tab = details->usageTab();
    QTRY_VERIFY_WITH_TIMEOUT(window.treeModel()->indexOf(m_metered).isValid(), 20000);
    window.treePanel()->view()->setCurrentIndex(window.treeModel()->indexOf(m_metered));
    details->tabs()->setCurrentWidget(tab);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->status() == UsageSeriesModel::Status::Failed, 20000);
    QVERIFY(!tab->charts().isEmpty());
    ui::UsageChartView *chart = tab->charts().first();
    QVERIFY2(chart->message().startsWith(QStringLiteral("Could not get the usage from the Prometheus server.")),
             qPrintable(chart->message()));
    QVERIFY2(chart->message().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(chart->message()));
    QVERIFY(chart->isRetryOffered());
    QVERIFY2(tab->statusText().startsWith(QStringLiteral("Prometheus http://127.0.0.1:%1").arg(port)),
             qPrintable(tab->statusText()));
    saveShot(tab, QStringLiteral("usagetab-prometheus-unreachable"));

    // Retry asks again (and fails again, the same way).
    QSignalSpy loaded(tab->model(), &UsageSeriesModel::loaded);
    QTest::mouseClick(chart->findChild<QPushButton *>(QStringLiteral("chartRetry")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
    QCOMPARE(tab->model()->status(), UsageSeriesModel::Status::Failed);

    // The top consumers rank from the database all the same, and say so.
    window.topConsumersDock()->show();
    ui::TopConsumersView *top = window.topConsumers();
    QTRY_VERIFY_WITH_TIMEOUT(top->model()->rowCount() > 0 && !top->model()->isLoading(), 20000);
    const int ranked = top->model()->rowCount();
    const QString count = ranked == 1 ? QStringLiteral("1 tenant") : QStringLiteral("%1 tenants").arg(ranked);
    QVERIFY2(top->statusText().startsWith(QStringLiteral("Database · %1 · loaded ").arg(count)), qPrintable(top->statusText()));
}

// Without a usage source factory the main window reads history from the database, whatever
// the profile says (ui/ knows no Prometheus).
void TstUsageTab::defaultUsageSourceIsTheDatabase()
{
    m_tab.reset();
    m_tester.reset();
    ui::MainWindow window(&PgStore::forProfile);
    window.show();
    QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kOperator);
    profile.prometheusUrl = QStringLiteral("http://127.0.0.1:9");
    window.connectTo(profile);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().first().toBool());
    QVERIFY(window.usageSource());
    QCOMPARE(window.usageSource()->kind(), UsageSource::Kind::Database);

    // An unusable profile: the factory says why, and history comes from the database.
    ui::MainWindow other(&PgStore::forProfile, &prometheusOrDatabase);
    other.show();
    QSignalSpy otherFinished(&other, &ui::MainWindow::connectionFinished);
    profile.prometheusUrl = QStringLiteral("ftp://user:secret@example.org");
    other.connectTo(profile);
    QVERIFY(otherFinished.wait(20000));
    QVERIFY(otherFinished.first().first().toBool());
    QCOMPARE(other.usageSource()->kind(), UsageSource::Kind::Database);
}

bool TstUsageTab::connectWindow(ui::MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kOperator);
    window.connectTo(profile);
    return finished.wait(20000) && finished.first().first().toBool();
}

void TstUsageTab::lastBucketIsInsideTheAxis_data()
{
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<qint64>("expectedMax");
    // A year up to an hour after the peak: the bucket that holds it (a day, or several hours)
    // ends long after the window, so its middle would lie beyond the axis.
    QTest::newRow("breach in the current bucket") << kPeakAt.addSecs(3600) << kPeak;
    // Just past midnight: the day's first hour alone (500 + 0 * 10).
    QTest::newRow("just past midnight") << QDateTime(kNow.date(), QTime(1, 0), Qt::UTC) << qint64(500);
}

void TstUsageTab::lastBucketIsInsideTheAxis()
{
    QFETCH(QDateTime, to);
    QFETCH(qint64, expectedMax);
    QVERIFY(showTenant(m_metered));
    UsageSeriesModel *model = m_tab->model();
    QSignalSpy loaded(model, &UsageSeriesModel::loaded);
    model->setRange(UsageRange::Custom, {to.addDays(-365), to});
    QVERIFY(loaded.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && !m_tab->isResolutionPending(), 20000);
    QCOMPARE(model->status(), UsageSeriesModel::Status::Ready);
    QVERIFY2(model->bucketSeconds() >= 6 * 3600, qPrintable(QString::number(model->bucketSeconds())));

    ui::UsageChartView *items = m_tab->chartFor(QStringLiteral("items"));
    QVERIFY(items);
    QVERIFY(items->maxSeries()->count() > 0);
    const qint64 axisFrom = items->timeAxis()->min().toMSecsSinceEpoch();
    const qint64 axisTo = items->timeAxis()->max().toMSecsSinceEpoch();
    QCOMPARE(axisTo, to.toMSecsSinceEpoch());
    const QPointF last = items->maxSeries()->points().last();
    const QPointF first = items->maxSeries()->points().first();
    // The last bucket (it ends after the window) and the first are drawn inside the axis.
    QVERIFY2(last.x() >= double(axisFrom) && last.x() <= double(axisTo),
             qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(last.x()).arg(axisFrom).arg(axisTo)));
    QVERIFY(first.x() >= double(axisFrom) && first.x() <= double(axisTo));
    QCOMPARE(last.y(), double(expectedMax));
    // ...and so inside the plot, where it is seen.
    const QRect plot = items->mapFromScene(items->chart()->mapToScene(items->chart()->plotArea())).boundingRect();
    const QPoint at = items->positionOf(qint64(last.x()), last.y());
    QVERIFY2(plot.adjusted(-1, -1, 1, 1).contains(at),
             qPrintable(QStringLiteral("(%1, %2) outside the plot").arg(at.x()).arg(at.y())));
    // The hover marker and text find it at its place.
    const QString hover = items->hoverTextAt(at);
    QVERIFY2(hover.contains(QStringLiteral("Max %1").arg(QLocale().toString(expectedMax))), qPrintable(hover));
}

void TstUsageTab::loadingOffersCancel()
{
    QVERIFY(showTenant(m_metered));
    UsageSeriesModel *model = m_tab->model();
    // Another window: its first load says Loading… on the plot, with Cancel.
    model->setRange(UsageRange::Last90Days);
    QVERIFY(model->isLoading());
    QCOMPARE(model->status(), UsageSeriesModel::Status::Loading);
    QVERIFY(!m_tab->charts().isEmpty());
    ui::UsageChartView *chart = m_tab->charts().first();
    QCOMPARE(chart->message(), QStringLiteral("Loading…"));
    QVERIFY(chart->isCancelOffered());
    QVERIFY(!chart->isRetryOffered());
    auto *cancel = chart->findChild<QPushButton *>(QStringLiteral("chartCancel"));
    QVERIFY(cancel && !cancel->isHidden());
    // Clicked at once (the chart may be shown by its layout only on the next pass, and the
    // load would not wait for that).
    cancel->click();
    QVERIFY(!model->isLoading());
    QVERIFY(model->status() != UsageSeriesModel::Status::Loading);
    for (ui::UsageChartView *c : m_tab->charts()) {
        QVERIFY(!c->isCancelOffered());
        QVERIFY(c->message() != QStringLiteral("Loading…"));
    }
}

void TstUsageTab::breakdownFollowsThePollsAndShowing()
{
    QVERIFY(showTenant(m_family));
    UsageBreakdownModel *breakdown = m_tab->breakdownModel();
    QSignalSpy loaded(breakdown, &UsageBreakdownModel::loaded);
    QTest::mouseClick(m_tab->breakdownButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !breakdown->isLoading(), 20000);
    QVERIFY(!breakdown->breakdown().bucketStartsMs.isEmpty());
    const qint64 firstBefore = breakdown->breakdown().bucketStartsMs.first();

    // A poll a day later moves the charts' window: the breakdown follows it.
    UsageSeriesModel *model = m_tab->model();
    model->setClock([] { return kNow.addDays(1); });
    loaded.clear();
    model->reload();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !breakdown->isLoading() && !model->isLoading(), 20000);
    QCOMPARE(model->window(), windowFor(UsageRange::Last7Days, kNow.addDays(1)));
    QVERIFY2(breakdown->breakdown().bucketStartsMs.first() > firstBefore,
             qPrintable(QStringLiteral("%1 <= %2").arg(breakdown->breakdown().bucketStartsMs.first()).arg(firstBefore)));

    // A poll that keeps the window leaves it alone (no second read for nothing).
    loaded.clear();
    QSignalSpy loading(breakdown, &UsageBreakdownModel::loadingChanged);
    QSignalSpy seriesLoaded(model, &UsageSeriesModel::loaded);
    model->reload();
    QVERIFY(seriesLoaded.wait(20000));
    QCOMPARE(loading.size(), 0);

    // Shown again: read again.
    m_tab->hide();
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !breakdown->isLoading(), 20000);
    QVERIFY(!loading.isEmpty());
    QCOMPARE(loading.first().first().toBool(), true);
}

void TstUsageTab::revealEndsWithItsSearch()
{
    m_tab.reset();
    m_tester.reset();
    ui::MainWindow window(&PgStore::forProfile);
    QVERIFY(connectWindow(window));
    const QUuid grandkid(m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'grandkid'")).toString());
    QVERIFY(!grandkid.isNull());
    TenantTreeModel *tree = window.treeModel();
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOf(m_family).isValid(), 20000);
    QVERIFY(!tree->indexOf(grandkid).isValid()); // not loaded: revealing it takes a search
    QSignalSpy applied(tree, &TenantTreeModel::filterApplied);
    const auto currentTenant = [&] {
        return window.treePanel()->view()->currentIndex().data(TenantTreeModel::TenantIdRole).toUuid();
    };

    // A search that doesn't find it ends the reveal, and says so.
    window.revealTenant(grandkid, QStringLiteral("no-such-tenant"));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 20000);
    QCOMPARE(applied.last().first().toString(), QStringLiteral("no-such-tenant"));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("not in the tree")),
             qPrintable(window.statusBar()->currentMessage()));
    // A later search that shows it doesn't jump there: the cursor stays on the first match.
    applied.clear();
    window.treePanel()->filterEdit()->setText(QStringLiteral("kid"));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 20000);
    QCOMPARE(applied.last().first().toString(), QStringLiteral("kid"));
    QVERIFY(tree->indexOf(grandkid).isValid());
    QVERIFY(currentTenant() != grandkid);

    // The operator editing the filter during a reveal ends it too.
    applied.clear();
    window.treePanel()->filterEdit()->setText(QString());
    QTRY_VERIFY_WITH_TIMEOUT(!tree->isFiltered() && tree->indexOf(m_family).isValid() && !tree->indexOf(grandkid).isValid(),
                             20000);
    applied.clear();
    window.revealTenant(grandkid, QStringLiteral("grandkid"));
    QLineEdit *edit = window.treePanel()->filterEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("kid"));
    QCOMPARE(edit->text(), QStringLiteral("kid"));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() && applied.last().first().toString() == QStringLiteral("kid"), 20000);
    QVERIFY(tree->indexOf(grandkid).isValid());
    QVERIFY(currentTenant() != grandkid);

    // A reveal that its search answers selects the tenant.
    applied.clear();
    window.treePanel()->filterEdit()->setText(QString());
    QTRY_VERIFY_WITH_TIMEOUT(!tree->isFiltered() && !tree->indexOf(grandkid).isValid(), 20000);
    window.revealTenant(grandkid, QStringLiteral("grandkid"));
    QTRY_COMPARE_WITH_TIMEOUT(currentTenant(), grandkid, 20000);
}

void TstUsageTab::darkMainWindow()
{
    m_tab.reset();
    m_tester.reset();
    QStyle *style = QStyleFactory::create(QStringLiteral("Fusion"));
    QVERIFY(style);
    QApplication::setStyle(style);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    const QPalette before = QApplication::palette();
    QApplication::setPalette(dark);

    {
        ui::MainWindow window(&PgStore::forProfile);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
        ConnectionProfile profile;
        profile.conninfo = m_db->conninfo(kOperator);
        window.connectTo(profile);
        QVERIFY(finished.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(window.treeModel()->indexOf(m_hot).isValid(), 20000);
        const QModelIndex hot = window.treeModel()->indexOf(m_hot);
        QCOMPARE(AlertLevel(hot.data(TenantTreeModel::AlertLevelRole).toInt()), AlertLevel::Critical);
        QVERIFY(hot.data(Qt::ToolTipRole).toString().contains(QStringLiteral("limit")));
        ui::UsageTab *tab = window.detailsPane()->usageTab();
        tab->model()->setClock([] { return kNow; });
        window.treePanel()->view()->setCurrentIndex(hot);
        window.detailsPane()->tabs()->setCurrentWidget(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->status() == UsageSeriesModel::Status::Ready && !tab->charts().isEmpty(), 20000);
        QCOMPARE(tab->charts().first()->chart()->theme(), QChart::ChartThemeDark);
        window.topConsumersDock()->show();
        QTRY_VERIFY_WITH_TIMEOUT(window.topConsumers()->model()->rowCount() > 0, 20000);
        QTest::qWait(300);
        saveShot(&window, QStringLiteral("mainwindow-usage-dark"));
        window.treePanel()->view()->setCurrentIndex(window.treeModel()->indexOf(m_metered));
        QTest::qWait(300);
        saveShot(window.treePanel(), QStringLiteral("tree-alert-dark"));
    }
    QApplication::setPalette(before);
}

QTEST_MAIN(TstUsageTab)
#include "tst_usagetab.moc"
