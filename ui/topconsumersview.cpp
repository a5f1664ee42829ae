#include "ui/topconsumersview.h"

#include "ui/errortext.h"
#include "ui/topconsumersdelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc::ui {

TopConsumersView::TopConsumersView(QWidget *parent) : QWidget(parent)
{
    auto *resourceLabel = new QLabel(tr("Reso&urce:"), this);
    m_resource = new QComboBox(this);
    m_resource->setObjectName(QStringLiteral("topConsumersResource"));
    m_resource->setToolTip(tr("The metered resource to rank tenants by"));
    m_resource->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    resourceLabel->setBuddy(m_resource);
    connect(m_resource, &QComboBox::activated, this, &TopConsumersView::chooseResource);

    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("topConsumersRefresh"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh"), style()->standardIcon(QStyle::SP_BrowserReload)));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh->setAutoRaise(true);
    m_refresh->setToolTip(tr("Read the ranking again (it also follows quota changes by itself)"));
    connect(m_refresh, &QToolButton::clicked, this, &TopConsumersView::reload);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("topConsumersStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSortRole(TopConsumersModel::SortRole);
    m_proxy->setDynamicSortFilter(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("topConsumersTable"));
    m_view->setModel(m_proxy);
    m_delegate = new TopConsumersDelegate(m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setToolTip(QString());
    m_view->setMinimumSize(360, 120);
    // Enter and double-click both "activate" a row.
    connect(m_view, &QAbstractItemView::activated, this, &TopConsumersView::activate);

    auto *top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(resourceLabel);
    top->addWidget(m_resource);
    top->addWidget(m_refresh);
    top->addStretch(1);
    top->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    setTabOrder(m_resource, m_refresh);
    setTabOrder(m_refresh, m_view);

    // The metered resources of the catalog (tenancy.resources where metered).
    setResources({{QStringLiteral("storage_bytes"), tr("Storage"), ResourceUnit::Bytes},
                  {QStringLiteral("items"), tr("Memory items"), ResourceUnit::Count},
                  {QStringLiteral("queries_per_minute"), tr("Queries per minute"), ResourceUnit::PerMinute}});
    updateStatus();
}

TopConsumersView::~TopConsumersView()
{
    m_proxy->setSourceModel(nullptr);
}

void TopConsumersView::setResources(const QList<Resource> &resources)
{
    const QString chosen = m_resource->currentData().toString();
    m_resources = resources;
    m_resource->clear();
    for (const Resource &r : resources)
        m_resource->addItem(r.displayName, r.key);
    m_resource->setCurrentIndex(std::max(0, m_resource->findData(chosen)));
}

void TopConsumersView::setStore(TenantStore *store)
{
    m_proxy->setSourceModel(nullptr);
    delete m_model;
    m_model = nullptr;
    m_store = store;
    m_loadedOnce = false;
    if (store) {
        m_model = new TopConsumersModel(store, this);
        connect(m_model, &TopConsumersModel::loadingChanged, this, &TopConsumersView::updateStatus);
        connect(m_model, &TopConsumersModel::loaded, this, [this] {
            m_loadedAt = QTime::currentTime();
            updateStatus();
        });
        m_proxy->setSourceModel(m_model);
        // Polls and follows changes only while someone sees it.
        m_model->setActive(isVisible());
        m_view->sortByColumn(TopConsumersModel::ShareColumn, Qt::DescendingOrder);
        QHeaderView *header = m_view->horizontalHeader();
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->setSectionResizeMode(TopConsumersModel::TenantColumn, QHeaderView::Stretch);
        const int unit = fontMetrics().averageCharWidth();
        header->resizeSection(TopConsumersModel::StateColumn, unit * 12);
        header->resizeSection(TopConsumersModel::UsedColumn, unit * 12);
        header->resizeSection(TopConsumersModel::LimitColumn, unit * 12);
        header->resizeSection(TopConsumersModel::ShareColumn, unit * 16);
        header->resizeSection(TopConsumersModel::ProjectionColumn, unit * 26);
        header->resizeSection(TopConsumersModel::GrowthColumn, unit * 18);
        header->resizeSection(TopConsumersModel::SubtreeColumn, unit * 26);
        header->setMinimumSectionSize(unit * 6);
        if (isVisible())
            chooseResource();
    }
    updateStatus();
}

void TopConsumersView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_model)
        return;
    // Active first: a first setResource() then reads at once, and a model that was hidden
    // reads again if it is stale or old.
    m_model->setActive(true);
    if (!m_loadedOnce)
        chooseResource();
}

void TopConsumersView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    // The dock closed (or the window minimised): no polling, changes only mark it stale.
    if (m_model)
        m_model->setActive(false);
}

void TopConsumersView::chooseResource()
{
    if (!m_model || m_resource->currentIndex() < 0)
        return;
    const Resource &r = m_resources.at(m_resource->currentIndex());
    m_loadedOnce = true;
    if (m_model->resource() == r.key && m_model->rowCount() > 0)
        return;
    m_model->setResource(r.key, r.unit);
}

void TopConsumersView::reload()
{
    if (!m_model)
        return;
    if (!m_loadedOnce)
        chooseResource();
    else
        m_model->reload();
}

QString TopConsumersView::statusText() const
{
    return m_status->text();
}

void TopConsumersView::updateStatus()
{
    m_refresh->setEnabled(m_model != nullptr);
    m_resource->setEnabled(m_model != nullptr);
    if (!m_model) {
        m_status->setText(tr("Not connected"));
        m_status->setToolTip(QString());
        return;
    }
    if (m_model->isLoading()) {
        m_status->setText(tr("Loading…"));
        m_status->setToolTip(QString());
        return;
    }
    if (m_model->error()) {
        m_status->setText(errorTitle(*m_model->error()));
        m_status->setToolTip(errorText(*m_model->error()));
        return;
    }
    // The ranking always comes from the database, even when the charts read Prometheus.
    const QTime at = m_loadedAt;
    const int rows = m_model->rowCount();
    QString text = rows == 1 ? tr("Database · 1 tenant") : tr("Database · %1 tenants").arg(QLocale().toString(rows));
    if (at.isValid())
        text += tr(" · loaded %1").arg(QLocale().toString(at, QLocale::ShortFormat));
    m_status->setText(text);
    m_status->setToolTip(tr("Projection: a straight line through the last %1 days of samples").arg(kTrendDays));
}

void TopConsumersView::activate(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid() || !m_model)
        return;
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    const TopConsumer consumer = m_model->consumerAt(source.row());
    Q_EMIT tenantActivated(consumer.tenantId, consumer.slug);
}

} // namespace tc::ui
