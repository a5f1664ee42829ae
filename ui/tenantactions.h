#pragma once

#include "models/domain/error.h"
#include "models/domain/lifecycle.h"
#include "models/domain/tenant.h"
#include "models/store/sessioninfo.h"
#include "ui/lifecycledialog.h"
#include "ui/tenantdialog.h"

#include <QList>
#include <QMap>
#include <QMetaObject>
#include <QModelIndex>
#include <QObject>
#include <QPointer>
#include <QUuid>

#include <memory>

class QAction;
class QDialog;
class QMenu;
class QPoint;
class QToolBar;
class QWidget;

namespace tc {
class TenantStore;
class TenantTreeModel;
}

namespace tc::ui {

class TenantTreePanel;

// The tenant actions of the console — create, create under, rename, edit, move (dialog and
// drag and drop), bulk quotas, and the lifecycle transitions (one tenant or many) — with
// their shortcuts, enabled by the tree's selection and the session's role. Runs the store calls of the dialogs that don't run their own, and
// selects what was created or moved once the change notification has put it in the tree.
class TenantActions : public QObject
{
    Q_OBJECT

public:
    // `window` parents the dialogs and carries the shortcuts.
    TenantActions(TenantTreePanel *tree, QWidget *window);
    ~TenantActions() override;

    // The connection's store, its tree model (already set on the panel) and role; a null store
    // when disconnected. Sessions that can't write get a read-only model and no actions.
    void setContext(TenantStore *store, TenantTreeModel *model, const SessionInfo &session);

    QAction *newTenantAction() const { return m_newTenant; }
    QAction *newSubTenantAction() const { return m_newSubTenant; }
    QAction *renameAction() const { return m_rename; }
    QAction *editAction() const { return m_edit; }
    QAction *moveAction() const { return m_move; }
    QAction *bulkAction() const { return m_bulk; }
    // Move Data… (rows by selector) and Merge Data Into… (all rows) of the selected tenant.
    QAction *moveDataAction() const { return m_moveData; }
    QAction *mergeDataAction() const { return m_mergeData; }
    // Suspend, Resume, Archive, Restore, Delete…; each action's data() is its LifecycleAction.
    QAction *lifecycleAction(LifecycleAction action) const { return m_lifecycle.value(action); }
    QList<QAction *> lifecycleActions() const;
    // The "Lifecycle" submenu (in the Tenant menu and the tree's context menu).
    QMenu *lifecycleMenu() const { return m_lifecycleMenu; }

    void addToMenu(QMenu *menu) const;
    void addToToolBar(QToolBar *toolBar) const;

    void newTenant();
    void newSubTenant();
    void renameTenant();
    void editTenant();
    void moveTenant();
    void bulkQuotas();
    void requestMigration(bool wholeTenant);
    // Opens the transition's dialog for the selected tenants it applies to.
    void changeLifecycle(LifecycleAction action);

Q_SIGNALS:
    // A short note for the status bar ("Created acme/eu.").
    void statusMessage(const QString &text);
    // The operator wants to move data out of `source` (all of it: a merge) in the migration
    // wizard, which the window opens.
    void migrationRequested(const tc::TenantMatch &source, bool wholeTenant);

private:
    struct MoveBatch;
    // The selected tenants a transition applies to, shallowest first, and the ones it
    // doesn't with the reason why.
    struct Eligibility
    {
        QList<LifecycleDialog::Target> targets;
        QList<LifecycleDialog::LeftOut> leftOut;
    };

    QModelIndexList selectedRows() const;
    QModelIndex singleSelection() const;
    void updateActions();
    void updateLifecycleActions(const QModelIndexList &rows, bool readOnly);
    Eligibility lifecycleEligibility(LifecycleAction action, const QModelIndexList &rows) const;
    QString blockText(LifecycleAction action, const Tenant &tenant, TransitionBlock block, const Tenant &parent) const;
    void showContextMenu(const QPoint &pos);
    void openTenantDialog(TenantDialog::Mode mode, bool focusSlug);
    void save(TenantDialog *dialog);
    void reload(TenantDialog *dialog);
    void onMoveRequested(const QList<QUuid> &ids, const QList<QUuid> &expectedParents, const QUuid &newParent);
    void confirmMove(const std::shared_ptr<MoveBatch> &batch);
    void moveNext(const std::shared_ptr<MoveBatch> &batch);
    void selectWhenShown(const QUuid &id, const QUuid &parentId);
    void selectPending();
    void track(QDialog *dialog);
    // The features a tenant passes on to sub-tenants that inherit: its own and, while it
    // inherits, its ancestors'.
    QStringList inheritableFeatures(const QUuid &tenantId) const;
    QString slugPath(const QModelIndex &index) const;
    QString moveFailureText(const QString &path, const Error &error) const;

    QPointer<TenantTreePanel> m_tree;
    QWidget *m_window = nullptr;
    QPointer<TenantStore> m_store;
    QPointer<TenantTreeModel> m_model;
    SessionInfo m_session;
    QUuid m_pendingSelect;
    QUuid m_pendingParent; // selected only once it is under this parent (a move lands there)
    QList<QPointer<QDialog>> m_dialogs;
    QList<QMetaObject::Connection> m_connections;

    QAction *m_newTenant = nullptr;
    QAction *m_newSubTenant = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_move = nullptr;
    QAction *m_bulk = nullptr;
    QAction *m_moveData = nullptr;
    QAction *m_mergeData = nullptr;
    QMap<LifecycleAction, QAction *> m_lifecycle;
    QMenu *m_lifecycleMenu = nullptr;
};

} // namespace tc::ui
