// The usage domain functions: preset windows, bucket widths and alignment, peak-keeping
// downsampling, thresholds and alert levels, the trend fit and the limit projection.

#include "models/domain/usage.h"

#include <QtTest>

#include <limits>
#include <optional>

using namespace tc;

Q_DECLARE_METATYPE(tc::UsageRange)
Q_DECLARE_METATYPE(tc::AlertLevel)
Q_DECLARE_METATYPE(tc::LimitProjection::Kind)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
const std::optional<qint64> kNone;

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

QString describe(const UsageBucket &b)
{
    return QStringLiteral("{start %1, min %2, max %3, mean %4, last %5, samples %6}")
        .arg(b.startMs)
        .arg(b.min)
        .arg(b.max)
        .arg(b.mean, 0, 'g', 17)
        .arg(b.last)
        .arg(b.samples);
}

QString describe(const QList<UsageBucket> &buckets)
{
    QStringList parts;
    for (const UsageBucket &b : buckets)
        parts << describe(b);
    return parts.join(QStringLiteral(", "));
}

// Hourly samples starting at `startMs`, one per value.
QList<UsageSample> hourly(qint64 startMs, const QList<qint64> &values)
{
    QList<UsageSample> out;
    for (int i = 0; i < values.size(); ++i)
        out << UsageSample{startMs + i * kHourMs, values.at(i)};
    return out;
}

// A trend through (now, valueAtNow) rising `perDay`.
LinearTrend trendAt(const QDateTime &now, double valueAtNow, double perDay)
{
    LinearTrend t;
    t.originMs = now.toMSecsSinceEpoch();
    t.valueAtOriginMs = valueAtNow;
    t.slopePerSecond = perDay / 86400.0;
    t.samples = 14 * 24;
    return t;
}

} // namespace

class TstUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowFor_data();
    void windowFor();
    void windowIsUtcWhateverTheZoneOfNow();
    void bucketSecondsFor_data();
    void bucketSecondsFor();
    void bucketStartMs_data();
    void bucketStartMs();
    void downsampleMinMax_data();
    void downsampleMinMax();
    void thresholds_data();
    void thresholds();
    void fitTrend_data();
    void fitTrend();
    void projectLimit_data();
    void projectLimit();
    void projectLimitIgnoresStaleTrends_data();
    void projectLimitIgnoresStaleTrends();
};

void TstUsage::windowFor_data()
{
    QTest::addColumn<UsageRange>("range");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");

    const QDateTime mid = utc(2026, 3, 10, 14, 25, 7, 120);
    const QDateTime end = utc(2026, 3, 10, 15);
    QTest::newRow("24 h") << UsageRange::Last24Hours << mid << utc(2026, 3, 9, 15) << end;
    QTest::newRow("7 d") << UsageRange::Last7Days << mid << utc(2026, 3, 3, 15) << end;
    QTest::newRow("30 d") << UsageRange::Last30Days << mid << utc(2026, 2, 8, 15) << end;
    QTest::newRow("90 d") << UsageRange::Last90Days << mid << utc(2025, 12, 10, 15) << end;
    QTest::newRow("1 y (365 d)") << UsageRange::LastYear << mid << utc(2025, 3, 10, 15) << end;
    QTest::newRow("1 y over a leap day") << UsageRange::LastYear << utc(2028, 3, 10, 14, 25) << utc(2027, 3, 11, 15)
                                         << utc(2028, 3, 10, 15);
    QTest::newRow("on the hour: the hour under way is inside")
        << UsageRange::Last24Hours << utc(2026, 3, 10, 14) << utc(2026, 3, 9, 15) << end;
    QTest::newRow("1 ms before the hour") << UsageRange::Last24Hours << utc(2026, 3, 10, 14, 59, 59, 999)
                                          << utc(2026, 3, 9, 15) << end;
    QTest::newRow("across midnight and a year") << UsageRange::Last7Days << utc(2026, 12, 31, 23, 30)
                                                << utc(2026, 12, 25) << utc(2027, 1, 1);
    QTest::newRow("custom: no preset") << UsageRange::Custom << mid << QDateTime() << QDateTime();
    QTest::newRow("invalid now") << UsageRange::Last7Days << QDateTime() << QDateTime() << QDateTime();
}

void TstUsage::windowFor()
{
    QFETCH(UsageRange, range);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);

    const TimeWindow w = tc::windowFor(range, now);
    QCOMPARE(w.from, from);
    QCOMPARE(w.to, to);
    QCOMPARE(w.isValid(), from.isValid());
    if (w.isValid()) {
        QCOMPARE(w.to.timeSpec(), Qt::UTC);
        QVERIFY(w.from <= now && now < w.to);
        QCOMPARE(w.to.toMSecsSinceEpoch() % kHourMs, 0);
    }
}

void TstUsage::windowIsUtcWhateverTheZoneOfNow()
{
    // 16:25 at UTC+02:00 is 14:25 UTC.
    const QDateTime now(QDate(2026, 3, 10), QTime(16, 25), Qt::OffsetFromUTC, 2 * 3600);
    const TimeWindow w = tc::windowFor(UsageRange::Last24Hours, now);
    QCOMPARE(w.to, utc(2026, 3, 10, 15));
    QCOMPARE(w.to.timeSpec(), Qt::UTC);
    QCOMPARE(w.seconds(), qint64(86400));
}

void TstUsage::bucketSecondsFor_data()
{
    QTest::addColumn<qint64>("windowSeconds");
    QTest::addColumn<int>("pixels");
    QTest::addColumn<qint64>("minSeconds");
    QTest::addColumn<qint64>("expected");

    const qint64 day = 86400;
    QTest::newRow("1 y at 1000 px: 1 day") << 365 * day << 1000 << qint64(3600) << day;
    QTest::newRow("1 y at 800 px: 1 day") << 365 * day << 800 << qint64(3600) << day;
    QTest::newRow("1 y at 100 px: 14 days") << 365 * day << 100 << qint64(3600) << 14 * day;
    QTest::newRow("90 d at 800 px: 6 h") << 90 * day << 800 << qint64(3600) << qint64(6 * 3600);
    QTest::newRow("30 d at 800 px: 2 h") << 30 * day << 800 << qint64(3600) << qint64(2 * 3600);
    QTest::newRow("7 d at 800 px: 1 h (the sample interval)") << 7 * day << 800 << qint64(3600) << qint64(3600);
    QTest::newRow("24 h at 1000 px: never below the samples") << day << 1000 << qint64(3600) << qint64(3600);
    QTest::newRow("24 h at 1000 px, minute samples: 5 min") << day << 1000 << qint64(60) << qint64(300);
    QTest::newRow("exactly one step: 2 px a bucket") << 500 * qint64(7200) << 1000 << qint64(3600) << qint64(7200);
    QTest::newRow("one second over a step: the next") << 500 * qint64(7200) + 1 << 1000 << qint64(3600) << qint64(3 * 3600);
    QTest::newRow("10 y at 100 px: whole months (90 d)") << 3650 * day << 100 << qint64(3600) << 90 * day;
    QTest::newRow("minSeconds between steps: 1.5 h -> 2 h") << day << 1000 << qint64(5400) << qint64(7200);
    QTest::newRow("minSeconds beyond the steps: 40 d -> 60 d") << 30 * day << 1000 << 40 * day << 60 * day;
    QTest::newRow("0 px: one bucket over the window, snapped") << 7 * day << 0 << qint64(3600) << 7 * day;
    QTest::newRow("negative px") << 7 * day << -50 << qint64(3600) << 7 * day;
    QTest::newRow("invalid window: minSeconds") << qint64(0) << 800 << qint64(3600) << qint64(3600);
    QTest::newRow("invalid window, minSeconds 0: 1 s") << qint64(0) << 800 << qint64(0) << qint64(1);
}

void TstUsage::bucketSecondsFor()
{
    QFETCH(qint64, windowSeconds);
    QFETCH(int, pixels);
    QFETCH(qint64, minSeconds);
    QFETCH(qint64, expected);

    const QDateTime from = utc(2026, 1, 1);
    const TimeWindow window{from, from.addSecs(windowSeconds)};
    const qint64 got = tc::bucketSecondsFor(window, pixels, minSeconds);
    QCOMPARE(got, expected);
    QVERIFY(got >= std::max<qint64>(1, minSeconds));
    // About one bucket per two pixels, at most.
    if (window.isValid() && pixels >= 2)
        QVERIFY(window.seconds() / got <= pixels / 2);
}

void TstUsage::bucketStartMs_data()
{
    QTest::addColumn<qint64>("atMs");
    QTest::addColumn<qint64>("bucketSeconds");
    QTest::addColumn<qint64>("expected");

    const qint64 day = utc(2026, 3, 10).toMSecsSinceEpoch();
    QTest::newRow("epoch") << qint64(0) << qint64(3600) << qint64(0);
    QTest::newRow("last ms of the first hour") << kHourMs - 1 << qint64(3600) << qint64(0);
    QTest::newRow("on a boundary") << kHourMs << qint64(3600) << kHourMs;
    QTest::newRow("daily, mid-afternoon") << day + 14 * kHourMs + 25 * 60000 << qint64(86400) << day;
    QTest::newRow("daily, last ms") << day + kDayMs - 1 << qint64(86400) << day;
    QTest::newRow("2 h, odd hour") << day + 5 * kHourMs + 1 << qint64(7200) << day + 4 * kHourMs;
    QTest::newRow("1 ms before the epoch") << qint64(-1) << qint64(3600) << -kHourMs;
    QTest::newRow("negative, on a boundary") << -kHourMs << qint64(3600) << -kHourMs;
    QTest::newRow("negative, 1 ms past a boundary") << -kHourMs + 1 << qint64(3600) << -kHourMs;
    QTest::newRow("negative, 1 ms before a boundary") << -kHourMs - 1 << qint64(3600) << -2 * kHourMs;
    QTest::newRow("1969, daily") << utc(1969, 7, 20, 20, 17).toMSecsSinceEpoch() << qint64(86400)
                                 << utc(1969, 7, 20).toMSecsSinceEpoch();
    QTest::newRow("bucket 0 s: treated as 1 s") << qint64(1500) << qint64(0) << qint64(1000);
    QTest::newRow("bucket 0 s, negative") << qint64(-1500) << qint64(0) << qint64(-2000);
}

void TstUsage::bucketStartMs()
{
    QFETCH(qint64, atMs);
    QFETCH(qint64, bucketSeconds);
    QFETCH(qint64, expected);

    const qint64 got = tc::bucketStartMs(atMs, bucketSeconds);
    QCOMPARE(got, expected);
    const qint64 width = std::max<qint64>(1, bucketSeconds) * 1000;
    QVERIFY(got <= atMs && atMs < got + width);
}

void TstUsage::downsampleMinMax_data()
{
    QTest::addColumn<QList<UsageSample>>("samples");
    QTest::addColumn<qint64>("bucketSeconds");
    QTest::addColumn<QList<UsageBucket>>("expected");

    const qint64 t0 = utc(2026, 3, 10).toMSecsSinceEpoch();
    QTest::newRow("nothing") << QList<UsageSample>{} << qint64(3600) << QList<UsageBucket>{};
    QTest::newRow("one sample") << hourly(t0, {42}) << qint64(3600) << QList<UsageBucket>{{t0, 42, 42, 42.0, 42, 1}};
    QTest::newRow("hourly stays hourly") << hourly(t0, {5, 9, 7}) << qint64(3600)
                                         << QList<UsageBucket>{{t0, 5, 5, 5.0, 5, 1},
                                                               {t0 + kHourMs, 9, 9, 9.0, 9, 1},
                                                               {t0 + 2 * kHourMs, 7, 7, 7.0, 7, 1}};
    // A one-hour spike in a day of flat usage: the max keeps it, the mean would hide it.
    QList<qint64> day(24, 100);
    day[13] = 100000;
    QTest::newRow("a spike survives a daily bucket")
        << hourly(t0, day) << qint64(86400) << QList<UsageBucket>{{t0, 100, 100000, (23 * 100 + 100000) / 24.0, 100, 24}};
    QTest::newRow("a dip survives too") << hourly(t0, {50, 50, 0, 50}) << qint64(4 * 3600)
                                        << QList<UsageBucket>{{t0, 0, 50, 37.5, 50, 4}};
    QTest::newRow("last is the newest, not the largest") << hourly(t0, {1, 30, 2}) << qint64(86400)
                                                         << QList<UsageBucket>{{t0, 1, 30, 11.0, 2, 3}};
    QList<UsageSample> gap = hourly(t0, {1, 2});
    gap << UsageSample{t0 + 4 * kHourMs, 6} << UsageSample{t0 + 5 * kHourMs, 8};
    QTest::newRow("a gap is absent, not zero")
        << gap << qint64(3600)
        << QList<UsageBucket>{{t0, 1, 1, 1.0, 1, 1}, {t0 + kHourMs, 2, 2, 2.0, 2, 1}, {t0 + 4 * kHourMs, 6, 6, 6.0, 6, 1},
                              {t0 + 5 * kHourMs, 8, 8, 8.0, 8, 1}};
    QTest::newRow("a gap in 2 h buckets") << gap << qint64(7200)
                                          << QList<UsageBucket>{{t0, 1, 2, 1.5, 2, 2}, {t0 + 4 * kHourMs, 6, 8, 7.0, 8, 2}};
    QTest::newRow("buckets split on the boundary, not on the first sample")
        << hourly(t0 + kHourMs, {1, 2, 3}) << qint64(7200)
        << QList<UsageBucket>{{t0, 1, 1, 1.0, 1, 1}, {t0 + 2 * kHourMs, 2, 3, 2.5, 3, 2}};
    QTest::newRow("several samples within an hour")
        << QList<UsageSample>{{t0, 4}, {t0 + 60000, 10}, {t0 + kHourMs - 1, 1}, {t0 + kHourMs, 3}} << qint64(3600)
        << QList<UsageBucket>{{t0, 1, 10, 5.0, 1, 3}, {t0 + kHourMs, 3, 3, 3.0, 3, 1}};
    QTest::newRow("around the epoch") << QList<UsageSample>{{-2, 7}, {-1, 9}, {0, 1}} << qint64(3600)
                                      << QList<UsageBucket>{{-kHourMs, 7, 9, 8.0, 9, 2}, {0, 1, 1, 1.0, 1, 1}};
    const qint64 tb = 5'000'000'000'000;
    QTest::newRow("byte counts beyond 32 bits") << hourly(t0, {tb, tb + 3, tb + 1}) << qint64(86400)
                                                << QList<UsageBucket>{{t0, tb, tb + 3, (3.0 * double(tb) + 4.0) / 3.0, tb + 1, 3}};
    QTest::newRow("negative values") << hourly(t0, {-5, 5}) << qint64(86400) << QList<UsageBucket>{{t0, -5, 5, 0.0, 5, 2}};
}

void TstUsage::downsampleMinMax()
{
    QFETCH(QList<UsageSample>, samples);
    QFETCH(qint64, bucketSeconds);
    QFETCH(QList<UsageBucket>, expected);

    const QList<UsageBucket> got = tc::downsampleMinMax(samples, bucketSeconds);
    const QString message = QStringLiteral("got [%1]\nexpected [%2]").arg(describe(got), describe(expected));
    QVERIFY2(got.size() == expected.size(), qPrintable(message));
    for (int i = 0; i < got.size(); ++i) {
        const UsageBucket &a = got.at(i);
        const UsageBucket &e = expected.at(i);
        QVERIFY2(a.startMs == e.startMs && a.min == e.min && a.max == e.max && a.last == e.last
                     && a.samples == e.samples && qAbs(a.mean - e.mean) <= 1e-6,
                 qPrintable(message));
    }
    // The invariants the chart relies on, whatever the data.
    qint64 previous = std::numeric_limits<qint64>::min();
    int total = 0;
    for (const UsageBucket &b : got) {
        QVERIFY(b.startMs > previous);
        QCOMPARE(b.startMs, tc::bucketStartMs(b.startMs, bucketSeconds));
        QVERIFY(b.min <= b.mean && b.mean <= b.max);
        previous = b.startMs;
        total += b.samples;
    }
    QCOMPARE(total, int(samples.size()));
}

void TstUsage::thresholds_data()
{
    QTest::addColumn<std::optional<qint64>>("used");
    QTest::addColumn<std::optional<qint64>>("limit");
    QTest::addColumn<QList<int>>("thresholds");
    QTest::addColumn<int>("crossed");
    QTest::addColumn<AlertLevel>("level");

    const QList<int> soft{80, 90, 95};
    using O = std::optional<qint64>;
    QTest::newRow("unlimited") << O(900) << kNone << soft << 0 << AlertLevel::None;
    QTest::newRow("unlimited, huge usage") << O(kMax) << kNone << soft << 0 << AlertLevel::None;
    QTest::newRow("usage unknown") << kNone << O(1000) << soft << 0 << AlertLevel::None;
    QTest::newRow("nothing used") << O(0) << O(1000) << soft << 0 << AlertLevel::None;
    QTest::newRow("79.9 %") << O(799) << O(1000) << soft << 0 << AlertLevel::None;
    QTest::newRow("exactly 80 %") << O(800) << O(1000) << soft << 80 << AlertLevel::Warning;
    QTest::newRow("85 %") << O(850) << O(1000) << soft << 80 << AlertLevel::Warning;
    QTest::newRow("exactly 90 %") << O(900) << O(1000) << soft << 90 << AlertLevel::High;
    QTest::newRow("94.99 %") << O(9499) << O(10000) << soft << 90 << AlertLevel::High;
    QTest::newRow("exactly 95 %: the last threshold") << O(950) << O(1000) << soft << 95 << AlertLevel::Critical;
    QTest::newRow("at the limit") << O(1000) << O(1000) << soft << 100 << AlertLevel::Critical;
    QTest::newRow("over 100 %") << O(1500) << O(1000) << soft << 100 << AlertLevel::Critical;
    QTest::newRow("80 % of 1 byte is not 0 bytes") << O(0) << O(1) << soft << 0 << AlertLevel::None;
    QTest::newRow("80 % of 7: 5.6 -> 6 reaches it") << O(6) << O(7) << soft << 80 << AlertLevel::Warning;
    QTest::newRow("80 % of 7: 5 does not") << O(5) << O(7) << soft << 0 << AlertLevel::None;
    QTest::newRow("no thresholds, below the limit") << O(999) << O(1000) << QList<int>{} << 0 << AlertLevel::None;
    QTest::newRow("no thresholds, at the limit") << O(1000) << O(1000) << QList<int>{} << 100 << AlertLevel::Critical;
    QTest::newRow("one threshold reached") << O(700) << O(1000) << QList<int>{70} << 70 << AlertLevel::Critical;
    QTest::newRow("two thresholds, the first") << O(500) << O(1000) << QList<int>{50, 75} << 50 << AlertLevel::Warning;
    QTest::newRow("a zero limit, nothing used") << O(0) << O(0) << soft << 0 << AlertLevel::None;
    QTest::newRow("a zero limit, something used") << O(1) << O(0) << soft << 100 << AlertLevel::Critical;
    // 9 EB: used * 100 does not fit 64 bits.
    const qint64 nineEB = 9'000'000'000'000'000'000;
    QTest::newRow("huge, exactly 80 %") << O(7'200'000'000'000'000'000) << O(nineEB) << soft << 80 << AlertLevel::Warning;
    QTest::newRow("huge, 1 byte under 80 %") << O(7'199'999'999'999'999'999) << O(nineEB) << soft << 0 << AlertLevel::None;
    QTest::newRow("huge, 1 byte under 90 %") << O(8'099'999'999'999'999'999) << O(nineEB) << soft << 80 << AlertLevel::Warning;
    QTest::newRow("max limit, just under 80 %") << O(7'378'697'629'483'820'645) << O(kMax) << soft << 0 << AlertLevel::None;
    QTest::newRow("max limit, just over 80 %") << O(7'378'697'629'483'820'646) << O(kMax) << soft << 80 << AlertLevel::Warning;
    // Products of 70 bits: a long double (64-bit mantissa) would round this one up to 90 %.
    QTest::newRow("2 EB, 1 byte under 90 %") << O(1'883'745'742'102'761'995) << O(2'093'050'824'558'624'439) << soft << 80
                                              << AlertLevel::Warning;
    QTest::newRow("2 EB, at 90 %") << O(1'883'745'742'102'761'996) << O(2'093'050'824'558'624'439) << soft << 90
                                   << AlertLevel::High;
    QTest::newRow("8.4 EB, 1 byte under 95 %") << O(7'984'667'960'336'134'549) << O(8'404'913'642'459'088'999) << soft
                                                << 90 << AlertLevel::High;
    QTest::newRow("a threshold above 100 % of a huge limit") << O(kMax) << O(kMax / 2) << QList<int>{80, 150, 250}
                                                              << 150 << AlertLevel::Critical;
    QTest::newRow("max limit reached") << O(kMax) << O(kMax) << soft << 100 << AlertLevel::Critical;
    QTest::newRow("max usage over a small limit") << O(kMax) << O(1) << soft << 100 << AlertLevel::Critical;
}

void TstUsage::thresholds()
{
    QFETCH(std::optional<qint64>, used);
    QFETCH(std::optional<qint64>, limit);
    QFETCH(QList<int>, thresholds);
    QFETCH(int, crossed);
    QFETCH(AlertLevel, level);

    QCOMPARE(tc::crossedThreshold(used, limit, thresholds), crossed);
    QCOMPARE(tc::alertLevelFor(used, limit, thresholds), level);
}

void TstUsage::fitTrend_data()
{
    QTest::addColumn<QList<UsageSample>>("samples");
    QTest::addColumn<bool>("fits");
    QTest::addColumn<double>("perDay");
    QTest::addColumn<double>("valueAtFirst");

    const qint64 t0 = utc(2026, 3, 1).toMSecsSinceEpoch();
    QList<qint64> line;
    for (int i = 0; i < 14 * 24; ++i)
        line << 1'000'000 + 2 * i; // +2 an hour: 48 a day
    QTest::newRow("exact line, 14 days hourly") << hourly(t0, line) << true << 48.0 << 1'000'000.0;
    QTest::newRow("two points") << QList<UsageSample>{{t0, 10}, {t0 + kDayMs, 30}} << true << 20.0 << 10.0;
    QTest::newRow("falling") << hourly(t0, {100, 99, 98, 97}) << true << -24.0 << 100.0;
    QTest::newRow("flat") << hourly(t0, {5, 5, 5}) << true << 0.0 << 5.0;
    QTest::newRow("noise around a line")
        << QList<UsageSample>{{t0, 11}, {t0 + kDayMs, 19}, {t0 + 2 * kDayMs, 31}, {t0 + 3 * kDayMs, 39}} << true << 9.6 << 10.6;
    QList<qint64> bytes;
    for (int i = 0; i < 24; ++i)
        bytes << 4'000'000'000'000 + qint64(i) * 1'000'000'000;
    QTest::newRow("terabytes, epoch milliseconds") << hourly(t0, bytes) << true << 24e9 << 4e12;
    QTest::newRow("no samples") << QList<UsageSample>{} << false << 0.0 << 0.0;
    QTest::newRow("one sample") << QList<UsageSample>{{t0, 10}} << false << 0.0 << 0.0;
    QTest::newRow("all at the same time") << QList<UsageSample>{{t0, 1}, {t0, 5}, {t0, 9}} << false << 0.0 << 0.0;
}

void TstUsage::fitTrend()
{
    QFETCH(QList<UsageSample>, samples);
    QFETCH(bool, fits);
    QFETCH(double, perDay);
    QFETCH(double, valueAtFirst);

    const std::optional<LinearTrend> trend = tc::fitTrend(samples);
    QCOMPARE(trend.has_value(), fits);
    if (!trend)
        return;
    QCOMPARE(trend->samples, int(samples.size()));
    const double tolerance = 1e-9 * std::max(1.0, qAbs(valueAtFirst));
    QVERIFY2(qAbs(trend->perDay() - perDay) <= 1e-9 * std::max(1.0, qAbs(perDay)),
             qPrintable(QString::number(trend->perDay(), 'g', 17)));
    const qint64 first = samples.constFirst().atMs;
    QVERIFY2(qAbs(trend->valueAt(first) - valueAtFirst) <= tolerance,
             qPrintable(QString::number(trend->valueAt(first), 'g', 17)));
    // Ten days later the line has moved ten days' slope.
    QVERIFY(qAbs(trend->valueAt(first + 10 * kDayMs) - (valueAtFirst + 10 * perDay)) <= tolerance + 1e-9 * qAbs(10 * perDay));
}

void TstUsage::projectLimit_data()
{
    QTest::addColumn<bool>("hasTrend");
    QTest::addColumn<double>("valueNow"); // the trend's value now
    QTest::addColumn<double>("perDay");
    QTest::addColumn<std::optional<qint64>>("used");
    QTest::addColumn<std::optional<qint64>>("limit");
    QTest::addColumn<LimitProjection::Kind>("kind");
    QTest::addColumn<qint64>("inMs"); // Reaches: from now; -1 = no date

    using K = LimitProjection::Kind;
    using O = std::optional<qint64>;
    QTest::newRow("unlimited") << true << 100.0 << 10.0 << O(100) << kNone << K::Unlimited << qint64(-1);
    QTest::newRow("unlimited, no trend") << false << 0.0 << 0.0 << O(100) << kNone << K::Unlimited << qint64(-1);
    QTest::newRow("already reached") << true << 200.0 << 10.0 << O(200) << O(200) << K::AlreadyReached << qint64(-1);
    QTest::newRow("already over, falling") << true << 250.0 << -10.0 << O(250) << O(200) << K::AlreadyReached << qint64(-1);
    QTest::newRow("already reached, no trend") << false << 0.0 << 0.0 << O(300) << O(200) << K::AlreadyReached << qint64(-1);
    QTest::newRow("no trend") << false << 0.0 << 0.0 << O(100) << O(200) << K::NoTrend << qint64(-1);
    QTest::newRow("flat") << true << 100.0 << 0.0 << O(100) << O(200) << K::NotRising << qint64(-1);
    QTest::newRow("falling") << true << 100.0 << -5.0 << O(100) << O(200) << K::NotRising << qint64(-1);
    QTest::newRow("rising: in ten days") << true << 100.0 << 10.0 << O(100) << O(200) << K::Reaches << 10 * kDayMs;
    QTest::newRow("rising, usage unknown") << true << 100.0 << 10.0 << kNone << O(200) << K::Reaches << 10 * kDayMs;
    QTest::newRow("rising: in half a day") << true << 190.0 << 20.0 << O(190) << O(200) << K::Reaches << kDayMs / 2;
    QTest::newRow("the line is past the limit, usage below: from the usage")
        << true << 250.0 << 10.0 << O(150) << O(200) << K::Reaches << 5 * kDayMs;
    QTest::newRow("the line is below the usage: from the usage")
        << true << 50.0 << 10.0 << O(150) << O(200) << K::Reaches << 5 * kDayMs;
    QTest::newRow("terabytes: in 20 days") << true << 1e12 << 5e10 << O(1'000'000'000'000) << O(2'000'000'000'000)
                                           << K::Reaches << 20 * kDayMs;
    QTest::newRow("beyond a century: not rising") << true << 0.0 << 1e-6 << O(0) << O(1'000'000) << K::NotRising << qint64(-1);
}

void TstUsage::projectLimit()
{
    QFETCH(bool, hasTrend);
    QFETCH(double, valueNow);
    QFETCH(double, perDay);
    QFETCH(std::optional<qint64>, used);
    QFETCH(std::optional<qint64>, limit);
    QFETCH(LimitProjection::Kind, kind);
    QFETCH(qint64, inMs);

    const QDateTime now = utc(2026, 3, 10, 14, 25);
    // The trend's origin is 3 days back, as a fit over past samples would have it.
    std::optional<LinearTrend> trend;
    if (hasTrend) {
        LinearTrend t = trendAt(now, valueNow, perDay);
        t.originMs -= 3 * kDayMs;
        t.valueAtOriginMs -= 3 * perDay;
        t.lastSampleMs = now.toMSecsSinceEpoch() - 3600 * 1000; // sampled an hour ago
        trend = t;
    }
    const LimitProjection p = tc::projectLimit(trend, used, limit, now);
    QCOMPARE(p.kind, kind);
    if (inMs < 0) {
        QVERIFY(!p.at.isValid());
    } else {
        QVERIFY(p.at.isValid());
        QCOMPARE(p.at.timeSpec(), Qt::UTC);
        QVERIFY2(qAbs(p.at.toMSecsSinceEpoch() - (now.toMSecsSinceEpoch() + inMs)) <= 1,
                 qPrintable(p.at.toString(Qt::ISODateWithMs)));
    }
}

QTEST_GUILESS_MAIN(TstUsage)
void TstUsage::projectLimitIgnoresStaleTrends_data()
{
    QTest::addColumn<qint64>("newestAgeMs");
    QTest::addColumn<bool>("fitTrendOrigin"); // newest sample at originMs (as the store fits)
    QTest::addColumn<LimitProjection::Kind>("kind");

    using K = LimitProjection::Kind;
    const qint64 hour = 3600 * 1000;
    QTest::newRow("sampled an hour ago") << hour << false << K::Reaches;
    QTest::newRow("two days ago, just") << 2 * kDayMs << false << K::Reaches;
    QTest::newRow("two days and an hour ago: stale") << 2 * kDayMs + hour << false << K::NoTrend;
    QTest::newRow("three months ago: stale") << 90 * kDayMs << false << K::NoTrend;
    QTest::newRow("store's fit, origin an hour ago") << hour << true << K::Reaches;
    QTest::newRow("store's fit, origin three days ago: stale") << 3 * kDayMs << true << K::NoTrend;
}

// A tenant whose metering stopped while it was growing (e.g. suspended) is not projected from
// a line that ends months ago.
void TstUsage::projectLimitIgnoresStaleTrends()
{
    QFETCH(qint64, newestAgeMs);
    QFETCH(bool, fitTrendOrigin);
    QFETCH(LimitProjection::Kind, kind);

    const QDateTime now = utc(2026, 3, 10, 14, 25);
    LinearTrend t = trendAt(now, 100, 10);
    const qint64 newest = now.toMSecsSinceEpoch() - newestAgeMs;
    if (fitTrendOrigin) {
        t.valueAtOriginMs = t.valueAt(newest);
        t.originMs = newest;
        t.lastSampleMs = 0;
    } else {
        t.lastSampleMs = newest;
    }
    QCOMPARE(tc::projectLimit(t, qint64(100), qint64(200), now).kind, kind);
}

#include "tst_usage.moc"
