#include "ui/tenanttreedelegate.h"

#include "models/items/tenanttreemodel.h"
#include "ui/usagechartstyle.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QPixmap>

#include <cmath>

namespace tc::ui {

void TenantTreeDelegate::paintCellText(QPainter *painter, const QStyleOptionViewItem &opt, const QRect &rect,
                                       Qt::Alignment alignment, const QString &text, Qt::TextElideMode elide)
{
    painter->save();
    painter->setFont(opt.font);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QFontMetrics metrics(opt.font); // opt.fontMetrics may be of the view's font, not a bold one
    painter->drawText(rect, alignment | Qt::AlignVCenter, metrics.elidedText(text, elide, rect.width()));
    painter->restore();
}

void TenantTreeDelegate::paintUsageBar(QPainter *painter, const QRect &bar, const QPalette &palette, double fraction)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor track = palette.color(QPalette::Mid);
    track.setAlpha(70);
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(bar, 1.5, 1.5);
    QRect fill = bar;
    fill.setWidth(std::max(2, int(bar.width() * std::min(1.0, fraction))));
    painter->setBrush(usageColor(fraction));
    painter->drawRoundedRect(fill, 1.5, 1.5);
    painter->restore();
}

void TenantTreeDelegate::paintAlertMark(QPainter *painter, const QRectF &rect, AlertLevel level, bool dark)
{
    if (level == AlertLevel::None)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(rect.topLeft());
    const double s = std::min(rect.width(), rect.height());
    const QColor color = UsageChartStyle::alertColor(level, dark);
    QColor mark(0x1b, 0x1b, 0x1b);
    if (level == AlertLevel::Critical) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88));
        mark = Qt::white;
    } else {
        QPainterPath triangle;
        triangle.moveTo(s * 0.5, s * 0.06);
        triangle.lineTo(s * 0.97, s * 0.92);
        triangle.lineTo(s * 0.03, s * 0.92);
        triangle.closeSubpath();
        painter->setPen(QPen(color.darker(dark ? 100 : 115), s / 16.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(color);
        painter->drawPath(triangle);
    }
    // The exclamation mark: a bar and a dot.
    painter->setPen(Qt::NoPen);
    painter->setBrush(mark);
    const double w = s * 0.13;
    const double top = level == AlertLevel::Critical ? s * 0.22 : s * 0.32;
    painter->drawRoundedRect(QRectF(s * 0.5 - w / 2, top, w, s * 0.38), w / 2, w / 2);
    painter->drawEllipse(QRectF(s * 0.5 - w * 0.6, s * (level == AlertLevel::Critical ? 0.66 : 0.74) - w * 0.1, w * 1.2, w * 1.2));
    painter->restore();
}

QIcon TenantTreeDelegate::alertIcon(AlertLevel level, bool dark, qreal devicePixelRatio)
{
    if (level == AlertLevel::None)
        return {};
    const qreal dpr = devicePixelRatio > 0 ? devicePixelRatio : 1.0;
    QIcon icon;
    for (const int size : {16, 24, 32}) {
        // Drawn at the device's pixels, so the mark stays sharp on a high-DPI screen.
        const int pixels = int(std::ceil(size * dpr));
        QPixmap pixmap(pixels, pixels);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        paintAlertMark(&p, QRectF(0, 0, size, size), level, dark);
        p.end();
        icon.addPixmap(pixmap);
        // The same on a selected row: the style's tint would wash the warning colour out.
        icon.addPixmap(pixmap, QIcon::Selected);
    }
    return icon;
}

QIcon TenantTreeDelegate::cachedAlertIcon(AlertLevel level, bool dark, qreal devicePixelRatio) const
{
    const AlertIconKey key{int(level), dark, devicePixelRatio};
    for (const auto &[k, icon] : m_alertIcons) {
        if (k.level == key.level && k.dark == key.dark && qFuzzyCompare(k.dpr, key.dpr))
            return icon;
    }
    QIcon icon = alertIcon(level, dark, devicePixelRatio);
    m_alertIcons.push_back({key, icon});
    return icon;
}

QColor TenantTreeDelegate::usageColor(double fraction)
{
    if (fraction >= 0.95)
        return QColor(0xd9, 0x30, 0x25); // over or at the limit
    if (fraction >= 0.80)
        return QColor(0xe8, 0x9a, 0x00); // nearing it
    return QColor(0x2e, 0x9d, 0x5b);
}

QColor TenantTreeDelegate::stateColor(const QString &stateKey)
{
    if (stateKey == QLatin1String("active"))
        return QColor(0x2e, 0x9d, 0x5b);
    if (stateKey == QLatin1String("suspended"))
        return QColor(0xe8, 0x9a, 0x00);
    if (stateKey == QLatin1String("archived"))
        return QColor(0x6b, 0x7c, 0x93);
    return QColor(0xd9, 0x30, 0x25);
}

void TenantTreeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString state = index.data(TenantTreeModel::StateRole).toString();
    if (state == QLatin1String("deleted")) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
    if (index.column() == TenantTreeModel::NameColumn && index.data(TenantTreeModel::MatchRole).toBool())
        option->font.setBold(true);
    if (index.column() == TenantTreeModel::NameColumn) {
        const auto level = AlertLevel(index.data(TenantTreeModel::AlertLevelRole).toInt());
        if (level != AlertLevel::None) {
            const qreal dpr = option->widget ? option->widget->devicePixelRatioF() : qApp->devicePixelRatio();
            option->icon = cachedAlertIcon(level, UsageChartStyle::isDark(option->palette), dpr);
            option->features |= QStyleOptionViewItem::HasDecoration;
            const int side = std::min(option->fontMetrics.height(), 16);
            option->decorationSize = QSize(side, side);
        }
    }
}

QStyleOptionViewItem TenantTreeDelegate::drawBackground(QPainter *painter, const QStyleOptionViewItem &option,
                                                        const QModelIndex &index, QString *text) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    *text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    return opt;
}

void TenantTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int column = index.column();
    if (column == TenantTreeModel::ItemsColumn || column == TenantTreeModel::StorageColumn) {
        QString text;
        const QStyleOptionViewItem opt = drawBackground(painter, option, index, &text);

        const QVariant fraction = index.data(TenantTreeModel::UsageFractionRole);
        if (fraction.isValid())
            paintUsageBar(painter, opt.rect.adjusted(4, opt.rect.height() - 5, -4, -2), opt.palette, fraction.toDouble());
        paintCellText(painter, opt, opt.rect.adjusted(4, 0, -6, -4), Qt::AlignRight, text, Qt::ElideLeft);
        return;
    }
    if (column == TenantTreeModel::StateColumn) {
        // Background and selection through the style, then a coloured dot and the text.
        QString text;
        const QStyleOptionViewItem opt = drawBackground(painter, option, index, &text);
        const int dot = std::max(6, opt.fontMetrics.height() / 2);
        const QRect dotRect(opt.rect.left() + 6, opt.rect.center().y() - dot / 2, dot, dot);
        const QColor color = stateColor(index.data(TenantTreeModel::StateRole).toString());
        // A purged tombstone: a hollow dot and "Purged", so it isn't mistaken for a deleted
        // tenant that can still be restored.
        const bool purged = index.data(TenantTreeModel::TenantRole).value<Tenant>().isPurged();
        if (purged)
            text = tr("Purged");
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(purged ? QPen(color, 1.5) : QPen(Qt::NoPen));
        painter->setBrush(purged ? QBrush(Qt::NoBrush) : QBrush(color));
        painter->drawEllipse(purged ? QRectF(dotRect).adjusted(0.75, 0.75, -0.75, -0.75) : QRectF(dotRect));
        painter->restore();
        paintCellText(painter, opt, opt.rect.adjusted(dotRect.right() - opt.rect.left() + 6, 0, -4, 0), Qt::AlignLeft,
                      text, Qt::ElideRight);
        return;
    }
    if (column == TenantTreeModel::NameColumn) {
        // As QStyledItemDelegate::paint(), with the alert mark at the painter's device's DPR
        // (a pixmap being exported, or a screen other than the widget's).
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const auto level = AlertLevel(index.data(TenantTreeModel::AlertLevelRole).toInt());
        if (level != AlertLevel::None && painter->device())
            opt.icon = cachedAlertIcon(level, UsageChartStyle::isDark(opt.palette), painter->device()->devicePixelRatioF());
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        return;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

QSize TenantTreeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace tc::ui
