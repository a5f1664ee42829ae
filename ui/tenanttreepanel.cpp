#include "ui/tenanttreepanel.h"

#include "models/items/tenanttreemodel.h"
#include "ui/tenanttreedelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace tc::ui {

namespace {
constexpr int kFilterDelayMs = 300;

QString when(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}
} // namespace

TenantTreePanel::TenantTreePanel(QWidget *parent) : QWidget(parent)
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by name or slug (Ctrl+F)"));
    m_filter->setToolTip(tr("Searches the whole hierarchy on the server; matching tenants are shown "
                            "with the way to them expanded. Esc clears."));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);

    m_showDeleted = new QAction(QIcon::fromTheme(QStringLiteral("user-trash")), tr("Show &Deleted Tenants"), this);
    m_showDeleted->setObjectName(QStringLiteral("actionShowDeleted"));
    m_showDeleted->setIconText(tr("Deleted"));
    m_showDeleted->setCheckable(true);
    m_showDeleted->setIcon(QIcon::fromTheme(QStringLiteral("user-trash"), style()->standardIcon(QStyle::SP_TrashIcon)));
    m_showDeleted->setIconText(tr("Show deleted"));
    m_showDeleted->setToolTip(tr("Also list deleted tenants (dimmed, in italics), to restore them within their "
                                 "retention period; purged ones stay listed as a record."));
    m_showDeleted->setStatusTip(tr("List deleted tenants too, to restore them."));
    connect(m_showDeleted, &QAction::toggled, this, [this](bool on) {
        if (!m_model || m_model->showDeleted() == on)
            return;
        rememberView();
        m_model->setShowDeleted(on);
    });
    m_showDeletedButton = new QToolButton(this);
    m_showDeletedButton->setObjectName(QStringLiteral("showDeletedButton"));
    m_showDeletedButton->setDefaultAction(m_showDeleted);
    m_showDeletedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_filterInfo = new QLabel(this);
    m_filterInfo->setContentsMargins(4, 0, 4, 0);
    m_filterInfo->hide();

    m_view = new QTreeView(this);
    m_view->setUniformRowHeights(true); // constant-time layout for nodes with 10,000 children
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegate(new TenantTreeDelegate(m_view));
    m_view->setAllColumnsShowFocus(true);
    m_view->setExpandsOnDoubleClick(true);
    m_view->setAnimated(false);
    m_view->setMouseTracking(true);
    m_view->setToolTip(QString());
    // Dragging a tenant onto another asks to move it there (the model decides what may drop).
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setAutoExpandDelay(700);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *filterRow = new QHBoxLayout;
    filterRow->setSpacing(4);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_showDeletedButton);
    layout->addLayout(filterRow);
    layout->addWidget(m_filterInfo);
    layout->addWidget(m_view);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kFilterDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &TenantTreePanel::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        applyFilter();
    });

    // Ctrl+F is the main window's Find action (one owner per shortcut, or neither fires).
    auto *clearFilter = new QAction(this);
    clearFilter->setShortcut(Qt::Key_Escape);
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, m_filter, &QLineEdit::clear);
    m_filter->addAction(clearFilter);

    // The state column explains holds, deletions and purges in its tooltip.
    m_view->viewport()->installEventFilter(this);

    setTabOrder(m_filter, m_showDeletedButton);
    setTabOrder(m_showDeletedButton, m_view);
}

bool TenantTreePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ToolTip || watched != m_view->viewport() || !m_model)
        return QWidget::eventFilter(watched, event);
    auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = m_view->indexAt(help->pos());
    if (!index.isValid() || index.column() != TenantTreeModel::StateColumn)
        return QWidget::eventFilter(watched, event);
    const Tenant t = m_model->tenantAt(index);
    const QString state = TenantTreeModel::stateDisplayName(t.state);
    QString text;
    if (t.isPurged()) {
        text = tr("Deleted on %1; its data was purged on %2. Only its record is left, for the audit trail.")
                   .arg(when(t.stateChangedAt), when(t.purgedAt));
    } else if (t.state == LifecycleState::Deleted) {
        text = t.purgeAfter.isValid() ? tr("Deleted on %1; can be restored until %2, then its data is purged.")
                                            .arg(when(t.stateChangedAt), when(t.purgeAfter))
                                      : tr("Deleted on %1.").arg(when(t.stateChangedAt));
    } else {
        text = tr("%1 since %2").arg(state, when(t.stateChangedAt));
    }
    if (!t.heldBy.isNull()) {
        const QModelIndex holder = m_model->indexOf(t.heldBy);
        const QString holderSlug = holder.isValid() ? holder.data(TenantTreeModel::SlugRole).toString()
                                                    : tr("an ancestor");
        text += u'\n'
                + (t.ownState ? tr("Held by %1: it goes back to %2 when %1 becomes active again.")
                                    .arg(holderSlug, QLocale().toLower(TenantTreeModel::stateDisplayName(*t.ownState)))
                              : tr("Held by %1.").arg(holderSlug));
    }
    QToolTip::showText(help->globalPos(), text, m_view->viewport(), m_view->visualRect(index));
    return true;
}

void TenantTreePanel::setModel(TenantTreeModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_view->setModel(model);
    m_filter->setEnabled(model != nullptr);
    m_showDeleted->setEnabled(model != nullptr);
    m_filterInfo->hide();
    if (!model) {
        Q_EMIT currentTenantChanged({}, {});
        return;
    }
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TenantTreeModel::NameColumn, QHeaderView::Stretch);
    const int unit = fontMetrics().averageCharWidth();
    header->resizeSection(TenantTreeModel::TierColumn, unit * 16);
    header->resizeSection(TenantTreeModel::StateColumn, unit * 15);
    header->resizeSection(TenantTreeModel::ItemsColumn, unit * 22);
    header->resizeSection(TenantTreeModel::StorageColumn, unit * 24);
    header->setMinimumSectionSize(unit * 8);
    if (model->showDeleted() != m_showDeleted->isChecked())
        model->setShowDeleted(m_showDeleted->isChecked());

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TenantTreePanel::emitCurrent);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_view->currentIndex();
                if (current.isValid() && current.parent() == topLeft.parent() && current.row() >= topLeft.row()
                    && current.row() <= bottomRight.row())
                    emitCurrent();
            });
    connect(model, &QAbstractItemModel::modelReset, this, &TenantTreePanel::emitCurrent);
    connect(model, &TenantTreeModel::filterApplied, this, &TenantTreePanel::onFilterApplied);
    connect(model, &TenantTreeModel::errorOccurred, this, [this] {
        if (m_filterInfo->text() == tr("Searching…"))
            m_filterInfo->setText(tr("The search failed; the status bar says why."));
    });
    connect(model, &TenantTreeModel::pageLoaded, this, &TenantTreePanel::restoreView);
    connect(model, &TenantTreeModel::loadingChanged, this, [this](bool loading) {
        // Once the tree has settled, whatever hasn't come back (deleted and now hidden,
        // or on a later page) is let go.
        if (!loading && (!m_restoreCurrent.isNull() || !m_restoreExpanded.isEmpty())) {
            QTimer::singleShot(0, this, [this] {
                if (m_model && !m_model->isLoading()) {
                    m_restoreCurrent = QUuid();
                    m_restoreExpanded.clear();
                }
            });
        }
    });
    connect(model, &TenantTreeModel::pageLoaded, this, [this](const QModelIndex &parent, int rows) {
        // Select the first tenant when the top level arrives, so the details pane isn't empty.
        if (!parent.isValid() && rows > 0 && !m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_model->index(0, 0));
    });
    m_filter->clear();
    emitCurrent();
}

void TenantTreePanel::rememberView()
{
    m_restoreExpanded.clear();
    m_restoreCurrent = m_view->currentIndex().data(TenantTreeModel::TenantIdRole).toUuid();
    if (m_model->isFiltered())
        return; // the filter's matches open their own way
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            if (m_view->isExpanded(index)) {
                m_restoreExpanded.insert(index.data(TenantTreeModel::TenantIdRole).toUuid());
                walk(index);
            }
        }
    };
    walk({});
}

void TenantTreePanel::restoreView(const QModelIndex &parent)
{
    if (m_restoreCurrent.isNull() && m_restoreExpanded.isEmpty())
        return;
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        const QUuid id = index.data(TenantTreeModel::TenantIdRole).toUuid();
        if (m_restoreExpanded.remove(id))
            m_view->expand(index);
        if (id == m_restoreCurrent) {
            m_restoreCurrent = QUuid();
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_view->scrollTo(index);
        }
    }
}

void TenantTreePanel::applyFilter()
{
    if (!m_model)
        return;
    m_restoreCurrent = QUuid();
    m_restoreExpanded.clear();
    const QString text = m_filter->text().trimmed();
    if (text.isEmpty()) {
        m_filterInfo->hide();
        if (m_model->isFiltered())
            m_model->setFilter(QString());
        return;
    }
    m_filterInfo->setText(tr("Searching…"));
    m_filterInfo->show();
    m_model->setFilter(text);
}

void TenantTreePanel::onFilterApplied(const QString &text, int matches, bool truncated)
{
    Q_UNUSED(text);
    for (const QModelIndex &index : m_model->filterAncestors())
        m_view->expand(index);
    if (matches == 0)
        m_filterInfo->setText(tr("No tenant matches \"%1\".").arg(text));
    else if (truncated)
        m_filterInfo->setText(tr("Showing the first %1 matches; type more to narrow the search.").arg(matches));
    else
        m_filterInfo->setText(tr("Matching tenants: %1").arg(matches));
    m_filterInfo->show();
    // Put the cursor on the first match so the keyboard can take over.
    std::function<QModelIndex(const QModelIndex &)> firstMatch = [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex idx = m_model->index(row, 0, parent);
            if (idx.data(TenantTreeModel::MatchRole).toBool())
                return idx;
            const QModelIndex deeper = firstMatch(idx);
            if (deeper.isValid())
                return deeper;
        }
        return {};
    };
    const QModelIndex first = firstMatch({});
    if (first.isValid()) {
        m_view->setCurrentIndex(first);
        m_view->scrollToTop(); // the first match comes first; keep its ancestors in view
    }
}

QString TenantTreePanel::pathOf(const QModelIndex &index) const
{
    QStringList names;
    for (QModelIndex i = index.siblingAtColumn(0); i.isValid(); i = i.parent())
        names.prepend(i.data(TenantTreeModel::DisplayNameRole).toString());
    return names.join(QStringLiteral(" › "));
}

void TenantTreePanel::emitCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!m_model || !current.isValid()) {
        Q_EMIT currentTenantChanged({}, {});
        return;
    }
    Q_EMIT currentTenantChanged(m_model->tenantAt(current), pathOf(current));
}

} // namespace tc::ui
