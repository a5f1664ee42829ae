#include "models/items/lifecyclehistorymodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"
#include "models/items/tenanttreemodel.h"

#include "models/store/tenantstore.h"


#include <algorithm>

namespace tc {

namespace {
// Soon enough that the timeline follows a transition at once, late enough that the burst of
// notifications one transition makes becomes one read.
constexpr int kReloadDelayMs = 150;

bool sameEvent(const LifecycleEvent &a, const LifecycleEvent &b)
{
    return a.id == b.id && a.tenantId == b.tenantId && a.from == b.from && a.to == b.to && a.reason == b.reason
           && a.actor == b.actor && a.at == b.at && a.cascadeRoot == b.cascadeRoot
           && a.cascadeRootSlug == b.cascadeRootSlug;
}
} // namespace

LifecycleHistoryModel::LifecycleHistoryModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(kReloadDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &LifecycleHistoryModel::load);
    if (store)
        connect(store, &TenantStore::tenantChanged, this, &LifecycleHistoryModel::onTenantChanged);
}

LifecycleHistoryModel::~LifecycleHistoryModel() = default;

void LifecycleHistoryModel::setTenant(const QUuid &tenant)
{
    if (tenant == m_tenant)
        return;
    beginResetModel();
    m_events.clear();
    m_tenant = tenant;
    ++m_generation;
    m_reloadPending = false;
    m_error.reset();
    m_reloadTimer.stop();
    endResetModel();
    setLoading(false); // a read of the previous tenant is now stale
    load();
}

void LifecycleHistoryModel::reload()
{
    m_reloadTimer.stop();
    load();
}

void LifecycleHistoryModel::load()
{
    if (!m_store || m_tenant.isNull())
        return;
    if (m_loading) {
        // One read at a time, so a stream of notifications can't starve the newest read.
        m_reloadPending = true;
        return;
    }
    setLoading(true);
    const quint64 generation = m_generation;
    detail::deliver(m_store->lifecycleHistory(m_tenant), this,
                    [this, generation](const Result<QList<LifecycleEvent>> &result) {
                        if (generation != m_generation) {
                            qCDebug(lcItems) << "dropping the history of a tenant no longer shown";
                            return;
                        }
                        setLoading(false);
                        if (result.ok()) {
                            m_error.reset();
                            apply(result.value());
                        } else {
                            m_error = result.error();
                            Q_EMIT loadFailed(result.error());
                        }
                        if (m_reloadPending) {
                            m_reloadPending = false;
                            load();
                        }
                    });
}

void LifecycleHistoryModel::apply(QList<LifecycleEvent> events)
{
    std::reverse(events.begin(), events.end()); // the store's order is oldest first
    // Events are only ever appended: usually the rows shown are the tail of the new list and
    // the new ones go on top, which keeps a view's selection and scroll position.
    const qsizetype added = events.size() - m_events.size();
    bool tail = added >= 0;
    for (qsizetype i = 0; tail && i < m_events.size(); ++i)
        tail = events[added + i].id == m_events[i].id;
    if (!tail) {
        beginResetModel();
        m_events = std::move(events);
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    // A cascade root's slug may have changed (a rename): refresh what differs.
    int firstChanged = -1;
    int lastChanged = -1;
    for (qsizetype i = 0; i < m_events.size(); ++i) {
        if (!sameEvent(events[added + i], m_events[i])) {
            if (firstChanged < 0)
                firstChanged = int(i);
            lastChanged = int(i);
        }
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added) - 1);
        m_events = std::move(events);
        endInsertRows();
    } else {
        m_events = std::move(events);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged + int(added), 0), index(lastChanged + int(added), ColumnCount - 1));
    Q_EMIT loaded();
}

void LifecycleHistoryModel::onTenantChanged(const TenantChange &change)
{
    if (m_tenant.isNull() || change.tenantId != m_tenant)
        return;
    if (change.table != QLatin1String("tenants") && change.table != QLatin1String("lifecycle_events"))
        return;
    if (!m_reloadTimer.isActive())
        m_reloadTimer.start();
}

void LifecycleHistoryModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

LifecycleEvent LifecycleHistoryModel::eventAt(int row) const
{
    if (row < 0 || row >= m_events.size())
        return {};
    return m_events.at(row);
}

int LifecycleHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int LifecycleHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LifecycleHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LifecycleEvent &e = m_events.at(index.row());
    const bool cascaded = !e.cascadeRoot.isNull();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AtColumn: return e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case FromColumn: return e.from ? TenantTreeModel::stateDisplayName(*e.from) : tr("created");
        case ToColumn: return TenantTreeModel::stateDisplayName(e.to);
        case ActorColumn: return e.actor;
        case ReasonColumn:
            if (!cascaded || e.cascadeRootSlug.isEmpty())
                return e.reason;
            if (e.reason.isEmpty())
                return tr("via %1").arg(e.cascadeRootSlug);
            //: A reason, then the ancestor whose transition carried this tenant along
            return tr("%1 (via %2)").arg(e.reason, e.cascadeRootSlug);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case AtColumn:
            return tr("%1 local time\n%2 UTC")
                .arg(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        case ReasonColumn:
            if (cascaded && !e.cascadeRootSlug.isEmpty())
                return tr("Carried along when %1 changed state").arg(e.cascadeRootSlug);
            return e.reason.isEmpty() ? QVariant() : QVariant(e.reason);
        }
        return {};
    case EventRole: return QVariant::fromValue(e);
    case FromStateRole: return e.from ? lifecycleStateKey(*e.from) : QString();
    case ToStateRole: return lifecycleStateKey(e.to);
    case CascadedRole: return cascaded;
    case CascadeRootSlugRole: return cascaded ? e.cascadeRootSlug : QString();
    case AtRole: return e.at;
    case ReasonRole: return e.reason;
    }
    return {};
}

QVariant LifecycleHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AtColumn: return tr("When");
    case FromColumn: return tr("From");
    case ToColumn: return tr("To");
    case ActorColumn: return tr("By");
    case ReasonColumn: return tr("Reason");
    }
    return {};
}

QHash<int, QByteArray> LifecycleHistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{EventRole, "event"},
                  {FromStateRole, "fromState"},
                  {ToStateRole, "toState"},
                  {CascadedRole, "cascaded"},
                  {CascadeRootSlugRole, "cascadeRootSlug"},
                  {AtRole, "at"},
                  {ReasonRole, "reason"}});
    return names;
}

} // namespace tc
