#pragma once

#include <QDateTime>
#include <QStyledItemDelegate>

#include <functional>

namespace tc::ui {

// Paints the top consumers table: the share of the limit as a usage bar in the tree's
// threshold colours, the projection as "in 12 days (3 Dec 2026)", "limit reached" or "not
// rising", and the tenant's alert mark before its slug.
class TopConsumersDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // What the projection column says for a row.
    static QString projectionText(const QModelIndex &index, const QDateTime &now);
    // Tests pin "now" (the days until the limit count from it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    std::function<QDateTime()> m_clock;
};

} // namespace tc::ui
