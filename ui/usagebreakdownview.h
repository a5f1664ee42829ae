#pragma once

#include "models/domain/usage.h"
#include "models/items/usagebreakdownmodel.h"

#include <QChartView>
#include <QList>
#include <QPointer>

class QAreaSeries;
class QCategoryAxis;
class QDateTimeAxis;

namespace tc::ui {

class ChartMessage;

// One resource of a tenant stacked by sub-tenant, as UsageBreakdownModel holds it: the
// tenant's own usage at the bottom, then each large child's subtree, then "Others (N
// tenants)", one coloured area each, the legend naming them by slug. Hovering lists the
// bucket's values. Loading, errors (with Retry) and empty windows are said on the plot.
class UsageBreakdownView : public QChartView
{
    Q_OBJECT

public:
    explicit UsageBreakdownView(QWidget *parent = nullptr);
    ~UsageBreakdownView() override;

    // Not owned.
    void setModel(UsageBreakdownModel *model);
    // The window the model was asked for (for the axis and the empty message).
    void setWindow(const TimeWindow &window);
    // "Storage", for the title.
    void setResourceName(const QString &name);

    QString message() const;
    QList<QAreaSeries *> layers() const { return m_layers; }
    QString hoverTextAt(const QPoint &viewPos) const;

Q_SIGNALS:
    void retryRequested();

protected:
    bool viewportEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void render();
    void updateMessage();
    void applyPalette();
    void updateValueAxis();
    void placeOverlay();

    // Where a bucket row is drawn on the time axis (see UsageChartStyle::bucketX).
    double bucketXAt(int row) const;

    QPointer<UsageBreakdownModel> m_model;
    TimeWindow m_window;
    QString m_resourceName;
    QList<QAreaSeries *> m_layers;
    QDateTimeAxis *m_timeAxis = nullptr;
    QCategoryAxis *m_valueAxis = nullptr;
    double m_valueTop = 0; // the data's and the limit's top
    int m_maxTicks = 4;
    ChartMessage *m_message = nullptr;
};

} // namespace tc::ui
