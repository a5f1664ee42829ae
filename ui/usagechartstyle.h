#pragma once

#include "models/domain/usage.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

class QCategoryAxis;
class QChart;

namespace tc::ui {

// Colours and formats shared by the usage charts, the top consumers view and the tree's alert
// marks, so a warning looks the same everywhere and reads on light and dark palettes alike.
class UsageChartStyle
{
public:
    static bool isDark(const QPalette &palette);
    // The chart theme that matches the palette's lightness, then the palette's own colours
    // for background, title, legend, axis labels and grid.
    static void applyChartPalette(QChart *chart, const QPalette &palette);
    // A resource's own colour (items, storage and queries differ at a glance).
    static QColor accent(const QString &resource, bool dark);
    // The n-th colour of a stacked breakdown; `others` is a neutral grey.
    static QColor groupColor(int index, bool dark, bool others = false);
    static QColor alertColor(AlertLevel level, bool dark);
    // The time axis format that suits a window of `seconds`.
    static QString timeFormat(qint64 seconds);
    // A value axis from 0 to a little above `top` with at most `maxTicks` round ticks above 0
    // labelled in `unit` ("250 GB", "1.5M"), so the axis speaks the resource's unit.
    static void setQuantityRange(QCategoryAxis *axis, double top, ResourceUnit unit, int maxTicks = 4);
    // How many value ticks a plot this high has room for without crowding the labels.
    static int ticksFor(double plotHeight, const QFont &font);
    // The exact value for a tooltip: "70,213", "1,234/min", "7.4 GB (7,412,345,678 bytes)".
    static QString exactQuantity(qint64 value, ResourceUnit unit);
    // Where a bucket is drawn on a time axis that spans `window`: the middle of the part of
    // [start, start + bucketSeconds) inside the window, so the first bucket (aligned down,
    // it may start before the window) and the current one (it ends after the window) stay in
    // the plot. Without a valid window, the bucket's middle.
    static double bucketX(qint64 startMs, qint64 bucketSeconds, const TimeWindow &window);
    // "1 h", "6 h", "1 d", "7 d" for a bucket width.
    static QString durationText(qint64 seconds);
};

} // namespace tc::ui
