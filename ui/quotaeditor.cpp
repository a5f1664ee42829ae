#include "ui/quotaeditor.h"

#include "models/domain/resourceunit.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/quotaconflictdialog.h"
#include "ui/quotadelegate.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

QToolButton *toolButton(QAction *action, const char *objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setObjectName(QLatin1String(objectName));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

// "500 GB" plus the alert thresholds when those are what differs.
QString describe(const Quota &row, const QuotaLimit &limit, const QList<int> &thresholds, bool withThresholds)
{
    QString text = QuotaTableModel::limitText(row, limit);
    if (withThresholds)
        text += QuotaEditor::tr(", alerts at %1").arg(thresholds.isEmpty() ? QuotaEditor::tr("none")
                                                                            : formatSoftThresholds(thresholds));
    return text;
}

} // namespace

QuotaEditor::QuotaEditor(QWidget *parent) : QWidget(parent)
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("quotaTable"));
    m_delegate = new QuotaDelegate(m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // F2 is an action of its own (it opens the limit whichever cell is current).
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::AnyKeyPressed);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the buttons
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setToolTip(tr("Double-click or press F2 to edit a limit, Delete to reset it to inherited."));

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("quotaBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: rgba(232, 154, 0, 40); border: 1px solid rgba(232, 154, 0, 140); "
                                           "border-radius: 3px; padding: 4px 6px; }"));
    m_banner->hide();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("quotaStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().height() * 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    createActions();

    auto *tools = new QHBoxLayout;
    tools->setContentsMargins(0, 0, 0, 0);
    tools->setSpacing(2);
    tools->addWidget(m_tierButton);
    tools->addWidget(m_resetButton = toolButton(m_resetAction, "quotaResetButton", this));
    tools->addSpacing(8);
    tools->addWidget(m_undoButton = toolButton(m_undoAction, "quotaUndoButton", this));
    tools->addWidget(m_redoButton = toolButton(m_redoAction, "quotaRedoButton", this));
    tools->addStretch(1);

    m_revertButton = new QPushButton(tr("Re&vert"), this);
    m_revertButton->setObjectName(QStringLiteral("quotaRevertButton"));
    m_revertButton->setToolTip(m_revertAction->toolTip());
    connect(m_revertButton, &QPushButton::clicked, m_revertAction, &QAction::trigger);
    m_applyButton = new QPushButton(tr("&Apply"), this);
    m_applyButton->setObjectName(QStringLiteral("quotaApplyButton"));
    m_applyButton->setToolTip(m_applyAction->toolTip());
    connect(m_applyButton, &QPushButton::clicked, m_applyAction, &QAction::trigger);

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_revertButton, 0, Qt::AlignTop);
    bottom->addWidget(m_applyButton, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    setTabOrder(m_view, m_tierButton);
    setTabOrder(m_tierButton, m_resetButton);
    setTabOrder(m_resetButton, m_undoButton);
    setTabOrder(m_undoButton, m_redoButton);
    setTabOrder(m_redoButton, m_revertButton);
    setTabOrder(m_revertButton, m_applyButton);

    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        // Anywhere on a row edits its limit, not only on the limit itself.
        if (!(index.flags() & Qt::ItemIsEditable))
            editCurrent();
    });
    connect(m_delegate, &QuotaDelegate::editorValidated, this, [this](const QString &message) {
        showMessage(message, !message.isEmpty());
    });

    updateActions();
    updateStatus();
}

QuotaEditor::~QuotaEditor()
{
    // The view goes before the model it shows.
    m_view->setModel(nullptr);
}

void QuotaEditor::createActions()
{
    m_tierButton = new QToolButton(this);
    m_tierButton->setObjectName(QStringLiteral("quotaTierButton"));
    // The style's own menu arrow sits on top of the text of a text-only button; say it in the text.
    m_tierButton->setText(tr("Apply &tier") + QStringLiteral(" ▾"));
    m_tierButton->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_tierButton->setToolTip(tr("Stage every limit of a tier's preset; limits above the parent's are lowered to it."));
    m_tierButton->setPopupMode(QToolButton::InstantPopup);
    m_tierButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_tierButton->setAutoRaise(true);
    auto *tierMenu = new QMenu(m_tierButton);
    tierMenu->setObjectName(QStringLiteral("quotaTierMenu"));
    for (Tier tier : {Tier::Starter, Tier::Professional, Tier::Enterprise}) {
        QAction *action = tierMenu->addAction(TenantTreeModel::tierDisplayName(tier));
        action->setObjectName(QStringLiteral("tier_") + tierKey(tier));
        connect(action, &QAction::triggered, this, [this, tier] { applyTier(tier); });
    }
    m_tierButton->setMenu(tierMenu);

    m_editAction = new QAction(tr("Edit Limit"), this);
    m_editAction->setShortcut(Qt::Key_F2);
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editAction, &QAction::triggered, this, &QuotaEditor::editCurrent);
    m_view->addAction(m_editAction);

    m_resetAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-clear")), tr("Reset to inherited"), this);
    m_resetAction->setShortcut(QKeySequence::Delete);
    m_resetAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_resetAction->setToolTip(tr("Drop the selected resource's own limit so it inherits its parent's (Delete)"));
    connect(m_resetAction, &QAction::triggered, this, &QuotaEditor::resetCurrent);
    m_view->addAction(m_resetAction);

    // Own actions over the undo group rather than createUndoAction(): their text would carry
    // the whole command ("Undo Set Memory items to 2K") and clip the buttons; it goes into the
    // tooltip instead.
    m_undoAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("Undo"), this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_undoAction, &QAction::triggered, &m_undoGroup, &QUndoGroup::undo);
    m_redoAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-redo")), tr("Redo"), this);
    m_redoAction->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    m_redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_redoAction, &QAction::triggered, &m_undoGroup, &QUndoGroup::redo);
    connect(&m_undoGroup, &QUndoGroup::canUndoChanged, this, &QuotaEditor::updateActions);
    connect(&m_undoGroup, &QUndoGroup::canRedoChanged, this, &QuotaEditor::updateActions);
    connect(&m_undoGroup, &QUndoGroup::undoTextChanged, this, &QuotaEditor::updateActions);
    connect(&m_undoGroup, &QUndoGroup::redoTextChanged, this, &QuotaEditor::updateActions);

    m_applyAction = new QAction(QIcon::fromTheme(QStringLiteral("dialog-ok-apply")), tr("Apply"), this);
    m_applyAction->setShortcuts({QKeySequence::Save, QKeySequence(Qt::CTRL | Qt::Key_Return),
                                 QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_applyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_applyAction->setToolTip(tr("Write every staged change in one transaction (Ctrl+S)"));
    connect(m_applyAction, &QAction::triggered, this, &QuotaEditor::apply);

    m_revertAction = new QAction(QIcon::fromTheme(QStringLiteral("document-revert")), tr("Revert"), this);
    m_revertAction->setToolTip(tr("Drop every staged change"));
    connect(m_revertAction, &QAction::triggered, this, [this] {
        if (m_model)
            m_model->revert();
    });

    for (QAction *action : {m_undoAction, m_redoAction, m_applyAction, m_revertAction})
        addAction(action);
}

void QuotaEditor::setStore(TenantStore *store)
{
    if (store == m_store && (m_model || !store))
        return;
    m_store = store;
    if (m_conflictDialog)
        m_conflictDialog->reject();
    m_view->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    m_shown = {};
    m_wanted = {};
    m_message.clear();
    if (store) {
        m_model = new QuotaTableModel(store, this);
        m_model->setReadOnly(m_readOnly);
        m_undoGroup.addStack(m_model->undoStack());
        m_undoGroup.setActiveStack(m_model->undoStack());
        m_view->setModel(m_model);
        configureHeader();
        connect(m_model, &QuotaTableModel::stagedChanged, this, &QuotaEditor::onStagedChanged);
        connect(m_model, &QuotaTableModel::loadingChanged, this, &QuotaEditor::updateStatus);
        connect(m_model, &QuotaTableModel::applyingChanged, this, &QuotaEditor::updateActions);
        connect(m_model, &QuotaTableModel::applyingChanged, this, &QuotaEditor::updateStatus);
        connect(m_model, &QuotaTableModel::loaded, this, &QuotaEditor::updateActions);
        connect(m_model, &QuotaTableModel::editRejected, this, &QuotaEditor::onRejected);
        connect(m_model, &QuotaTableModel::conflictsDetected, this, &QuotaEditor::onConflicts);
        connect(m_model, &QuotaTableModel::applied, this, &QuotaEditor::onApplied);
        connect(m_model, &QuotaTableModel::applyFailed, this, &QuotaEditor::onApplyFailed);
        connect(m_model, &QuotaTableModel::editRequested, this, &QuotaEditor::onEditRequested);
        connect(m_model, &QuotaTableModel::errorOccurred, this, [this](const Error &error) {
            showMessage(tr("Could not read the quotas: %1").arg(errorText(error)), true);
        });
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QuotaEditor::updateActions);
    }
    updateActions();
    updateStatus();
}

void QuotaEditor::configureHeader()
{
    QHeaderView *header = m_view->horizontalHeader();
    header->setMinimumSectionSize(40);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Slugs can be long and are in the tooltip; resource names are short and must stay whole.
    header->setSectionResizeMode(QuotaTableModel::InheritedFromColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(QuotaTableModel::PercentColumn, QHeaderView::Fixed);
    header->resizeSection(QuotaTableModel::PercentColumn, header->fontMetrics().horizontalAdvance(QStringLiteral("100 %")) + 48);
}

void QuotaEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (m_model)
        m_model->setReadOnly(readOnly);
    m_view->setToolTip(readOnly ? tr("Read-only: this session can't change quotas.")
                                : tr("Double-click or press F2 to edit a limit, Delete to reset it to inherited."));
    updateActions();
    updateStatus();
}

void QuotaEditor::setTenant(const Tenant &tenant)
{
    m_wanted = tenant;
    if (tenant.id == m_shown.id) {
        m_shown = tenant; // names may have changed
        followSelection();
        return;
    }
    if (m_model && (m_model->hasStagedChanges() || m_model->isApplying())) {
        followSelection(); // the banner says why the table stays
        return;
    }
    showTenant(tenant);
}

void QuotaEditor::showTenant(const Tenant &tenant)
{
    m_shown = tenant;
    m_message.clear();
    if (m_conflictDialog)
        m_conflictDialog->reject();
    if (m_model)
        m_model->setTenant(tenant.id);
    followSelection();
    updateActions();
    updateStatus();
}

void QuotaEditor::followSelection()
{
    const bool pinned = m_wanted.id != m_shown.id && !m_shown.id.isNull();
    m_banner->setVisible(pinned);
    if (!pinned)
        return;
    const int staged = m_model ? m_model->stagedCount() : 0;
    m_banner->setText(m_wanted.id.isNull()
                          ? tr("Still showing <b>%1</b>, which has staged changes. Apply or revert them.")
                                .arg(m_shown.displayName.toHtmlEscaped())
                          : (staged == 1 ? tr("Still showing <b>%1</b>: apply or revert its staged change to see the "
                                              "quotas of <b>%2</b>.")
                                         : tr("Still showing <b>%1</b>: apply or revert its %n staged changes to see the "
                                              "quotas of <b>%2</b>.",
                                              nullptr, staged))
                                .arg(m_shown.displayName.toHtmlEscaped(), m_wanted.displayName.toHtmlEscaped()));
}

void QuotaEditor::onStagedChanged()
{
    m_message.clear();
    if (m_model && !m_model->hasStagedChanges() && !m_model->isApplying() && m_wanted.id != m_shown.id) {
        // Not from inside the model's own signal: it may still be finishing an apply.
        QTimer::singleShot(0, this, [this] {
            if (m_model && !m_model->hasStagedChanges() && m_wanted.id != m_shown.id)
                showTenant(m_wanted);
        });
    }
    followSelection();
    updateActions();
    updateStatus();
}

void QuotaEditor::updateActions()
{
    const bool editable = m_model && !m_readOnly && !m_shown.id.isNull() && m_model->rowCount() > 0;
    const bool idle = editable && !m_model->isApplying();
    const bool staged = m_model && m_model->hasStagedChanges();
    const QModelIndex current = m_view->currentIndex();
    m_tierButton->setEnabled(idle);
    m_editAction->setEnabled(idle && current.isValid());
    m_resetAction->setEnabled(idle && current.isValid()
                              && !current.siblingAtColumn(QuotaTableModel::LimitColumn).data(QuotaTableModel::InheritsRole).toBool());
    m_undoAction->setEnabled(idle && m_undoGroup.canUndo());
    m_redoAction->setEnabled(idle && m_undoGroup.canRedo());
    m_undoAction->setToolTip(m_undoGroup.canUndo() ? tr("Undo: %1 (Ctrl+Z)").arg(m_undoGroup.undoText())
                                                   : tr("Nothing to undo (Ctrl+Z)"));
    m_redoAction->setToolTip(m_undoGroup.canRedo() ? tr("Redo: %1 (Ctrl+Shift+Z)").arg(m_undoGroup.redoText())
                                                   : tr("Nothing to redo (Ctrl+Shift+Z)"));
    m_applyAction->setEnabled(idle && staged);
    m_revertAction->setEnabled(idle && staged);
    m_applyButton->setEnabled(m_applyAction->isEnabled());
    m_revertButton->setEnabled(m_revertAction->isEnabled());
    m_tierButton->setVisible(!m_readOnly);
    m_resetButton->setVisible(!m_readOnly);
    m_undoButton->setVisible(!m_readOnly);
    m_redoButton->setVisible(!m_readOnly);
    m_applyButton->setVisible(!m_readOnly);
    m_revertButton->setVisible(!m_readOnly);
}

QString QuotaEditor::statusText() const
{
    return m_status->text();
}

void QuotaEditor::showMessage(const QString &text, bool error)
{
    m_message = text;
    m_messageIsError = error;
    updateStatus();
}

void QuotaEditor::updateStatus()
{
    QString text;
    bool error = false;
    const int staged = m_model ? m_model->stagedCount() : 0;
    const int conflicts = m_model ? m_model->conflictCount() : 0;
    if (!m_model) {
        text = tr("Not connected.");
    } else if (m_shown.id.isNull()) {
        text = tr("Select a tenant to see its quotas.");
    } else if (!m_message.isEmpty()) {
        text = m_message;
        error = m_messageIsError;
    } else if (m_model->isApplying()) {
        text = staged == 1 ? tr("Applying 1 change…") : tr("Applying %n changes…", nullptr, staged);
    } else if (conflicts > 0) {
        text = conflicts == 1 ? tr("A staged change collides with a change another session made meanwhile. Apply "
                                   "to choose whose value stands.")
                              : tr("%n staged changes collide with changes another session made meanwhile. Apply "
                                   "to choose whose values stand.",
                                   nullptr, conflicts);
        error = true;
    } else if (staged > 0) {
        text = staged == 1 ? tr("1 change staged. Apply (Ctrl+S) writes it; Ctrl+Z undoes.")
                           : tr("%n changes staged. Apply (Ctrl+S) writes them together; Ctrl+Z undoes.", nullptr, staged);
    } else if (m_model->isLoading() && m_model->rowCount() == 0) {
        text = tr("Loading quotas…");
    } else if (m_readOnly) {
        text = tr("Read-only session: quotas can't be changed here.");
    } else {
        text = tr("Double-click a limit or press F2 to change it. Changes are staged until you apply them.");
    }
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #d93025; }") : QString());
}

void QuotaEditor::editCurrent()
{
    if (!m_model || m_readOnly)
        return;
    QModelIndex current = m_view->currentIndex();
    if (!current.isValid() && m_model->rowCount() > 0)
        current = m_model->index(0, 0);
    if (!current.isValid())
        return;
    if (current.column() != QuotaTableModel::AlertsColumn)
        current = current.siblingAtColumn(QuotaTableModel::LimitColumn);
    m_view->setCurrentIndex(current);
    m_view->edit(current);
}

void QuotaEditor::resetCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (m_model && current.isValid())
        m_model->resetToInherited(current.row());
}

void QuotaEditor::applyTier(Tier tier)
{
    if (!m_model)
        return;
    const QuotaTableModel::TierOutcome outcome = m_model->applyTier(tier);
    QString text = outcome.staged == 0
        ? tr("The %1 tier changes no limit here.").arg(TenantTreeModel::tierDisplayName(tier))
        : (outcome.staged == 1 ? tr("Staged the %1 tier: 1 limit changed")
                               : tr("Staged the %1 tier: %n limits changed", nullptr, outcome.staged))
              .arg(TenantTreeModel::tierDisplayName(tier));
    if (outcome.capped > 0)
        text += tr(", %n lowered to the parent's limit", nullptr, outcome.capped);
    text += QLatin1Char('.');
    if (!outcome.skipped.isEmpty()) {
        QStringList names;
        for (const QString &resource : outcome.skipped)
            names << m_model->quotaAt(m_model->rowOf(resource)).displayName;
        text += QLatin1Char(' ')
              + tr("Left as they are, because a sub-tenant has a higher limit: %1.").arg(names.join(QStringLiteral(", ")));
    }
    showMessage(text, false);
}

void QuotaEditor::apply()
{
    if (!m_model)
        return;
    // An editor still open holds the last edit: commit it first, and stop if it was refused.
    const int rejections = m_rejections;
    const QWidget *focus = QApplication::focusWidget();
    if (focus && m_view->viewport()->isAncestorOf(focus))
        m_view->setFocus();
    if (rejections != m_rejections)
        return;
    if (!m_model->apply())
        return;
    updateStatus();
}

void QuotaEditor::onRejected(int row, const QuotaTableModel::Rejection &rejection)
{
    ++m_rejections;
    showMessage(QuotaDelegate::rejectionText(rejection, m_model->quotaAt(row)), true);
}

void QuotaEditor::onApplied(const QuotaWriteReport &report)
{
    const int count = report.written + report.unchanged;
    showMessage(count == 1 ? tr("Applied 1 change.") : tr("Applied %n changes.", nullptr, count), false);
}

void QuotaEditor::onApplyFailed(const Error &error)
{
    const QString detail = error.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error.detail);
    showMessage(tr("Nothing was applied: %1%2").arg(errorText(error), detail), true);
}

void QuotaEditor::onConflicts(const QList<QuotaConflict> &conflicts)
{
    QList<QuotaConflictDialog::Entry> entries;
    for (const QuotaConflict &c : conflicts) {
        const int row = m_model->rowOf(c.theirs.resource);
        if (row < 0 || c.theirs.tenantId != m_shown.id)
            continue;
        const QModelIndex limit = m_model->index(row, QuotaTableModel::LimitColumn);
        const QList<int> mine = m_model->index(row, QuotaTableModel::AlertsColumn)
                                    .data(QuotaTableModel::ThresholdsRole)
                                    .value<QList<int>>();
        const bool thresholds = mine != c.theirs.softThresholds;
        entries.append({c.theirs.resource, c.theirs.displayName,
                        describe(c.theirs, QuotaLimit::fromStored(c.theirs.hardLimit), c.theirs.softThresholds, thresholds),
                        thresholds ? limit.data().toString() + tr(", alerts at %1").arg(formatSoftThresholds(mine))
                                   : limit.data().toString()});
    }
    if (entries.isEmpty())
        return;
    if (m_conflictDialog)
        m_conflictDialog->reject();
    auto *dialog = new QuotaConflictDialog(m_shown.displayName, entries, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_conflictDialog = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog] { resolve(dialog); });
    dialog->open();
}

void QuotaEditor::resolve(QuotaConflictDialog *dialog)
{
    if (!m_model)
        return;
    const QStringList resources = dialog->resources();
    switch (dialog->choice()) {
    case QuotaConflictDialog::Choice::KeepTheirs:
        m_model->keepTheirs(resources);
        // The apply that ran into the conflict wrote nothing; the rest still waits for it.
        if (m_model->hasStagedChanges() && m_model->conflictCount() == 0)
            m_model->apply();
        break;
    case QuotaConflictDialog::Choice::TakeMine:
        m_model->takeMine(resources);
        if (m_model->conflictCount() == 0)
            m_model->apply();
        break;
    case QuotaConflictDialog::Choice::ReEdit:
        m_model->reEdit(resources);
        break;
    case QuotaConflictDialog::Choice::Undecided:
        showMessage(resources.size() == 1
                        ? tr("The row stays in conflict. Apply again to choose.")
                        : tr("%n rows stay in conflict. Apply again to choose.", nullptr, int(resources.size())),
                    true);
        break;
    }
}

void QuotaEditor::onEditRequested(const QModelIndex &index)
{
    m_view->setFocus();
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_view->edit(index);
}

} // namespace tc::ui
