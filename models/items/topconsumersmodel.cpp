#include "models/items/topconsumersmodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"
#include "models/items/tenanttreemodel.h"

#include "models/domain/resourceunit.h"
#include "models/domain/tenant.h"
#include "models/store/tenantstore.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace tc {

namespace {

// The query reads every tenant's latest usage and trend: a burst of quota changes (a tier
// applied to a subtree) should cost one read, and a second is quick enough for a ranking.
constexpr int kReloadDelayMs = 500;

// Usage is metered hourly, and the read costs a pass over every tenant: sparingly.
constexpr int kDefaultPollMs = 5 * 60 * 1000;

bool sameTrend(const std::optional<LinearTrend> &a, const std::optional<LinearTrend> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a
           || (a->slopePerSecond == b->slopePerSecond && a->valueAtOriginMs == b->valueAtOriginMs
               && a->originMs == b->originMs && a->samples == b->samples);
}

bool sameConsumer(const TopConsumer &a, const TopConsumer &b)
{
    return a.tenantId == b.tenantId && a.slug == b.slug && a.displayName == b.displayName && a.path == b.path
           && a.state == b.state && a.resource == b.resource && a.unit == b.unit && a.used == b.used
           && a.limit == b.limit && a.ownLimit == b.ownLimit && a.softThresholds == b.softThresholds
           && a.subtreeUsed == b.subtreeUsed && a.subtreeTenants == b.subtreeTenants && sameTrend(a.trend, b.trend);
}

bool sameProjection(const LimitProjection &a, const LimitProjection &b)
{
    return a.kind == b.kind && a.at == b.at;
}

// Ascending by date puts the soonest first and those that never get there last.
qint64 projectionSortKey(const LimitProjection &p)
{
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    switch (p.kind) {
    case LimitProjection::Kind::AlreadyReached: return std::numeric_limits<qint64>::min();
    case LimitProjection::Kind::Reaches: return p.at.toMSecsSinceEpoch();
    case LimitProjection::Kind::NotRising: return kMax - 2;
    case LimitProjection::Kind::NoTrend: return kMax - 1;
    case LimitProjection::Kind::Unlimited: return kMax;
    }
    return kMax;
}

} // namespace

TopConsumersModel::TopConsumersModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(kReloadDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &TopConsumersModel::load);
    m_pollTimer.setInterval(kDefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &TopConsumersModel::onPollTimer);
    if (store)
        connect(store, &TenantStore::tenantChanged, this, &TopConsumersModel::onTenantChanged);
}

TopConsumersModel::~TopConsumersModel()
{
    m_pending.cancel();
}

void TopConsumersModel::setResource(const QString &resource, ResourceUnit unit)
{
    if (resource == m_query.resource && unit == m_unit && m_requested)
        return;
    beginResetModel();
    m_query.resource = resource;
    m_unit = unit;
    m_rows.clear();
    m_projections.clear();
    m_error.reset();
    endResetModel();
    if (m_active) {
        reload();
    } else {
        m_requested = true;
        m_stale = true;
        m_reloadTimer.stop();
    }
}

void TopConsumersModel::setLimit(int rows)
{
    rows = std::max(1, rows);
    if (rows == m_query.limit)
        return;
    m_query.limit = rows;
    if (!m_requested)
        return;
    if (m_active)
        reload();
    else
        m_stale = true;
}

void TopConsumersModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        // A burst of changes not read yet is read when shown again.
        if (m_reloadTimer.isActive()) {
            m_reloadTimer.stop();
            m_stale = true;
        }
        updatePolling();
        return;
    }
    updatePolling();
    if (!m_requested)
        return;
    // Stale: a read under way may have started before the change, so read again. Merely
    // old: a read under way will do.
    const bool old = !m_loading && (!m_loadedAt.isValid() || m_loadedAt.msecsTo(now()) >= m_pollTimer.interval());
    if (m_stale || old)
        load();
}

void TopConsumersModel::setPollInterval(int msec)
{
    m_pollTimer.setInterval(std::max(1, msec));
    if (m_pollTimer.isActive())
        m_pollTimer.start(); // counts the new interval from now
}

void TopConsumersModel::updatePolling()
{
    if (!m_active || !m_requested)
        m_pollTimer.stop();
    else if (!m_pollTimer.isActive())
        m_pollTimer.start();
}

void TopConsumersModel::onPollTimer()
{
    // A read under way or about to start answers for this one.
    if (!m_loading && !m_reloadTimer.isActive())
        load();
}

void TopConsumersModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime TopConsumersModel::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void TopConsumersModel::reload()
{
    m_requested = true;
    m_reloadTimer.stop();
    load();
}

void TopConsumersModel::load()
{
    ++m_generation;
    m_pending.cancel();
    m_reloadTimer.stop();
    m_stale = false;
    m_requested = true;
    if (m_pollTimer.isActive())
        m_pollTimer.start(); // the next poll counts from this read
    else
        updatePolling();
    if (!m_store) {
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        setLoading(false);
        Q_EMIT loaded();
        return;
    }
    setLoading(true);
    const quint64 generation = m_generation;
    m_pending = m_store->topConsumers(m_query);
    detail::deliver(m_pending, this, [this, generation](const Result<QList<TopConsumer>> &result) {
        if (generation != m_generation) {
            qCDebug(lcItems) << "dropping top consumers of an earlier read";
            return;
        }
        m_pending = {};
        m_loadedAt = now();
        if (result.ok()) {
            m_error.reset();
            apply(result.value());
        } else {
            // The rows of the read before stay; the view shows the error next to them. Shown
            // again after being hidden, it tries again.
            m_error = result.error();
            m_stale = true;
        }
        setLoading(false);
        Q_EMIT loaded();
    });
}

void TopConsumersModel::apply(QList<TopConsumer> rows)
{
    const QDateTime at = now();
    QList<LimitProjection> projections;
    projections.reserve(rows.size());
    for (const TopConsumer &c : std::as_const(rows))
        projections.append(projectLimit(c.trend, c.used, c.limit, at));

    // The same tenants in the same order (the usual refresh): update in place, so a view
    // keeps its selection and scroll position.
    bool sameRows = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rows[i].tenantId == m_rows[i].tenantId;
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(rows);
        m_projections = std::move(projections);
        endResetModel();
        return;
    }
    int first = -1;
    int last = -1;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!sameConsumer(rows[i], m_rows[i]) || !sameProjection(projections[i], m_projections[i])) {
            if (first < 0)
                first = int(i);
            last = int(i);
        }
    }
    m_rows = std::move(rows);
    m_projections = std::move(projections);
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void TopConsumersModel::onTenantChanged(const TenantChange &change)
{
    // Limits (quotas), and tenants coming, going, moving or changing state all reorder the list.
    if (!m_requested || (change.table != QLatin1String("quotas") && change.table != QLatin1String("tenants")))
        return;
    if (!m_active) {
        m_stale = true; // nobody looks: read when shown again
        return;
    }
    if (!m_reloadTimer.isActive())
        m_reloadTimer.start();
}

void TopConsumersModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

TopConsumer TopConsumersModel::consumerAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : TopConsumer{};
}

LimitProjection TopConsumersModel::projectionAt(int row) const
{
    return row >= 0 && row < m_projections.size() ? m_projections.at(row) : LimitProjection{};
}

int TopConsumersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopConsumersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopConsumersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopConsumer &c = m_rows.at(index.row());
    const LimitProjection &p = m_projections.at(index.row());
    const std::optional<double> fraction = c.fraction();
    const QString none = QStringLiteral("—");

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TenantColumn: return c.slug;
        case StateColumn: return TenantTreeModel::stateDisplayName(c.state);
        case UsedColumn: return formatQuantity(c.used, m_unit);
        case LimitColumn: return c.limit ? formatQuantity(*c.limit, m_unit) : tr("unlimited");
        case ShareColumn:
            // Rounded down: "100 %" only once the limit is really reached.
            //: A share of the limit, in percent
            return fraction ? tr("%1 %").arg(qint64(std::floor(*fraction * 100.0))) : none;
        case ProjectionColumn:
            switch (p.kind) {
            case LimitProjection::Kind::Reaches: return QLocale().toString(p.at.toLocalTime().date(), QLocale::ShortFormat);
            //: The limit: already reached
            case LimitProjection::Kind::AlreadyReached: return tr("reached");
            //: The limit: never reached at the current trend
            case LimitProjection::Kind::NotRising: return tr("never");
            case LimitProjection::Kind::Unlimited:
            case LimitProjection::Kind::NoTrend: return none;
            }
            return {};
        case GrowthColumn: {
            if (!c.trend)
                return none;
            const qint64 perDay = std::llround(c.trend->perDay());
            const QString amount = formatQuantity(perDay, m_unit);
            //: Usage growth per day, e.g. "+1.2 GB/day"
            return tr("%1/day").arg(perDay > 0 ? QLatin1Char('+') + amount : amount);
        }
        case SubtreeColumn:
            //: Usage of a tenant and its sub-tenants, e.g. "12 GB in 4 tenants"
            return c.subtreeTenants == 1 ? tr("%1, no sub-tenants").arg(formatQuantity(c.subtreeUsed, m_unit))
                                         : tr("%1 in %2 tenants").arg(formatQuantity(c.subtreeUsed, m_unit)).arg(c.subtreeTenants);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TenantColumn: {
            QStringList path = c.path;
            path.append(c.slug);
            return QStringLiteral("%1\n%2").arg(c.displayName, path.join(QStringLiteral(" / ")));
        }
        case LimitColumn:
            if (!c.limit)
                return tr("No limit on this tenant or any of its ancestors");
            return c.ownLimit ? tr("The tenant's own limit") : tr("Inherited from an ancestor");
        case ProjectionColumn:
        case GrowthColumn:
            if (!c.trend)
                return tr("Too few samples in the last %1 days for a trend").arg(kTrendDays);
            return tr("Linear fit of %1 samples over the last %2 days").arg(c.trend->samples).arg(kTrendDays);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != TenantColumn && index.column() != StateColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case TenantColumn: return c.slug;
        case StateColumn: return int(c.state);
        case UsedColumn: return QVariant::fromValue(c.used);
        // Unlimited is the largest limit there is.
        case LimitColumn: return QVariant::fromValue(c.limit ? *c.limit : std::numeric_limits<qint64>::max());
        // Unlimited has no share: below every real one.
        case ShareColumn: return fraction ? *fraction : -1.0;
        case ProjectionColumn: return QVariant::fromValue(projectionSortKey(p));
        case GrowthColumn: return c.trend ? c.trend->perDay() : std::numeric_limits<double>::lowest();
        case SubtreeColumn: return QVariant::fromValue(c.subtreeUsed);
        }
        return {};
    case TenantIdRole: return c.tenantId;
    case FractionRole: return fraction ? QVariant(*fraction) : QVariant();
    case AlertLevelRole: return int(alertLevelFor(c.used, c.limit, c.softThresholds));
    case ProjectionRole: return p.kind == LimitProjection::Kind::Reaches ? QVariant(p.at) : QVariant();
    case ProjectionKindRole: return int(p.kind);
    case ConsumerRole: return QVariant::fromValue(c);
    }
    return {};
}

QVariant TopConsumersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TenantColumn: return tr("Tenant");
    case StateColumn: return tr("State");
    case UsedColumn: return tr("Used");
    case LimitColumn: return tr("Limit");
    case ShareColumn: return tr("Used of limit");
    case ProjectionColumn: return tr("Limit reached");
    case GrowthColumn: return tr("Growth");
    case SubtreeColumn: return tr("With sub-tenants");
    }
    return {};
}

QHash<int, QByteArray> TopConsumersModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{TenantIdRole, "tenantId"},
                  {SortRole, "sort"},
                  {FractionRole, "fraction"},
                  {AlertLevelRole, "alertLevel"},
                  {ProjectionRole, "projection"},
                  {ProjectionKindRole, "projectionKind"},
                  {ConsumerRole, "consumer"}});
    return names;
}

} // namespace tc
