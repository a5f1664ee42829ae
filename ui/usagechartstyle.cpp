#include "ui/usagechartstyle.h"

#include <QAbstractAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLegend>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tc::ui {

bool UsageChartStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void UsageChartStyle::applyChartPalette(QChart *chart, const QPalette &palette)
{
    const bool dark = isDark(palette);
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() != theme)
        chart->setTheme(theme);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(dark ? 40 : 30);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(text);
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        QColor line = palette.color(QPalette::Mid);
        axis->setLinePenColor(line);
        axis->setTitleBrush(text);
    }
}

QColor UsageChartStyle::accent(const QString &resource, bool dark)
{
    if (resource == QLatin1String("storage_bytes"))
        return dark ? QColor(0x2d, 0xd4, 0xbf) : QColor(0x0f, 0x8a, 0x7e);
    if (resource == QLatin1String("queries_per_minute"))
        return dark ? QColor(0xb3, 0x9d, 0xfa) : QColor(0x6d, 0x4a, 0xd8);
    return dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x25, 0x63, 0xc9);
}

QColor UsageChartStyle::groupColor(int index, bool dark, bool others)
{
    if (others)
        return dark ? QColor(0x8a, 0x93, 0xa0) : QColor(0x9a, 0xa3, 0xae);
    static const QColor light[] = {QColor(0x25, 0x63, 0xc9), QColor(0x0f, 0x8a, 0x7e), QColor(0xd9, 0x7b, 0x0a),
                                   QColor(0x6d, 0x4a, 0xd8), QColor(0xc2, 0x41, 0x7a), QColor(0x4d, 0x8f, 0x2a),
                                   QColor(0x1f, 0x8f, 0xb8), QColor(0xa1, 0x5c, 0x2f), QColor(0x5b, 0x6b, 0xc0)};
    static const QColor darkSet[] = {QColor(0x6c, 0xa8, 0xff), QColor(0x2d, 0xd4, 0xbf), QColor(0xf5, 0xa6, 0x3d),
                                     QColor(0xb3, 0x9d, 0xfa), QColor(0xf0, 0x7a, 0xb0), QColor(0x8c, 0xd0, 0x5f),
                                     QColor(0x5f, 0xc8, 0xee), QColor(0xd9, 0x9a, 0x6c), QColor(0x9a, 0xa8, 0xf5)};
    const int n = int(std::size(light));
    return dark ? darkSet[index % n] : light[index % n];
}

QColor UsageChartStyle::alertColor(AlertLevel level, bool dark)
{
    switch (level) {
    case AlertLevel::None: return dark ? QColor(0x4a, 0xc2, 0x7d) : QColor(0x2e, 0x9d, 0x5b);
    case AlertLevel::Warning: return dark ? QColor(0xf2, 0xc1, 0x3d) : QColor(0xb8, 0x86, 0x00);
    case AlertLevel::High: return dark ? QColor(0xff, 0x9a, 0x3d) : QColor(0xd9, 0x6a, 0x00);
    case AlertLevel::Critical: return dark ? QColor(0xff, 0x6b, 0x5e) : QColor(0xd9, 0x30, 0x25);
    }
    return {};
}

void UsageChartStyle::setQuantityRange(QCategoryAxis *axis, double top, ResourceUnit unit, int maxTicks)
{
    if (top <= 0)
        top = unit == ResourceUnit::Bytes ? 1e9 : 10;
    // A little headroom over the data and the limit, not a round number: the ticks are round
    // (1, 2 or 5 times a power of ten, so every label is exact in formatQuantity's one
    // decimal), as many as the plot's height has room for.
    const double axisTop = top * 1.06;
    double step = std::pow(10.0, std::floor(std::log10(axisTop)) - 2);
    for (int i = 0; std::floor(axisTop / step) > std::max(1, maxTicks) || step < 1; ++i)
        step *= (i % 3 == 1) ? 2.5 : 2.0; // 1, 2, 5, 10, 20, 50, …
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    // A category ends at each tick; the first ends at 0, so 0 is labelled too.
    axis->setStartValue(-axisTop * 1e-6);
    axis->append(formatQuantity(0, unit), 0);
    for (int i = 1; i * step <= axisTop; ++i)
        axis->append(formatQuantity(qint64(std::llround(i * step)), unit), i * step);
    axis->setRange(0, axisTop);
}

int UsageChartStyle::ticksFor(double plotHeight, const QFont &font)
{
    const double line = QFontMetricsF(font).height();
    return std::clamp(int(plotHeight / (line * 1.9)), 2, 6);
}

QString UsageChartStyle::exactQuantity(qint64 value, ResourceUnit unit)
{
    const QLocale locale;
    switch (unit) {
    case ResourceUnit::Count: return locale.toString(value);
    case ResourceUnit::PerMinute: return locale.toString(value) + QStringLiteral("/min");
    case ResourceUnit::Seconds: return locale.toString(value) + QStringLiteral(" s");
    case ResourceUnit::Usd: return QStringLiteral("$") + locale.toString(value);
    case ResourceUnit::Bytes:
        if (value < 1000)
            return locale.toString(value) + QStringLiteral(" B");
        return QCoreApplication::translate("tc::ui::UsageChartStyle", "%1 (%2 bytes)")
            .arg(formatQuantity(value, unit), locale.toString(value));
    }
    return locale.toString(value);
}

QString UsageChartStyle::timeFormat(qint64 seconds)
{
    if (seconds <= 2 * 86400)
        return QStringLiteral("HH:mm");
    if (seconds <= 10 * 86400)
        return QStringLiteral("d MMM HH:mm");
    if (seconds <= 120 * 86400)
        return QStringLiteral("d MMM");
    return QStringLiteral("MMM yyyy");
}

QString UsageChartStyle::durationText(qint64 seconds)
{
    // Unit symbols: no plural forms to get wrong.
    const auto tr = [](const char *text) { return QCoreApplication::translate("tc::ui::UsageChartStyle", text); };
    if (seconds % 86400 == 0)
        return tr("%1 d").arg(seconds / 86400);
    if (seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 s").arg(seconds);
}

double UsageChartStyle::bucketX(qint64 startMs, qint64 bucketSeconds, const TimeWindow &window)
{
    const qint64 endMs = startMs + std::max<qint64>(bucketSeconds, 0) * 1000;
    if (!window.isValid())
        return (double(startMs) + double(endMs)) / 2.0;
    const qint64 from = window.from.toMSecsSinceEpoch();
    const qint64 to = window.to.toMSecsSinceEpoch();
    const qint64 lo = std::clamp(startMs, from, to);
    const qint64 hi = std::clamp(endMs, from, to);
    return (double(lo) + double(std::max(lo, hi))) / 2.0;
}

} // namespace tc::ui
