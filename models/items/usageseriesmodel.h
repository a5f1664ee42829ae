#pragma once

#include "models/domain/error.h"
#include "models/domain/quota.h"
#include "models/domain/usage.h"

#include <QAbstractItemModel>
#include <QFuture>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <optional>
#include <utility>

namespace tc {

class TenantStore;
class UsageSource;
struct TenantChange;

// The usage history of one tenant over one window, next to its limits: what the usage charts
// render (they never query). A two-level model:
//  - top-level rows, one per metered resource (catalog order), columns: resource, latest,
//    peak, limit, peak share of the limit;
//  - child rows of a resource, one per bucket in time order, columns: bucket start, min,
//    max, mean (roles give the numbers, DisplayRole formatted text).
// Limits and soft thresholds come from TenantStore::quotas(), the history from a UsageSource
// (the database or Prometheus). Every reload replaces the rows at once (model reset).
//
// Polling: while active() and the window ends now (a preset range), the model reloads every
// pollInterval(); a view turns it inactive when hidden, so hidden tabs cost nothing. A load
// under way is cancelled when the tenant, window or resolution changes or the model goes.
// Changing the tenant, range, source or resolution loads at once, active or not; a refresh of
// the same view (poll, reload(), resolution) keeps the rows shown until its answer, and a
// poll whose answer equals the rows shown changes nothing (no reset, no signal but loaded()).
//
// Limits follow TenantStore::tenantChanged: a change of quotas (any tenant's: an ancestor's
// limit is inherited), of this tenant's row, or a move (of an ancestor, perhaps) re-reads the
// quota list alone, once per burst (debounced), while active; an inactive model only notes it
// and re-reads when it becomes active. Like a poll it never shows Loading (isLoading() is true
// while it runs, loaded() ends it), resets only when a limit, threshold or name changed, and
// never changes status(), error() or loadedAt() (a failed read is left to the next poll to
// report). If the metered resources themselves changed, the whole view is refreshed.
// The source set with setSource() may be destroyed: the model then falls back to the database
// and loads the view again (a source change).
class UsageSeriesModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum SeriesColumn { ResourceColumn, LatestColumn, PeakColumn, LimitColumn, PeakShareColumn, SeriesColumnCount };
    enum BucketColumn { BucketStartColumn, MinColumn, MaxColumn, MeanColumn, BucketColumnCount };

    enum Role : int {
        ResourceRole = Qt::UserRole + 1, // QString key (both levels)
        UnitRole,                        // int tc::ResourceUnit (both levels)
        LimitRole,                       // qint64 effective limit, invalid = unlimited (both levels)
        ThresholdsRole,                  // QVariantList of int percent (both levels)
        BucketStartRole,                 // QDateTime UTC (bucket rows)
        BucketEndRole,                   // QDateTime UTC, exclusive (bucket rows)
        MinRole,                         // qint64 (bucket rows)
        MaxRole,                         // qint64 (bucket rows; series rows: the peak)
        MeanRole,                        // double (bucket rows)
        LatestRole,                      // qint64 (series rows: the newest sample), invalid if none
        SampleCountRole,                 // int samples in the bucket / series
        DisplayNameRole,                 // QString "Storage" (both levels)
    };
    Q_ENUM(Role)

    enum class Status {
        Idle,    // no tenant (or the first load of this tenant/window was cancelled)
        Loading, // first load of this tenant/window (a poll keeps Ready while it runs)
        Ready,   // rows hold data
        Empty,   // loaded, but no samples in the window
        Failed,  // see error(); rows of an earlier load of the same view are kept
    };
    Q_ENUM(Status)

    explicit UsageSeriesModel(TenantStore *store, QObject *parent = nullptr);
    ~UsageSeriesModel() override;

    // Where history comes from; null = the store's database (the default).
    void setSource(UsageSource *source);
    UsageSource *source() const;

    void setTenant(const QUuid &tenant);
    QUuid tenant() const { return m_tenant; }
    // A preset range (ends now) or a custom window (UsageRange::Custom; `custom` is used).
    void setRange(UsageRange range, const TimeWindow &custom = {});
    UsageRange range() const { return m_range; }
    // The window of the last load (presets move with the clock).
    TimeWindow window() const { return m_window; }
    // The chart's plot width in pixels; decides the bucket width (see bucketSecondsFor).
    void setResolution(int pixels);
    qint64 bucketSeconds() const { return m_bucketSeconds; }

    void setActive(bool active);
    bool isActive() const { return m_active; }
    void setPollInterval(int msec);
    int pollInterval() const { return m_pollTimer.interval(); }
    // True while a poll timer runs (active, a preset range, a tenant).
    bool isPolling() const { return m_pollTimer.isActive(); }
    // Tests and the bench pin "now".
    void setClock(std::function<QDateTime()> clock);

    // Loads now (replacing a load under way).
    void reload();
    // Abandons the load under way (the status returns to what it was before it).
    void cancel();

    Status status() const { return m_status; }
    std::optional<Error> error() const { return m_error; }
    bool isLoading() const { return m_loading; }
    QDateTime loadedAt() const { return m_loadedAt; }

    // Lookups for the chart (by series row).
    int seriesCount() const { return int(m_series.size()); }
    int seriesRow(const QString &resource) const; // -1 if absent
    const Quota &quotaAt(int seriesRow) const;
    const QList<UsageBucket> &bucketsAt(int seriesRow) const;
    // The bucket row whose interval holds `atMs`, else the nearest one (the earlier on a tie);
    // -1 without buckets.
    int bucketRowNear(int seriesRow, qint64 atMs) const;

    // The data as CSV (RFC 4180): resource,bucket_start_utc,bucket_end_utc,min,max,mean,
    // samples,limit — one line per bucket of every series (or of one resource). Times in
    // ISO 8601 UTC ("2024-03-01T12:00:00Z"), '.' as decimal point whatever the locale, the
    // limit empty when unlimited, CRLF line ends, a field quoted when it holds , " or a newline.
    QByteArray toCsv(const QString &resource = {}) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void statusChanged(tc::UsageSeriesModel::Status status);
    void loadingChanged(bool loading);
    // A load finished (data, empty or failed).
    void loaded();

private:
    struct Series
    {
        Quota quota;
        QList<UsageBucket> buckets;
        std::optional<qint64> latest;
        qint64 peak = 0;
        int samples = 0;
    };
    // What started a load: decides whether it shows Loading and what a failure keeps.
    enum class LoadKind {
        ViewChange, // another tenant, range or source: the rows were cleared
        Refresh,    // reload() or another resolution of the view shown
        Poll,       // the timer, or becoming active again after a while: never shows Loading
        Limits,     // quotas changed: the quota list alone, for the rows shown (see finishLimits)
    };

    void changeView();
    void start(LoadKind kind);
    void requestSeries(quint64 generation, UsageQuery query);
    void finishIfComplete();
    void finishLimits(const Result<QList<Quota>> &quotas);
    void fail(const Error &error);
    void abandonPending();
    void onPollTimer();
    void onTenantChanged(const TenantChange &change);
    void onLimitsTimer();
    void onSourceDestroyed();
    // After a load: a quota change that arrived while it ran may not be in its answer.
    void followUpStaleLimits();
    void setStatus(Status status);
    void setLoading(bool loading);
    void updatePolling();
    QDateTime now() const;
    qint64 bucketEndMs(const UsageBucket &bucket) const;
    // The window and bucket width a load started now would ask for (invalid: none).
    std::pair<TimeWindow, qint64> target() const;
    QVariant seriesData(const Series &series, int column, int role) const;
    QVariant bucketData(const Series &series, const UsageBucket &bucket, int column, int role) const;

    QPointer<TenantStore> m_store;
    QPointer<UsageSource> m_source;       // set by setSource(); null = m_storeSource
    UsageSource *m_storeSource = nullptr; // a StoreUsageSource over m_store, owned
    QUuid m_tenant;
    UsageRange m_range = UsageRange::Last7Days;
    TimeWindow m_custom;
    TimeWindow m_window;
    int m_pixels = 800;
    qint64 m_bucketSeconds = 3600;
    bool m_active = false;
    QTimer m_pollTimer;
    // Quota changes come in bursts (a tier applied to a subtree): one read per burst.
    QTimer m_limitsTimer;
    // A quota change not yet read: noted while inactive or while another load ran.
    bool m_limitsStale = false;
    QMetaObject::Connection m_sourceDestroyed;
    std::function<QDateTime()> m_clock;
    QList<Series> m_series;
    Status m_status = Status::Idle;
    std::optional<Error> m_error;
    bool m_loading = false;
    bool m_hasData = false;   // a load of the view shown succeeded: its rows are shown
    quint64 m_generation = 0; // answers of an older load are dropped
    // The load under way: its query, what started it, the status to go back to on cancel()
    // and the two answers as they arrive (both futures are cancelled on a new load).
    UsageQuery m_query;
    LoadKind m_kind = LoadKind::ViewChange;
    Status m_statusBefore = Status::Idle;
    QFuture<Result<QList<Quota>>> m_pendingQuotas;
    QFuture<Result<UsageSeriesSet>> m_pendingSeries;
    std::optional<Result<QList<Quota>>> m_quotasAnswer;
    std::optional<Result<UsageSeriesSet>> m_seriesAnswer;
    QDateTime m_loadedAt;
};

} // namespace tc
