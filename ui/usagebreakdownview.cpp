#include "ui/usagebreakdownview.h"

#include "models/items/usagebreakdownmodel.h"
#include "ui/chartmessage.h"
#include "ui/errortext.h"
#include "ui/usagechartstyle.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>
#include <QHelpEvent>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>

namespace tc::ui {

UsageBreakdownView::UsageBreakdownView(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 240);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    // One entry per group: listed down the side, where slugs aren't cut short.
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->legend()->setShowToolTips(true);

    m_timeAxis = new QDateTimeAxis;
    m_valueAxis = new QCategoryAxis;
    m_valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart()->addAxis(m_timeAxis, Qt::AlignBottom);
    chart()->addAxis(m_valueAxis, Qt::AlignLeft);

    m_message = new ChartMessage(this);
    connect(m_message, &ChartMessage::retryClicked, this, &UsageBreakdownView::retryRequested);
    connect(chart(), &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        const int ticks = UsageChartStyle::ticksFor(plot.height(), m_valueAxis->labelsFont());
        if (ticks != m_maxTicks) {
            m_maxTicks = ticks;
            updateValueAxis();
        }
        placeOverlay();
    });
    applyPalette();
    render();
}

UsageBreakdownView::~UsageBreakdownView() = default;

void UsageBreakdownView::setModel(UsageBreakdownModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &UsageBreakdownView::render);
        connect(model, &QAbstractItemModel::dataChanged, this, &UsageBreakdownView::render);
        connect(model, &UsageBreakdownModel::loadingChanged, this, &UsageBreakdownView::updateMessage);
        connect(model, &UsageBreakdownModel::loaded, this, &UsageBreakdownView::updateMessage);
    }
    render();
}

void UsageBreakdownView::setWindow(const TimeWindow &window)
{
    m_window = window;
    if (window.isValid()) {
        m_timeAxis->setRange(window.from.toLocalTime(), window.to.toLocalTime());
        m_timeAxis->setFormat(UsageChartStyle::timeFormat(window.seconds()));
    }
    updateMessage();
}

void UsageBreakdownView::setResourceName(const QString &name)
{
    m_resourceName = name;
    chart()->setTitle(name.isEmpty() ? QString() : tr("%1 by sub-tenant").arg(name));
}

void UsageBreakdownView::render()
{
    for (QAreaSeries *layer : std::as_const(m_layers)) {
        chart()->removeSeries(layer);
        delete layer;
    }
    m_layers.clear();

    if (!m_model) {
        updateMessage();
        return;
    }
    const int rows = m_model->rowCount();
    const int groups = m_model->columnCount() - 1;
    QList<double> base(rows, 0.0);
    QList<double> xs(rows, 0.0);
    for (int r = 0; r < rows; ++r)
        xs[r] = bucketXAt(r);
    double top = 0;
    int childIndex = 0;
    for (int g = 0; g < groups; ++g) {
        const int column = g + 1;
        QList<QPointF> lower, upper;
        lower.reserve(rows);
        upper.reserve(rows);
        for (int r = 0; r < rows; ++r) {
            const double v = m_model->index(r, column).data(UsageBreakdownModel::ValueRole).toDouble();
            lower.append(QPointF(xs[r], base[r]));
            base[r] += v;
            upper.append(QPointF(xs[r], base[r]));
            top = std::max(top, base[r]);
        }
        auto *layer = new QAreaSeries;
        auto *lo = new QLineSeries(layer);
        auto *hi = new QLineSeries(layer);
        lo->replace(lower);
        hi->replace(upper);
        layer->setLowerSeries(lo);
        layer->setUpperSeries(hi);
        const auto kind = UsageBreakdown::Group::Kind(
            m_model->headerData(column, Qt::Horizontal, UsageBreakdownModel::GroupKindRole).toInt());
        // "Others" says how many tenants it sums.
        const QList<UsageBreakdown::Group> &groupList = m_model->breakdown().groups;
        if (kind == UsageBreakdown::Group::Kind::Others && g < groupList.size())
            layer->setName(tr("Others (%1 tenants)").arg(groupList.at(g).tenants));
        else
            layer->setName(m_model->headerData(column, Qt::Horizontal).toString());
        layer->setProperty("others", kind == UsageBreakdown::Group::Kind::Others);
        layer->setProperty("colourIndex", kind == UsageBreakdown::Group::Kind::Others ? 0 : childIndex++);
        m_layers << layer;
    }
    // Added top layer first: the legend then lists the groups in the order they are stacked.
    for (auto it = m_layers.crbegin(); it != m_layers.crend(); ++it) {
        chart()->addSeries(*it);
        (*it)->attachAxis(m_timeAxis);
        (*it)->attachAxis(m_valueAxis);
    }
    m_valueTop = top;
    updateValueAxis();
    applyPalette();
    updateMessage();
}

void UsageBreakdownView::updateValueAxis()
{
    UsageChartStyle::setQuantityRange(m_valueAxis, m_valueTop, (m_model ? m_model->unit() : ResourceUnit::Count), m_maxTicks);
}

void UsageBreakdownView::applyPalette()
{
    const bool dark = UsageChartStyle::isDark(palette());
    UsageChartStyle::applyChartPalette(chart(), palette());
    for (QAreaSeries *layer : std::as_const(m_layers)) {
        const QColor color = UsageChartStyle::groupColor(layer->property("colourIndex").toInt(), dark,
                                                          layer->property("others").toBool());
        QColor fill = color;
        fill.setAlpha(dark ? 170 : 150);
        layer->setBrush(fill);
        QPen edge(color);
        edge.setWidthF(1.0);
        layer->setPen(edge);
    }
}

double UsageBreakdownView::bucketXAt(int row) const
{
    // Inside the time axis (the window): the current bucket ends after it, the first may start before it.
    const qint64 start = m_model->index(row, 0).data(UsageBreakdownModel::BucketStartRole).toDateTime().toMSecsSinceEpoch();
    return UsageChartStyle::bucketX(start, m_model->breakdown().bucketSeconds, m_window);
}

QString UsageBreakdownView::message() const
{
    return m_message->text();
}

void UsageBreakdownView::updateMessage()
{
    if (!m_model) {
        m_message->clear();
        return;
    }
    if (m_model->isLoading()) {
        m_message->show(m_model->rowCount() == 0 ? tr("Loading…") : QString());
    } else if (m_model->error()) {
        m_message->show(errorText(*m_model->error()), true);
    } else if (m_model->rowCount() == 0 && m_window.isValid()) {
        m_message->show(tr("No usage recorded between %1 and %2.")
                            .arg(QLocale().toString(m_window.from.toLocalTime(), QLocale::ShortFormat),
                                 QLocale().toString(m_window.to.toLocalTime(), QLocale::ShortFormat)));
    } else {
        m_message->clear();
    }
    placeOverlay();
}

void UsageBreakdownView::placeOverlay()
{
    m_message->placeOver(mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect());
}

QString UsageBreakdownView::hoverTextAt(const QPoint &viewPos) const
{
    if (!m_model || m_layers.isEmpty() || m_model->rowCount() == 0)
        return {};
    const QPointF chartPos = chart()->mapFromScene(mapToScene(viewPos));
    if (!chart()->plotArea().contains(chartPos))
        return {};
    const double atMs = chart()->mapToValue(chartPos, m_layers.first()).x();
    int best = -1;
    double bestDistance = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const double x = bucketXAt(r);
        const double d = std::abs(x - atMs);
        if (best < 0 || d < bestDistance) {
            best = r;
            bestDistance = d;
        }
    }
    const QDateTime start = m_model->index(best, 0).data(UsageBreakdownModel::BucketStartRole).toDateTime();
    const QDateTime end = start.addSecs(m_model->breakdown().bucketSeconds);
    const QLocale locale;
    QStringList lines;
    lines << tr("%1 – %2").arg(locale.toString(start.toLocalTime(), QLocale::ShortFormat),
                               locale.toString(end.toLocalTime(), QLocale::ShortFormat));
    double total = 0;
    for (int c = m_model->columnCount() - 1; c >= 1; --c) {
        const double v = m_model->index(best, c).data(UsageBreakdownModel::ValueRole).toDouble();
        total += v;
        lines << tr("%1: %2").arg(m_model->headerData(c, Qt::Horizontal).toString(),
                                  UsageChartStyle::exactQuantity(qint64(std::llround(v)), m_model->unit()));
    }
    lines << tr("Total: %1 (means over the bucket)").arg(UsageChartStyle::exactQuantity(qint64(std::llround(total)), m_model->unit()));
    return lines.join(u'\n');
}

void UsageBreakdownView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    if (!QToolTip::isVisible())
        return;
    const QString text = hoverTextAt(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint() + QPoint(14, 14), text, this);
}

bool UsageBreakdownView::viewportEvent(QEvent *event)
{
    // The scene would answer a tooltip request with "no tooltip" and hide ours.
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = hoverTextAt(help->pos());
        if (!text.isEmpty()) {
            QToolTip::showText(help->globalPos() + QPoint(14, 14), text, this);
            return true;
        }
    }
    return QChartView::viewportEvent(event);
}

void UsageBreakdownView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    m_timeAxis->setTickCount(std::clamp(width() / 120, 3, 8));
    placeOverlay();
}

void UsageBreakdownView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace tc::ui
