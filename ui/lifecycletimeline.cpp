#include "ui/lifecycletimeline.h"

#include "models/items/deliver.h"
#include "models/items/lifecyclehistorymodel.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/tenanttreedelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

QString when(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

QString longDate(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime().date(), QLocale::LongFormat);
}

QString lowerState(LifecycleState state)
{
    return QLocale().toLower(TenantTreeModel::stateDisplayName(state));
}

// Rows a transition of an ancestor carried along (their reason says "via <ancestor>") are
// set in italics, so a person's own decisions stand out.
class CascadeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Room between columns that fit their contents.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(option.fontMetrics.averageCharWidth() * 2, 0);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(LifecycleHistoryModel::CascadedRole).toBool())
            option->font.setItalic(true);
    }
};

} // namespace

LifecycleTimeline::LifecycleTimeline(QWidget *parent) : QWidget(parent)
{
    m_stateLine = new QLabel(this);
    m_stateLine->setObjectName(QStringLiteral("lifecycleStateLine"));
    m_stateLine->setWordWrap(true);
    m_stateLine->setTextFormat(Qt::RichText);
    m_stateLine->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("lifecycleHistoryStatus"));
    m_status->setWordWrap(true);
    m_status->setEnabled(false);
    m_status->hide();

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("lifecycleHistory"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAllColumnsShowFocus(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setItemDelegate(new CascadeDelegate(m_view));
    m_view->setToolTip(tr("Every state change of this tenant, newest first. Rows in italics were carried along by a "
                          "transition of the ancestor they name."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_stateLine);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
}

LifecycleTimeline::~LifecycleTimeline()
{
    // The view goes with the widget; the model must not outlive the store either way.
    m_view->setModel(nullptr);
    delete m_model;
}

void LifecycleTimeline::setStore(TenantStore *store)
{
    if (store == m_store && (m_model || !store))
        return;
    m_view->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    m_store = store;
    m_holderSlug.clear();
    ++m_holderSerial;
    if (store) {
        m_model = new LifecycleHistoryModel(store, this);
        m_view->setModel(m_model);
        sizeColumns();
        connect(m_model, &LifecycleHistoryModel::loadingChanged, this, &LifecycleTimeline::updateStatus);
        connect(m_model, &LifecycleHistoryModel::loadFailed, this, &LifecycleTimeline::updateStatus);
        connect(m_model, &QAbstractItemModel::modelReset, this, &LifecycleTimeline::updateStatus);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &LifecycleTimeline::updateStatus);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LifecycleTimeline::updateStatus);
        if (!m_tenant.id.isNull())
            m_model->setTenant(m_tenant.id);
    }
    updateStatus();
}

void LifecycleTimeline::sizeColumns()
{
    // A tenant's history is short: the columns fit their contents, the reason takes the rest.
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(LifecycleHistoryModel::ReasonColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(fontMetrics().averageCharWidth() * 8);
}

void LifecycleTimeline::setTenant(const Tenant &tenant)
{
    const bool other = tenant.id != m_tenant.id;
    const bool holderMoved = tenant.heldBy != m_tenant.heldBy;
    m_tenant = tenant;
    if (other || holderMoved) {
        m_holderSlug.clear();
        resolveHolder();
    }
    // A tenant the tree refreshed keeps its history; the model follows changes itself.
    if (m_model && other)
        m_model->setTenant(tenant.id);
    updateStateLine();
    updateStatus();
}

void LifecycleTimeline::resolveHolder()
{
    const quint64 serial = ++m_holderSerial;
    if (m_tenant.heldBy.isNull() || !m_store)
        return;
    detail::deliver(m_store->tenant(m_tenant.heldBy), this, [this, serial](const Result<Tenant> &holder) {
        if (serial != m_holderSerial || !holder.ok())
            return;
        m_holderSlug = holder->slug;
        updateStateLine();
    });
}

void LifecycleTimeline::updateStateLine()
{
    if (m_tenant.id.isNull()) {
        m_stateLine->clear();
        return;
    }
    const QColor color = TenantTreeDelegate::stateColor(lifecycleStateKey(m_tenant.state));
    QString html = tr("<span style=\"color:%1\">●</span> <b>%2</b> since %3")
                       .arg(color.name(), TenantTreeModel::stateDisplayName(m_tenant.state).toHtmlEscaped(),
                            when(m_tenant.stateChangedAt).toHtmlEscaped());
    QStringList notes;
    if (m_tenant.isPurged()) {
        notes << tr("Its data was purged on <b>%1</b>; only its record is left.").arg(longDate(m_tenant.purgedAt));
    } else if (m_tenant.state == LifecycleState::Deleted && m_tenant.purgeAfter.isValid()) {
        notes << tr("Its data is purged after <b>%1</b>; it can be restored until then.").arg(longDate(m_tenant.purgeAfter));
    }
    if (!m_tenant.heldBy.isNull()) {
        const QString holder = m_holderSlug.isEmpty() ? tr("an ancestor") : QStringLiteral("<b>%1</b>").arg(m_holderSlug.toHtmlEscaped());
        QString held = tr("%1 because %2 was %3.")
                           .arg(TenantTreeModel::stateDisplayName(m_tenant.state).toHtmlEscaped(), holder,
                                lowerState(m_tenant.state));
        if (m_tenant.ownState)
            held += QLatin1Char(' ') + tr("Of its own it is %1, and goes back to that when %2 is made active again.")
                                           .arg(lowerState(*m_tenant.ownState), holder);
        notes << held;
    }
    if (!notes.isEmpty())
        html += QStringLiteral("<br>") + notes.join(QStringLiteral("<br>"));
    m_stateLine->setText(html);
}

void LifecycleTimeline::updateStatus()
{
    QString text;
    if (!m_store) {
        text = tr("Not connected.");
    } else if (m_model && m_model->lastError()) {
        const Error e = *m_model->lastError();
        text = tr("The history could not be read: %1").arg(errorText(e));
    } else if (m_model && m_model->isLoading() && m_model->rowCount() == 0) {
        text = tr("Loading the history…");
    } else if (m_model && m_model->rowCount() == 0 && !m_tenant.id.isNull()) {
        text = tr("No state changes recorded.");
    }
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace tc::ui
