#pragma once

#include <QStyledItemDelegate>

namespace tc::ui {

// Draws a MigrationJobsModel progress cell as a progress bar (FractionRole) with the cell's
// text on it.
class JobProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tc::ui
