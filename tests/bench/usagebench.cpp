#include "usagebench.h"

#include "benchutil.h"

#include "models/domain/usage.h"
#include "models/items/usageseriesmodel.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "ui/usagechartview.h"
#include "ui/usagetab.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineSeries>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>
#include <QXYSeries>

#include <algorithm>

namespace tc::bench {

namespace {

constexpr int kSeries = 10;
constexpr int kHours = 8760;
constexpr int kChartPixels = 1000; // plot width the chart asks buckets for

QString psqlValue(const QString &conninfo, const QString &sql)
{
    QProcess p;
    p.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-v"),
                                     QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo,
                                     QStringLiteral("-c"), sql});
    p.waitForFinished(600000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// A tenant with 10 metered series (the 3 of the catalog and 7 bench resources), a year of
// hourly samples each ending at the last full hour: a slow rise, noise, a daily cycle and a
// one-hour spike over the limit every ~41 days that the chart must not average away.
struct Seeded
{
    QString conninfo;
    QUuid tenant;
    TimeWindow window;
};

Seeded seed(const QString &server, QTextStream &err)
{
    const QString db = QStringLiteral("bench_usage");
    QProcess::execute(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), server,
                                               QStringLiteral("-c"), QStringLiteral("CREATE DATABASE %1").arg(db)});
    QString conninfo = server;
    conninfo.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=") + db);
    {
        PgStore store(conninfo, PgStore::Options{1, false});
        if (!test::await(store.migrateSchema()).ok()) {
            err << "tenant-bench: migration failed for " << db << Qt::endl;
            return {};
        }
    }
    QString tenant = psqlValue(conninfo, QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'usage-bench'"));
    if (tenant.isEmpty()) {
        QElapsedTimer t;
        t.start();
        const QString sql = QStringLiteral(
            "BEGIN;"
            "INSERT INTO tenancy.resources (key, unit, display_name, metered, sort_order)"
            "  SELECT 'bench_series_' || i, 'count', 'Bench series ' || i, true, 100 + i FROM generate_series(4, %1) i"
            "  ON CONFLICT (key) DO NOTHING;"
            "INSERT INTO tenancy.tenants (slug, display_name, tier) VALUES ('usage-bench', 'Usage bench', 'enterprise');"
            "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit)"
            "  SELECT t.id, r.key, 1500000 FROM tenancy.tenants t, tenancy.resources r"
            "   WHERE t.slug = 'usage-bench' AND r.metered;"
            "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value)"
            "  SELECT t.id, r.key, date_trunc('hour', now()) - h * interval '1 hour',"
            "         1000000 - h * 40 + (50000 * sin(h * pi() / 12))::bigint + (random() * 20000)::bigint"
            "         + CASE WHEN (h + r.sort_order) % 997 = 0 THEN 600000 ELSE 0 END"
            "    FROM tenancy.tenants t, tenancy.resources r, generate_series(0, %2) h"
            "   WHERE t.slug = 'usage-bench' AND r.metered;"
            "COMMIT;"
            "ANALYZE tenancy.usage_samples;")
                                .arg(kSeries)
                                .arg(kHours - 1);
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                         QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo,
                                         QStringLiteral("-c"), sql});
        p.waitForFinished(600000);
        tenant = psqlValue(conninfo, QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'usage-bench'"));
        err << "  seeded " << kSeries << " x " << kHours << " hourly samples in " << msSince(t) / 1000 << " s" << Qt::endl;
    }
    const qint64 last = psqlValue(conninfo, QStringLiteral("SELECT extract(epoch FROM max(at))::bigint FROM tenancy.usage_samples s "
                                                           "JOIN tenancy.tenants t ON t.id = s.tenant_id WHERE t.slug = 'usage-bench'"))
                            .toLongLong();
    if (tenant.isEmpty() || last == 0) {
        err << "tenant-bench: seeding the usage bench failed" << Qt::endl;
        return {};
    }
    const QDateTime end = QDateTime::fromSecsSinceEpoch(last + 3600, Qt::UTC);
    return {conninfo, QUuid::fromString(tenant), {end.addSecs(-qint64(kHours) * 3600), end}};
}

int points(const UsageSeriesSet &set)
{
    int n = 0;
    for (const UsageSeries &s : set.series)
        n += int(s.buckets.size());
    return n;
}

int pointsDrawn(const ui::UsageTab &tab)
{
    int n = 0;
    for (const ui::UsageChartView *view : tab.charts()) {
        for (QAbstractSeries *series : view->chart()->series()) {
            if (auto *xy = qobject_cast<QXYSeries *>(series))
                n += int(xy->count());
            else if (auto *area = qobject_cast<QAreaSeries *>(series))
                n += int(area->upperSeries()->count()) + (area->lowerSeries() ? int(area->lowerSeries()->count()) : 0);
        }
    }
    return n;
}

// From the model's request to every chart painted into a pixmap (offscreen platform): what
// an operator waits for after choosing "Last year".
struct RenderFigures
{
    QList<double> ms;
    int points = 0;
    int charts = 0;
    qint64 bucketSeconds = 0;
};

RenderFigures renderYear(TenantStore *store, const Seeded &seeded, int runs, QTextStream &err)
{
    RenderFigures figures;
    ui::UsageTab tab;
    tab.setStore(store);
    // Every run a day apart, so each load brings new buckets and every chart redraws (the
    // model skips the reset when a refresh brings what it shows).
    QDateTime now = seeded.window.to.addSecs(-1);
    tab.model()->setClock([&now] { return now; });
    const int year = tab.rangeCombo()->findData(int(UsageRange::LastYear));
    tab.rangeCombo()->setCurrentIndex(year);
    Q_EMIT tab.rangeCombo()->activated(year);
    tab.resize(kChartPixels + 110, 900);
    Tenant tenant;
    tenant.id = seeded.tenant;
    tenant.slug = QStringLiteral("usage-bench");
    tenant.displayName = QStringLiteral("Usage bench");
    tab.setTenant(tenant);
    tab.show();
    auto waitLoaded = [&] {
        QEventLoop loop;
        QObject::connect(tab.model(), &UsageSeriesModel::loaded, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    };
    waitLoaded(); // the first load, started by showing the tab
    for (int i = 0; i < runs; ++i) {
        now = seeded.window.to.addSecs(-1).addDays(-(i % 2));
        QElapsedTimer t;
        t.start();
        tab.model()->reload();
        waitLoaded();
        QCoreApplication::processEvents(); // let the charts take the reset
        for (ui::UsageChartView *view : tab.charts())
            view->grab();
        figures.ms << msSince(t);
    }
    if (tab.model()->status() != UsageSeriesModel::Status::Ready)
        err << "tenant-bench: the usage tab did not load (status " << int(tab.model()->status()) << ")" << Qt::endl;
    figures.points = pointsDrawn(tab);
    figures.bucketSeconds = tab.model()->bucketSeconds();
    figures.charts = int(tab.charts().size());
    return figures;
}

} // namespace

int runUsageBench(const QString &server, int runs, QTextStream &out, QTextStream &err)
{
    const Seeded seeded = seed(server, err);
    if (seeded.conninfo.isEmpty())
        return 1;
    PgStore store(seeded.conninfo, PgStore::Options{2, false});
    if (!test::await(store.open()).ok()) {
        err << "tenant-bench: could not open " << seeded.conninfo << Qt::endl;
        return 1;
    }

    UsageQuery aggregated;
    aggregated.tenant = seeded.tenant;
    aggregated.window = seeded.window;
    aggregated.bucketSeconds = bucketSecondsFor(seeded.window, kChartPixels);
    UsageQuery raw = aggregated;
    raw.bucketSeconds = 3600;

    // The database's aggregation, as the chart asks for it.
    QList<double> queryMs, rawStoreMs, downsampleMs;
    UsageSeriesSet chartSet, rawSet;
    test::await(store.usageSeries(aggregated)); // warm up both connections
    test::await(store.usageSeries(aggregated));
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const auto r = test::await(store.usageSeries(aggregated));
        queryMs << msSince(t);
        if (!r.ok()) {
            err << "tenant-bench: usageSeries failed: " << r.error().message << Qt::endl;
            return 1;
        }
        chartSet = r.value();
    }
    // The raw year through the store (one bucket per hourly sample), then reduced in the client.
    for (int i = 0; i < std::max(1, runs / 3); ++i) {
        QElapsedTimer t;
        t.start();
        const auto r = test::await(store.usageSeries(raw));
        rawStoreMs << msSince(t);
        if (!r.ok()) {
            err << "tenant-bench: usageSeries (raw) failed: " << r.error().message << Qt::endl;
            return 1;
        }
        rawSet = r.value();
    }
    QList<QList<UsageSample>> samples;
    for (const UsageSeries &s : std::as_const(rawSet.series)) {
        QList<UsageSample> list;
        list.reserve(s.buckets.size());
        for (const UsageBucket &b : s.buckets)
            list.append({b.startMs, b.last});
        samples.append(list);
    }
    int reducedPoints = 0;
    qint64 peakKept = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        int n = 0;
        qint64 peak = 0;
        for (const QList<UsageSample> &list : std::as_const(samples)) {
            const QList<UsageBucket> buckets = downsampleMinMax(list, aggregated.bucketSeconds);
            n += int(buckets.size());
            for (const UsageBucket &b : buckets)
                peak = std::max(peak, b.max);
        }
        downsampleMs << msSince(t);
        reducedPoints = n;
        peakKept = peak;
    }
    qint64 rawPeak = 0;
    for (const QList<UsageSample> &list : std::as_const(samples))
        for (const UsageSample &s : list)
            rawPeak = std::max(rawPeak, s.value);

    const QString rawSql = QStringLiteral("SELECT resource, at, value FROM tenancy.usage_samples WHERE tenant_id = '%1' "
                                          "AND at >= '%2' AND at < '%3' ORDER BY resource, at")
                               .arg(seeded.tenant.toString(QUuid::WithoutBraces),
                                    seeded.window.from.toString(Qt::ISODate), seeded.window.to.toString(Qt::ISODate));
    const double psqlRaw = psqlMs(seeded.conninfo, rawSql, runs);

    const RenderFigures render = renderYear(&store, seeded, runs, err);

    out << "\nusage charts: " << kSeries << " series x " << kHours << " hourly points (one tenant, one year), median of "
        << runs << " runs, times in ms\n"
        << QStringLiteral("  query, aggregated in SQL to %1 s buckets for a %2 px chart:  %3  (%4 buckets of min, max, mean, last)\n")
               .arg(aggregated.bucketSeconds).arg(kChartPixels).arg(median(queryMs), 9, 'f', 1)
               .arg(points(chartSet))
        << QStringLiteral("  the raw year through the store (%1 samples):                  %2\n")
               .arg(points(rawSet)).arg(median(rawStoreMs), 9, 'f', 1)
        << QStringLiteral("  downsampling those in the client (min/max per bucket):         %1  (%2 buckets; peak %3 of raw %4 kept)\n")
               .arg(median(downsampleMs), 9, 'f', 2).arg(reducedPoints).arg(peakKept).arg(rawPeak)
        << QStringLiteral("  request to painted, %1 charts of the Usage tab (offscreen):  %2  (%3 s buckets, %4 points drawn)\n")
               .arg(render.charts).arg(median(render.ms), 9, 'f', 1).arg(render.bucketSeconds).arg(render.points)
        << QStringLiteral("  reference: psql fetching the raw year (%1 rows):             %2\n")
               .arg(points(rawSet)).arg(psqlRaw, 9, 'f', 1);
    out.flush();
    return 0;
}

} // namespace tc::bench
