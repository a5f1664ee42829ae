// PgStore's usage calls against a real PostgreSQL, on samples written exactly (as the schema
// owner): buckets of the history (min, max, mean, last, count) at several widths, window
// edges, resource filters and every refusal; the breakdown by sub-tenant (groups, folding into
// "others", and that the groups add up to the subtree); the top consumers (order, inherited
// limits, path, subtree rollup, trend, deleted tenants); and the alert on tenant rows.

#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include <QtTest>

#include <cmath>

using namespace tc;
using tc::test::PgTestDatabase;
using tc::test::await;

namespace {

const QString kAuditor = QStringLiteral("tst_pgusage_auditor");
const QString kOperator = QStringLiteral("tst_pgusage_operator");

// Every sample is an offset in hours from T0 (series, breakdown) or T1 (top consumers).
const QDateTime kT0(QDate(2026, 1, 5), QTime(0, 0), Qt::UTC);
const QDateTime kT1 = kT0.addDays(30);
const char *const kT0Sql = "TIMESTAMPTZ '2026-01-05 00:00:00+00'";
const char *const kT1Sql = "TIMESTAMPTZ '2026-02-04 00:00:00+00'";
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

template<typename T>
QString why(const Result<T> &r)
{
    return r.ok() ? QString() : errorKindName(r.error().kind) + QStringLiteral(": ") + r.error().message;
}

TimeWindow hoursAfterT0(int from, int to) { return {kT0.addSecs(from * kHour), kT0.addSecs(to * kHour)}; }

UsageQuery seriesQuery(const QUuid &tenant, const TimeWindow &window, qint64 bucket, const QStringList &resources = {})
{
    UsageQuery q;
    q.tenant = tenant;
    q.window = window;
    q.bucketSeconds = bucket;
    q.resources = resources;
    return q;
}

QStringList resourcesOf(const UsageSeriesSet &set)
{
    QStringList out;
    for (const UsageSeries &s : set.series)
        out << s.resource;
    return out;
}

QString describe(const UsageBucket &b)
{
    return QStringLiteral("%1 min %2 max %3 mean %4 last %5 n %6")
        .arg(QDateTime::fromMSecsSinceEpoch(b.startMs, Qt::UTC).toString(Qt::ISODate))
        .arg(b.min)
        .arg(b.max)
        .arg(b.mean, 0, 'f', 4)
        .arg(b.last)
        .arg(b.samples);
}

// A group as "kind:slug(tenants)=v1,v2,..." with values rounded to 3 decimals.
QString describe(const UsageBreakdown::Group &g)
{
    const QString kind = g.kind == UsageBreakdown::Group::Kind::Own   ? QStringLiteral("own")
                       : g.kind == UsageBreakdown::Group::Kind::Child ? QStringLiteral("child")
                                                                      : QStringLiteral("others");
    QStringList values;
    for (double v : g.values)
        values << QString::number(std::round(v * 1000) / 1000, 'g', 12);
    return QStringLiteral("%1:%2(%3)=%4").arg(kind, g.slug).arg(g.tenants).arg(values.join(u','));
}

QStringList describe(const UsageBreakdown &b)
{
    QStringList out;
    for (const UsageBreakdown::Group &g : b.groups)
        out << describe(g);
    return out;
}

} // namespace

class TstPgUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void hourlyBucketsAreTheSamples();
    void dailyBucketsKeepTheSpike();
    void bucketsMatchTheDomainsDownsampling_data();
    void bucketsMatchTheDomainsDownsampling();
    void windowIsHalfOpen();
    void resourceFilterAndCatalogOrder();
    void emptyWindowIsAnEmptySet();
    void unknownTenantIsNotFound();
    void refusals_data();
    void refusals();

    void breakdownGroupsByDirectChild();
    void breakdownAddsUpToTheSubtree_data();
    void breakdownAddsUpToTheSubtree();
    void breakdownFoldsTheRestIntoOthers();
    void breakdownOfAnEmptyWindow();
    void breakdownRefusals();

    void topConsumersOrderAndLimits();
    void topConsumersIncludeDeletedOnRequest();
    void topConsumersRefusals();

    void treeRowsCarryTheAlert_data();
    void treeRowsCarryTheAlert();
    void alertOnAllTenantReads();

    void auditorReadsAllOfIt();

private:
    std::unique_ptr<PgStore> store(const QString &user = {}) const
    {
        return std::make_unique<PgStore>(m_db->conninfo(user), PgStore::Options{1, false});
    }
    QUuid idOf(const QString &slug) const
    {
        return QUuid::fromString(
            m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug)).toString());
    }
    void tenant(const QString &slug, const QString &parent = {}) const
    {
        const QString sql = parent.isEmpty()
            ? QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('%1', '%1')").arg(slug)
            : QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                             "SELECT id, '%1', '%1' FROM tenancy.tenants WHERE slug = '%2'")
                  .arg(slug, parent);
        QCOMPARE(m_db->exec(sql), QString());
    }
    // Hourly samples at `origin` + h hours for h in [from, to], valued `valueSql` (of h).
    void samples(const QString &slug, const QString &resource, int from, int to, const QString &valueSql,
                 const char *origin = kT0Sql) const
    {
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                           "SELECT t.id, '%2', %5 + h * interval '1 hour', %6 "
                                           "FROM tenancy.tenants t, generate_series(%3, %4) h WHERE t.slug = '%1'")
                                .arg(slug, resource)
                                .arg(from)
                                .arg(to)
                                .arg(QString::fromLatin1(origin), valueSql)),
                 QString());
    }
    void quota(const QString &slug, const QString &resource, const QString &limit, const QString &thresholds = {}) const
    {
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit%4) "
                                           "SELECT id, '%2', %3%5 FROM tenancy.tenants WHERE slug = '%1'")
                                .arg(slug, resource, limit)
                                .arg(thresholds.isEmpty() ? QString() : QStringLiteral(", soft_thresholds"))
                                .arg(thresholds.isEmpty() ? QString() : QStringLiteral(", '%1'").arg(thresholds))),
                 QString());
    }
    // The whole subtree's hourly sum, averaged over the hours with samples, per bucket.
    QList<double> subtreeMeans(const QString &slug, const QString &resource, const TimeWindow &w, qint64 bucket) const
    {
        const QStringList rows = m_db->rows(
            QStringLiteral("WITH RECURSIVE sub AS (SELECT id FROM tenancy.tenants WHERE slug = '%1' "
                           "  UNION ALL SELECT c.id FROM sub JOIN tenancy.tenants c ON c.parent_id = sub.id) "
                           "SELECT sum(s.value)::float8 / count(DISTINCT date_trunc('hour', s.at)), "
                           "       date_bin(make_interval(secs => %5), s.at, TIMESTAMPTZ 'epoch') AS bucket "
                           "  FROM tenancy.usage_samples s JOIN sub ON sub.id = s.tenant_id "
                           " WHERE s.resource = '%2' AND s.at >= to_timestamp(%3) AND s.at < to_timestamp(%4) "
                           " GROUP BY bucket ORDER BY bucket")
                .arg(slug, resource)
                .arg(w.from.toSecsSinceEpoch())
                .arg(w.to.toSecsSinceEpoch())
                .arg(bucket));
        QList<double> out;
        for (const QString &r : rows)
            out << r.section(u'|', 0, 0).toDouble();
        return out;
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstPgUsage::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_pgusage"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());

    // History: "solo", no limits. Items 0, 10, 20 … 470 over two days, with a one-hour spike of
    // 5000 at hour 30; storage at hours 1 and 2; no queries per minute.
    tenant(QStringLiteral("solo"));
    samples(QStringLiteral("solo"), QStringLiteral("items"), 0, 47, QStringLiteral("CASE WHEN h = 30 THEN 5000 ELSE h * 10 END"));
    samples(QStringLiteral("solo"), QStringLiteral("storage_bytes"), 1, 2, QStringLiteral("h * 100"));

    // Breakdown: "acme" (own 1000 every hour) and its children: a1 (100) with a1x (50, first
    // day only), a2 (300, 3000 at hour 5), a3 (200, second day only), a4 (no samples).
    tenant(QStringLiteral("acme"));
    for (const char *child : {"a1", "a2", "a3", "a4"})
        tenant(QString::fromLatin1(child), QStringLiteral("acme"));
    tenant(QStringLiteral("a1x"), QStringLiteral("a1"));
    samples(QStringLiteral("acme"), QStringLiteral("items"), 0, 47, QStringLiteral("1000"));
    samples(QStringLiteral("a1"), QStringLiteral("items"), 0, 47, QStringLiteral("100"));
    samples(QStringLiteral("a1x"), QStringLiteral("items"), 0, 23, QStringLiteral("50"));
    samples(QStringLiteral("a2"), QStringLiteral("items"), 0, 47, QStringLiteral("CASE WHEN h = 5 THEN 3000 ELSE 300 END"));
    samples(QStringLiteral("a3"), QStringLiteral("items"), 24, 47, QStringLiteral("200"));

    // Top consumers of queries_per_minute, newest samples at T1. "big" limits 1000; big-b its own
    // 200 (thresholds 50/70), inherited by big-b-1; big-del is deleted; free and free2 have no
    // limit; capped0 a limit of 0.
    tenant(QStringLiteral("big"));
    for (const char *child : {"big-a", "big-b", "big-del"})
        tenant(QString::fromLatin1(child), QStringLiteral("big"));
    tenant(QStringLiteral("big-b-1"), QStringLiteral("big-b"));
    tenant(QStringLiteral("free"));
    tenant(QStringLiteral("free2"));
    tenant(QStringLiteral("capped0"));
    const QString qpm = QStringLiteral("queries_per_minute");
    quota(QStringLiteral("big"), qpm, QStringLiteral("1000"));
    quota(QStringLiteral("big-b"), qpm, QStringLiteral("200"), QStringLiteral("{70,50}"));
    quota(QStringLiteral("capped0"), qpm, QStringLiteral("0"));
    samples(QStringLiteral("big"), qpm, 0, 0, QStringLiteral("500"), kT1Sql);
    // Exactly linear, +2 per hour for 20 days up to 960 at T1.
    samples(QStringLiteral("big-a"), qpm, -479, 0, QStringLiteral("960 + 2 * h"), kT1Sql);
    // One sample 16 days back (outside the trend's 14 days) and the current one.
    samples(QStringLiteral("big-b"), qpm, -16 * 24, -16 * 24, QStringLiteral("50"), kT1Sql);
    samples(QStringLiteral("big-b"), qpm, 0, 0, QStringLiteral("150"), kT1Sql);
    samples(QStringLiteral("big-b-1"), qpm, -24, -24, QStringLiteral("170"), kT1Sql);
    samples(QStringLiteral("big-b-1"), qpm, 0, 0, QStringLiteral("190"), kT1Sql);
    samples(QStringLiteral("big-del"), qpm, 0, 0, QStringLiteral("999"), kT1Sql);
    samples(QStringLiteral("free"), qpm, 0, 0, QStringLiteral("5000"), kT1Sql);
    samples(QStringLiteral("free2"), qpm, 0, 0, QStringLiteral("7000"), kT1Sql);
    samples(QStringLiteral("capped0"), qpm, 0, 0, QStringLiteral("1"), kT1Sql);
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'usage test', true); "
                                       "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'big-del'")),
             QString());

    // Alerts: "alerts" limits items to 1000 and storage to 10000; one current sample each.
    tenant(QStringLiteral("alerts"));
    quota(QStringLiteral("alerts"), QStringLiteral("items"), QStringLiteral("1000"));
    quota(QStringLiteral("alerts"), QStringLiteral("storage_bytes"), QStringLiteral("10000"));
    const QList<std::tuple<const char *, int, int>> usage{
        {"al-none", 500, -1}, {"al-warn", 850, -1}, {"al-high", 920, -1}, {"al-crit", 960, -1},
        {"al-over", 1200, -1}, {"al-two", 850, 9000}, {"al-tie", 850, 8200}, {"al-own", 550, -1},
        {"al-own2", 850, -1}, {"al-level", 650, 8500},
    };
    for (const auto &[slug, items, storage] : usage) {
        tenant(QString::fromLatin1(slug), QStringLiteral("alerts"));
        samples(QString::fromLatin1(slug), QStringLiteral("items"), 0, 0, QString::number(items), kT1Sql);
        if (storage >= 0)
            samples(QString::fromLatin1(slug), QStringLiteral("storage_bytes"), 0, 0, QString::number(storage), kT1Sql);
    }
    // Own rows that inherit the limit but bring their own thresholds.
    quota(QStringLiteral("al-own"), QStringLiteral("items"), QStringLiteral("NULL"), QStringLiteral("{50,60}"));
    quota(QStringLiteral("al-own2"), QStringLiteral("items"), QStringLiteral("NULL"), QStringLiteral("{90}"));
    // Items at 65 % of {50, 60} is critical; storage at 85 % of {80, 90, 95} only a warning.
    quota(QStringLiteral("al-level"), QStringLiteral("items"), QStringLiteral("NULL"), QStringLiteral("{50,60}"));
    // Queries per minute the same way: 450 of the parent's 1000 reaches its own 40 %.
    quota(QStringLiteral("alerts"), qpm, QStringLiteral("1000"));
    tenant(QStringLiteral("al-qpm"), QStringLiteral("alerts"));
    quota(QStringLiteral("al-qpm"), qpm, QStringLiteral("NULL"), QStringLiteral("{40}"));
    samples(QStringLiteral("al-qpm"), qpm, 0, 0, QStringLiteral("450"), kT1Sql);
}

void TstPgUsage::hourlyBucketsAreTheSamples()
{
    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(seriesQuery(idOf(QStringLiteral("solo")), hoursAfterT0(0, 48), kHour)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(resourcesOf(*r), QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes")}));
    const QList<UsageBucket> items = r->series.at(0).buckets;
    QCOMPARE(items.size(), 48);
    for (int h = 0; h < 48; ++h) {
        const UsageBucket &b = items.at(h);
        const qint64 value = h == 30 ? 5000 : h * 10;
        const qint64 at = kT0.addSecs(h * kHour).toMSecsSinceEpoch();
        QCOMPARE(b.startMs, at);
        QCOMPARE(b.startMs, bucketStartMs(at, kHour));
        QCOMPARE(b.min, value);
        QCOMPARE(b.max, value);
        QCOMPARE(b.mean, double(value));
        QCOMPARE(b.last, value);
        QCOMPARE(b.samples, 1);
    }
    const QList<UsageBucket> storage = r->series.at(1).buckets;
    QCOMPARE(storage.size(), 2);
    QCOMPARE(describe(storage.at(0)), QStringLiteral("2026-01-05T01:00:00Z min 100 max 100 mean 100.0000 last 100 n 1"));
    QCOMPARE(describe(storage.at(1)), QStringLiteral("2026-01-05T02:00:00Z min 200 max 200 mean 200.0000 last 200 n 1"));
    QCOMPARE(r->query.tenant, idOf(QStringLiteral("solo")));
}

void TstPgUsage::dailyBucketsKeepTheSpike()
{
    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(
        seriesQuery(idOf(QStringLiteral("solo")), hoursAfterT0(0, 48), kDay, {QStringLiteral("items")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->series.size(), 1);
    const QList<UsageBucket> days = r->series.first().buckets;
    QCOMPARE(days.size(), 2);
    // Day 1: 0..230 (sum 2760). Day 2: 240..470 (sum 8520) with 300 replaced by the spike 5000.
    QCOMPARE(describe(days.at(0)), QStringLiteral("2026-01-05T00:00:00Z min 0 max 230 mean 115.0000 last 230 n 24"));
    QCOMPARE(describe(days.at(1)), QStringLiteral("2026-01-06T00:00:00Z min 240 max 5000 mean 550.8333 last 470 n 24"));
    QCOMPARE(days.at(1).mean, (8520.0 - 300 + 5000) / 24);
}

void TstPgUsage::bucketsMatchTheDomainsDownsampling_data()
{
    QTest::addColumn<qint64>("bucket");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("1 h") << kHour << 0 << 48;
    QTest::newRow("2 h") << 2 * kHour << 0 << 48;
    QTest::newRow("90 min (not a divisor of a day)") << 90 * 60LL << 0 << 48;
    QTest::newRow("7 h from an odd hour") << 7 * kHour << 3 << 45;
    QTest::newRow("1 day") << kDay << 0 << 48;
    QTest::newRow("1 week (epoch-aligned: Thursdays)") << 7 * kDay << -200 << 200;
    QTest::newRow("1 min (finer than the samples)") << 60LL << 10 << 20;
}

void TstPgUsage::bucketsMatchTheDomainsDownsampling()
{
    QFETCH(qint64, bucket);
    QFETCH(int, from);
    QFETCH(int, to);
    const TimeWindow window = hoursAfterT0(from, to);
    QList<UsageSample> raw;
    for (const QString &row : m_db->rows(QStringLiteral(
             "SELECT (extract(epoch FROM s.at) * 1000)::bigint, s.value FROM tenancy.usage_samples s "
             "JOIN tenancy.tenants t ON t.id = s.tenant_id WHERE t.slug = 'solo' AND s.resource = 'items' "
             "AND s.at >= to_timestamp(%1) AND s.at < to_timestamp(%2) ORDER BY s.at")
                                             .arg(window.from.toSecsSinceEpoch())
                                             .arg(window.to.toSecsSinceEpoch())))
        raw << UsageSample{row.section(u'|', 0, 0).toLongLong(), row.section(u'|', 1, 1).toLongLong()};
    QVERIFY(!raw.isEmpty());
    const QList<UsageBucket> expected = downsampleMinMax(raw, bucket);

    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(
        seriesQuery(idOf(QStringLiteral("solo")), window, bucket, {QStringLiteral("items")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->series.size(), 1);
    const QList<UsageBucket> got = r->series.first().buckets;
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        QCOMPARE(got.at(i).startMs, expected.at(i).startMs);
        QCOMPARE(got.at(i).min, expected.at(i).min);
        QCOMPARE(got.at(i).max, expected.at(i).max);
        QCOMPARE(got.at(i).last, expected.at(i).last);
        QCOMPARE(got.at(i).samples, expected.at(i).samples);
        QVERIFY2(std::abs(got.at(i).mean - expected.at(i).mean) < 1e-9,
                 qPrintable(describe(got.at(i)) + QStringLiteral(" vs ") + describe(expected.at(i))));
    }
}

void TstPgUsage::windowIsHalfOpen()
{
    auto s = store();
    const QUuid solo = idOf(QStringLiteral("solo"));
    // [1 h, 3 h): the samples at 1 h and 2 h, not the one at 3 h.
    Result<UsageSeriesSet> r = await(s->usageSeries(seriesQuery(solo, hoursAfterT0(1, 3), kHour, {QStringLiteral("items")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->series.size(), 1);
    QCOMPARE(r->series.first().buckets.size(), 2);
    QCOMPARE(r->series.first().buckets.at(0).last, 10);
    QCOMPARE(r->series.first().buckets.at(1).last, 20);

    // A millisecond after 1 h leaves that sample out; a millisecond after 3 h takes that one in.
    TimeWindow w{kT0.addSecs(kHour).addMSecs(1), kT0.addSecs(3 * kHour).addMSecs(1)};
    r = await(s->usageSeries(seriesQuery(solo, w, kDay, {QStringLiteral("items")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->series.first().buckets.size(), 1);
    QCOMPARE(describe(r->series.first().buckets.first()),
             QStringLiteral("2026-01-05T00:00:00Z min 20 max 30 mean 25.0000 last 30 n 2"));
}

void TstPgUsage::resourceFilterAndCatalogOrder()
{
    auto s = store();
    const QUuid solo = idOf(QStringLiteral("solo"));
    const TimeWindow w = hoursAfterT0(0, 48);
    Result<UsageSeriesSet> r = await(s->usageSeries(seriesQuery(solo, w, kHour, {QStringLiteral("storage_bytes")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(resourcesOf(*r), QStringList({QStringLiteral("storage_bytes")}));

    // Asked in another order (and twice): catalog order, once each.
    r = await(s->usageSeries(seriesQuery(solo, w, kHour,
                                         {QStringLiteral("storage_bytes"), QStringLiteral("items"), QStringLiteral("items")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(resourcesOf(*r), QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes")}));

    // A resource without samples (or not metered) is left out, not an error.
    r = await(s->usageSeries(seriesQuery(solo, w, kHour, {QStringLiteral("queries_per_minute"), QStringLiteral("users")})));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->series.isEmpty());
}

void TstPgUsage::emptyWindowIsAnEmptySet()
{
    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(seriesQuery(idOf(QStringLiteral("solo")), hoursAfterT0(-240, -200), kHour)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->series.isEmpty());
    // A tenant that exists but never had samples: also empty, not an error.
    const Result<UsageSeriesSet> none = await(s->usageSeries(seriesQuery(idOf(QStringLiteral("a4")), hoursAfterT0(0, 48), kHour)));
    QVERIFY2(none.ok(), qPrintable(why(none)));
    QVERIFY(none->series.isEmpty());
}

void TstPgUsage::unknownTenantIsNotFound()
{
    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(seriesQuery(QUuid::createUuid(), hoursAfterT0(0, 48), kHour)));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::NotFound);
    QVERIFY2(r.error().message.contains(QLatin1String("does not exist")), qPrintable(r.error().message));
}

void TstPgUsage::refusals_data()
{
    QTest::addColumn<bool>("nullTenant");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<qint64>("bucket");
    QTest::addColumn<QStringList>("resources");
    QTest::addColumn<QString>("message");
    const QDateTime a = kT0;
    const QDateTime b = kT0.addDays(2);
    QTest::newRow("no tenant") << true << a << b << kHour << QStringList() << QStringLiteral("No tenant was given");
    QTest::newRow("no start") << false << QDateTime() << b << kHour << QStringList() << QStringLiteral("needs both a start and an end");
    QTest::newRow("empty range") << false << a << a << kHour << QStringList() << QStringLiteral("ends before it starts");
    QTest::newRow("reversed range") << false << b << a << kHour << QStringList() << QStringLiteral("ends before it starts");
    QTest::newRow("zero-width buckets") << false << a << b << 0LL << QStringList() << QStringLiteral("at least one second");
    QTest::newRow("negative buckets") << false << a << b << -60LL << QStringList() << QStringLiteral("at least one second");
    QTest::newRow("a century per bucket") << false << a << b << qint64(4e9) << QStringList() << QStringLiteral("more than a century");
    // A year by the minute: 525,600 buckets.
    QTest::newRow("too many buckets") << false << a << a.addDays(365) << 60LL << QStringList()
                                      << QStringLiteral("would make 525600 buckets");
    QTest::newRow("just too many") << false << a << a.addSecs(100001) << 1LL << QStringList()
                                   << QStringLiteral("would make 100001 buckets");
    QTest::newRow("unknown resource") << false << a << b << kHour << QStringList({QStringLiteral("items"), QStringLiteral("gold")})
                                      << QStringLiteral("\"gold\" is not a resource");
    QTest::newRow("malformed resource") << false << a << b << kHour << QStringList({QStringLiteral("x}, {y")})
                                        << QStringLiteral("\"x}, {y\" is not a resource");
}

void TstPgUsage::refusals()
{
    QFETCH(bool, nullTenant);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(qint64, bucket);
    QFETCH(QStringList, resources);
    QFETCH(QString, message);
    auto s = store();
    const Result<UsageSeriesSet> r = await(s->usageSeries(
        seriesQuery(nullTenant ? QUuid() : idOf(QStringLiteral("solo")), {from, to}, bucket, resources)));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));

    // Exactly 100,000 buckets are fine.
    if (QByteArray(QTest::currentDataTag()) == "just too many") {
        const Result<UsageSeriesSet> ok = await(s->usageSeries(seriesQuery(idOf(QStringLiteral("solo")), {from, from.addSecs(100000)}, 1)));
        QVERIFY2(ok.ok(), qPrintable(why(ok)));
        QCOMPARE(resourcesOf(*ok), QStringList({QStringLiteral("items"), QStringLiteral("storage_bytes")}));
        QCOMPARE(ok->series.first().buckets.size(), 28); // hours 0..27 of 27.8
        QCOMPARE(ok->series.first().buckets.last().startMs, kT0.addSecs(27 * kHour).toMSecsSinceEpoch());
    }
}

void TstPgUsage::breakdownGroupsByDirectChild()
{
    auto s = store();
    UsageBreakdownQuery q;
    q.tenant = idOf(QStringLiteral("acme"));
    q.resource = QStringLiteral("items");
    q.window = hoursAfterT0(0, 48);
    q.bucketSeconds = kDay;
    const Result<UsageBreakdown> r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->resource, QStringLiteral("items"));
    QCOMPARE(r->bucketSeconds, kDay);
    QCOMPARE(r->bucketStartsMs, QList<qint64>({kT0.toMSecsSinceEpoch(), kT0.addDays(1).toMSecsSinceEpoch()}));
    // Peaks: a2 412.5 (day 1: 23 x 300 + 3000 over 24 h), a3 200, a1 150 (with a1x); a4 has none.
    QCOMPARE(describe(*r), QStringList({QStringLiteral("own:(1)=1000,1000"), QStringLiteral("child:a2(1)=412.5,300"),
                                         QStringLiteral("child:a3(1)=0,200"), QStringLiteral("child:a1(2)=150,100")}));
    QCOMPARE(r->groups.at(0).tenantId, q.tenant);
    QCOMPARE(r->groups.at(1).tenantId, idOf(QStringLiteral("a2")));
    QCOMPARE(r->groups.at(3).tenantId, idOf(QStringLiteral("a1")));

    // Hourly: the spike hour of a2 is its own bucket; a3 is 0 where it has no sample.
    q.bucketSeconds = kHour;
    const Result<UsageBreakdown> hourly = await(s->usageBreakdown(q));
    QVERIFY2(hourly.ok(), qPrintable(why(hourly)));
    QCOMPARE(hourly->bucketStartsMs.size(), 48);
    QCOMPARE(hourly->groups.size(), 4);
    QCOMPARE(hourly->groups.at(1).slug, QStringLiteral("a2"));
    QCOMPARE(hourly->groups.at(1).values.at(5), 3000.0);
    QCOMPARE(hourly->groups.at(1).values.at(6), 300.0);
    QCOMPARE(hourly->groups.at(2).values.at(23), 0.0);
    QCOMPARE(hourly->groups.at(2).values.at(24), 200.0);
    QCOMPARE(hourly->groups.at(3).values.at(0), 150.0);
    QCOMPARE(hourly->groups.at(3).values.at(47), 100.0);
}

void TstPgUsage::breakdownAddsUpToTheSubtree_data()
{
    QTest::addColumn<qint64>("bucket");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<int>("maxGroups");
    QTest::newRow("hourly") << kHour << 0 << 48 << 8;
    QTest::newRow("6 h, two groups") << 6 * kHour << 0 << 48 << 1;
    QTest::newRow("daily, window from noon") << kDay << 12 << 36 << 8;
    QTest::newRow("daily, all in others") << kDay << 0 << 48 << 0;
    QTest::newRow("weekly") << 7 * kDay << -100 << 100 << 2;
}

void TstPgUsage::breakdownAddsUpToTheSubtree()
{
    QFETCH(qint64, bucket);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(int, maxGroups);
    auto s = store();
    UsageBreakdownQuery q;
    q.tenant = idOf(QStringLiteral("acme"));
    q.resource = QStringLiteral("items");
    q.window = hoursAfterT0(from, to);
    q.bucketSeconds = bucket;
    q.maxGroups = maxGroups;
    const Result<UsageBreakdown> r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    const QList<double> expected = subtreeMeans(QStringLiteral("acme"), q.resource, q.window, bucket);
    QCOMPARE(r->bucketStartsMs.size(), expected.size());
    int tenants = 0;
    for (const UsageBreakdown::Group &g : r->groups) {
        QCOMPARE(g.values.size(), expected.size());
        tenants += g.tenants;
    }
    QCOMPARE(tenants, 5); // acme, a1 + a1x, a2, a3 (a4 has no samples)
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(r->bucketStartsMs.at(i), bucketStartMs(r->bucketStartsMs.at(i), bucket));
        double sum = 0;
        for (const UsageBreakdown::Group &g : r->groups)
            sum += g.values.at(i);
        QVERIFY2(std::abs(sum - expected.at(i)) < 1e-6, qPrintable(QStringLiteral("bucket %1: %2 vs %3").arg(i).arg(sum).arg(expected.at(i))));
    }
}

void TstPgUsage::breakdownFoldsTheRestIntoOthers()
{
    auto s = store();
    UsageBreakdownQuery q;
    q.tenant = idOf(QStringLiteral("acme"));
    q.resource = QStringLiteral("items");
    q.window = hoursAfterT0(0, 48);
    q.bucketSeconds = kDay;
    q.maxGroups = 1;
    Result<UsageBreakdown> r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(describe(*r), QStringList({QStringLiteral("own:(1)=1000,1000"), QStringLiteral("child:a2(1)=412.5,300"),
                                         QStringLiteral("others:(3)=150,300")}));
    QVERIFY(r->groups.last().tenantId.isNull());

    q.maxGroups = 0;
    r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(describe(*r), QStringList({QStringLiteral("own:(1)=1000,1000"), QStringLiteral("others:(4)=562.5,600")}));

    // Exactly as many children as groups: no "others".
    q.maxGroups = 3;
    r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->groups.size(), 4);
    QCOMPARE(r->groups.last().kind, UsageBreakdown::Group::Kind::Child);

    // A leaf: its own usage only.
    q.tenant = idOf(QStringLiteral("a1x"));
    r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(describe(*r), QStringList({QStringLiteral("own:(1)=50")}));
}

void TstPgUsage::breakdownOfAnEmptyWindow()
{
    auto s = store();
    UsageBreakdownQuery q;
    q.tenant = idOf(QStringLiteral("acme"));
    q.resource = QStringLiteral("items");
    q.window = hoursAfterT0(100, 200);
    const Result<UsageBreakdown> r = await(s->usageBreakdown(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->bucketStartsMs.isEmpty());
    QVERIFY(r->groups.isEmpty());
    // A resource of the catalog that is not metered: no samples, no error.
    q.window = hoursAfterT0(0, 48);
    q.resource = QStringLiteral("api_keys");
    const Result<UsageBreakdown> unmetered = await(s->usageBreakdown(q));
    QVERIFY2(unmetered.ok(), qPrintable(why(unmetered)));
    QVERIFY(unmetered->groups.isEmpty());
}

void TstPgUsage::breakdownRefusals()
{
    auto s = store();
    UsageBreakdownQuery q;
    q.tenant = idOf(QStringLiteral("acme"));
    q.resource = QStringLiteral("gold");
    q.window = hoursAfterT0(0, 48);
    Result<UsageBreakdown> r = await(s->usageBreakdown(q));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QLatin1String("\"gold\" is not a resource")), qPrintable(r.error().message));

    q.resource = QStringLiteral("items");
    q.tenant = QUuid::createUuid();
    r = await(s->usageBreakdown(q));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::NotFound);

    q.tenant = {};
    r = await(s->usageBreakdown(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);

    q.tenant = idOf(QStringLiteral("acme"));
    q.maxGroups = -1;
    r = await(s->usageBreakdown(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QLatin1String("can't be negative")), qPrintable(r.error().message));

    q.maxGroups = 8;
    q.bucketSeconds = 0;
    r = await(s->usageBreakdown(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);

    q.bucketSeconds = 1;
    q.window = {kT0, kT0.addDays(2)}; // 172,800 buckets
    r = await(s->usageBreakdown(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QLatin1String("172800 buckets")), qPrintable(r.error().message));

    q.bucketSeconds = kHour;
    q.window = {kT0, kT0};
    r = await(s->usageBreakdown(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);
}

void TstPgUsage::topConsumersOrderAndLimits()
{
    auto s = store();
    TopConsumersQuery q;
    q.resource = QStringLiteral("queries_per_minute");
    const Result<QList<TopConsumer>> r = await(s->topConsumers(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QStringList order;
    for (const TopConsumer &c : *r)
        order << c.slug;
    // A limit of 0 with usage first; then by share: 96 %, 95 %, 75 %, 50 %, 45 %; then no limit by usage.
    QCOMPARE(order, QStringList({QStringLiteral("capped0"), QStringLiteral("big-a"), QStringLiteral("big-b-1"),
                                 QStringLiteral("big-b"), QStringLiteral("big"), QStringLiteral("al-qpm"),
                                 QStringLiteral("free2"), QStringLiteral("free")}));

    const TopConsumer &bigA = r->at(1);
    QCOMPARE(bigA.tenantId, idOf(QStringLiteral("big-a")));
    QCOMPARE(bigA.displayName, QStringLiteral("big-a"));
    QCOMPARE(bigA.resource, q.resource);
    QCOMPARE(bigA.unit, ResourceUnit::PerMinute);
    QCOMPARE(bigA.state, LifecycleState::Active);
    QCOMPARE(bigA.used, 960);
    QCOMPARE(bigA.limit, std::optional<qint64>(1000)); // the parent's
    QCOMPARE(bigA.ownLimit, false);
    QCOMPARE(bigA.path, QStringList({QStringLiteral("big")}));
    QCOMPARE(bigA.softThresholds, QList<int>({80, 90, 95}));
    QCOMPARE(bigA.subtreeUsed, 960);
    QCOMPARE(bigA.subtreeTenants, 1);
    // +2 per hour, exactly; the last 14 days up to the newest sample are 336 hourly samples.
    QVERIFY(bigA.trend.has_value());
    QCOMPARE(bigA.trend->samples, 336);
    QCOMPARE(bigA.trend->originMs, kT1.toMSecsSinceEpoch());
    QVERIFY2(std::abs(bigA.trend->slopePerSecond - 2.0 / 3600) < 1e-12, qPrintable(QString::number(bigA.trend->slopePerSecond, 'g', 17)));
    QVERIFY2(std::abs(bigA.trend->valueAtOriginMs - 960) < 1e-6, qPrintable(QString::number(bigA.trend->valueAtOriginMs, 'g', 17)));
    QVERIFY(std::abs(bigA.trend->perDay() - 48) < 1e-6);

    const TopConsumer &grandchild = r->at(2);
    QCOMPARE(grandchild.path, QStringList({QStringLiteral("big"), QStringLiteral("big-b")}));
    QCOMPARE(grandchild.limit, std::optional<qint64>(200)); // the nearest ancestor's, not the top's
    QCOMPARE(grandchild.ownLimit, false);
    QCOMPARE(grandchild.fraction(), std::optional<double>(0.95));
    QVERIFY(grandchild.trend.has_value());
    QCOMPARE(grandchild.trend->samples, 2);
    QVERIFY(std::abs(grandchild.trend->slopePerSecond - 20.0 / 86400) < 1e-12);
    QVERIFY(std::abs(grandchild.trend->valueAtOriginMs - 190) < 1e-6);

    const TopConsumer &bigB = r->at(3);
    QCOMPARE(bigB.limit, std::optional<qint64>(200));
    QCOMPARE(bigB.ownLimit, true);
    QCOMPARE(bigB.softThresholds, QList<int>({50, 70}));
    QCOMPARE(bigB.subtreeUsed, 150 + 190);
    QCOMPARE(bigB.subtreeTenants, 2);
    QVERIFY(!bigB.trend.has_value()); // its other sample is 16 days old

    const TopConsumer &big = r->at(4);
    QCOMPARE(big.ownLimit, true);
    QVERIFY(big.path.isEmpty());
    QCOMPARE(big.subtreeUsed, 500 + 960 + 150 + 190); // big-del left out
    QCOMPARE(big.subtreeTenants, 4);
    QVERIFY(!big.trend.has_value());

    QCOMPARE(r->at(0).limit, std::optional<qint64>(0));
    QCOMPARE(r->at(5).limit, std::optional<qint64>(1000));
    QCOMPARE(r->at(5).ownLimit, false); // an own row without a limit of its own
    QCOMPARE(r->at(5).softThresholds, QList<int>({40}));
    QCOMPARE(r->at(6).limit, std::optional<qint64>());
    QCOMPARE(r->at(6).used, 7000);

    // The limit cuts the list after the order.
    q.limit = 3;
    const Result<QList<TopConsumer>> three = await(s->topConsumers(q));
    QVERIFY2(three.ok(), qPrintable(why(three)));
    QCOMPARE(three->size(), 3);
    QCOMPARE(three->at(2).slug, QStringLiteral("big-b-1"));
}

void TstPgUsage::topConsumersIncludeDeletedOnRequest()
{
    auto s = store();
    TopConsumersQuery q;
    q.resource = QStringLiteral("queries_per_minute");
    q.includeDeleted = true;
    const Result<QList<TopConsumer>> r = await(s->topConsumers(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->size(), 9);
    QCOMPARE(r->at(1).slug, QStringLiteral("big-del"));
    QCOMPARE(r->at(1).state, LifecycleState::Deleted);
    for (const TopConsumer &c : *r) {
        if (c.slug == QLatin1String("big")) {
            QCOMPARE(c.subtreeUsed, 500 + 960 + 150 + 190 + 999);
            QCOMPARE(c.subtreeTenants, 5);
        }
    }
}

void TstPgUsage::topConsumersRefusals()
{
    auto s = store();
    TopConsumersQuery q;
    q.resource = QStringLiteral("gold");
    Result<QList<TopConsumer>> r = await(s->topConsumers(q));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QLatin1String("\"gold\" is not a resource")), qPrintable(r.error().message));

    q.resource = QStringLiteral("Robert'); DROP TABLE tenancy.tenants; --");
    r = await(s->topConsumers(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);

    q.resource = QStringLiteral("items");
    q.limit = 0;
    r = await(s->topConsumers(q));
    QCOMPARE(r.ok() ? ErrorKind::Internal : r.error().kind, ErrorKind::Validation);

    // A resource nobody uses: an empty list.
    q.limit = 10;
    q.resource = QStringLiteral("api_keys");
    r = await(s->topConsumers(q));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->isEmpty());
}

void TstPgUsage::treeRowsCarryTheAlert_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("resource"); // empty: no alert
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("level");
    QTest::addColumn<qint64>("used");
    QTest::addColumn<qint64>("limit");
    QTest::newRow("below the first threshold") << QStringLiteral("al-none") << QString() << 0 << 0 << 0LL << 0LL;
    QTest::newRow("first threshold") << QStringLiteral("al-warn") << QStringLiteral("items") << 80
                                     << int(AlertLevel::Warning) << 850LL << 1000LL;
    QTest::newRow("second threshold") << QStringLiteral("al-high") << QStringLiteral("items") << 90
                                      << int(AlertLevel::High) << 920LL << 1000LL;
    QTest::newRow("last threshold") << QStringLiteral("al-crit") << QStringLiteral("items") << 95
                                    << int(AlertLevel::Critical) << 960LL << 1000LL;
    QTest::newRow("over the limit") << QStringLiteral("al-over") << QStringLiteral("items") << 100
                                    << int(AlertLevel::Critical) << 1200LL << 1000LL;
    QTest::newRow("higher threshold wins") << QStringLiteral("al-two") << QStringLiteral("storage_bytes") << 90
                                           << int(AlertLevel::High) << 9000LL << 10000LL;
    QTest::newRow("same threshold: higher share wins") << QStringLiteral("al-tie") << QStringLiteral("items") << 80
                                                       << int(AlertLevel::Warning) << 850LL << 1000LL;
    QTest::newRow("own thresholds, inherited limit") << QStringLiteral("al-own") << QStringLiteral("items") << 50
                                                     << int(AlertLevel::Warning) << 550LL << 1000LL;
    QTest::newRow("the higher level wins, not the higher threshold")
        << QStringLiteral("al-level") << QStringLiteral("items") << 60 << int(AlertLevel::Critical) << 650LL << 1000LL;
    QTest::newRow("own thresholds above the usage") << QStringLiteral("al-own2") << QString() << 0 << 0 << 0LL << 0LL;
    QTest::newRow("no limit anywhere") << QStringLiteral("solo") << QString() << 0 << 0 << 0LL << 0LL;
    QTest::newRow("queries per minute") << QStringLiteral("big-a") << QStringLiteral("queries_per_minute") << 95
                                        << int(AlertLevel::Critical) << 960LL << 1000LL;
    QTest::newRow("own thresholds 50/70 at 75 %") << QStringLiteral("big-b") << QStringLiteral("queries_per_minute") << 70
                                                  << int(AlertLevel::Critical) << 150LL << 200LL;
    QTest::newRow("queries per minute, own thresholds, inherited limit")
        << QStringLiteral("al-qpm") << QStringLiteral("queries_per_minute") << 40 << int(AlertLevel::Critical) << 450LL << 1000LL;
    QTest::newRow("a limit of 0") << QStringLiteral("capped0") << QStringLiteral("queries_per_minute") << 100
                                  << int(AlertLevel::Critical) << 1LL << 0LL;
    QTest::newRow("parent without usage") << QStringLiteral("alerts") << QString() << 0 << 0 << 0LL << 0LL;
}

void TstPgUsage::treeRowsCarryTheAlert()
{
    QFETCH(QString, slug);
    QFETCH(QString, resource);
    QFETCH(int, threshold);
    QFETCH(int, level);
    QFETCH(qint64, used);
    QFETCH(qint64, limit);
    auto s = store();

    // As a page of its parent's children (the tree) and read alone.
    const QUuid id = idOf(slug);
    const Result<Tenant> alone = await(s->tenant(id));
    QVERIFY2(alone.ok(), qPrintable(why(alone)));
    const Result<TenantPage> page = await(s->children(alone->parentId, {}, 200));
    QVERIFY2(page.ok(), qPrintable(why(page)));
    const auto inPage = std::find_if(page->tenants.begin(), page->tenants.end(), [&](const Tenant &t) { return t.id == id; });
    QVERIFY(inPage != page->tenants.end());

    for (const Tenant &t : {*alone, *inPage}) {
        QCOMPARE(t.alert.has_value(), !resource.isEmpty());
        if (resource.isEmpty())
            continue;
        QCOMPARE(t.alert->resource, resource);
        QCOMPARE(t.alert->threshold, threshold);
        QCOMPARE(int(t.alert->level), level);
        QCOMPARE(t.alert->used, used);
        QCOMPARE(t.alert->limit, limit);
        const QString display = resource == QLatin1String("items")           ? QStringLiteral("Memory items")
                              : resource == QLatin1String("storage_bytes") ? QStringLiteral("Storage")
                                                                           : QStringLiteral("Queries per minute");
        QCOMPARE(t.alert->displayName, display);
        const ResourceUnit unit = resource == QLatin1String("items")           ? ResourceUnit::Count
                                : resource == QLatin1String("storage_bytes") ? ResourceUnit::Bytes
                                                                             : ResourceUnit::PerMinute;
        QCOMPARE(t.alert->unit, unit);
    }
}

void TstPgUsage::alertOnAllTenantReads()
{
    auto s = store();
    // tenants() and search() read the same columns.
    const Result<QList<Tenant>> several = await(s->tenants({idOf(QStringLiteral("al-crit")), idOf(QStringLiteral("al-none"))}));
    QVERIFY2(several.ok(), qPrintable(why(several)));
    QCOMPARE(several->size(), 2);
    for (const Tenant &t : *several)
        QCOMPARE(t.alert.has_value(), t.slug == QLatin1String("al-crit"));

    const Result<SearchResult> found = await(s->search(QStringLiteral("al-hi")));
    QVERIFY2(found.ok(), qPrintable(why(found)));
    QCOMPARE(found->matches.size(), 1);
    QVERIFY(found->matches.first().tenant.alert.has_value());
    QCOMPARE(found->matches.first().tenant.alert->level, AlertLevel::High);
    QCOMPARE(found->matches.first().ancestors.size(), 1);
    QVERIFY(!found->matches.first().ancestors.first().alert.has_value());

    // The top level reads none of a parent's limits: big-a's parent "big" is at 50 %.
    const Result<TenantPage> top = await(s->children({}, QStringLiteral("bf"), 1));
    QVERIFY2(top.ok(), qPrintable(why(top)));
    QCOMPARE(top->tenants.first().slug, QStringLiteral("big"));
    QVERIFY(!top->tenants.first().alert.has_value());

    // The alert follows the usage: a new sample above the limit raises it.
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                       "SELECT id, 'items', %1 + interval '1 hour', 990 FROM tenancy.tenants "
                                       "WHERE slug = 'al-none'")
                            .arg(QString::fromLatin1(kT1Sql))),
             QString());
    const Result<Tenant> raised = await(s->tenant(idOf(QStringLiteral("al-none"))));
    QVERIFY2(raised.ok(), qPrintable(why(raised)));
    QVERIFY(raised->alert.has_value());
    QCOMPARE(raised->alert->threshold, 95);
    QCOMPARE(m_db->exec(QStringLiteral("DELETE FROM tenancy.usage_samples s USING tenancy.tenants t WHERE t.id = s.tenant_id "
                                       "AND t.slug = 'al-none' AND s.value = 990; "
                                       "UPDATE tenancy.usage_current c SET value = 500, at = %1 FROM tenancy.tenants t "
                                       "WHERE t.id = c.tenant_id AND t.slug = 'al-none' AND c.resource = 'items'")
                            .arg(QString::fromLatin1(kT1Sql))),
             QString());
}

void TstPgUsage::auditorReadsAllOfIt()
{
    for (const QString &user : {kAuditor, kOperator}) {
        auto s = store(user);
        const Result<UsageSeriesSet> series = await(s->usageSeries(
            seriesQuery(idOf(QStringLiteral("solo")), hoursAfterT0(0, 48), kDay, {QStringLiteral("items")})));
        QVERIFY2(series.ok(), qPrintable(why(series)));
        QCOMPARE(series->series.first().buckets.at(1).max, 5000);

        UsageBreakdownQuery bq;
        bq.tenant = idOf(QStringLiteral("acme"));
        bq.resource = QStringLiteral("items");
        bq.window = hoursAfterT0(0, 48);
        bq.bucketSeconds = kDay;
        const Result<UsageBreakdown> breakdown = await(s->usageBreakdown(bq));
        QVERIFY2(breakdown.ok(), qPrintable(why(breakdown)));
        QCOMPARE(describe(*breakdown).size(), 4);
        QCOMPARE(describe(breakdown->groups.at(1)), QStringLiteral("child:a2(1)=412.5,300"));

        TopConsumersQuery tq;
        tq.resource = QStringLiteral("queries_per_minute");
        const Result<QList<TopConsumer>> top = await(s->topConsumers(tq));
        QVERIFY2(top.ok(), qPrintable(why(top)));
        QCOMPARE(top->size(), 8);
        QCOMPARE(top->at(1).slug, QStringLiteral("big-a"));
        QVERIFY(top->at(1).trend.has_value());
        QCOMPARE(top->at(2).path, QStringList({QStringLiteral("big"), QStringLiteral("big-b")}));

        const Result<TenantPage> page = await(s->children(idOf(QStringLiteral("alerts")), {}, 200));
        QVERIFY2(page.ok(), qPrintable(why(page)));
        int alerts = 0;
        for (const Tenant &t : page->tenants)
            alerts += t.alert.has_value() ? 1 : 0;
        QCOMPARE(alerts, 9); // all but al-none and al-own2
    }
}

QTEST_GUILESS_MAIN(TstPgUsage)
#include "tst_pgusage.moc"
