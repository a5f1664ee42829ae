#include "ui/usagechartview.h"

#include "models/items/usageseriesmodel.h"
#include "models/store/usagesource.h"
#include "ui/chartmessage.h"
#include "ui/errortext.h"
#include "ui/usagechartstyle.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QHelpEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>

#include <cmath>

namespace tc::ui {

UsageChartView::UsageChartView(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 200);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);

    QChart *c = chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setShowToolTips(true);

    m_min = new QLineSeries(this);
    m_max = new QLineSeries(this);
    m_band = new QAreaSeries;
    m_band->setUpperSeries(m_max);
    m_band->setLowerSeries(m_min);
    m_band->setName(tr("Min–max"));
    m_mean = new QLineSeries;
    m_mean->setName(tr("Mean"));
    c->addSeries(m_band);
    c->addSeries(m_mean);

    m_timeAxis = new QDateTimeAxis;
    m_valueAxis = new QCategoryAxis;
    m_valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_band, m_mean}) {
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_valueAxis);
    }

    m_marker = new QGraphicsLineItem(c);
    m_marker->setZValue(100);
    m_marker->hide();

    m_message = new ChartMessage(this);
    connect(m_message, &ChartMessage::retryClicked, this, [this] {
        if (m_model)
            m_model->reload();
    });
    connect(m_message, &ChartMessage::cancelClicked, this, [this] {
        if (m_model)
            m_model->cancel();
    });

    connect(c, &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        const int ticks = UsageChartStyle::ticksFor(plot.height(), m_valueAxis->labelsFont());
        if (ticks != m_maxTicks) {
            m_maxTicks = ticks;
            updateValueAxis();
        }
        placeOverlay();
        m_marker->hide();
        const int width = int(plot.width());
        if (width > 0 && width != m_lastPlotWidth) {
            m_lastPlotWidth = width;
            Q_EMIT plotWidthChanged(width);
        }
    });

    applyPalette();
    render();
}

UsageChartView::~UsageChartView() = default;

void UsageChartView::setModel(UsageSeriesModel *model, const QString &resource)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_resource = resource;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &UsageChartView::render);
        connect(model, &QAbstractItemModel::dataChanged, this, &UsageChartView::render);
        connect(model, &UsageSeriesModel::statusChanged, this, &UsageChartView::updateMessage);
        connect(model, &UsageSeriesModel::loaded, this, &UsageChartView::updateMessage);
        connect(model, &UsageSeriesModel::loadingChanged, this, &UsageChartView::updateMessage);
    }
    render();
}

int UsageChartView::seriesRow() const
{
    return m_model && !m_resource.isEmpty() ? m_model->seriesRow(m_resource) : -1;
}

ResourceUnit UsageChartView::unit() const
{
    const int row = seriesRow();
    if (row < 0)
        return ResourceUnit::Count;
    return ResourceUnit(m_model->index(row, 0).data(UsageSeriesModel::UnitRole).toInt());
}

QLineSeries *UsageChartView::limitSeries() const
{
    return m_hasLimit ? m_limit : nullptr;
}

double UsageChartView::bucketXOf(const UsageBucket &bucket) const
{
    return UsageChartStyle::bucketX(bucket.startMs, m_model ? m_model->bucketSeconds() : 0, m_axisWindow);
}

int UsageChartView::bucketNear(int row, double atMs) const
{
    // By where the buckets are drawn: the first and the current one are not at their middles.
    const QList<UsageBucket> &buckets = m_model->bucketsAt(row);
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < buckets.size(); ++i) {
        const double d = std::abs(bucketXOf(buckets.at(i)) - atMs);
        if (best < 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

QColor UsageChartView::accent() const
{
    return UsageChartStyle::accent(m_resource, UsageChartStyle::isDark(palette()));
}

void UsageChartView::render()
{
    QChart *c = chart();
    m_marker->hide();
    for (QAreaSeries *band : std::as_const(m_thresholdBands)) {
        c->removeSeries(band);
        delete band;
    }
    m_thresholdBands.clear();
    if (m_limit) {
        c->removeSeries(m_limit);
        delete m_limit;
        m_limit = nullptr;
    }
    m_hasLimit = false;

    const int row = seriesRow();
    TimeWindow window = m_model ? m_model->window() : TimeWindow{};
    if (!window.isValid() && m_model && m_model->range() != UsageRange::Custom)
        window = windowFor(m_model->range(), QDateTime::currentDateTimeUtc()); // nothing loaded yet
    m_axisWindow = window;
    if (window.isValid()) {
        m_timeAxis->setRange(window.from.toLocalTime(), window.to.toLocalTime());
        m_timeAxis->setFormat(UsageChartStyle::timeFormat(window.seconds()));
    }
    if (row < 0) {
        m_min->clear();
        m_max->clear();
        m_mean->clear();
        c->setTitle(m_model && !m_resource.isEmpty() ? m_resource : QString());
        m_valueTop = 0;
        updateValueAxis();
        applyPalette();
        updateMessage();
        return;
    }

    const QModelIndex series = m_model->index(row, 0);
    const ResourceUnit u = unit();
    const QList<UsageBucket> &buckets = m_model->bucketsAt(row);
    const qint64 width = m_model->bucketSeconds();
    QList<QPointF> lows, highs, means;
    lows.reserve(buckets.size());
    highs.reserve(buckets.size());
    means.reserve(buckets.size());
    qint64 peak = 0;
    for (const UsageBucket &b : buckets) {
        // Within the axis: the current bucket ends after the window, the first may start before it.
        const double x = UsageChartStyle::bucketX(b.startMs, width, window);
        lows.append(QPointF(x, double(b.min)));
        highs.append(QPointF(x, double(b.max)));
        means.append(QPointF(x, b.mean));
        peak = std::max(peak, b.max);
    }
    m_min->replace(lows);
    m_max->replace(highs);
    m_mean->replace(means);
    m_band->setName(tr("Min–max per %1").arg(UsageChartStyle::durationText(m_model->bucketSeconds())));

    const QVariant limitValue = series.data(UsageSeriesModel::LimitRole);
    const QString name = series.data(UsageSeriesModel::DisplayNameRole).toString();
    double top = double(peak);
    if (limitValue.isValid() && window.isValid()) {
        const double limit = double(limitValue.toLongLong());
        m_hasLimit = true;
        top = std::max(top, limit);
        QList<int> thresholds;
        for (const QVariant &t : series.data(UsageSeriesModel::ThresholdsRole).toList())
            thresholds << t.toInt();
        std::sort(thresholds.begin(), thresholds.end());
        const double x0 = double(window.from.toMSecsSinceEpoch());
        const double x1 = double(window.to.toMSecsSinceEpoch());
        for (int i = 0; i < thresholds.size(); ++i) {
            const double lo = limit * thresholds.at(i) / 100.0;
            const double hi = i + 1 < thresholds.size() ? limit * thresholds.at(i + 1) / 100.0 : limit;
            if (hi <= lo)
                continue;
            auto *lower = new QLineSeries;
            auto *upper = new QLineSeries;
            lower->append({QPointF(x0, lo), QPointF(x1, lo)});
            upper->append({QPointF(x0, hi), QPointF(x1, hi)});
            auto *band = new QAreaSeries;
            band->setUpperSeries(upper);
            band->setLowerSeries(lower);
            upper->setParent(band);
            lower->setParent(band);
            band->setName(tr("%1 % threshold").arg(thresholds.at(i)));
            band->setProperty("thresholdRank", double(i + 1) / thresholds.size());
            c->addSeries(band);
            band->attachAxis(m_timeAxis);
            band->attachAxis(m_valueAxis);
            m_thresholdBands << band;
        }
        m_limit = new QLineSeries;
        m_limit->setName(tr("Limit %1").arg(formatQuantity(limitValue.toLongLong(), u)));
        m_limit->append({QPointF(x0, limit), QPointF(x1, limit)});
        c->addSeries(m_limit);
        m_limit->attachAxis(m_timeAxis);
        m_limit->attachAxis(m_valueAxis);
        c->setTitle(tr("%1 · limit %2").arg(name, formatQuantity(limitValue.toLongLong(), u)));
    } else {
        c->setTitle(tr("%1 · No limit").arg(name));
    }
    // The data and the limit stay in view, the bands behind the band of data.
    m_valueTop = top;
    updateValueAxis();
    applyPalette();
    updateMessage();
}

void UsageChartView::updateValueAxis()
{
    UsageChartStyle::setQuantityRange(m_valueAxis, m_valueTop, unit(), m_maxTicks);
}

void UsageChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = UsageChartStyle::isDark(pal);
    UsageChartStyle::applyChartPalette(chart(), pal);

    const QColor color = accent();
    QColor fill = color;
    fill.setAlpha(dark ? 110 : 80);
    QPen edge(color);
    edge.setWidthF(1.0);
    m_band->setPen(edge);
    m_band->setBrush(fill);
    QPen meanPen(dark ? color.lighter(130) : color.darker(130));
    meanPen.setWidthF(1.6);
    m_mean->setPen(meanPen);
    const QColor critical = UsageChartStyle::alertColor(AlertLevel::Critical, dark);
    if (m_limit) {
        QPen limitPen(critical);
        limitPen.setWidthF(2.0);
        limitPen.setStyle(Qt::DashLine);
        m_limit->setPen(limitPen);
    }
    for (QAreaSeries *band : std::as_const(m_thresholdBands)) {
        const double rank = band->property("thresholdRank").toDouble();
        const AlertLevel level = rank >= 1.0 ? AlertLevel::Critical : rank > 0.5 ? AlertLevel::High : AlertLevel::Warning;
        QColor c = UsageChartStyle::alertColor(level, dark);
        c.setAlpha(dark ? 46 : 38);
        band->setBrush(c);
        band->setPen(Qt::NoPen);
        for (QLegendMarker *marker : chart()->legend()->markers(band))
            marker->setVisible(false);
    }
    QPen markerPen(pal.color(QPalette::Text));
    markerPen.setWidthF(1.0);
    markerPen.setStyle(Qt::DotLine);
    m_marker->setPen(markerPen);

}

QString UsageChartView::message() const
{
    return m_message->text();
}

bool UsageChartView::isRetryOffered() const
{
    return m_message->isRetryOffered();
}

bool UsageChartView::isCancelOffered() const
{
    return m_message->isCancelOffered();
}

void UsageChartView::updateMessage()
{
    QString text;
    QString detail;
    bool retry = false;
    bool cancel = false;
    if (m_model) {
        const TimeWindow window = m_model->window();
        const QString empty = window.isValid()
            ? tr("No usage recorded between %1 and %2.")
                  .arg(QLocale().toString(window.from.toLocalTime(), QLocale::ShortFormat),
                       QLocale().toString(window.to.toLocalTime(), QLocale::ShortFormat))
            : tr("No usage recorded.");
        switch (m_model->status()) {
        case UsageSeriesModel::Status::Idle: break;
        case UsageSeriesModel::Status::Loading:
            text = tr("Loading…");
            cancel = m_model->isLoading();
            break;
        case UsageSeriesModel::Status::Failed: {
            const bool prometheus = m_model->source() && m_model->source()->kind() == UsageSource::Kind::Prometheus;
            if (m_model->error()) {
                text = usageErrorText(*m_model->error(), prometheus);
                detail = m_model->error()->detail;
            } else {
                text = tr("The usage could not be loaded.");
            }
            retry = true;
            break;
        }
        case UsageSeriesModel::Status::Empty: text = empty; break;
        case UsageSeriesModel::Status::Ready: {
            if (m_resource.isEmpty())
                break;
            const int row = seriesRow();
            if (row < 0)
                text = tr("Not metered: no usage is recorded for this resource.");
            else if (m_model->bucketsAt(row).isEmpty())
                text = empty;
            break;
        }
        }
    }
    m_message->show(text, retry, detail, cancel);
    placeOverlay();
}

void UsageChartView::placeOverlay()
{
    m_message->placeOver(mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect());
}

QString UsageChartView::hoverTextAt(const QPoint &viewPos) const
{
    const int row = seriesRow();
    if (row < 0 || m_model->bucketsAt(row).isEmpty())
        return {};
    const QPointF chartPos = chart()->mapFromScene(mapToScene(viewPos));
    if (!chart()->plotArea().contains(chartPos))
        return {};
    const QPointF value = chart()->mapToValue(chartPos, m_mean);
    const int bucket = bucketNear(row, value.x());
    if (bucket < 0)
        return {};
    const QModelIndex series = m_model->index(row, 0);
    const QModelIndex at = m_model->index(bucket, 0, series);
    const ResourceUnit u = unit();
    const QDateTime start = at.data(UsageSeriesModel::BucketStartRole).toDateTime();
    const QDateTime end = at.data(UsageSeriesModel::BucketEndRole).toDateTime();
    const qint64 min = at.data(UsageSeriesModel::MinRole).toLongLong();
    const qint64 max = at.data(UsageSeriesModel::MaxRole).toLongLong();
    const double mean = at.data(UsageSeriesModel::MeanRole).toDouble();
    const int samples = at.data(UsageSeriesModel::SampleCountRole).toInt();

    const QLocale locale;
    const QDateTime localStart = start.toLocalTime();
    const QDateTime localEnd = end.toLocalTime();
    const QString endText = localStart.date() == localEnd.date()
        ? locale.toString(localEnd.time(), QLocale::ShortFormat)
        : locale.toString(localEnd, QLocale::ShortFormat);
    QStringList lines;
    lines << tr("%1 – %2").arg(locale.toString(localStart, QLocale::ShortFormat), endText);
    lines << tr("UTC %1 – %2")
                 .arg(start.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                      end.toUTC().toString(start.toUTC().date() == end.toUTC().date() ? QStringLiteral("HH:mm")
                                                                                       : QStringLiteral("yyyy-MM-dd HH:mm")));
    lines << tr("Max %1").arg(UsageChartStyle::exactQuantity(max, u));
    lines << tr("Mean %1").arg(UsageChartStyle::exactQuantity(qint64(std::llround(mean)), u));
    lines << tr("Min %1").arg(UsageChartStyle::exactQuantity(min, u));
    const QVariant limit = series.data(UsageSeriesModel::LimitRole);
    if (limit.isValid() && limit.toLongLong() > 0)
        lines << tr("Max is %1 % of the %2 limit")
                     .arg(QLocale().toString(100.0 * double(max) / double(limit.toLongLong()), 'f', 1),
                          formatQuantity(limit.toLongLong(), u));
    else
        lines << tr("No limit");
    lines << tr("Samples: %1").arg(samples);
    return lines.join(u'\n');
}

void UsageChartView::hoverAt(const QPoint &viewPos)
{
    trackMouse(viewPos);
    const QString text = hoverTextAt(viewPos);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(mapToGlobal(viewPos + QPoint(14, 14)), text, this);
}

void UsageChartView::trackMouse(const QPoint &viewPos)
{
    const QString text = hoverTextAt(viewPos);
    if (text.isEmpty()) {
        m_marker->hide();
        return;
    }
    const int row = seriesRow();
    const QPointF chartPos = chart()->mapFromScene(mapToScene(viewPos));
    const QPointF value = chart()->mapToValue(chartPos, m_mean);
    const UsageBucket &b = m_model->bucketsAt(row).at(bucketNear(row, value.x()));
    const QRectF plot = chart()->plotArea();
    const double x = chart()->mapToPosition(QPointF(bucketXOf(b), 0), m_mean).x();
    m_marker->setLine(x, plot.top(), x, plot.bottom());
    m_marker->show();
    if (QToolTip::isVisible())
        QToolTip::showText(mapToGlobal(viewPos + QPoint(14, 14)), text, this);
}

bool UsageChartView::viewportEvent(QEvent *event)
{
    // The scene would answer a tooltip request with "no tooltip" and hide ours.
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (!hoverTextAt(help->pos()).isEmpty()) {
            hoverAt(help->pos());
            return true;
        }
    }
    return QChartView::viewportEvent(event);
}

QPoint UsageChartView::positionOf(qint64 atMs, double value) const
{
    const QPointF inChart = chart()->mapToPosition(QPointF(double(atMs), value), m_mean);
    return mapFromScene(chart()->mapToScene(inChart));
}

void UsageChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    trackMouse(event->position().toPoint());
}

void UsageChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    m_marker->hide();
}

void UsageChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    const int ticks = std::clamp(width() / 120, 3, 8);
    m_timeAxis->setTickCount(ticks);
    placeOverlay();
}

void UsageChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace tc::ui
