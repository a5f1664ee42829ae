#include "ui/tenantactions.h"

#include "models/items/deliver.h"
#include "models/domain/validation.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "ui/bulkquotadialog.h"
#include "ui/errortext.h"
#include "ui/movetenantdialog.h"
#include "ui/tenanttreepanel.h"

#include <QAction>
#include <QApplication>
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

    // Shortcuts work wherever the focus is in the window, menus open or not; but F2 renames
    // only in the tree, as other views (the quota editor) edit their own cells with it.
    window->addActions({m_newTenant, m_newSubTenant, m_edit, m_move, m_bulk});
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tree->addAction(m_rename);

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

    int depth = 0;
    for (QModelIndex i = single; i.isValid(); i = i.parent())
        ++depth;
    const bool activeParent = single.isValid()
                              && single.data(TenantTreeModel::StateRole).toString() == lifecycleStateKey(LifecycleState::Active);

    m_newTenant->setEnabled(writable);
    m_newSubTenant->setEnabled(single.isValid() && depth < kMaxDepth && activeParent);
    m_rename->setEnabled(single.isValid());
    m_edit->setEnabled(single.isValid());
    m_move->setEnabled(single.isValid());
    m_bulk->setEnabled(!rows.isEmpty());

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
