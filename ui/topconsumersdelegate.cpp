#include "ui/topconsumersdelegate.h"

#include "models/items/topconsumersmodel.h"
#include "ui/tenanttreedelegate.h"
#include "ui/usagechartstyle.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace tc::ui {

QString TopConsumersDelegate::projectionText(const QModelIndex &index, const QDateTime &now)
{
    const auto kind = LimitProjection::Kind(index.data(TopConsumersModel::ProjectionKindRole).toInt());
    switch (kind) {
    case LimitProjection::Kind::Reaches: {
        const QDateTime at = index.data(TopConsumersModel::ProjectionRole).toDateTime();
        const qint64 days = std::max<qint64>(0, now.toLocalTime().date().daysTo(at.toLocalTime().date()));
        const QString date = QLocale().toString(at.toLocalTime().date(), QStringLiteral("d MMM yyyy"));
        if (days == 0)
            return tr("today (%1)").arg(date);
        if (days == 1)
            return tr("tomorrow (%1)").arg(date);
        return tr("in %1 days (%2)").arg(days).arg(date);
    }
    case LimitProjection::Kind::AlreadyReached: return tr("limit reached");
    case LimitProjection::Kind::NotRising: return tr("not rising");
    case LimitProjection::Kind::Unlimited: return tr("no limit");
    case LimitProjection::Kind::NoTrend: return tr("too few samples");
    }
    return {};
}

void TopConsumersDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == TopConsumersModel::ProjectionColumn) {
        option->text = projectionText(index, now());
        const auto kind = LimitProjection::Kind(index.data(TopConsumersModel::ProjectionKindRole).toInt());
        if (kind == LimitProjection::Kind::AlreadyReached) {
            option->palette.setColor(QPalette::Text,
                                     UsageChartStyle::alertColor(AlertLevel::Critical, UsageChartStyle::isDark(option->palette)));
            option->font.setBold(true);
        }
    }
    if (index.column() == TopConsumersModel::TenantColumn) {
        // Slugs repeat across the hierarchy ("it", "sales"): the parent's says which one.
        const TopConsumer consumer = index.data(TopConsumersModel::ConsumerRole).value<TopConsumer>();
        if (!consumer.path.isEmpty())
            option->text = tr("%1 (in %2)").arg(option->text, consumer.path.last());
        const auto level = AlertLevel(index.data(TopConsumersModel::AlertLevelRole).toInt());
        if (level != AlertLevel::None) {
            const qreal dpr = option->widget ? option->widget->devicePixelRatioF() : qApp->devicePixelRatio();
            option->icon = TenantTreeDelegate::alertIcon(level, UsageChartStyle::isDark(option->palette), dpr);
            option->features |= QStyleOptionViewItem::HasDecoration;
            const int side = std::min(option->fontMetrics.height(), 16);
            option->decorationSize = QSize(side, side);
        }
    }
}

void TopConsumersDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != TopConsumersModel::ShareColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    const QVariant fraction = index.data(TopConsumersModel::FractionRole);
    if (fraction.isValid())
        TenantTreeDelegate::paintUsageBar(painter, opt.rect.adjusted(4, opt.rect.height() - 5, -4, -2), opt.palette,
                                          fraction.toDouble());
    TenantTreeDelegate::paintCellText(painter, opt, opt.rect.adjusted(4, 0, -6, -4), Qt::AlignRight, text, Qt::ElideLeft);
}

QSize TopConsumersDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace tc::ui
