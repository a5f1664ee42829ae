#pragma once

#include "models/domain/resourceunit.h"
#include "models/items/usageseriesmodel.h"

#include <QChartView>
#include <QList>
#include <QPointer>
#include <QString>

class QAreaSeries;
class QCategoryAxis;
class QDateTimeAxis;
class QGraphicsLineItem;
class QLineSeries;

namespace tc::ui {

class ChartMessage;

// One resource's usage over the model's window, as UsageSeriesModel holds it (the view never
// queries): the min–max band of every bucket (so a peak is never averaged away), the mean as
// a line, the limit as a dashed line with the soft thresholds as translucent bands below it,
// time along x and the resource's unit up y. Hovering shows the bucket's exact interval,
// min/max/mean and share of the limit. States without data (loading with Cancel, nothing
// recorded, an error with Retry, not metered) are said in the middle of the plot, not in a
// dialog. Buckets are drawn inside the time axis (the current one too, see bucketX).
// Redraws on the model's reset and dataChanged only; colours follow the palette (dark too).
class UsageChartView : public QChartView
{
    Q_OBJECT

public:
    explicit UsageChartView(QWidget *parent = nullptr);
    ~UsageChartView() override;

    // Not owned. `resource` is the series row to draw (a tenancy.resources key); empty draws
    // no series and only says the model's state (a tab without rows yet).
    void setModel(UsageSeriesModel *model, const QString &resource);
    UsageSeriesModel *model() const { return m_model; }
    QString resource() const { return m_resource; }

    // What the plot says instead of (or over) data; empty when the data speaks for itself.
    QString message() const;
    bool isRetryOffered() const;
    // While loading: the message offers Cancel (UsageSeriesModel::cancel()).
    bool isCancelOffered() const;
    // The hover text for a point of the view (viewport coordinates); empty outside the plot
    // or without data. hoverAt() shows it as a tooltip with a marker on the bucket.
    QString hoverTextAt(const QPoint &viewPos) const;
    void hoverAt(const QPoint &viewPos);
    // Where (time, value) is drawn, in viewport coordinates (tests and automation).
    QPoint positionOf(qint64 atMs, double value) const;

    // The drawn series, for tests: band = QAreaSeries over the min and max lines.
    QAreaSeries *bandSeries() const { return m_band; }
    QLineSeries *minSeries() const { return m_min; }
    QLineSeries *maxSeries() const { return m_max; }
    QLineSeries *meanSeries() const { return m_mean; }
    // Null when the resource is unlimited.
    QLineSeries *limitSeries() const;
    QList<QAreaSeries *> thresholdBands() const { return m_thresholdBands; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QCategoryAxis *valueAxis() const { return m_valueAxis; }

Q_SIGNALS:
    // The plot area's width changed (what the model's resolution should follow).
    void plotWidthChanged(int pixels);

protected:
    bool viewportEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The marker on the hovered bucket; the tooltip's text follows it while one is shown.
    void trackMouse(const QPoint &viewPos);
    void render();
    void updateMessage();
    void applyPalette();
    void updateValueAxis();
    void placeOverlay();
    QColor accent() const;
    int seriesRow() const;
    // Where a bucket is drawn on the time axis (inside the axis, see UsageChartStyle::bucketX).
    double bucketXOf(const UsageBucket &bucket) const;
    // The bucket (row of bucketsAt(row)) drawn nearest `atMs`; -1 without buckets.
    int bucketNear(int row, double atMs) const;
    ResourceUnit unit() const;

    QPointer<UsageSeriesModel> m_model;
    QString m_resource;
    QLineSeries *m_min = nullptr;
    QLineSeries *m_max = nullptr;
    QAreaSeries *m_band = nullptr;
    QLineSeries *m_mean = nullptr;
    QLineSeries *m_limit = nullptr;
    QList<QAreaSeries *> m_thresholdBands;
    QDateTimeAxis *m_timeAxis = nullptr;
    QCategoryAxis *m_valueAxis = nullptr;
    TimeWindow m_axisWindow; // what the time axis spans
    double m_valueTop = 0; // the data's and the limit's top
    int m_maxTicks = 4;
    QGraphicsLineItem *m_marker = nullptr;
    ChartMessage *m_message = nullptr;
    bool m_hasLimit = false;
    int m_lastPlotWidth = 0;
};

} // namespace tc::ui
