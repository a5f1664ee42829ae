#include "ui/usagetab.h"

#include "models/items/usagebreakdownmodel.h"
#include "models/items/usageseriesmodel.h"
#include "models/store/usagesource.h"
#include "ui/errortext.h"
#include "ui/usagebreakdownview.h"
#include "ui/usagechartstyle.h"
#include "ui/usagechartview.h"

#include <QChart>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QSaveFile>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc::ui {

namespace {
constexpr int kResolutionDelayMs = 250;
constexpr int kCustomDelayMs = 600;
constexpr int kChartMinimumHeight = 230;

QString rangeFileTag(UsageRange range)
{
    switch (range) {
    case UsageRange::Last24Hours: return QStringLiteral("24h");
    case UsageRange::Last7Days: return QStringLiteral("7d");
    case UsageRange::Last30Days: return QStringLiteral("30d");
    case UsageRange::Last90Days: return QStringLiteral("90d");
    case UsageRange::LastYear: return QStringLiteral("1y");
    case UsageRange::Custom: return QStringLiteral("custom");
    }
    return {};
}
} // namespace

UsageTab::UsageTab(QWidget *parent) : QWidget(parent)
{
    createToolBar();

    m_chartsContent = new QWidget;
    m_chartsContent->setObjectName(QStringLiteral("usageCharts"));
    m_chartsLayout = new QVBoxLayout(m_chartsContent);
    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->setSpacing(6);
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_chartsContent);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_breakdown = new UsageBreakdownView;
    m_breakdown->setObjectName(QStringLiteral("usageBreakdown"));
    connect(m_breakdown, &UsageBreakdownView::retryRequested, this, &UsageTab::reloadBreakdown);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_scroll);
    m_pages->addWidget(m_breakdown);

    auto *layout = qobject_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(m_pages, 1);

    m_resolutionTimer.setSingleShot(true);
    m_resolutionTimer.setInterval(kResolutionDelayMs);
    connect(&m_resolutionTimer, &QTimer::timeout, this, &UsageTab::applyResolution);
    m_customTimer.setSingleShot(true);
    m_customTimer.setInterval(kCustomDelayMs);
    connect(&m_customTimer, &QTimer::timeout, this, &UsageTab::applyCustomWindow);

    rebuildCharts();
    updateActions();
    updateStatus();
}

UsageTab::~UsageTab()
{
    // The charts listen to the models: they go first.
    qDeleteAll(m_charts);
    m_charts.clear();
    m_breakdown->setModel(nullptr);
}

void UsageTab::createToolBar()
{
    auto *rangeLabel = new QLabel(tr("&Range:"), this);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("usageRange"));
    m_range->addItem(tr("Last 24 hours"), int(UsageRange::Last24Hours));
    m_range->addItem(tr("Last 7 days"), int(UsageRange::Last7Days));
    m_range->addItem(tr("Last 30 days"), int(UsageRange::Last30Days));
    m_range->addItem(tr("Last 90 days"), int(UsageRange::Last90Days));
    m_range->addItem(tr("Last year"), int(UsageRange::LastYear));
    m_range->addItem(tr("Custom…"), int(UsageRange::Custom));
    m_range->setCurrentIndex(1);
    m_range->setToolTip(tr("The time window of the charts; preset windows end now and follow the clock"));
    rangeLabel->setBuddy(m_range);
    connect(m_range, &QComboBox::activated, this, &UsageTab::onRangeChosen);

    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("usageRefresh"));
    m_refresh->setText(tr("R&efresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh"), style()->standardIcon(QStyle::SP_BrowserReload)));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh->setAutoRaise(true);
    m_refresh->setToolTip(tr("Load the usage again now (while the tab is shown it also reloads by itself)"));
    connect(m_refresh, &QToolButton::clicked, this, &UsageTab::refresh);

    // The custom window, in local time (the tooltip says what that is in UTC).
    auto *fromLabel = new QLabel(tr("Fro&m:"), this);
    auto *toLabel = new QLabel(tr("T&o:"), this);
    m_from = new QDateTimeEdit(this);
    m_to = new QDateTimeEdit(this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setTimeSpec(Qt::LocalTime);
        // Local time, with its zone shown so nobody mistakes it for UTC.
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm t"));
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00 CEST")) + 48);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &) { m_customTimer.start(); });
        connect(edit, &QDateTimeEdit::editingFinished, this, [this] {
            if (m_customTimer.isActive()) {
                m_customTimer.stop();
                applyCustomWindow();
            }
        });
    }
    m_from->setObjectName(QStringLiteral("usageFrom"));
    m_to->setObjectName(QStringLiteral("usageTo"));
    m_from->setToolTip(tr("Start of the window, in local time (included); the status line's tooltip gives it in UTC"));
    m_to->setToolTip(tr("End of the window, in local time (excluded); the status line's tooltip gives it in UTC"));
    fromLabel->setBuddy(m_from);
    toLabel->setBuddy(m_to);

    m_breakdownButton = new QToolButton(this);
    m_breakdownButton->setObjectName(QStringLiteral("usageBreakdownToggle"));
    m_breakdownButton->setText(tr("&Breakdown by sub-tenant"));
    m_breakdownButton->setCheckable(true);
    m_breakdownButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_breakdownButton->setToolTip(tr("Stack one resource by sub-tenant: the tenant's own usage and each child's "
                                     "subtree (from the tenant database)"));
    connect(m_breakdownButton, &QToolButton::toggled, this, &UsageTab::showBreakdown);
    m_breakdownResource = new QComboBox(this);
    m_breakdownResource->setObjectName(QStringLiteral("usageBreakdownResource"));
    m_breakdownResource->setToolTip(tr("The resource to break down by sub-tenant"));
    m_breakdownResource->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_breakdownResource, &QComboBox::activated, this, &UsageTab::reloadBreakdown);

    m_exportPng = new QToolButton(this);
    m_exportPng->setObjectName(QStringLiteral("usageExportPng"));
    m_exportPng->setText(tr("Export P&NG…"));
    m_exportPng->setIcon(QIcon::fromTheme(QStringLiteral("image-x-generic"), style()->standardIcon(QStyle::SP_DialogSaveButton)));
    m_exportPng->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportPng->setAutoRaise(true);
    m_exportPng->setToolTip(tr("Save the charts as shown as a PNG image"));
    connect(m_exportPng, &QToolButton::clicked, this, &UsageTab::askExportPng);
    m_exportCsv = new QToolButton(this);
    m_exportCsv->setObjectName(QStringLiteral("usageExportCsv"));
    m_exportCsv->setText(tr("Export &CSV…"));
    m_exportCsv->setIcon(QIcon::fromTheme(QStringLiteral("text-csv"), style()->standardIcon(QStyle::SP_FileIcon)));
    m_exportCsv->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportCsv->setAutoRaise(true);
    m_exportCsv->setToolTip(tr("Save the data behind the charts (min, max, mean per bucket, and the limit) as CSV"));
    connect(m_exportCsv, &QToolButton::clicked, this, &UsageTab::askExportCsv);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *rangeRow = new QHBoxLayout;
    rangeRow->setSpacing(6);
    rangeRow->addWidget(rangeLabel);
    rangeRow->addWidget(m_range);
    rangeRow->addWidget(m_refresh);
    rangeRow->addStretch(1);
    rangeRow->addWidget(m_exportPng);
    rangeRow->addWidget(m_exportCsv);

    m_customRow = new QWidget(this);
    auto *customRow = new QHBoxLayout(m_customRow);
    customRow->setContentsMargins(0, 0, 0, 0);
    customRow->setSpacing(6);
    customRow->addWidget(fromLabel);
    customRow->addWidget(m_from);
    customRow->addSpacing(6);
    customRow->addWidget(toLabel);
    customRow->addWidget(m_to);
    customRow->addStretch(1);
    m_customRow->hide();

    auto *breakdownRow = new QHBoxLayout;
    breakdownRow->setSpacing(6);
    breakdownRow->addWidget(m_breakdownButton);
    breakdownRow->addWidget(m_breakdownResource);
    breakdownRow->addStretch(1);
    breakdownRow->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(rangeRow);
    layout->addWidget(m_customRow);
    layout->addLayout(breakdownRow);

    setTabOrder(m_range, m_refresh);
    setTabOrder(m_refresh, m_exportPng);
    setTabOrder(m_exportPng, m_exportCsv);
    setTabOrder(m_exportCsv, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_breakdownButton);
    setTabOrder(m_breakdownButton, m_breakdownResource);
    setMinimumSize(320, 280);
}

void UsageTab::setStore(TenantStore *store, UsageSource *source)
{
    for (UsageChartView *chart : std::as_const(m_charts))
        chart->setModel(nullptr, {});
    m_breakdown->setModel(nullptr);
    delete m_model;
    delete m_breakdownModel;
    m_model = nullptr;
    m_breakdownModel = nullptr;
    m_store = store;
    m_source = source;
    m_appliedTenant = QUuid();
    m_breakdownQuery.reset();
    if (store) {
        m_model = new UsageSeriesModel(store, this);
        m_model->setSource(m_source);
        const auto range = UsageRange(m_range->currentData().toInt());
        if (range == UsageRange::Custom)
            m_model->setRange(range, requestedWindow());
        else
            m_model->setRange(range);
        connect(m_model, &QAbstractItemModel::modelReset, this, &UsageTab::rebuildCharts);
        connect(m_model, &UsageSeriesModel::statusChanged, this, &UsageTab::updateStatus);
        connect(m_model, &UsageSeriesModel::loadingChanged, this, &UsageTab::updateStatus);
        connect(m_model, &UsageSeriesModel::loaded, this, &UsageTab::updateStatus);
        connect(m_model, &UsageSeriesModel::loaded, this, &UsageTab::updateActions);
        connect(m_model, &UsageSeriesModel::loaded, this, &UsageTab::followSeriesWindow);
        m_breakdownModel = new UsageBreakdownModel(store, this);
        m_breakdown->setModel(m_breakdownModel);
        connect(m_breakdownModel, &UsageBreakdownModel::loaded, this, &UsageTab::updateActions);
        m_model->setActive(isVisible());
    }
    rebuildCharts();
    if (isVisible())
        applyTenant();
    updateActions();
    updateStatus();
}

void UsageTab::setSource(UsageSource *source)
{
    m_source = source;
    // Another source is another view: the model loads it itself (once).
    if (m_model)
        m_model->setSource(source);
    updateStatus();
}

void UsageTab::setTenant(const Tenant &tenant)
{
    m_tenant = tenant;
    m_breakdownButton->setEnabled(tenant.childCount > 0);
    if (tenant.childCount == 0 && m_breakdownButton->isChecked())
        m_breakdownButton->setChecked(false);
    if (isVisible())
        applyTenant();
    updateActions();
}

void UsageTab::applyTenant()
{
    if (!m_model || m_appliedTenant == m_tenant.id)
        return;
    m_appliedTenant = m_tenant.id;
    m_model->setTenant(m_tenant.id);
    if (m_breakdownButton->isChecked())
        reloadBreakdown();
}

UsageChartView *UsageTab::chartFor(const QString &resource) const
{
    for (UsageChartView *chart : m_charts) {
        if (chart->resource() == resource)
            return chart;
    }
    return nullptr;
}

QString UsageTab::statusText() const
{
    return m_status->text();
}

TimeWindow UsageTab::requestedWindow() const
{
    const auto range = UsageRange(m_range->currentData().toInt());
    if (range != UsageRange::Custom)
        return windowFor(range, QDateTime::currentDateTimeUtc());
    return {m_from->dateTime().toUTC(), m_to->dateTime().toUTC()};
}

void UsageTab::onRangeChosen()
{
    const auto range = UsageRange(m_range->currentData().toInt());
    m_customRow->setVisible(range == UsageRange::Custom);
    if (range == UsageRange::Custom) {
        // Start from the window shown, so Custom… is a small edit away.
        TimeWindow shown = m_model && m_model->window().isValid() ? m_model->window()
                                                                   : windowFor(UsageRange::Last7Days, QDateTime::currentDateTimeUtc());
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDateTime(shown.from.toLocalTime());
        m_to->setDateTime(shown.to.toLocalTime());
        applyCustomWindow();
        m_from->setFocus();
        return;
    }
    m_customError.clear();
    if (m_model)
        m_model->setRange(range);
    if (m_breakdownButton->isChecked())
        reloadBreakdown();
    updateStatus();
}

void UsageTab::applyCustomWindow()
{
    const TimeWindow window = requestedWindow();
    if (!window.isValid()) {
        m_customError = tr("The start of the window must be before its end.");
        updateStatus();
        return;
    }
    m_customError.clear();
    if (m_model)
        m_model->setRange(UsageRange::Custom, window);
    if (m_breakdownButton->isChecked())
        reloadBreakdown();
    updateStatus();
}

void UsageTab::refresh()
{
    if (m_model && !m_model->tenant().isNull())
        m_model->reload();
    if (m_breakdownButton->isChecked())
        reloadBreakdown();
}

void UsageTab::rebuildCharts()
{
    QStringList resources;
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            resources << m_model->index(row, 0).data(UsageSeriesModel::ResourceRole).toString();
    }
    if (resources.isEmpty())
        resources << QString(); // one chart that says the state (loading, nothing recorded, error)
    QStringList shown;
    for (UsageChartView *chart : std::as_const(m_charts))
        shown << chart->resource();
    if (shown != resources || (m_charts.size() && m_charts.first()->model() != m_model)) {
        qDeleteAll(m_charts);
        m_charts.clear();
        for (const QString &resource : std::as_const(resources)) {
            auto *chart = new UsageChartView(m_chartsContent);
            chart->setObjectName(resource.isEmpty() ? QStringLiteral("usageChart")
                                                    : QStringLiteral("usageChart_") + resource);
            chart->setMinimumHeight(kChartMinimumHeight);
            chart->setModel(m_model, resource);
            connect(chart, &UsageChartView::plotWidthChanged, this, [this] { m_resolutionTimer.start(); });
            m_chartsLayout->addWidget(chart, 1);
            m_charts << chart;
        }
    }

    // The breakdown offers the same resources, keeping the one chosen.
    const QString chosen = m_breakdownResource->currentData().toString();
    m_breakdownResource->clear();
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            m_breakdownResource->addItem(index.data(UsageSeriesModel::DisplayNameRole).toString(),
                                         index.data(UsageSeriesModel::ResourceRole));
        }
    }
    const int keep = m_breakdownResource->findData(chosen);
    if (keep >= 0)
        m_breakdownResource->setCurrentIndex(keep);
    updateActions();
}

void UsageTab::showBreakdown(bool on)
{
    m_pages->setCurrentIndex(on ? 1 : 0);
    if (on)
        reloadBreakdown();
    updateActions();
}

std::optional<UsageBreakdownQuery> UsageTab::breakdownQuery() const
{
    if (!m_breakdownModel || m_tenant.id.isNull() || m_breakdownResource->currentIndex() < 0)
        return std::nullopt;
    UsageBreakdownQuery query;
    query.tenant = m_tenant.id;
    query.resource = m_breakdownResource->currentData().toString();
    query.window = m_model && m_model->window().isValid() && m_model->tenant() == m_tenant.id ? m_model->window()
                                                                                            : requestedWindow();
    const int pixels = std::max(100, m_breakdown->chart()->plotArea().width() > 50
                                          ? int(m_breakdown->chart()->plotArea().width())
                                          : m_pages->width() - 100);
    query.bucketSeconds = bucketSecondsFor(query.window, pixels);
    return query;
}

void UsageTab::followSeriesWindow()
{
    // A poll (or any load) that moved the window, or a bucket width that changed, leaves the
    // breakdown behind: read it again for the window the charts show now.
    if (!m_breakdownButton->isChecked() || !isVisible())
        return;
    const std::optional<UsageBreakdownQuery> query = breakdownQuery();
    if (!query || !query->window.isValid())
        return;
    const bool same = m_breakdownQuery && m_breakdownQuery->tenant == query->tenant
        && m_breakdownQuery->resource == query->resource && m_breakdownQuery->window == query->window
        && m_breakdownQuery->bucketSeconds == query->bucketSeconds;
    if (!same)
        reloadBreakdown();
}

void UsageTab::reloadBreakdown()
{
    const std::optional<UsageBreakdownQuery> found = breakdownQuery();
    if (!found) {
        m_breakdown->setWindow({});
        return;
    }
    const UsageBreakdownQuery &query = *found;
    if (!query.window.isValid())
        return;
    m_breakdownQuery = query;
    const int row = m_model ? m_model->seriesRow(query.resource) : -1;
    // No limit line here: a tenant's limit bounds its own usage, not its subtree's.
    if (row >= 0)
        m_breakdownModel->setUnit(ResourceUnit(m_model->index(row, 0).data(UsageSeriesModel::UnitRole).toInt()));
    m_breakdown->setWindow(query.window);
    m_breakdown->setResourceName(m_breakdownResource->currentText());
    m_breakdownModel->load(query);
}

void UsageTab::updateStatus()
{
    QString where = tr("Database");
    if (m_source && m_source->kind() == UsageSource::Kind::Prometheus)
        where = tr("Prometheus %1").arg(m_source->location());
    QStringList parts{where};
    if (!m_customError.isEmpty()) {
        parts << m_customError;
    } else if (m_model) {
        const auto status = m_model->status();
        const bool shown = status == UsageSeriesModel::Status::Ready || status == UsageSeriesModel::Status::Empty;
        if (shown || (status == UsageSeriesModel::Status::Failed && m_model->rowCount() > 0))
            parts << tr("%1 buckets").arg(UsageChartStyle::durationText(m_model->bucketSeconds()));
        if (m_model->isLoading())
            parts << tr("loading…");
        else if (status == UsageSeriesModel::Status::Failed)
            parts << tr("failed at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
        else if (shown && m_model->loadedAt().isValid())
            parts << tr("loaded %1").arg(QLocale().toString(m_model->loadedAt().toLocalTime().time(), QLocale::ShortFormat));
    }
    m_status->setText(parts.join(QStringLiteral(" · ")));
    // A window that can't be used is an error, not a note.
    if (m_customError.isEmpty()) {
        m_status->setForegroundRole(QPalette::PlaceholderText);
    } else {
        QPalette pal = m_status->palette();
        pal.setColor(QPalette::WindowText, UsageChartStyle::alertColor(AlertLevel::Critical, UsageChartStyle::isDark(palette())));
        m_status->setPalette(pal);
        m_status->setForegroundRole(QPalette::WindowText);
    }
    QString tip;
    if (m_model && m_model->window().isValid())
        tip = tr("Window: %1 – %2 (UTC %3 – %4)")
                  .arg(QLocale().toString(m_model->window().from.toLocalTime(), QLocale::ShortFormat),
                       QLocale().toString(m_model->window().to.toLocalTime(), QLocale::ShortFormat),
                       m_model->window().from.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                       m_model->window().to.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (m_model && m_model->error())
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n"))
               + usageErrorText(*m_model->error(), m_source && m_source->kind() == UsageSource::Kind::Prometheus);
    m_status->setToolTip(tip);
}

void UsageTab::updateActions()
{
    const bool breakdown = m_breakdownButton->isChecked();
    const bool hasData = breakdown ? m_breakdownModel && m_breakdownModel->rowCount() > 0
                                   : m_model && m_model->rowCount() > 0;
    m_exportPng->setEnabled(hasData);
    m_exportCsv->setEnabled(hasData);
    m_refresh->setEnabled(m_model && !m_tenant.id.isNull());
    m_breakdownResource->setEnabled(breakdown && m_breakdownResource->count() > 0);
    m_range->setEnabled(m_model != nullptr);
    if (!m_breakdownButton->isEnabled())
        m_breakdownButton->setToolTip(tr("This tenant has no sub-tenants to break its usage down by"));
    else
        m_breakdownButton->setToolTip(tr("Stack one resource by sub-tenant: the tenant's own usage and each child's "
                                         "subtree (from the tenant database)"));
}

void UsageTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_model)
        return;
    // A first estimate of the plot's width, so the first load has about the right buckets.
    if (m_model->tenant().isNull())
        m_model->setResolution(std::max(100, width() - 110));
    const QUuid applied = m_appliedTenant;
    applyTenant();
    m_model->setActive(true);
    // Shown again: the breakdown may be old (applyTenant() read it for a new tenant).
    if (m_breakdownButton->isChecked() && applied == m_appliedTenant)
        reloadBreakdown();
    m_resolutionTimer.start();
}

void UsageTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_model)
        m_model->setActive(false);
    m_resolutionTimer.stop();
}

void UsageTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_resolutionTimer.start();
}

void UsageTab::applyResolution()
{
    if (!m_model || m_charts.isEmpty() || !isVisible())
        return;
    const int plot = int(m_charts.first()->chart()->plotArea().width());
    m_appliedResolution = plot > 50 ? plot : std::max(100, width() - 110);
    m_model->setResolution(m_appliedResolution);
}

bool UsageTab::isResolutionPending() const
{
    if (m_resolutionTimer.isActive())
        return true;
    if (!m_model || m_charts.isEmpty() || !isVisible())
        return false;
    const int plot = int(m_charts.first()->chart()->plotArea().width());
    return plot > 50 && plot != m_appliedResolution;
}

QString UsageTab::suggestedFileName(const QString &suffix) const
{
    QString base = m_tenant.slug.isEmpty() ? QStringLiteral("usage") : m_tenant.slug + QStringLiteral("-usage");
    if (m_breakdownButton->isChecked())
        base += QStringLiteral("-") + m_breakdownResource->currentData().toString() + QStringLiteral("-breakdown");
    if (m_model)
        base += QStringLiteral("-") + rangeFileTag(m_model->range());
    base += QStringLiteral("-") + QDate::currentDate().toString(QStringLiteral("yyyyMMdd"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(base + suffix);
}

bool UsageTab::exportCsv(const QString &fileName, QString *error) const
{
    const bool breakdown = m_breakdownButton->isChecked();
    if (!m_model || (breakdown ? !m_breakdownModel || m_breakdownModel->rowCount() == 0 : m_model->rowCount() == 0)) {
        if (error)
            *error = tr("There is no usage to export.");
        return false;
    }
    const QByteArray csv = breakdown ? m_breakdownModel->toCsv() : m_model->toCsv();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    }
    return true;
}

bool UsageTab::exportPng(const QString &fileName, QString *error) const
{
    QWidget *what = m_breakdownButton->isChecked() ? static_cast<QWidget *>(m_breakdown) : m_chartsContent;
    const QPixmap image = what->grab();
    if (image.isNull() || !image.save(fileName, "PNG")) {
        if (error)
            *error = tr("Could not write %1.").arg(QDir::toNativeSeparators(fileName));
        return false;
    }
    return true;
}

void UsageTab::askExportCsv()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export usage as CSV"), suggestedFileName(QStringLiteral(".csv")),
                                                          tr("CSV files (*.csv);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportCsv(fileName, &error))
        QMessageBox::warning(this, tr("Export CSV"), error);
}

void UsageTab::askExportPng()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export charts as PNG"), suggestedFileName(QStringLiteral(".png")),
                                                          tr("PNG images (*.png);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportPng(fileName, &error))
        QMessageBox::warning(this, tr("Export PNG"), error);
}

} // namespace tc::ui
