#include "models/items/usageseriesmodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"

#include "models/domain/resourceunit.h"
#include "models/domain/tenant.h"
#include "models/store/tenantstore.h"
#include "models/store/usagesource.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc {

namespace {

// Usage is metered hourly: polling more often than this only repeats the same answer.
constexpr int kDefaultPollMs = 5 * 60 * 1000;

// One quota-list read per burst of quota changes, soon enough to follow an edit made in the
// Quotas tab before the operator has switched to the chart.
constexpr int kLimitsDelayMs = 250;

// Series rows carry no parent; a bucket row's internal id is its series row + 1.
constexpr quintptr kSeriesLevel = 0;

bool sameBuckets(const QList<UsageBucket> &a, const QList<UsageBucket> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const UsageBucket &x, const UsageBucket &y) {
        return x.startMs == y.startMs && x.min == y.min && x.max == y.max && x.mean == y.mean && x.last == y.last
               && x.samples == y.samples;
    });
}

// What the rows show of a quota (its version or descendants don't matter here).
bool sameQuota(const Quota &a, const Quota &b)
{
    return a.resource == b.resource && a.displayName == b.displayName && a.unit == b.unit
           && a.effectiveLimit() == b.effectiveLimit() && a.softThresholds == b.softThresholds;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString localShort(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime(), QLocale::ShortFormat);
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

// Shortest text that reads back to the same double, '.' as decimal point in every locale.
QString plainNumber(double value)
{
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

// The metered resources of a quota list, in catalog order: the model's top-level rows.
QList<Quota> meteredInCatalogOrder(const QList<Quota> &quotas)
{
    QList<Quota> metered;
    for (const Quota &q : quotas) {
        if (q.metered)
            metered.append(q);
    }
    std::stable_sort(metered.begin(), metered.end(), [](const Quota &a, const Quota &b) { return a.sortOrder < b.sortOrder; });
    return metered;
}

QVariantList thresholdList(const QList<int> &thresholds)
{
    QVariantList out;
    out.reserve(thresholds.size());
    for (int t : thresholds)
        out.append(t);
    return out;
}

} // namespace

UsageSeriesModel::UsageSeriesModel(TenantStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_storeSource(new StoreUsageSource(store, this))
{
    m_pollTimer.setInterval(kDefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &UsageSeriesModel::onPollTimer);
    m_limitsTimer.setSingleShot(true);
    m_limitsTimer.setInterval(kLimitsDelayMs);
    connect(&m_limitsTimer, &QTimer::timeout, this, &UsageSeriesModel::onLimitsTimer);
    if (store)
        connect(store, &TenantStore::tenantChanged, this, &UsageSeriesModel::onTenantChanged);
}

UsageSeriesModel::~UsageSeriesModel()
{
    abandonPending();
}

void UsageSeriesModel::setSource(UsageSource *source)
{
    if (source == m_source.data())
        return;
    disconnect(m_sourceDestroyed);
    m_source = source;
    if (source)
        m_sourceDestroyed = connect(source, &QObject::destroyed, this, &UsageSeriesModel::onSourceDestroyed);
    changeView();
}

void UsageSeriesModel::onSourceDestroyed()
{
    // Its rows came from a source that is gone: the database's are another view.
    m_sourceDestroyed = {};
    m_source = nullptr;
    qCDebug(lcItems) << "usage source destroyed: back to the database";
    changeView();
}

UsageSource *UsageSeriesModel::source() const
{
    return m_source ? m_source.data() : m_storeSource;
}

void UsageSeriesModel::setTenant(const QUuid &tenant)
{
    if (tenant == m_tenant)
        return;
    m_tenant = tenant;
    changeView();
}

void UsageSeriesModel::setRange(UsageRange range, const TimeWindow &custom)
{
    const TimeWindow window = range == UsageRange::Custom ? TimeWindow{custom.from.toUTC(), custom.to.toUTC()}
                                                          : TimeWindow{};
    if (range == m_range && window == m_custom)
        return;
    m_range = range;
    m_custom = window;
    changeView();
}

void UsageSeriesModel::setResolution(int pixels)
{
    pixels = std::max(1, pixels);
    if (pixels == m_pixels)
        return;
    m_pixels = pixels;
    // A pixel more or less rarely changes the bucket width: reload only when it does, and
    // only a view that has (or is getting) rows.
    if (m_tenant.isNull() || !(m_hasData || m_loading))
        return;
    const auto [window, bucket] = target();
    const qint64 current = m_loading ? m_query.bucketSeconds : m_bucketSeconds;
    if (window.isValid() && bucket != current)
        start(LoadKind::Refresh);
}

void UsageSeriesModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    updatePolling();
    if (!active) {
        // A burst of quota changes not read yet is read when shown again.
        if (m_limitsTimer.isActive()) {
            m_limitsTimer.stop();
            m_limitsStale = true;
        }
        return;
    }
    if (m_tenant.isNull() || (m_loading && m_kind != LoadKind::Limits))
        return; // a load under way: followUpStaleLimits() when it ends
    // Back from hidden: a view whose last load is older than a poll interval is out of date
    // (a custom window only when it never loaded: its data doesn't move).
    const bool never = !m_loadedAt.isValid();
    const bool stale = m_range != UsageRange::Custom && m_loadedAt.msecsTo(now()) >= m_pollTimer.interval();
    if (never || stale)
        start(LoadKind::Poll);
    else if (m_limitsStale)
        start(LoadKind::Limits);
}

void UsageSeriesModel::setPollInterval(int msec)
{
    m_pollTimer.setInterval(std::max(1, msec));
    if (m_pollTimer.isActive())
        m_pollTimer.start(); // counts the new interval from now
}

void UsageSeriesModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime UsageSeriesModel::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void UsageSeriesModel::reload()
{
    if (!m_tenant.isNull())
        start(LoadKind::Refresh);
}

void UsageSeriesModel::cancel()
{
    if (!m_loading)
        return;
    abandonPending();
    setLoading(false);
    setStatus(m_statusBefore);
}

void UsageSeriesModel::changeView()
{
    abandonPending();
    beginResetModel();
    m_series.clear();
    m_hasData = false;
    m_error.reset();
    m_loadedAt = {};
    m_window = {};
    endResetModel();
    m_pollTimer.stop(); // the next poll counts from this view's first load
    // The view's first load reads the quota list anew.
    m_limitsTimer.stop();
    m_limitsStale = false;
    if (m_tenant.isNull()) {
        setLoading(false);
        setStatus(Status::Idle);
    } else {
        start(LoadKind::ViewChange);
    }
    updatePolling();
}

std::pair<TimeWindow, qint64> UsageSeriesModel::target() const
{
    TimeWindow window = m_range == UsageRange::Custom ? m_custom : windowFor(m_range, now());
    if (!window.isValid())
        return {window, 0};
    const qint64 bucket = bucketSecondsFor(window, m_pixels);
    // Whole buckets: the first one starts where the database's (epoch-aligned) bins start.
    window.from = QDateTime::fromMSecsSinceEpoch(bucketStartMs(window.from.toMSecsSinceEpoch(), bucket), Qt::UTC);
    return {window, bucket};
}

void UsageSeriesModel::start(LoadKind kind)
{
    if (kind == LoadKind::Limits && (!m_store || !m_hasData)) {
        // No rows to put limits on: the view's next load reads them anyway.
        m_limitsStale = false;
        return;
    }
    // A load replacing one under way keeps the status from before the first.
    const Status before = kind == LoadKind::ViewChange ? Status::Idle : m_loading ? m_statusBefore : m_status;
    abandonPending();
    const quint64 generation = m_generation;
    m_kind = kind;
    m_statusBefore = before;

    if (kind == LoadKind::Limits) {
        // The window and buckets of the rows shown; only their quotas are read.
        m_query = UsageQuery{m_tenant, {}, m_window, m_bucketSeconds};
        m_limitsStale = false;
        setLoading(true);
        m_pendingQuotas = m_store->quotas(m_tenant);
        detail::deliver(m_pendingQuotas, this, [this, generation](const Result<QList<Quota>> &quotas) {
            if (generation != m_generation)
                return;
            m_pendingQuotas = {};
            finishLimits(quotas);
        });
        return;
    }
    // This load reads the quota list after every change noted so far.
    m_limitsTimer.stop();
    m_limitsStale = false;

    const auto [window, bucket] = target();
    m_query = UsageQuery{m_tenant, {}, window, bucket};
    if (!window.isValid()) {
        fail(Error::validation(QStringLiteral("The custom range is empty: its start must be before its end.")));
        return;
    }
    if (!m_store) {
        fail(Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")});
        return;
    }
    if (m_status == Status::Idle || (kind != LoadKind::Poll && !m_hasData))
        setStatus(Status::Loading);
    setLoading(true);

    UsageSource *src = source();
    // The database answers every metered resource of the tenant; another source is asked
    // for the metered resources of the quota list, so it waits for that list.
    const bool parallel = src->kind() == UsageSource::Kind::Database;
    m_pendingQuotas = m_store->quotas(m_tenant);
    detail::deliver(m_pendingQuotas, this, [this, generation, parallel](const Result<QList<Quota>> &quotas) {
        if (generation != m_generation)
            return;
        m_quotasAnswer = quotas;
        if (!parallel) {
            if (!quotas.ok()) {
                m_seriesAnswer = Result<UsageSeriesSet>(quotas.error());
            } else {
                UsageQuery query = m_query;
                for (const Quota &q : meteredInCatalogOrder(quotas.value()))
                    query.resources.append(q.resource);
                requestSeries(generation, query);
                return;
            }
        }
        finishIfComplete();
    });
    if (parallel)
        requestSeries(generation, m_query);
}

void UsageSeriesModel::requestSeries(quint64 generation, UsageQuery query)
{
    m_pendingSeries = source()->series(query);
    detail::deliver(m_pendingSeries, this, [this, generation](const Result<UsageSeriesSet> &series) {
        if (generation != m_generation)
            return;
        m_seriesAnswer = series;
        finishIfComplete();
    });
}

void UsageSeriesModel::finishIfComplete()
{
    if (!m_quotasAnswer || !m_seriesAnswer)
        return;
    const Result<QList<Quota>> quotas = std::move(*m_quotasAnswer);
    const Result<UsageSeriesSet> set = std::move(*m_seriesAnswer);
    m_quotasAnswer.reset();
    m_seriesAnswer.reset();
    m_pendingQuotas = {};
    m_pendingSeries = {};
    // The source's error first: it is the one a person can act on (Prometheus down).
    if (!set.ok()) {
        fail(set.error());
        return;
    }
    if (!quotas.ok()) {
        fail(quotas.error());
        return;
    }

    const QList<Quota> metered = meteredInCatalogOrder(quotas.value());
    QList<Series> rows;
    rows.reserve(metered.size());
    bool anyBucket = false;
    for (const Quota &q : std::as_const(metered)) {
        Series s;
        s.quota = q;
        for (const UsageSeries &answered : set.value().series) {
            if (answered.resource == q.resource) {
                s.buckets = answered.buckets;
                break;
            }
        }
        for (const UsageBucket &b : std::as_const(s.buckets)) {
            s.peak = s.samples == 0 ? b.max : std::max(s.peak, b.max);
            s.samples += b.samples;
        }
        if (!s.buckets.isEmpty())
            s.latest = s.buckets.last().last;
        anyBucket = anyBucket || !s.buckets.isEmpty();
        rows.append(std::move(s));
    }

    bool changed = !m_hasData || m_window != m_query.window || m_bucketSeconds != m_query.bucketSeconds
                   || rows.size() != m_series.size();
    for (qsizetype i = 0; !changed && i < rows.size(); ++i)
        changed = !sameQuota(rows[i].quota, m_series[i].quota) || !sameBuckets(rows[i].buckets, m_series[i].buckets);
    if (changed) {
        beginResetModel();
        m_series = std::move(rows);
        m_window = m_query.window;
        m_bucketSeconds = m_query.bucketSeconds;
        endResetModel();
    } else {
        qCDebug(lcItems) << "usage unchanged since the last load";
    }
    m_hasData = true;
    m_error.reset();
    m_loadedAt = now();
    setLoading(false);
    setStatus(anyBucket ? Status::Ready : Status::Empty);
    Q_EMIT loaded();
    followUpStaleLimits();
}

void UsageSeriesModel::finishLimits(const Result<QList<Quota>> &quotas)
{
    if (!quotas.ok()) {
        // Not worth a Failed over rows that are still right but for a limit: the next poll
        // reads the quota list again and reports what is wrong.
        qCWarning(lcItems) << "re-reading the limits failed:" << quotas.error().message;
        setLoading(false);
        Q_EMIT loaded();
        return;
    }
    const QList<Quota> metered = meteredInCatalogOrder(quotas.value());
    bool sameResources = metered.size() == m_series.size();
    for (qsizetype i = 0; sameResources && i < metered.size(); ++i)
        sameResources = metered[i].resource == m_series[i].quota.resource;
    if (!sameResources) {
        // Another set of rows, whose history another source may not have been asked for.
        start(LoadKind::Refresh);
        return;
    }
    bool changed = false;
    for (qsizetype i = 0; !changed && i < metered.size(); ++i)
        changed = !sameQuota(metered[i], m_series[i].quota);
    if (changed) {
        beginResetModel();
        for (qsizetype i = 0; i < metered.size(); ++i)
            m_series[i].quota = metered[i];
        endResetModel();
    } else {
        qCDebug(lcItems) << "limits unchanged";
    }
    setLoading(false);
    Q_EMIT loaded();
    followUpStaleLimits();
}

void UsageSeriesModel::onTenantChanged(const TenantChange &change)
{
    if (m_tenant.isNull())
        return;
    // Any tenant's quotas: an ancestor's limit is this tenant's when it has none of its own.
    // Of the tenants table: this tenant's row, or a move (an ancestor's changes what is
    // inherited); another tenant created, edited or deleted changes nothing here.
    const bool quotas = change.table == QLatin1String("quotas");
    const bool move = change.operation == TenantChange::Operation::Update && change.parentId != change.oldParentId;
    const bool tenants = change.table == QLatin1String("tenants") && (change.tenantId == m_tenant || move);
    if (!quotas && !tenants)
        return;
    if (!m_active) {
        m_limitsStale = true;
        return;
    }
    if (!m_limitsTimer.isActive())
        m_limitsTimer.start();
}

void UsageSeriesModel::onLimitsTimer()
{
    if (m_tenant.isNull())
        return;
    if (m_loading && m_kind != LoadKind::Limits) {
        // Its quota list may have been read before the change.
        m_limitsStale = true;
        return;
    }
    start(LoadKind::Limits);
}

void UsageSeriesModel::followUpStaleLimits()
{
    if (m_limitsStale && m_active && !m_loading && !m_limitsTimer.isActive())
        m_limitsTimer.start();
}

void UsageSeriesModel::fail(const Error &error)
{
    qCDebug(lcItems) << "usage load failed:" << error.message;
    // A refresh of the view shown keeps its rows (the chart shows them with the error); the
    // rows of another view were cleared when it changed.
    if (!m_hasData) {
        m_window = m_query.window;
        m_bucketSeconds = m_query.bucketSeconds;
    }
    m_error = error;
    m_loadedAt = now();
    setLoading(false);
    setStatus(Status::Failed);
    Q_EMIT loaded();
    followUpStaleLimits();
}

void UsageSeriesModel::abandonPending()
{
    ++m_generation;
    m_pendingQuotas.cancel();
    m_pendingSeries.cancel();
    m_pendingQuotas = {};
    m_pendingSeries = {};
    m_quotasAnswer.reset();
    m_seriesAnswer.reset();
}

void UsageSeriesModel::onPollTimer()
{
    // A slow source must not be asked again while it is still answering (a read of the
    // limits alone gives way: a poll reads them too).
    if ((!m_loading || m_kind == LoadKind::Limits) && !m_tenant.isNull())
        start(LoadKind::Poll);
}

void UsageSeriesModel::updatePolling()
{
    const bool poll = m_active && !m_tenant.isNull() && m_range != UsageRange::Custom;
    if (!poll)
        m_pollTimer.stop();
    else if (!m_pollTimer.isActive())
        m_pollTimer.start();
}

void UsageSeriesModel::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

void UsageSeriesModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

int UsageSeriesModel::seriesRow(const QString &resource) const
{
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        if (m_series[i].quota.resource == resource)
            return int(i);
    }
    return -1;
}

const Quota &UsageSeriesModel::quotaAt(int seriesRow) const
{
    static const Quota none;
    return seriesRow >= 0 && seriesRow < m_series.size() ? m_series[seriesRow].quota : none;
}

const QList<UsageBucket> &UsageSeriesModel::bucketsAt(int seriesRow) const
{
    static const QList<UsageBucket> none;
    return seriesRow >= 0 && seriesRow < m_series.size() ? m_series[seriesRow].buckets : none;
}

int UsageSeriesModel::bucketRowNear(int seriesRow, qint64 atMs) const
{
    const QList<UsageBucket> &buckets = bucketsAt(seriesRow);
    if (buckets.isEmpty())
        return -1;
    // The first bucket starting after atMs; the one before it is the only one that can hold it.
    const auto after = std::upper_bound(buckets.begin(), buckets.end(), atMs,
                                        [](qint64 at, const UsageBucket &b) { return at < b.startMs; });
    if (after == buckets.begin())
        return 0;
    const int before = int(after - buckets.begin()) - 1;
    const qint64 end = bucketEndMs(buckets[before]);
    if (atMs < end || after == buckets.end())
        return before;
    // In a gap: the nearer neighbour.
    return atMs - end <= after->startMs - atMs ? before : before + 1;
}

qint64 UsageSeriesModel::bucketEndMs(const UsageBucket &bucket) const
{
    const qint64 end = bucket.startMs + m_bucketSeconds * 1000;
    // The last bucket ends with the window (now), not in the future.
    return m_window.isValid() ? std::min(end, m_window.to.toMSecsSinceEpoch()) : end;
}

QByteArray UsageSeriesModel::toCsv(const QString &resource) const
{
    QByteArray out = "resource,bucket_start_utc,bucket_end_utc,min,max,mean,samples,limit\r\n";
    for (const Series &s : m_series) {
        if (!resource.isEmpty() && s.quota.resource != resource)
            continue;
        const std::optional<qint64> limit = s.quota.effectiveLimit();
        const QByteArray key = csvField(s.quota.resource);
        const QByteArray limitText = limit ? QByteArray::number(*limit) : QByteArray();
        for (const UsageBucket &b : s.buckets) {
            out += key + ',' + csvField(isoUtc(b.startMs)) + ',' + csvField(isoUtc(bucketEndMs(b))) + ','
                   + QByteArray::number(b.min) + ',' + QByteArray::number(b.max) + ',' + plainNumber(b.mean).toLatin1()
                   + ',' + QByteArray::number(b.samples) + ',' + limitText + "\r\n";
        }
    }
    return out;
}

QModelIndex UsageSeriesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kSeriesLevel);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex UsageSeriesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kSeriesLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kSeriesLevel);
}

int UsageSeriesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_series.size());
    // Buckets hang under the first column of a series row; buckets have no children.
    if (parent.internalId() != kSeriesLevel || parent.column() != 0)
        return 0;
    return int(m_series[parent.row()].buckets.size());
}

int UsageSeriesModel::columnCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return SeriesColumnCount;
    return parent.internalId() == kSeriesLevel ? BucketColumnCount : 0;
}

QVariant UsageSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::DoNotUseParent))
        return {};
    if (index.internalId() == kSeriesLevel)
        return seriesData(m_series[index.row()], index.column(), role);
    const Series &s = m_series[int(index.internalId() - 1)];
    return bucketData(s, s.buckets[index.row()], index.column(), role);
}

QVariant UsageSeriesModel::seriesData(const Series &s, int column, int role) const
{
    const Quota &q = s.quota;
    const std::optional<qint64> limit = q.effectiveLimit();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ResourceColumn: return q.displayName.isEmpty() ? q.resource : q.displayName;
        case LatestColumn: return s.latest ? formatQuantity(*s.latest, q.unit) : QStringLiteral("—");
        case PeakColumn: return s.samples > 0 ? formatQuantity(s.peak, q.unit) : QStringLiteral("—");
        case LimitColumn: return limit ? formatQuantity(*limit, q.unit) : tr("unlimited");
        case PeakShareColumn:
            if (!limit || *limit <= 0 || s.samples == 0)
                return QStringLiteral("—");
            // Rounded down: "100 %" only once the limit is really reached.
            //: A share of the limit, in percent
            return tr("%1 %").arg(qint64(std::floor(double(s.peak) * 100.0 / double(*limit))));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column != ResourceColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ResourceRole: return q.resource;
    case UnitRole: return int(q.unit);
    case LimitRole: return limit ? QVariant::fromValue(*limit) : QVariant();
    case ThresholdsRole: return thresholdList(q.softThresholds);
    case MaxRole: return s.samples > 0 ? QVariant::fromValue(s.peak) : QVariant();
    case LatestRole: return s.latest ? QVariant::fromValue(*s.latest) : QVariant();
    case SampleCountRole: return s.samples;
    case DisplayNameRole: return q.displayName;
    }
    return {};
}

QVariant UsageSeriesModel::bucketData(const Series &s, const UsageBucket &b, int column, int role) const
{
    const Quota &q = s.quota;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case BucketStartColumn: return localShort(b.startMs);
        case MinColumn: return formatQuantity(b.min, q.unit);
        case MaxColumn: return formatQuantity(b.max, q.unit);
        case MeanColumn: return formatQuantity(std::llround(b.mean), q.unit);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column != BucketStartColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ResourceRole: return q.resource;
    case UnitRole: return int(q.unit);
    case LimitRole: return q.effectiveLimit() ? QVariant::fromValue(*q.effectiveLimit()) : QVariant();
    case ThresholdsRole: return thresholdList(q.softThresholds);
    case BucketStartRole: return QDateTime::fromMSecsSinceEpoch(b.startMs, Qt::UTC);
    case BucketEndRole: return QDateTime::fromMSecsSinceEpoch(bucketEndMs(b), Qt::UTC);
    case MinRole: return QVariant::fromValue(b.min);
    case MaxRole: return QVariant::fromValue(b.max);
    case MeanRole: return b.mean;
    case SampleCountRole: return b.samples;
    case DisplayNameRole: return q.displayName;
    }
    return {};
}

QVariant UsageSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    // The series level's columns; a bucket row's are time, min, max, mean under them.
    switch (section) {
    case ResourceColumn: return tr("Resource");
    case LatestColumn: return tr("Latest");
    case PeakColumn: return tr("Peak");
    case LimitColumn: return tr("Limit");
    case PeakShareColumn: return tr("Peak of limit");
    }
    return {};
}

QHash<int, QByteArray> UsageSeriesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{ResourceRole, "resource"},
                  {UnitRole, "unit"},
                  {LimitRole, "limit"},
                  {ThresholdsRole, "thresholds"},
                  {BucketStartRole, "bucketStart"},
                  {BucketEndRole, "bucketEnd"},
                  {MinRole, "min"},
                  {MaxRole, "max"},
                  {MeanRole, "mean"},
                  {LatestRole, "latest"},
                  {SampleCountRole, "sampleCount"},
                  {DisplayNameRole, "displayName"}});
    return names;
}

} // namespace tc
