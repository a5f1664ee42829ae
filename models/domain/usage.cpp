#include "models/domain/usage.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc {

TimeWindow windowFor(UsageRange range, const QDateTime &now)
{
    qint64 days = 0;
    switch (range) {
    case UsageRange::Last24Hours: days = 1; break;
    case UsageRange::Last7Days: days = 7; break;
    case UsageRange::Last30Days: days = 30; break;
    case UsageRange::Last90Days: days = 90; break;
    case UsageRange::LastYear: days = 365; break;
    case UsageRange::Custom: return {};
    }
    if (!now.isValid())
        return {};
    // The end is the next full hour, so the sample of the hour under way is inside.
    const qint64 secs = now.toSecsSinceEpoch();
    const qint64 end = (secs / 3600 + 1) * 3600;
    const QDateTime to = QDateTime::fromSecsSinceEpoch(end, Qt::UTC);
    return {to.addSecs(-days * 86400), to};
}

qint64 bucketSecondsFor(const TimeWindow &window, int pixels, qint64 minSeconds)
{
    static constexpr qint64 kSteps[] = {
        60, 120, 300, 600, 900, 1800,                        // sub-hour (Prometheus scrapes)
        3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,       // hours
        86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, // days
    };
    const qint64 floor = std::max<qint64>(1, minSeconds);
    if (!window.isValid())
        return floor;
    const qint64 buckets = std::max(1, pixels / 2);
    const qint64 wanted = std::max(floor, (window.seconds() + buckets - 1) / buckets);
    for (qint64 step : kSteps) {
        if (step >= wanted)
            return step;
    }
    // Beyond a month per bucket: whole multiples of 30 days.
    return (wanted + 30 * 86400 - 1) / (30 * 86400) * 30 * 86400;
}

qint64 bucketStartMs(qint64 atMs, qint64 bucketSeconds)
{
    const qint64 width = std::max<qint64>(1, bucketSeconds) * 1000;
    qint64 start = atMs - atMs % width;
    if (atMs < 0 && atMs % width != 0)
        start -= width;
    return start;
}

QList<UsageBucket> downsampleMinMax(const QList<UsageSample> &samples, qint64 bucketSeconds)
{
    QList<UsageBucket> out;
    double sum = 0;
    for (const UsageSample &s : samples) {
        const qint64 start = bucketStartMs(s.atMs, bucketSeconds);
        if (out.isEmpty() || out.last().startMs != start) {
            if (!out.isEmpty())
                out.last().mean = sum / out.last().samples;
            out.append(UsageBucket{start, s.value, s.value, 0, s.value, 0});
            sum = 0;
        }
        UsageBucket &b = out.last();
        b.min = std::min(b.min, s.value);
        b.max = std::max(b.max, s.value);
        b.last = s.value;
        ++b.samples;
        sum += double(s.value);
    }
    if (!out.isEmpty())
        out.last().mean = sum / out.last().samples;
    return out;
}

int crossedThreshold(std::optional<qint64> used, std::optional<qint64> limit, const QList<int> &thresholds)
{
    if (!used || !limit)
        return 0;
    if (*limit <= 0)
        return *used > 0 ? 100 : 0;
    // Compare in integers: used * 100 >= limit * t, i.e. used >= ceil(limit * t / 100), split
    // as limit = 100 q + r so nothing overflows (a long double rounds 70-bit products).
    const qint64 q = *limit / 100;
    const qint64 r = *limit % 100;
    int reached = 0;
    for (int t : thresholds) {
        if (t <= 0)
            continue;
        const qint64 extra = (r * t + 99) / 100;
        if (q > (std::numeric_limits<qint64>::max() - extra) / t)
            continue; // beyond any qint64 usage
        if (*used >= q * t + extra)
            reached = std::max(reached, t);
    }
    if (*used >= *limit)
        reached = std::max(reached, 100);
    return reached;
}

AlertLevel alertLevelFor(std::optional<qint64> used, std::optional<qint64> limit, const QList<int> &thresholds)
{
    const int reached = crossedThreshold(used, limit, thresholds);
    if (reached == 0)
        return AlertLevel::None;
    if (reached >= 100 || (!thresholds.isEmpty() && reached >= thresholds.last()))
        return AlertLevel::Critical;
    if (!thresholds.isEmpty() && reached > thresholds.first())
        return AlertLevel::High;
    return AlertLevel::Warning;
}

std::optional<LinearTrend> fitTrend(const QList<UsageSample> &samples)
{
    if (samples.size() < 2)
        return std::nullopt;
    // Centre time and value so the sums stay well-conditioned for epoch milliseconds.
    const qint64 origin = samples.first().atMs;
    qint64 newest = origin;
    double meanT = 0;
    double meanV = 0;
    for (const UsageSample &s : samples) {
        meanT += double(s.atMs - origin) / 1000.0;
        meanV += double(s.value);
        newest = std::max(newest, s.atMs);
    }
    meanT /= samples.size();
    meanV /= samples.size();
    double sxx = 0;
    double sxy = 0;
    for (const UsageSample &s : samples) {
        const double dt = double(s.atMs - origin) / 1000.0 - meanT;
        sxx += dt * dt;
        sxy += dt * (double(s.value) - meanV);
    }
    if (sxx <= 0)
        return std::nullopt;
    LinearTrend trend;
    trend.slopePerSecond = sxy / sxx;
    trend.originMs = origin;
    trend.valueAtOriginMs = meanV - trend.slopePerSecond * meanT;
    trend.samples = int(samples.size());
    trend.lastSampleMs = newest;
    return trend;
}

LimitProjection projectLimit(const std::optional<LinearTrend> &trend, std::optional<qint64> used,
                             std::optional<qint64> limit, const QDateTime &now)
{
    using Kind = LimitProjection::Kind;
    if (!limit)
        return {Kind::Unlimited, {}};
    if (used && *used >= *limit)
        return {Kind::AlreadyReached, {}};
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (!trend || nowMs - trend->newestMs() > qint64(kStaleTrendDays) * 86400 * 1000)
        return {Kind::NoTrend, {}};
    if (trend->slopePerSecond <= 0)
        return {Kind::NotRising, {}};
    // From where usage is now, not from where the line is: a line fitted through a spike or
    // a drop would otherwise put the date in the past (or far off) while usage says otherwise.
    const double start = used ? double(*used) : trend->valueAt(nowMs);
    const double reachMs = double(nowMs) + std::max(0.0, double(*limit) - start) / trend->slopePerSecond * 1000.0;
    // Beyond ~100 years is "not in any horizon that matters"; keep it from overflowing.
    constexpr double kCenturyMs = 100.0 * 365.25 * 86400.0 * 1000.0;
    if (reachMs - double(nowMs) > kCenturyMs)
        return {Kind::NotRising, {}};
    return {Kind::Reaches, QDateTime::fromMSecsSinceEpoch(qint64(std::llround(reachMs)), Qt::UTC)};
}

} // namespace tc
