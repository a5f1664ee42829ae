#pragma once

#include "models/domain/error.h"
#include "models/domain/tenant.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace tc {

class TenantStore;

// The tenant hierarchy, loaded lazily: a node's children arrive in keyset pages when a view
// asks (canFetchMore/fetchMore only *start* a load). Rows refresh when the store reports a
// change from any session. With a filter, the model shows the server's search matches and
// only the ancestors needed to reach them. Deleted tenants (and purged tombstones) are hidden
// unless showDeleted() is on; a row that gets deleted leaves the tree then, and comes back
// when it is restored.
//
// Columns: name, tier, state, items used/limit, storage used/limit. Every column answers the
// custom roles for its row; UsedRole/LimitRole/UsageFractionRole are per usage column.
class TenantTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, TierColumn, StateColumn, ItemsColumn, StorageColumn, ColumnCount };

    enum Role : int {
        TenantIdRole = Qt::UserRole + 1, // QUuid
        SlugRole,                        // QString
        DisplayNameRole,                 // QString
        TierRole,                        // QString key: starter | professional | enterprise
        StateRole,                       // QString key: active | suspended | archived | deleted
        ParentIdRole,                    // QUuid, null at the top level
        ChildCountRole,                  // int, sub-tenants on the server that the tree shows
                                         // (deleted ones only with showDeleted())
        UsedRole,                        // qint64 or invalid (usage columns)
        LimitRole,                       // qint64 or invalid = unlimited (usage columns)
        UsageFractionRole,               // double used/limit or invalid (usage columns)
        MatchRole,                       // bool: this row matches the current filter
        TenantRole,                      // tc::Tenant
        PurgedRole,                      // bool: a tombstone, its data purged (state: deleted)
        AlertRole,                       // tc::UsageAlert or invalid: a soft threshold reached
        AlertLevelRole,                  // int tc::AlertLevel (None = 0)
    };
    Q_ENUM(Role)

    explicit TenantTreeModel(TenantStore *store, QObject *parent = nullptr);
    ~TenantTreeModel() override;

    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    // Drops everything and loads the top level again.
    void reload();

    // Server-side search across the hierarchy; empty text returns to the lazy tree.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    bool isFiltered() const { return !m_filter.isEmpty(); }
    // In a filtered tree: the ancestors of the matches, which a view should expand.
    QModelIndexList filterAncestors() const;

    // Off by default: deleted tenants and purged tombstones are left out. Changing it
    // reloads the tree (or runs the filter's search again).
    void setShowDeleted(bool show);
    bool showDeleted() const { return m_showDeleted; }

    // Translated names, shared with the views that show tiers and states elsewhere.
    static QString tierDisplayName(Tier tier);
    static QString stateDisplayName(LifecycleState state);

    // A read is under way or about to start (coalesced change notifications).
    bool isLoading() const { return m_pendingLoads > 0 || m_refreshTimer.isActive(); }
    QModelIndex indexOf(const QUuid &id, int column = 0) const;
    Tenant tenantAt(const QModelIndex &index) const;
    // The tenant with its ancestors as the tree holds them (top level first), as a search
    // would return it; an empty match for an invalid index.
    TenantMatch matchAt(const QModelIndex &index) const;

    // Read-only (an auditor's session): rows can't be dragged and nothing can be dropped.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }

    // The private drag-and-drop format: the dragged tenants' ids with their parents as read.
    static QString mimeType();

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Drag and drop never changes the model: a drop asks for a move (moveRequested); the row
    // goes when the database has moved it and the change notification arrives.
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void errorOccurred(const tc::Error &error);
    // A page of children arrived and was inserted (rows may be 0).
    void pageLoaded(const QModelIndex &parent, int rows);
    // A filter's results replaced the tree.
    void filterApplied(const QString &text, int matches, bool truncated);
    // Tenants were dropped under `newParent` (null = top level). `expectedParents[i]` is the
    // parent `ids[i]` had when it was dragged, for the store's compare-and-set.
    void moveRequested(const QList<QUuid> &ids, const QList<QUuid> &expectedParents, const QUuid &newParent);
    void showDeletedChanged(bool show);

private:
    struct Node;

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    void requestPage(Node *node);
    void applyPage(Node *node, const TenantPage &page);
    void applySearch(const SearchResult &result);
    void insertChildSorted(Node *parent, const Tenant &tenant);
    // Whether the tree shows this tenant at all (deleted ones only with showDeleted()).
    bool isShown(const Tenant &tenant) const;
    // The children of `tenant` the tree can show: what hasChildren and paging go by.
    int shownChildCount(const Tenant &tenant) const;
    // A row that changed may have appeared (a restore) or changed its parent's count of
    // deleted children: read it and the parent again. Only while deleted rows are hidden.
    void noteHiddenChange(const QUuid &id, const QUuid &parentId);
    // Deleted rows are hidden and one that isn't shown may have been one: the parent's
    // counts are read again rather than guessed.
    void recountLater(const QUuid &parentId);
    // The children shown are what the server has (up to the pages loaded): a notification's
    // new child can be placed among them.
    bool childrenLoaded(const Node *node) const;
    void removeNode(Node *node);
    // A renamed row moves to its slug's place among the loaded siblings (subtree and all).
    void reposition(Node *node);
    void forget(Node *node);
    void onTenantChanged(const TenantChange &change);
    void flushRefresh();
    void adjustChildCount(Node *node, int delta, int deletedDelta = 0);
    void setPending(int delta);
    void clear();
    // The dragged (id, parent) pairs of a drop that may happen under `parent`; empty if refused.
    QList<QPair<QUuid, QUuid>> acceptableDrop(const QMimeData *data, Qt::DropAction action,
                                               const QModelIndex &parent) const;

    QPointer<TenantStore> m_store;
    std::unique_ptr<Node> m_root;
    QHash<QUuid, Node *> m_byId;
    int m_pageSize = 200;
    bool m_readOnly = false;
    bool m_showDeleted = false;
    int m_pendingLoads = 0;
    quint64 m_generation = 0; // bumped on every reset: late results of an old tree are dropped
    QString m_filter;          // the filter the tree shows
    QString m_requestedFilter; // the filter last asked for (its search may still be running)
    quint64 m_searchSerial = 0;
    // Change notifications are coalesced: many changes become one batched read.
    QSet<QUuid> m_refreshIds;
    QHash<QUuid, QUuid> m_insertIds; // new tenant -> parent
    QTimer m_refreshTimer;
};

} // namespace tc
