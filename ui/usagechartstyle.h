#pragma once

#include "models/domain/usage.h"

#include <QColor>
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
    // A value axis from 0 to a round number above `top` with ticks labelled in `unit`
    // ("250 GB", "1.5M"), so the axis speaks the resource's unit.
    static void setQuantityRange(QCategoryAxis *axis, double top, ResourceUnit unit);
    // "1 h", "6 h", "1 day", "7 days" for a bucket width.
    static QString durationText(qint64 seconds);
};

} // namespace tc::ui
