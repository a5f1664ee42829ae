#pragma once

#include <QStyledItemDelegate>

namespace tc::ui {

// Edits a SelectorRowsModel's operator column with a combo box of the readable operator
// names (EditRole: the SelectorOperator as int).
class SelectorOperatorDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace tc::ui
