#pragma once

#include "models/domain/lifecyclestate.h"
#include "models/domain/resourceunit.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace tc {

// --- Time windows and buckets ---

// The ranges of the usage charts' range picker.
enum class UsageRange { Last24Hours, Last7Days, Last30Days, Last90Days, LastYear, Custom };

// A half-open interval [from, to) in UTC.
struct TimeWindow
{
    QDateTime from;
    QDateTime to;

    bool isValid() const { return from.isValid() && to.isValid() && from < to; }
    qint64 seconds() const { return isValid() ? from.secsTo(to) : 0; }
    friend bool operator==(const TimeWindow &a, const TimeWindow &b) { return a.from == b.from && a.to == b.to; }
};

// The window of a preset range ending at `now` (rounded up to the next full hour, so the
// current hour's sample is inside). Custom has no preset: returns an invalid window.
TimeWindow windowFor(UsageRange range, const QDateTime &now);

// The bucket width, in seconds, for drawing `window` about `pixels` wide: about one bucket per
// two pixels (each bucket draws its minimum and its maximum), never finer than `minSeconds`
// (the sample interval), snapped to a calendar-friendly step (1, 2, 3, 6, 12 h, 1, 2, 7 days…).
qint64 bucketSecondsFor(const TimeWindow &window, int pixels, qint64 minSeconds = 3600);

// The start of the bucket that holds `at`, for buckets of `bucketSeconds` aligned to the Unix
// epoch (as date_bin(…, at, 'epoch') and Prometheus' step alignment do).
qint64 bucketStartMs(qint64 atMs, qint64 bucketSeconds);

// --- Series ---

// One raw sample.
struct UsageSample
{
    qint64 atMs = 0;
    qint64 value = 0;
    friend bool operator==(const UsageSample &a, const UsageSample &b) { return a.atMs == b.atMs && a.value == b.value; }
};

// The samples of one bucket, reduced so that a peak survives any zoom level: a chart draws the
// minimum and the maximum, never only an average.
struct UsageBucket
{
    qint64 startMs = 0;
    qint64 min = 0;
    qint64 max = 0;
    double mean = 0;
    qint64 last = 0;   // the newest sample in the bucket
    int samples = 0;
};

// Reduces raw samples (in time order) to buckets of `bucketSeconds` aligned as bucketStartMs();
// buckets without samples are left out (a gap, not a zero).
QList<UsageBucket> downsampleMinMax(const QList<UsageSample> &samples, qint64 bucketSeconds);

// One resource's usage over a window.
struct UsageSeries
{
    QString resource;            // tenancy.resources key
    QList<UsageBucket> buckets;  // in time order
};

// What a usage source is asked for.
struct UsageQuery
{
    QUuid tenant;
    QStringList resources;       // empty = every metered resource
    TimeWindow window;
    qint64 bucketSeconds = 3600;
};

struct UsageSeriesSet
{
    UsageQuery query;
    QList<UsageSeries> series;   // one per resource that has samples in the window
};

// --- Alerts and trends ---

// The highest of `thresholds` (percent, ascending) that `used` reaches of `limit`; 0 when none
// is reached, when the limit is unknown (unlimited) or the usage is.
int crossedThreshold(std::optional<qint64> used, std::optional<qint64> limit, const QList<int> &thresholds);

// How alarming a resource's usage is, for icons and colours.
enum class AlertLevel {
    None,
    Warning,  // the first soft threshold reached
    High,     // a later one reached
    Critical, // the last threshold reached, or the limit itself
};
AlertLevel alertLevelFor(std::optional<qint64> used, std::optional<qint64> limit, const QList<int> &thresholds);

// The most alarming metered resource of a tenant, as the tree marks it.
struct UsageAlert
{
    QString resource;        // key
    QString displayName;     // "Storage"
    ResourceUnit unit = ResourceUnit::Count;
    qint64 used = 0;
    qint64 limit = 0;
    int threshold = 0;       // the soft threshold reached, in percent (100+ = at or over the limit)
    AlertLevel level = AlertLevel::None;

    double fraction() const { return limit > 0 ? double(used) / double(limit) : 0; }
};

// A least-squares line through samples: value = valueAtZero + slopePerSecond * (t - t0).
struct LinearTrend
{
    double slopePerSecond = 0;
    double valueAtOriginMs = 0; // value of the line at originMs
    qint64 originMs = 0;
    int samples = 0;
    qint64 lastSampleMs = 0;    // the newest fitted sample (0: it is at originMs)

    qint64 newestMs() const { return lastSampleMs != 0 ? lastSampleMs : originMs; }

    double valueAt(qint64 atMs) const { return valueAtOriginMs + slopePerSecond * double(atMs - originMs) / 1000.0; }
    double perDay() const { return slopePerSecond * 86400.0; }
};

// The fit of `samples`; nullopt with fewer than two samples or a single point in time.
std::optional<LinearTrend> fitTrend(const QList<UsageSample> &samples);

// When a trend reaches a limit.
struct LimitProjection
{
    enum class Kind {
        Unlimited,      // no limit to reach
        NoTrend,        // too few samples in the fitted period, or none recent (kStaleTrendDays)
        AlreadyReached, // used >= limit now
        Reaches,        // at `at`
        NotRising,      // flat or falling: never, on this trend (or not within a century)
    };
    Kind kind = Kind::NoTrend;
    QDateTime at;
};

// The projection of `trend` (fitted on the last 14 days) against `limit`, seen at `now`: the
// latest usage (else the line's value now) growing at the trend's slope. A trend whose newest
// sample is older than kStaleTrendDays says nothing about now (metering stopped, a suspended
// tenant): NoTrend.
LimitProjection projectLimit(const std::optional<LinearTrend> &trend, std::optional<qint64> used,
                             std::optional<qint64> limit, const QDateTime &now);

// The fitted period of the top consumers' projection.
constexpr int kTrendDays = 14;
constexpr int kStaleTrendDays = 2;

// --- Breakdown by sub-tenant and top consumers ---

struct UsageBreakdownQuery
{
    QUuid tenant;
    QString resource;
    TimeWindow window;
    qint64 bucketSeconds = 3600;
    int maxGroups = 8; // the largest sub-trees by peak; the rest are summed as "others"
};

// A stacked breakdown: per bucket, the tenant's own usage and each direct child's subtree
// (child plus its descendants), each the bucket's mean of the hourly sums.
struct UsageBreakdown
{
    struct Group
    {
        enum class Kind { Own, Child, Others };
        Kind kind = Kind::Child;
        QUuid tenantId;      // Own: the tenant; Child: the child; Others: null
        QString slug;        // Child; empty otherwise
        int tenants = 0;     // tenants summed in this group
        QList<double> values; // one per bucketStartsMs entry
    };
    QString resource;
    qint64 bucketSeconds = 3600;
    QList<qint64> bucketStartsMs;
    QList<Group> groups; // Own first, then children by peak descending, then Others
};

struct TopConsumersQuery
{
    QString resource = QStringLiteral("storage_bytes");
    int limit = 200;
    bool includeDeleted = false;
};

// A tenant's latest usage of a resource next to its effective limit, with its subtree's and
// the trend of the last kTrendDays days.
struct TopConsumer
{
    QUuid tenantId;
    QString slug;
    QString displayName;
    QStringList path;            // ancestors' slugs, top level first (without the tenant)
    LifecycleState state = LifecycleState::Active;
    QString resource;
    ResourceUnit unit = ResourceUnit::Count;
    qint64 used = 0;
    std::optional<qint64> limit; // effective: own or the nearest ancestor's
    bool ownLimit = false;
    QList<int> softThresholds{80, 90, 95};
    qint64 subtreeUsed = 0;      // the tenant and all its descendants
    int subtreeTenants = 1;
    std::optional<LinearTrend> trend;

    std::optional<double> fraction() const
    {
        return limit && *limit > 0 ? std::optional<double>(double(used) / double(*limit)) : std::nullopt;
    }
};

} // namespace tc

Q_DECLARE_METATYPE(tc::UsageAlert)
