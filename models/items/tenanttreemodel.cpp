#include "models/items/tenanttreemodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"

#include "models/domain/resourceunit.h"
#include "models/store/tenantstore.h"

#include <QDataStream>
#include <QFont>
#include <QIODevice>
#include <QMimeData>

#include <algorithm>
#include <cmath>

namespace tc {

struct TenantTreeModel::Node
{
    enum class Load { Idle, Loading };

    Tenant tenant;
    Node *parent = nullptr;
    int row = 0; // position among the parent's children, kept current on every insert/remove
    std::vector<std::unique_ptr<Node>> children;
    Load load = Load::Idle;
    bool hasMore = false; // the server has children after the last loaded one
    bool pinned = false;  // filtered tree: the children are exactly the ones needed, no paging
    bool fetched = false; // a page of children has arrived: hasMore is the server's word now
    bool match = false;

    void renumberFrom(size_t first)
    {
        for (size_t i = first; i < children.size(); ++i)
            children[i]->row = int(i);
    }
};

namespace {
constexpr int kRefreshDelayMs = 100;
constexpr int kSearchLimit = 200;

} // namespace

TenantTreeModel::TenantTreeModel(TenantStore *store, QObject *parent)
    : QAbstractItemModel(parent), m_store(store), m_root(std::make_unique<Node>())
{
    m_root->hasMore = true;
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TenantTreeModel::flushRefresh);
    if (store)
        connect(store, &TenantStore::tenantChanged, this, &TenantTreeModel::onTenantChanged);
}

TenantTreeModel::~TenantTreeModel() = default;

void TenantTreeModel::clear()
{
    ++m_generation;
    m_byId.clear();
    m_refreshIds.clear();
    m_insertIds.clear();
    m_root = std::make_unique<Node>();
}

void TenantTreeModel::reload()
{
    ++m_searchSerial; // a search still under way must not replace the reloaded tree
    m_requestedFilter.clear();
    beginResetModel();
    clear();
    m_filter.clear();
    m_root->hasMore = true;
    endResetModel();
    fetchMore({});
}

void TenantTreeModel::setShowDeleted(bool show)
{
    if (show == m_showDeleted)
        return;
    m_showDeleted = show;
    Q_EMIT showDeletedChanged(show);
    // Like a filter change: the tree (or the filter's matches) is read again.
    const QString filter = m_requestedFilter;
    if (filter.isEmpty()) {
        reload();
    } else {
        m_requestedFilter.clear();
        setFilter(filter);
    }
}

void TenantTreeModel::setFilter(const QString &text)
{
    const QString filter = text.trimmed();
    if (filter == m_requestedFilter)
        return;
    m_requestedFilter = filter;
    if (filter.isEmpty()) {
        reload();
        return;
    }
    const quint64 serial = ++m_searchSerial;
    if (!m_store)
        return;
    setPending(+1);
    detail::deliver(m_store->search(filter, kSearchLimit, m_showDeleted), this, [this, serial](const Result<SearchResult> &result) {
        setPending(-1);
        if (serial != m_searchSerial)
            return; // the operator typed on; a newer search is under way
        if (!result.ok()) {
            m_requestedFilter = m_filter; // let the same text be tried again
            Q_EMIT errorOccurred(result.error());
            return;
        }
        applySearch(result.value());
    });
}

void TenantTreeModel::applySearch(const SearchResult &result)
{
    beginResetModel();
    clear();
    m_filter = result.text.trimmed();
    m_root->pinned = true;
    for (const TenantMatch &match : result.matches) {
        Node *parent = m_root.get();
        QList<Tenant> chain = match.ancestors;
        chain.append(match.tenant);
        for (const Tenant &t : std::as_const(chain)) {
            Node *node = m_byId.value(t.id);
            if (!node) {
                auto created = std::make_unique<Node>();
                created->tenant = t;
                created->parent = parent;
                created->hasMore = shownChildCount(t) > 0;
                node = created.get();
                parent->children.push_back(std::move(created));
                m_byId.insert(t.id, node);
            }
            parent = node;
        }
        parent->match = true;
    }
    // Ancestors show only the way to the matches; a match that is nobody's ancestor can
    // still be expanded and loads its children normally.
    std::vector<Node *> stack{m_root.get()};
    while (!stack.empty()) {
        Node *node = stack.back();
        stack.pop_back();
        if (!node->children.empty()) {
            node->pinned = true;
            node->hasMore = false;
            std::sort(node->children.begin(), node->children.end(),
                      [](const auto &a, const auto &b) { return a->tenant.slug < b->tenant.slug; });
            node->renumberFrom(0);
            for (auto &child : node->children)
                stack.push_back(child.get());
        }
    }
    endResetModel();
    Q_EMIT filterApplied(m_filter, int(result.matches.size()), result.truncated);
}

QModelIndexList TenantTreeModel::filterAncestors() const
{
    QModelIndexList out;
    if (!isFiltered())
        return out;
    std::vector<const Node *> stack;
    for (const auto &child : m_root->children)
        stack.push_back(child.get());
    while (!stack.empty()) {
        const Node *node = stack.back();
        stack.pop_back();
        if (node->pinned) {
            out.append(indexFor(node));
            for (const auto &child : node->children)
                stack.push_back(child.get());
        }
    }
    return out;
}

TenantTreeModel::Node *TenantTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex TenantTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex TenantTreeModel::indexOf(const QUuid &id, int column) const
{
    return indexFor(m_byId.value(id), column);
}

Tenant TenantTreeModel::tenantAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    return nodeFor(index)->tenant;
}

TenantMatch TenantTreeModel::matchAt(const QModelIndex &index) const
{
    TenantMatch match;
    if (!index.isValid())
        return match;
    match.tenant = tenantAt(index);
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        match.ancestors.prepend(tenantAt(up));
    return match;
}

QModelIndex TenantTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *node = nodeFor(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex TenantTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int TenantTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int TenantTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return ColumnCount;
}

bool TenantTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeFor(parent);
    if (!node->children.empty())
        return true;
    if (node == m_root.get())
        return node->hasMore;
    return !node->pinned && shownChildCount(node->tenant) > 0;
}

bool TenantTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeFor(parent);
    return !node->pinned && node->hasMore && node->load == Node::Load::Idle && m_store;
}

void TenantTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    requestPage(nodeFor(parent));
}

void TenantTreeModel::requestPage(Node *node)
{
    node->load = Node::Load::Loading;
    const QUuid id = node->tenant.id;
    const QString after = node->children.empty() ? QString() : node->children.back()->tenant.slug;
    const quint64 generation = m_generation;
    setPending(+1);
    detail::deliver(m_store->children(id, after, m_pageSize, m_showDeleted), this, [this, id, generation](const Result<TenantPage> &result) {
        setPending(-1);
        if (generation != m_generation)
            return; // the tree was reset meanwhile
        Node *target = id.isNull() ? m_root.get() : m_byId.value(id);
        if (!target)
            return; // removed meanwhile
        if (!result.ok()) {
            target->load = Node::Load::Idle;
            Q_EMIT errorOccurred(result.error());
            return;
        }
        applyPage(target, result.value());
    });
}

void TenantTreeModel::applyPage(Node *node, const TenantPage &page)
{
    // A change notification may have inserted some of these rows already.
    QList<Tenant> fresh;
    for (const Tenant &t : page.tenants) {
        if (!m_byId.contains(t.id))
            fresh.append(t);
    }
    const int first = int(node->children.size());
    if (!fresh.isEmpty()) {
        beginInsertRows(indexFor(node), first, first + int(fresh.size()) - 1);
        for (const Tenant &t : std::as_const(fresh)) {
            auto child = std::make_unique<Node>();
            child->tenant = t;
            child->parent = node;
            child->row = int(node->children.size());
            child->hasMore = shownChildCount(t) > 0;
            m_byId.insert(t.id, child.get());
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    // Only now: views may call fetchMore() from inside the insertion above, and until the
    // rows are in, a second request would ask for the same page again.
    node->hasMore = page.hasMore;
    node->fetched = true;
    node->load = Node::Load::Idle;
    if (node != m_root.get() && shownChildCount(node->tenant) != page.totalChildren) {
        // The page counts what it shows; the row keeps counting the deleted ones apart.
        node->tenant.childCount = page.totalChildren + (m_showDeleted ? 0 : node->tenant.deletedChildCount);
        const QModelIndex idx = indexFor(node);
        Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1), {ChildCountRole});
    }
    Q_EMIT pageLoaded(indexFor(node), int(fresh.size()));
}

void TenantTreeModel::insertChildSorted(Node *parent, const Tenant &tenant)
{
    const auto pos = std::lower_bound(parent->children.begin(), parent->children.end(), tenant.slug,
                                      [](const auto &n, const QString &slug) { return n->tenant.slug < slug; });
    // Past the loaded pages the row arrives with a later page; inserting it now would let
    // keyset paging skip the rows in between.
    if (pos == parent->children.end() && parent->hasMore)
        return;
    const int row = int(pos - parent->children.begin());
    beginInsertRows(indexFor(parent), row, row);
    auto child = std::make_unique<Node>();
    child->tenant = tenant;
    child->parent = parent;
    child->hasMore = shownChildCount(tenant) > 0;
    m_byId.insert(tenant.id, child.get());
    parent->children.insert(pos, std::move(child));
    parent->renumberFrom(size_t(row));
    endInsertRows();
}

bool TenantTreeModel::isShown(const Tenant &tenant) const
{
    return m_showDeleted || tenant.state != LifecycleState::Deleted;
}

int TenantTreeModel::shownChildCount(const Tenant &tenant) const
{
    if (m_showDeleted)
        return tenant.childCount;
    return std::max(0, tenant.childCount - tenant.deletedChildCount);
}

bool TenantTreeModel::childrenLoaded(const Node *node) const
{
    return node == m_root.get() || !node->children.empty() || node->fetched;
}

void TenantTreeModel::recountLater(const QUuid &parentId)
{
    if (m_showDeleted || parentId.isNull() || !m_byId.contains(parentId))
        return;
    m_refreshIds.insert(parentId);
    m_refreshTimer.start();
}

void TenantTreeModel::noteHiddenChange(const QUuid &id, const QUuid &parentId)
{
    if (m_showDeleted || isFiltered())
        return;
    Node *parent = parentId.isNull() ? m_root.get() : m_byId.value(parentId);
    if (!parent)
        return;
    recountLater(parentId);
    if (childrenLoaded(parent)) {
        m_insertIds.insert(id, parentId);
        m_refreshTimer.start();
    }
}

void TenantTreeModel::forget(Node *node)
{
    m_byId.remove(node->tenant.id);
    for (auto &child : node->children)
        forget(child.get());
}

void TenantTreeModel::removeNode(Node *node)
{
    Node *parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexFor(parent), row, row);
    forget(node);
    parent->children.erase(parent->children.begin() + row);
    parent->renumberFrom(size_t(row));
    endRemoveRows();
}

void TenantTreeModel::reposition(Node *node)
{
    Node *parent = node->parent;
    auto &siblings = parent->children;
    const int from = node->row;
    int to = 0; // its place among the others
    for (const auto &sibling : siblings) {
        if (sibling.get() != node && sibling->tenant.slug < node->tenant.slug)
            ++to;
    }
    // Past the loaded pages it would hide the rows in between from keyset paging: it comes
    // back with its page instead.
    if (to == int(siblings.size()) - 1 && parent->hasMore && !parent->pinned) {
        removeNode(node);
        return;
    }
    if (to == from)
        return;
    const QModelIndex parentIndex = indexFor(parent);
    beginMoveRows(parentIndex, from, from, parentIndex, to > from ? to + 1 : to);
    std::unique_ptr<Node> moving = std::move(siblings[size_t(from)]);
    siblings.erase(siblings.begin() + from);
    siblings.insert(siblings.begin() + to, std::move(moving));
    parent->renumberFrom(size_t(std::min(from, to)));
    endMoveRows();
}

void TenantTreeModel::adjustChildCount(Node *node, int delta, int deletedDelta)
{
    if (!node || node == m_root.get())
        return;
    Tenant &t = node->tenant;
    t.childCount = std::max(0, t.childCount + delta);
    t.deletedChildCount = std::clamp(t.deletedChildCount + deletedDelta, 0, t.childCount);
    // Children not loaded yet: whether there is anything to load follows the count.
    if (!node->pinned && node->children.empty() && !node->fetched)
        node->hasMore = shownChildCount(t) > 0;
    const QModelIndex idx = indexFor(node);
    Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1), {ChildCountRole});
}

void TenantTreeModel::onTenantChanged(const TenantChange &change)
{
    const bool structural = change.table == QLatin1String("tenants")
                            && (change.operation != TenantChange::Operation::Update
                                || change.parentId != change.oldParentId);
    if (!structural) {
        if (Node *node = m_byId.value(change.tenantId)) {
            m_refreshIds.insert(change.tenantId);
            // Loaded sub-tenants may show this tenant's limit as the one they inherit.
            if (change.table == QLatin1String("quotas")) {
                std::vector<const Node *> pending{node};
                while (!pending.empty()) {
                    const Node *n = pending.back();
                    pending.pop_back();
                    for (const auto &child : n->children) {
                        m_refreshIds.insert(child->tenant.id);
                        pending.push_back(child.get());
                    }
                }
            }
            m_refreshTimer.start();
        } else if (change.table == QLatin1String("tenants")) {
            // Not shown: perhaps a deleted row, hidden, that was just restored.
            noteHiddenChange(change.tenantId, change.parentId);
        }
        return;
    }
    if (isFiltered()) {
        // The filtered tree is a snapshot of a search; refresh what is shown, no more.
        if (m_byId.contains(change.tenantId)) {
            m_refreshIds.insert(change.tenantId);
            m_refreshTimer.start();
        }
        return;
    }
    // Deleted or moved away: drop the row where it was.
    if (change.operation != TenantChange::Operation::Insert) {
        Node *node = m_byId.value(change.tenantId);
        const bool wasDeleted = node && node->tenant.state == LifecycleState::Deleted;
        if (node)
            removeNode(node);
        adjustChildCount(m_byId.value(change.oldParentId), -1, wasDeleted ? -1 : 0);
        if (!node)
            recountLater(change.oldParentId); // it may have been a deleted one, hidden
    }
    // Inserted or moved here: read the row, then place it if its parent is loaded.
    if (change.operation != TenantChange::Operation::Delete) {
        Node *parent = change.parentId.isNull() ? m_root.get() : m_byId.value(change.parentId);
        if (parent) {
            adjustChildCount(parent, +1);
            recountLater(change.parentId); // it may be a deleted one, hidden
            if (childrenLoaded(parent)) {
                m_insertIds.insert(change.tenantId, change.parentId);
                m_refreshTimer.start();
            }
        }
    }
}

void TenantTreeModel::flushRefresh()
{
    if (!m_store || (m_refreshIds.isEmpty() && m_insertIds.isEmpty()))
        return;
    QList<QUuid> ids(m_refreshIds.begin(), m_refreshIds.end());
    for (auto it = m_insertIds.cbegin(); it != m_insertIds.cend(); ++it)
        ids.append(it.key());
    const QHash<QUuid, QUuid> inserts = m_insertIds;
    m_refreshIds.clear();
    m_insertIds.clear();
    const quint64 generation = m_generation;
    setPending(+1);
    detail::deliver(m_store->tenants(ids), this, [this, generation, inserts](const Result<QList<Tenant>> &result) {
        setPending(-1);
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            Q_EMIT errorOccurred(result.error());
            return;
        }
        const QList<Tenant> &rows = result.value();
        QSet<QUuid> read;
        for (const Tenant &t : rows)
            read.insert(t.id);
        // A parent read in this batch already counts its children as they are now.
        const auto adjustUnlessRead = [this, &read](Node *parent, int delta, int deletedDelta) {
            if (parent && !read.contains(parent->tenant.id))
                adjustChildCount(parent, delta, deletedDelta);
        };
        for (const Tenant &t : rows) {
            Node *node = m_byId.value(t.id);
            const bool deleted = t.state == LifecycleState::Deleted;
            if (node && node->tenant.parentId != t.parentId && !isFiltered()) {
                // Moved again between the notification and this read: it belongs elsewhere.
                adjustUnlessRead(node->parent, -1, node->tenant.state == LifecycleState::Deleted ? -1 : 0);
                removeNode(node);
                node = nullptr;
                adjustUnlessRead(m_byId.value(t.parentId), +1, deleted ? 1 : 0);
                if (isShown(t)) {
                    m_insertIds.insert(t.id, t.parentId);
                    m_refreshTimer.start();
                }
                continue;
            }
            if (node && !isShown(t)) {
                // Deleted while deleted rows are hidden: it leaves the tree, subtree and all.
                Node *parent = node->parent;
                removeNode(node);
                adjustUnlessRead(parent, 0, +1);
                continue;
            }
            if (node) {
                const bool renamed = node->tenant.slug != t.slug;
                node->tenant = t;
                if (!node->pinned && !node->fetched && node->children.empty() && node->load == Node::Load::Idle)
                    node->hasMore = shownChildCount(t) > 0;
                const QModelIndex idx = indexFor(node);
                Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
                if (renamed && !isFiltered())
                    reposition(node);
            } else if (inserts.contains(t.id) && t.parentId == inserts.value(t.id) && isShown(t)) {
                Node *parent = t.parentId.isNull() ? m_root.get() : m_byId.value(t.parentId);
                if (parent && parent->load == Node::Load::Loading) {
                    // A page of this parent is on its way and may or may not hold the row:
                    // decide once it has landed.
                    m_insertIds.insert(t.id, t.parentId);
                    m_refreshTimer.start();
                } else if (parent && !parent->pinned) {
                    insertChildSorted(parent, t);
                }
            }
        }
    });
}

void TenantTreeModel::setPending(int delta)
{
    const bool was = m_pendingLoads > 0;
    m_pendingLoads += delta;
    if (was != (m_pendingLoads > 0))
        Q_EMIT loadingChanged(m_pendingLoads > 0);
}

QVariant TenantTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::DoNotUseParent))
        return {};
    const Node *node = nodeFor(index);
    const Tenant &t = node->tenant;
    const UsageLimit *usage = index.column() == ItemsColumn ? &t.items
                            : index.column() == StorageColumn ? &t.storage
                                                              : nullptr;
    const ResourceUnit unit = index.column() == StorageColumn ? ResourceUnit::Bytes : ResourceUnit::Count;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return t.displayName;
        case TierColumn: return tierDisplayName(t.tier);
        case StateColumn: return stateDisplayName(t.state);
        case ItemsColumn:
        case StorageColumn: return formatUsage(usage->used, usage->limit, unit);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            const QString who = QStringLiteral("%1\n%2").arg(t.slug, t.id.toString(QUuid::WithoutBraces));
            if (!t.alert)
                return who;
            const UsageAlert &a = *t.alert;
            const QString name = a.displayName.isEmpty() ? a.resource : a.displayName;
            // Rounded down, as the threshold check compares: 89.9 % never reads "90 %".
            const qint64 percent = a.limit > 0 ? qint64(std::floor(a.fraction() * 100.0)) : 0;
            if (a.threshold >= 100 || (a.limit > 0 && a.used >= a.limit))
                //: e.g. "Storage at 104 % of its limit (limit reached)"
                return who + u'\n' + tr("%1 at %2 % of its limit (limit reached)").arg(name).arg(percent);
            //: e.g. "Storage at 93 % of its limit (90 % threshold reached)"
            return who + u'\n' + tr("%1 at %2 % of its limit (%3 % threshold reached)").arg(name).arg(percent).arg(a.threshold);
        }
        if (index.column() == StateColumn && t.isPurged())
            return tr("Purged on %1: only the tombstone is left")
                .arg(t.purgedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (index.column() == StateColumn && t.state == LifecycleState::Deleted && t.purgeAfter.isValid())
            return tr("Can be restored until %1")
                .arg(t.purgeAfter.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        return {};
    case Qt::FontRole:
        if (t.state == LifecycleState::Deleted) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (usage)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TenantIdRole: return t.id;
    case SlugRole: return t.slug;
    case DisplayNameRole: return t.displayName;
    case TierRole: return tierKey(t.tier);
    case StateRole: return lifecycleStateKey(t.state);
    case ParentIdRole: return t.parentId;
    case ChildCountRole: return shownChildCount(t);
    case MatchRole: return node->match;
    case TenantRole: return QVariant::fromValue(t);
    case PurgedRole: return t.isPurged();
    case AlertRole: return t.alert ? QVariant::fromValue(*t.alert) : QVariant();
    case AlertLevelRole: return int(t.alert ? t.alert->level : AlertLevel::None);
    case UsedRole:
        return usage && usage->used ? QVariant::fromValue(*usage->used) : QVariant();
    case LimitRole:
        return usage && usage->limit ? QVariant::fromValue(*usage->limit) : QVariant();
    case UsageFractionRole:
        if (usage) {
            if (const auto f = usage->fraction())
                return *f;
        }
        return {};
    }
    return {};
}

QVariant TenantTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TierColumn: return tr("Tier");
    case StateColumn: return tr("State");
    case ItemsColumn: return tr("Items (used / limit)");
    case StorageColumn: return tr("Storage (used / limit)");
    }
    return {};
}

Qt::ItemFlags TenantTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_readOnly ? Qt::NoItemFlags : Qt::ItemIsDropEnabled; // the empty area: top level
    // Never ItemNeverHasChildren: any leaf may get a sub-tenant from another session.
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_readOnly)
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return f;
}

QString TenantTreeModel::mimeType()
{
    return QStringLiteral("application/x-tenant-console-tenants");
}

Qt::DropActions TenantTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions TenantTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList TenantTreeModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *TenantTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QList<QPair<QUuid, QUuid>> dragged;
    QSet<QUuid> seen;
    for (const QModelIndex &index : indexes) {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid))
            continue;
        const Tenant &t = nodeFor(index)->tenant;
        if (seen.contains(t.id)) // one entry per row, whatever the columns
            continue;
        seen.insert(t.id);
        dragged.append({t.id, t.parentId});
    }
    if (dragged.isEmpty())
        return nullptr;
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << dragged;
    auto *data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

QList<QPair<QUuid, QUuid>> TenantTreeModel::acceptableDrop(const QMimeData *data, Qt::DropAction action,
                                                          const QModelIndex &parent) const
{
    if (m_readOnly || action != Qt::MoveAction || !data || !data->hasFormat(mimeType()))
        return {};
    if (parent.isValid() && !checkIndex(parent, CheckIndexOption::IndexIsValid))
        return {};
    QList<QPair<QUuid, QUuid>> dragged;
    QDataStream in(data->data(mimeType()));
    in.setVersion(QDataStream::Qt_6_4);
    in >> dragged;
    if (in.status() != QDataStream::Ok || dragged.isEmpty())
        return {};
    const Node *target = nodeFor(parent);
    const QUuid newParent = target == m_root.get() ? QUuid() : target->tenant.id;
    // Under itself or its own subtree would be a cycle. Every ancestor of a row in the model is
    // loaded, so the chain up from the target is complete; the database checks again anyway.
    QSet<QUuid> chain;
    for (const Node *n = target; n && n != m_root.get(); n = n->parent)
        chain.insert(n->tenant.id);
    bool anyMoves = false;
    for (const auto &[id, oldParent] : std::as_const(dragged)) {
        if (chain.contains(id))
            return {};
        anyMoves = anyMoves || oldParent != newParent;
    }
    if (!anyMoves)
        return {}; // already there: nothing to do
    return dragged;
}

bool TenantTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                      const QModelIndex &parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    return !acceptableDrop(data, action, parent).isEmpty();
}

bool TenantTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    Q_UNUSED(row);
    Q_UNUSED(column); // the children are in slug order: where among them it lands doesn't matter
    const QList<QPair<QUuid, QUuid>> dragged = acceptableDrop(data, action, parent);
    if (dragged.isEmpty())
        return false;
    const Node *target = nodeFor(parent);
    const QUuid newParent = target == m_root.get() ? QUuid() : target->tenant.id;
    QList<QUuid> ids;
    QList<QUuid> expectedParents;
    for (const auto &[id, oldParent] : dragged) {
        if (oldParent == newParent)
            continue;
        ids.append(id);
        expectedParents.append(oldParent);
    }
    Q_EMIT moveRequested(ids, expectedParents, newParent);
    // True: the drop was taken. The view then asks to remove the dragged rows, which this
    // model refuses (removeRows is not implemented); the move's notification removes them.
    return true;
}

QString TenantTreeModel::tierDisplayName(Tier tier)
{
    switch (tier) {
    case Tier::Starter: return tr("Starter");
    case Tier::Professional: return tr("Professional");
    case Tier::Enterprise: return tr("Enterprise");
    }
    return {};
}

QString TenantTreeModel::stateDisplayName(LifecycleState state)
{
    switch (state) {
    case LifecycleState::Active: return tr("Active");
    case LifecycleState::Suspended: return tr("Suspended");
    case LifecycleState::Archived: return tr("Archived");
    case LifecycleState::Deleted: return tr("Deleted");
    }
    return {};
}

QHash<int, QByteArray> TenantTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{TenantIdRole, "tenantId"},
                  {SlugRole, "slug"},
                  {DisplayNameRole, "displayName"},
                  {TierRole, "tier"},
                  {StateRole, "state"},
                  {ParentIdRole, "parentId"},
                  {ChildCountRole, "childCount"},
                  {UsedRole, "used"},
                  {LimitRole, "limit"},
                  {UsageFractionRole, "usageFraction"},
                  {MatchRole, "match"},
                  {TenantRole, "tenant"},
                  {PurgedRole, "purged"},
                  {AlertRole, "alert"},
                  {AlertLevelRole, "alertLevel"}});
    return names;
}

} // namespace tc
