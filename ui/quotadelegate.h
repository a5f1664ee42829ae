#pragma once

#include "models/items/quotatablemodel.h"

#include <QStyledItemDelegate>

namespace tc::ui {

// Paints the quota table (usage as a bar with the soft alert thresholds as ticks, a marker on
// rows with staged edits) and edits limits and thresholds in a line edit that checks the text
// as the operator types: a red frame and a tooltip saying why, and Enter refused until it's fine.
class QuotaDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // What is wrong with an edit, in words an operator can act on.
    static QString rejectionText(const QuotaTableModel::Rejection &rejection, const Quota &quota);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

Q_SIGNALS:
    // The open editor's text became acceptable (empty message) or not (why not).
    void editorValidated(const QString &message);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    bool eventFilter(QObject *object, QEvent *event) override;

private:
    // nullopt when the editor's text would be accepted.
    std::optional<QString> problemWith(const QWidget *editor) const;
    void validate(QWidget *editor) const;
};

} // namespace tc::ui
