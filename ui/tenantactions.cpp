#include "ui/tenantactions.h"

#include "models/items/deliver.h"
#include "models/domain/validation.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "ui/bulkquotadialog.h"
#include "ui/errortext.h"
#include "ui/lifecycledialog.h"
#include "ui/movetenantdialog.h"
#include "ui/tenanttreepanel.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>

namespace tc::ui {

namespace {

QIcon themeIcon(const char *name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
}

QString shortcutText(const QAction *action)
{
    return action->shortcut().toString(QKeySequence::NativeText);
}

int depthOf(const QModelIndex &index)
{
    int depth = 0;
    for (QModelIndex i = index; i.isValid(); i = i.parent())
        ++depth;
    return depth;
}

QString stateName(LifecycleState state)
{
    return QLocale().toLower(TenantTreeModel::stateDisplayName(state));
}

} // namespace

struct TenantActions::MoveBatch
{
    QPointer<TenantStore> store;
    QList<QUuid> ids;
    QList<QUuid> expectedParents;
    QList<QString> paths;
    QUuid newParent;
    QString target;
    int next = 0;
    QStringList failures;
    QList<Tenant> moved;
};

TenantActions::TenantActions(TenantTreePanel *tree, QWidget *window) : QObject(window), m_tree(tree), m_window(window)
{
    m_newTenant = new QAction(themeIcon("list-add", QStyle::SP_FileIcon), tr("&New Tenant…"), this);
    m_newTenant->setObjectName(QStringLiteral("actionNewTenant"));
    m_newTenant->setIconText(tr("New Tenant"));
    m_newTenant->setShortcut(QKeySequence::New);
    m_newTenant->setStatusTip(tr("Create a tenant at the top level of the hierarchy."));
    connect(m_newTenant, &QAction::triggered, this, &TenantActions::newTenant);

    m_newSubTenant = new QAction(themeIcon("folder-new", QStyle::SP_FileDialogNewFolder), tr("New &Sub-tenant…"), this);
    m_newSubTenant->setObjectName(QStringLiteral("actionNewSubTenant"));
    m_newSubTenant->setIconText(tr("New Sub-tenant"));
    m_newSubTenant->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newSubTenant->setStatusTip(tr("Create a tenant under the selected one."));
    connect(m_newSubTenant, &QAction::triggered, this, &TenantActions::newSubTenant);

    m_rename = new QAction(themeIcon("edit-rename", QStyle::SP_FileDialogInfoView), tr("&Rename…"), this);
    m_rename->setObjectName(QStringLiteral("actionRename"));
    m_rename->setShortcut(Qt::Key_F2);
    m_rename->setStatusTip(tr("Change the slug or display name of the selected tenant."));
    connect(m_rename, &QAction::triggered, this, &TenantActions::renameTenant);

    m_edit = new QAction(themeIcon("document-edit", QStyle::SP_FileDialogContentsView), tr("&Edit Tenant…"), this);
    m_edit->setObjectName(QStringLiteral("actionEdit"));
    m_edit->setIconText(tr("Edit"));
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_edit->setStatusTip(tr("Edit the selected tenant's names, features and deletion settings."));
    connect(m_edit, &QAction::triggered, this, &TenantActions::editTenant);

    m_move = new QAction(themeIcon("go-jump", QStyle::SP_ArrowForward), tr("&Move To…"), this);
    m_move->setObjectName(QStringLiteral("actionMove"));
    m_move->setIconText(tr("Move"));
    m_move->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_move->setStatusTip(tr("Move the selected tenant and its subtree under another parent. "
                            "Dragging it in the tree does the same."));
    connect(m_move, &QAction::triggered, this, &TenantActions::moveTenant);

    m_bulk = new QAction(themeIcon("view-list-details", QStyle::SP_FileDialogDetailedView), tr("Apply Tier / &Bulk Quotas…"),
                         this);
    m_bulk->setObjectName(QStringLiteral("actionBulkQuotas"));
    m_bulk->setIconText(tr("Bulk Quotas"));
    m_bulk->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_bulk->setStatusTip(tr("Apply a tier, set one resource or copy quotas for all selected tenants at once."));
    connect(m_bulk, &QAction::triggered, this, &TenantActions::bulkQuotas);

    m_moveData = new QAction(themeIcon("document-send", QStyle::SP_ArrowRight), tr("Move &Data…"), this);
    m_moveData->setObjectName(QStringLiteral("actionMoveData"));
    m_moveData->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_moveData->setStatusTip(tr("Move the selected tenant's rows that match a selector into another tenant, as a "
                                "resumable job."));
    connect(m_moveData, &QAction::triggered, this, [this] { requestMigration(false); });

    m_mergeData = new QAction(tr("Mer&ge Data Into…"), this);
    m_mergeData->setObjectName(QStringLiteral("actionMergeData"));
    m_mergeData->setStatusTip(tr("Move all of the selected tenant's rows into another tenant, as a resumable job."));
    connect(m_mergeData, &QAction::triggered, this, [this] { requestMigration(true); });

    m_lifecycleMenu = new QMenu(tr("&Lifecycle"), window);
    m_lifecycleMenu->setObjectName(QStringLiteral("lifecycleMenu"));
    m_lifecycleMenu->setToolTipsVisible(true);
    m_lifecycleMenu->setIcon(themeIcon("view-history", QStyle::SP_BrowserReload));
    for (LifecycleAction which : tc::lifecycleActions()) {
        QAction *action = nullptr;
        switch (which) {
        case LifecycleAction::Suspend:
            action = new QAction(themeIcon("media-playback-pause", QStyle::SP_MediaPause), tr("&Suspend…"), this);
            action->setObjectName(QStringLiteral("actionSuspend"));
            action->setStatusTip(tr("Stop serving the selected tenants and their sub-tenants; their data is kept."));
            break;
        case LifecycleAction::Resume:
            action = new QAction(themeIcon("media-playback-start", QStyle::SP_MediaPlay), tr("Res&ume…"), this);
            action->setObjectName(QStringLiteral("actionResume"));
            action->setStatusTip(tr("Serve the selected suspended tenants again, and the sub-tenants they held."));
            break;
        case LifecycleAction::Archive:
            action = new QAction(themeIcon("archive-insert", QStyle::SP_DirClosedIcon), tr("&Archive…"), this);
            action->setObjectName(QStringLiteral("actionArchive"));
            action->setStatusTip(tr("Keep the selected suspended tenants for compliance, with no access."));
            break;
        case LifecycleAction::Restore:
            action = new QAction(themeIcon("edit-undo", QStyle::SP_ArrowBack), tr("Rest&ore…"), this);
            action->setObjectName(QStringLiteral("actionRestore"));
            action->setStatusTip(tr("Make archived tenants, or deleted ones inside their retention period, active again."));
            break;
        case LifecycleAction::Delete:
            action = new QAction(themeIcon("edit-delete", QStyle::SP_TrashIcon), tr("&Delete…"), this);
            action->setObjectName(QStringLiteral("actionDelete"));
            action->setShortcut(QKeySequence::Delete);
            action->setStatusTip(tr("Delete the selected tenants with their sub-tenants; restorable until the "
                                    "retention period ends, then purged."));
            break;
        }
        action->setData(QVariant::fromValue(which));
        connect(action, &QAction::triggered, this, [this, which] { changeLifecycle(which); });
        m_lifecycle.insert(which, action);
        m_lifecycleMenu->addAction(action);
        if (which == LifecycleAction::Archive)
            m_lifecycleMenu->addSeparator(); // restore and delete apart from the everyday pair
    }

    // Shortcuts work wherever the focus is in the window, menus open or not; but F2 renames
    // and Del deletes only in the tree, as other views (the quota editor) edit their own
    // cells with them.
    window->addActions({m_newTenant, m_newSubTenant, m_edit, m_move, m_bulk, m_moveData});
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tree->addAction(m_rename);
    QAction *del = m_lifecycle.value(LifecycleAction::Delete);
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tree->view()->addAction(del);

    QTreeView *view = tree->view();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, &TenantActions::showContextMenu);
    updateActions();
}

TenantActions::~TenantActions() = default;

void TenantActions::setContext(TenantStore *store, TenantTreeModel *model, const SessionInfo &session)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    // Dialogs of the previous connection would write through a store that is going away.
    if (store != m_store) {
        for (const QPointer<QDialog> &dialog : std::as_const(m_dialogs)) {
            if (dialog)
                dialog->deleteLater();
        }
        m_dialogs.clear();
    }
    m_store = store;
    m_model = model;
    m_session = session;
    m_pendingSelect = QUuid();
    if (model) {
        model->setReadOnly(!session.canWrite());
        m_connections << connect(model, &TenantTreeModel::moveRequested, this, &TenantActions::onMoveRequested,
                                 Qt::QueuedConnection); // never inside the view's drop event
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this, &TenantActions::selectPending);
        m_connections << connect(model, &QAbstractItemModel::rowsMoved, this, &TenantActions::selectPending);
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this, &TenantActions::updateActions);
        m_connections << connect(model, &QAbstractItemModel::modelReset, this, &TenantActions::updateActions);
        m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this, &TenantActions::updateActions);
        if (QItemSelectionModel *selection = m_tree->view()->selectionModel())
            m_connections << connect(selection, &QItemSelectionModel::selectionChanged, this, &TenantActions::updateActions);
    }
    updateActions();
}

void TenantActions::addToMenu(QMenu *menu) const
{
    menu->addAction(m_newTenant);
    menu->addAction(m_newSubTenant);
    menu->addSeparator();
    menu->addAction(m_rename);
    menu->addAction(m_edit);
    menu->addAction(m_move);
    menu->addSeparator();
    menu->addAction(m_bulk);
    menu->addSeparator();
    menu->addAction(m_moveData);
    menu->addAction(m_mergeData);
    menu->addSeparator();
    menu->addMenu(m_lifecycleMenu);
}

QList<QAction *> TenantActions::lifecycleActions() const
{
    QList<QAction *> actions;
    for (LifecycleAction which : tc::lifecycleActions())
        actions << m_lifecycle.value(which);
    return actions;
}

void TenantActions::addToToolBar(QToolBar *toolBar) const
{
    toolBar->addAction(m_newTenant);
    toolBar->addAction(m_newSubTenant);
    toolBar->addAction(m_edit);
    toolBar->addAction(m_move);
    toolBar->addAction(m_bulk);
}

QModelIndexList TenantActions::selectedRows() const
{
    if (!m_model || !m_tree || !m_tree->view()->selectionModel())
        return {};
    return m_tree->view()->selectionModel()->selectedRows(TenantTreeModel::NameColumn);
}

QModelIndex TenantActions::singleSelection() const
{
    const QModelIndexList rows = selectedRows();
    return rows.size() == 1 ? rows.first() : QModelIndex();
}

void TenantActions::updateActions()
{
    const bool connected = m_store && m_model;
    const bool writable = connected && m_session.canWrite();
    const QModelIndexList rows = writable ? selectedRows() : QModelIndexList();
    const QModelIndex single = rows.size() == 1 ? rows.first() : QModelIndex();

    const int depth = depthOf(single);
    const bool activeParent = single.isValid()
                              && single.data(TenantTreeModel::StateRole).toString() == lifecycleStateKey(LifecycleState::Active);

    m_newTenant->setEnabled(writable);
    m_newSubTenant->setEnabled(single.isValid() && depth < kMaxDepth && activeParent);
    m_rename->setEnabled(single.isValid());
    m_edit->setEnabled(single.isValid());
    m_move->setEnabled(single.isValid());
    m_bulk->setEnabled(!rows.isEmpty());
    const bool hasData = single.isValid()
        && single.data(TenantTreeModel::StateRole).toString() != lifecycleStateKey(LifecycleState::Deleted);
    m_moveData->setEnabled(hasData);
    m_mergeData->setEnabled(hasData);

    const bool readOnly = connected && !m_session.canWrite();
    const auto tip = [readOnly](QAction *action, const QString &text) {
        const QString withKey = tr("%1 (%2)", "tooltip (shortcut)").arg(text, shortcutText(action));
        action->setToolTip(readOnly ? tr("%1 — not available: this login is read-only.").arg(withKey) : withKey);
    };
    tip(m_newTenant, tr("Create a top-level tenant"));
    if (single.isValid() && depth >= kMaxDepth)
        tip(m_newSubTenant, tr("Create a sub-tenant — not here: the hierarchy allows at most %1 levels").arg(kMaxDepth));
    else if (single.isValid() && !activeParent)
        tip(m_newSubTenant, tr("Create a sub-tenant — only under an active tenant"));
    else
        tip(m_newSubTenant, tr("Create a tenant under the selected one"));
    tip(m_rename, tr("Rename the selected tenant"));
    tip(m_edit, tr("Edit the selected tenant"));
    tip(m_move, tr("Move the selected tenant under another parent"));
    tip(m_bulk, tr("Apply a tier or change quotas of the selected tenants"));
    tip(m_moveData, tr("Move the selected tenant's rows matching a selector into another tenant"));
    m_mergeData->setToolTip(readOnly ? tr("Move all of the selected tenant's rows into another tenant — not available: "
                                          "this login is read-only.")
                                     : tr("Move all of the selected tenant's rows into another tenant"));
    updateLifecycleActions(rows, readOnly);
}

void TenantActions::updateLifecycleActions(const QModelIndexList &rows, bool readOnly)
{
    for (LifecycleAction which : tc::lifecycleActions()) {
        QAction *action = m_lifecycle.value(which);
        const QString name = LifecycleDialog::actionName(which);
        const QString key = action->shortcut().isEmpty() ? QString() : shortcutText(action);
        const auto withKey = [&key](const QString &text) {
            return key.isEmpty() ? text : tr("%1 (%2)", "tooltip (shortcut)").arg(text, key);
        };
        if (readOnly || rows.isEmpty()) {
            action->setEnabled(false);
            const QString what = withKey(tr("%1 the selected tenants").arg(name));
            action->setToolTip(readOnly ? tr("%1 — not available: this login is read-only.").arg(what) : what);
            continue;
        }
        const Eligibility e = lifecycleEligibility(which, rows);
        action->setEnabled(!e.targets.isEmpty());
        if (rows.size() == 1) {
            const QString slug = rows.first().data(TenantTreeModel::SlugRole).toString();
            action->setToolTip(e.targets.isEmpty() ? tr("%1 — not possible: %2").arg(withKey(tr("%1 %2").arg(name, slug)),
                                                                                     e.leftOut.value(0).why)
                                                   : withKey(tr("%1 %2 and its sub-tenants").arg(name, slug)));
        } else if (e.targets.isEmpty()) {
            action->setToolTip(tr("%1 — not possible for any selected tenant: %2")
                                   .arg(withKey(tr("%1 the selected tenants").arg(name)), e.leftOut.value(0).why));
        } else if (e.leftOut.isEmpty()) {
            action->setToolTip(withKey(tr("%1 the %2 selected tenants and their sub-tenants").arg(name).arg(e.targets.size())));
        } else {
            action->setToolTip(withKey(tr("%1 %2 of the %3 selected tenants; the others can't be")
                                           .arg(name)
                                           .arg(e.targets.size())
                                           .arg(rows.size())));
        }
    }
}

TenantActions::Eligibility TenantActions::lifecycleEligibility(LifecycleAction action, const QModelIndexList &rows) const
{
    Eligibility result;
    if (!m_model)
        return result;
    QModelIndexList sorted = rows;
    // Shallowest first, as the store applies a transition back to active: a parent resumed
    // in the same request is active by the time its sub-tenants are.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const QModelIndex &a, const QModelIndex &b) { return depthOf(a) < depthOf(b); });
    QHash<QUuid, LifecycleState> after;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QModelIndex &row : std::as_const(sorted)) {
        const Tenant tenant = m_model->tenantAt(row);
        const QModelIndex parentIndex = row.parent();
        const Tenant parent = parentIndex.isValid() ? m_model->tenantAt(parentIndex) : Tenant();
        TransitionBlock block = TransitionBlock::NotAllowed;
        if (isActionAllowed(action, tenant.state)) {
            TransitionInput in;
            in.from = tenant.state;
            in.to = targetState(action);
            in.slug = tenant.slug;
            // The reason and the typed slug are the dialog's business.
            in.reason = QStringLiteral("-");
            in.typedConfirmation = tenant.slug;
            if (parentIndex.isValid())
                in.parentState = after.value(parent.id, parent.state);
            in.preventDeletion = TenantSettings::fromJson(tenant.settings).preventDeletion;
            in.purgeAfter = tenant.purgeAfter;
            in.purged = tenant.isPurged();
            in.now = now;
            block = checkTransition(in);
        }
        if (block == TransitionBlock::Ok) {
            result.targets.append({tenant, slugPath(row)});
            after.insert(tenant.id, targetState(action));
        } else {
            result.leftOut.append({slugPath(row), blockText(action, tenant, block, parent)});
        }
    }
    return result;
}

QString TenantActions::blockText(LifecycleAction action, const Tenant &tenant, TransitionBlock block,
                                 const Tenant &parent) const
{
    const QString slug = tenant.slug;
    const QString state = stateName(tenant.state);
    const auto date = [](const QDateTime &at) { return QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat); };
    switch (block) {
    case TransitionBlock::NotAllowed:
        if (tenant.isPurged())
            return tr("%1 was purged on %2; only its record is left.").arg(slug, date(tenant.purgedAt));
        if (tenant.state == targetState(action) && action != LifecycleAction::Restore)
            return tr("%1 is already %2.").arg(slug, state);
        switch (action) {
        case LifecycleAction::Suspend: return tr("Only an active tenant can be suspended; %1 is %2.").arg(slug, state);
        case LifecycleAction::Resume:
            if (tenant.state == LifecycleState::Archived || tenant.state == LifecycleState::Deleted)
                return tr("%1 is %2; use Restore.").arg(slug, state);
            return tr("Only a suspended tenant can be resumed; %1 is %2.").arg(slug, state);
        case LifecycleAction::Archive:
            if (tenant.state == LifecycleState::Active)
                return tr("Only a suspended tenant can be archived; suspend %1 first.").arg(slug);
            return tr("Only a suspended tenant can be archived; %1 is %2.").arg(slug, state);
        case LifecycleAction::Restore:
            if (tenant.state == LifecycleState::Suspended)
                return tr("%1 is suspended; use Resume.").arg(slug);
            return tr("Only an archived or deleted tenant can be restored; %1 is %2.").arg(slug, state);
        case LifecycleAction::Delete: return tr("%1 is already deleted.").arg(slug);
        }
        break;
    case TransitionBlock::ParentNotActive: {
        if (!tenant.heldBy.isNull() && tenant.heldBy != tenant.id) {
            const QModelIndex holder = m_model ? m_model->indexOf(tenant.heldBy) : QModelIndex();
            const QString holderSlug = holder.isValid() ? holder.data(TenantTreeModel::SlugRole).toString()
                                                        : parent.slug;
            return tr("%1 is %2 because %3 is; change %3 instead.").arg(slug, state, holderSlug);
        }
        return tr("Its parent %1 is %2; a tenant can only be active under an active parent.")
            .arg(parent.slug, stateName(parent.state));
    }
    case TransitionBlock::PreventDeletion:
        return tr("%1 is protected from deletion; clear \"Prevent deletion\" in Edit Tenant first.").arg(slug);
    case TransitionBlock::RetentionOver:
        if (tenant.isPurged())
            return tr("%1 was purged on %2; only its record is left.").arg(slug, date(tenant.purgedAt));
        return tr("The retention period of %1 ended on %2; it can no longer be restored.").arg(slug, date(tenant.purgeAfter));
    case TransitionBlock::Ok:
    case TransitionBlock::ReasonMissing:
    case TransitionBlock::ConfirmationWrong: break;
    }
    return tr("%1 can't be changed this way.").arg(slug);
}

void TenantActions::changeLifecycle(LifecycleAction action)
{
    if (!m_store || !m_model || !m_session.canWrite())
        return;
    const Eligibility e = lifecycleEligibility(action, selectedRows());
    if (e.targets.isEmpty())
        return;
    auto *dialog = new LifecycleDialog(m_store, action, e.targets, e.leftOut, m_window);
    track(dialog);
    TenantStore *store = m_store;
    const QString first = e.targets.first().path;
    connect(dialog, &LifecycleDialog::changed, this, [this, store, first](const LifecycleReport &report) {
        if (store != m_store)
            return;
        const QString state = stateName(report.to);
        const int total = int(report.changes.size());
        QString text;
        if (report.requestedCount() == 1 && total == 1)
            text = tr("%1 is now %2.").arg(first, state);
        else if (report.requestedCount() == 1)
            text = tr("%1 and %2 sub-tenants are now %3.").arg(first).arg(total - 1).arg(state);
        else
            text = tr("%1 tenants are now %2.").arg(total).arg(state);
        if (report.to == LifecycleState::Deleted && m_tree && !m_tree->showDeletedAction()->isChecked())
            text += QLatin1Char(' ') + tr("View › Show Deleted lists them for restoring.");
        Q_EMIT statusMessage(text);
    });
    dialog->open();
}

void TenantActions::showContextMenu(const QPoint &pos)
{
    if (!m_model)
        return;
    QTreeView *view = m_tree->view();
    auto *menu = new QMenu(view);
    menu->setObjectName(QStringLiteral("tenantContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    addToMenu(menu);
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void TenantActions::track(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialogs.removeAll(nullptr);
    m_dialogs.append(dialog);
}

QString TenantActions::slugPath(const QModelIndex &index) const
{
    QStringList slugs;
    for (QModelIndex i = index.siblingAtColumn(0); i.isValid(); i = i.parent())
        slugs.prepend(i.data(TenantTreeModel::SlugRole).toString());
    return slugs.join(u'/');
}

QStringList TenantActions::inheritableFeatures(const QUuid &tenantId) const
{
    QStringList features;
    for (QModelIndex i = m_model ? m_model->indexOf(tenantId) : QModelIndex(); i.isValid(); i = i.parent()) {
        const TenantSettings s = TenantSettings::fromJson(m_model->tenantAt(i).settings);
        for (const QString &f : s.features) {
            if (!features.contains(f))
                features << f;
        }
        if (!s.inheritFeatures)
            break;
    }
    return features;
}

void TenantActions::newTenant()
{
    openTenantDialog(TenantDialog::Mode::NewTenant, true);
}

void TenantActions::newSubTenant()
{
    openTenantDialog(TenantDialog::Mode::NewSubTenant, true);
}

void TenantActions::renameTenant()
{
    openTenantDialog(TenantDialog::Mode::Edit, true);
}

void TenantActions::editTenant()
{
    openTenantDialog(TenantDialog::Mode::Edit, false);
}

void TenantActions::openTenantDialog(TenantDialog::Mode mode, bool focusSlug)
{
    if (!m_store || !m_model)
        return;
    const QModelIndex selected = singleSelection();
    if (mode != TenantDialog::Mode::NewTenant && !selected.isValid())
        return;
    auto *dialog = new TenantDialog(mode, m_window);
    track(dialog);
    if (mode == TenantDialog::Mode::NewSubTenant) {
        const Tenant parent = m_model->tenantAt(selected);
        dialog->setParentTenant(parent, slugPath(selected), inheritableFeatures(parent.id));
    } else if (mode == TenantDialog::Mode::Edit) {
        const Tenant tenant = m_model->tenantAt(selected);
        const QModelIndex parent = selected.parent();
        if (parent.isValid())
            dialog->setParentTenant(m_model->tenantAt(parent), slugPath(parent), inheritableFeatures(tenant.parentId));
        dialog->setTenant(tenant);
    }
    connect(dialog, &TenantDialog::submitted, this, [this, dialog] { save(dialog); });
    connect(dialog, &TenantDialog::reloadRequested, this, [this, dialog] { reload(dialog); });
    dialog->open();
    if (focusSlug)
        dialog->focusSlug();
    else
        dialog->focusDisplayName();
}

void TenantActions::save(TenantDialog *dialog)
{
    if (!m_store)
        return;
    dialog->setBusy(true);
    const QPointer<TenantDialog> guard(dialog);
    const bool creating = dialog->mode() != TenantDialog::Mode::Edit;
    TenantStore *store = m_store;
    auto done = [this, guard, store, creating](const Result<Tenant> &result) {
        if (guard)
            guard->setBusy(false);
        if (!result.ok()) {
            if (guard)
                guard->showError(result.error());
            return;
        }
        const Tenant &t = result.value();
        if (guard)
            guard->accept();
        if (store != m_store)
            return;
        Q_EMIT statusMessage(creating ? tr("Created %1.").arg(t.slug) : tr("Saved %1.").arg(t.slug));
        if (creating)
            selectWhenShown(t.id, t.parentId);
    };
    if (creating)
        detail::deliver(store->createTenant(dialog->draft()), this, done);
    else
        detail::deliver(store->updateTenant(dialog->edit()), this, done);
}

void TenantActions::reload(TenantDialog *dialog)
{
    if (!m_store)
        return;
    const QPointer<TenantDialog> guard(dialog);
    dialog->setBusy(true);
    detail::deliver(m_store->tenant(dialog->tenant().id), this, [guard](const Result<Tenant> &fresh) {
        if (!guard)
            return;
        guard->setBusy(false);
        if (fresh.ok())
            guard->rebase(fresh.value());
        else
            guard->showError(fresh.error());
    });
}

void TenantActions::moveTenant()
{
    const QModelIndex selected = singleSelection();
    if (!m_store || !selected.isValid())
        return;
    const Tenant tenant = m_model->tenantAt(selected);
    auto *dialog = new MoveTenantDialog(m_store, tenant, slugPath(selected).replace(u'/', QStringLiteral(" / ")), m_window);
    track(dialog);
    TenantStore *store = m_store;
    connect(dialog, &MoveTenantDialog::moved, this, [this, store](const Tenant &moved) {
        if (store != m_store)
            return;
        Q_EMIT statusMessage(tr("Moved %1.").arg(moved.slug));
        selectWhenShown(moved.id, moved.parentId);
    });
    dialog->open();
}

void TenantActions::requestMigration(bool wholeTenant)
{
    const QModelIndex selected = singleSelection();
    if (!m_store || !selected.isValid())
        return;
    Q_EMIT migrationRequested(m_model->matchAt(selected), wholeTenant);
}

void TenantActions::bulkQuotas()
{
    const QModelIndexList rows = selectedRows();
    if (!m_store || rows.isEmpty())
        return;
    QList<Tenant> tenants;
    for (const QModelIndex &row : rows)
        tenants.append(m_model->tenantAt(row));
    auto *dialog = new BulkQuotaDialog(m_store, tenants, m_window);
    track(dialog);
    connect(dialog, &BulkQuotaDialog::applied, this, [this](const BulkQuotaReport &report) {
        Q_EMIT statusMessage(tr("Bulk edit applied to %1 tenants.").arg(QLocale().toString(report.tenants)));
    });
    dialog->open();
}

void TenantActions::onMoveRequested(const QList<QUuid> &ids, const QList<QUuid> &expectedParents, const QUuid &newParent)
{
    if (!m_store || !m_model || !m_session.canWrite() || ids.isEmpty())
        return;
    auto batch = std::make_shared<MoveBatch>();
    batch->store = m_store;
    batch->ids = ids;
    batch->expectedParents = expectedParents;
    batch->newParent = newParent;
    // Paths from the tree; a row that left it meanwhile (moved by someone else, into a
    // parent not shown) is named by its slug, read from the store.
    QList<QUuid> unknown;
    for (const QUuid &id : ids) {
        const QModelIndex index = m_model->indexOf(id);
        batch->paths << (index.isValid() ? slugPath(index) : QString());
        if (!index.isValid())
            unknown << id;
    }
    const QModelIndex target = m_model->indexOf(newParent);
    batch->target = newParent.isNull() ? tr("the top level") : target.isValid() ? slugPath(target) : QString();
    if (!newParent.isNull() && !target.isValid())
        unknown << newParent;
    if (unknown.isEmpty()) {
        confirmMove(batch);
        return;
    }
    detail::deliver(m_store->tenants(unknown), this, [this, batch](const Result<QList<Tenant>> &read) {
        const auto slugOf = [&read](const QUuid &id) {
            if (read.ok()) {
                for (const Tenant &t : read.value()) {
                    if (t.id == id)
                        return t.slug;
                }
            }
            return id.toString(QUuid::WithoutBraces);
        };
        for (int i = 0; i < batch->ids.size(); ++i) {
            if (batch->paths.at(i).isEmpty())
                batch->paths[i] = slugOf(batch->ids.at(i));
        }
        if (batch->target.isEmpty())
            batch->target = slugOf(batch->newParent);
        confirmMove(batch);
    });
}

void TenantActions::confirmMove(const std::shared_ptr<MoveBatch> &batch)
{
    if (!batch->store || batch->store != m_store)
        return;
    const QList<QUuid> &ids = batch->ids;
    const QUuid &newParent = batch->newParent;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Move Tenant"), {}, QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("moveConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (ids.size() == 1)
        box->setText(newParent.isNull() ? tr("Move %1 to the top level?").arg(batch->paths.first())
                                        : tr("Move %1 under %2?").arg(batch->paths.first(), batch->target));
    else
        box->setText(newParent.isNull() ? tr("Move %1 tenants to the top level?").arg(ids.size())
                                        : tr("Move %1 tenants under %2?").arg(ids.size()).arg(batch->target));
    box->setInformativeText(ids.size() == 1 ? tr("Its whole subtree moves with it.")
                                            : tr("%1, each with its whole subtree.").arg(batch->paths.join(QStringLiteral(", "))));
    QPushButton *moveButton = box->addButton(tr("&Move"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(moveButton);
    connect(box, &QMessageBox::finished, this, [this, box, moveButton, batch] {
        if (box->clickedButton() == moveButton && batch->store == m_store)
            moveNext(batch);
    });
    track(box);
    box->open();
}

void TenantActions::moveNext(const std::shared_ptr<MoveBatch> &batch)
{
    if (!batch->store || batch->store != m_store)
        return;
    if (batch->next == batch->ids.size()) {
        if (batch->failures.isEmpty()) {
            Q_EMIT statusMessage(batch->ids.size() == 1 ? tr("Moved %1 under %2.").arg(batch->paths.first(), batch->target)
                                                        : tr("Moved %1 tenants under %2.").arg(batch->ids.size()).arg(batch->target));
        } else {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Move Tenant"),
                                        batch->failures.size() == batch->ids.size() ? tr("Nothing was moved.")
                                                                                    : tr("Some tenants were not moved."),
                                        QMessageBox::Ok, m_window);
            box->setObjectName(QStringLiteral("moveFailed"));
            box->setInformativeText(batch->failures.join(u'\n'));
            track(box);
            box->open();
        }
        if (!batch->moved.isEmpty())
            selectWhenShown(batch->moved.last().id, batch->moved.last().parentId);
        return;
    }
    const int i = batch->next++;
    detail::deliver(batch->store->moveTenant(batch->ids.at(i), batch->expectedParents.at(i), batch->newParent), this,
                    [this, batch, i](const Result<Tenant> &result) {
                        if (result.ok())
                            batch->moved.append(result.value());
                        else
                            batch->failures << moveFailureText(batch->paths.at(i), result.error());
                        moveNext(batch);
                    });
}

QString TenantActions::moveFailureText(const QString &path, const Error &error) const
{
    switch (error.kind) {
    case ErrorKind::Conflict: return tr("%1 was moved by someone else meanwhile.").arg(path);
    case ErrorKind::Validation: return tr("%1: %2").arg(path, error.message);
    default: return tr("%1: %2 %3").arg(path, errorTitle(error) + u'.', errorText(error));
    }
}

void TenantActions::selectWhenShown(const QUuid &id, const QUuid &parentId)
{
    if (!m_model || !m_tree)
        return;
    m_pendingSelect = id;
    m_pendingParent = parentId;
    // The parent's children load when it is expanded; a row already there is just selected.
    const QModelIndex parent = m_model->indexOf(parentId);
    if (parent.isValid())
        m_tree->view()->expand(parent);
    selectPending();
}

void TenantActions::selectPending()
{
    if (m_pendingSelect.isNull() || !m_model || !m_tree)
        return;
    const QModelIndex index = m_model->indexOf(m_pendingSelect);
    if (!index.isValid() || index.data(TenantTreeModel::ParentIdRole).toUuid() != m_pendingParent)
        return;
    m_pendingSelect = QUuid();
    QTreeView *view = m_tree->view();
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
}

} // namespace tc::ui
