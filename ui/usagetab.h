#pragma once

#include "models/domain/tenant.h"
#include "models/domain/usage.h"
#include "models/store/tenantstore.h"
#include "models/store/usagesource.h"

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace tc {
class UsageBreakdownModel;
class UsageSeriesModel;
}

namespace tc::ui {

class UsageBreakdownView;
class UsageChartView;

// The "Usage" tab of the details pane: a range picker (24 h … 1 y, or a custom window in
// local time), Refresh, a breakdown by sub-tenant of one resource, PNG and CSV export, the
// source and time of the data, and one UsageChartView per metered resource stacked in a
// scroll area. The models poll only while the tab is shown; the bucket width follows the
// plot's width. The breakdown follows the charts' window (their polls) and is read again
// when the tab is shown again.
class UsageTab : public QWidget
{
    Q_OBJECT

public:
    explicit UsageTab(QWidget *parent = nullptr);
    ~UsageTab() override;

    // New models for a new connection (null: none), reading history from `source` (null:
    // the store's database; not owned).
    void setStore(TenantStore *store, UsageSource *source = nullptr);
    // Another source for the same connection (reloads).
    void setSource(UsageSource *source);
    // Loaded when the tab is shown (selecting tenants with the tab hidden costs nothing).
    void setTenant(const Tenant &tenant);

    UsageSeriesModel *model() const { return m_model; }
    UsageBreakdownModel *breakdownModel() const { return m_breakdownModel; }
    QList<UsageChartView *> charts() const { return m_charts; }
    UsageChartView *chartFor(const QString &resource) const;
    UsageBreakdownView *breakdownView() const { return m_breakdown; }
    QComboBox *rangeCombo() const { return m_range; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QToolButton *breakdownButton() const { return m_breakdownButton; }
    QComboBox *breakdownResourceCombo() const { return m_breakdownResource; }
    QString statusText() const;
    // The model's resolution doesn't follow the plot's width yet (a resize or a new layout
    // is waiting for its debounce); tests wait for this to end rather than for a time.
    bool isResolutionPending() const;

    // What the Export buttons write, without asking for a file name; false and `error` if
    // the file could not be written (or there is nothing to export).
    bool exportCsv(const QString &fileName, QString *error = nullptr) const;
    bool exportPng(const QString &fileName, QString *error = nullptr) const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createToolBar();
    void applyTenant();
    void onRangeChosen();
    void applyCustomWindow();
    void rebuildCharts();
    void updateStatus();
    void updateActions();
    void showBreakdown(bool on);
    void reloadBreakdown();
    // After a load of the charts: reloads the breakdown if it is shown and its window or
    // bucket width no longer matches.
    void followSeriesWindow();
    // What the breakdown would ask for now (none without a tenant, model or resource).
    std::optional<UsageBreakdownQuery> breakdownQuery() const;
    void refresh();
    void applyResolution();
    void askExportCsv();
    void askExportPng();
    QString suggestedFileName(const QString &suffix) const;
    TimeWindow requestedWindow() const;

    QPointer<TenantStore> m_store;
    QPointer<UsageSource> m_source;
    UsageSeriesModel *m_model = nullptr;
    UsageBreakdownModel *m_breakdownModel = nullptr;
    Tenant m_tenant;
    QUuid m_appliedTenant;

    QComboBox *m_range = nullptr;
    QWidget *m_customRow = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QToolButton *m_refresh = nullptr;
    QToolButton *m_breakdownButton = nullptr;
    QComboBox *m_breakdownResource = nullptr;
    QToolButton *m_exportPng = nullptr;
    QToolButton *m_exportCsv = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_pages = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_chartsContent = nullptr;
    QVBoxLayout *m_chartsLayout = nullptr;
    QList<UsageChartView *> m_charts;
    UsageBreakdownView *m_breakdown = nullptr;
    std::optional<UsageBreakdownQuery> m_breakdownQuery; // the last one loaded
    QString m_customError;
    QTimer m_resolutionTimer;
    int m_appliedResolution = 0; // the plot width last given to the model
    QTimer m_customTimer;
};

} // namespace tc::ui
