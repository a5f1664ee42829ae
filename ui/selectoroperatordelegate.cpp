#include "ui/selectoroperatordelegate.h"

#include "models/domain/selector.h"
#include "models/items/selectorrowsmodel.h"

#include <QComboBox>

namespace tc::ui {

namespace {

constexpr SelectorOperator kOperators[] = {SelectorOperator::Eq,  SelectorOperator::Ne, SelectorOperator::Gt,
                                           SelectorOperator::Gte, SelectorOperator::Lt, SelectorOperator::Lte,
                                           SelectorOperator::In,  SelectorOperator::Exists};

} // namespace

QWidget *SelectorOperatorDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    if (index.column() != SelectorRowsModel::OperatorColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("operatorEditor"));
    for (SelectorOperator op : kOperators)
        combo->addItem(SelectorRowsModel::operatorLabel(op), int(op));
    // The choice lands in the model at once, not only when focus leaves.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<SelectorOperatorDelegate *>(this);
        Q_EMIT self->commitData(combo);
    });
    return combo;
}

void SelectorOperatorDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    const int at = combo->findData(index.data(Qt::EditRole).toInt());
    combo->setCurrentIndex(std::max(0, at));
}

void SelectorOperatorDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    model->setData(index, combo->currentData(), Qt::EditRole);
}

} // namespace tc::ui
