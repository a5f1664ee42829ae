#pragma once

#include "models/domain/selector.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace tc {

// The migration wizard's visual selector: rows of (field, operator, value) AND-ed together,
// kept in step with the selector's JSON text (the wizard shows both; either can be edited).
//
// Columns: field path ("department", "project.code"), operator ($eq $ne $gt $gte $lt $lte $in
// $exists; DisplayRole shows a readable name, EditRole the SelectorOperator as int), value as
// typed text. Value text is read as JSON when it is a JSON literal (42, -1.5e3, true, false,
// null, "quoted text"), otherwise as a plain string (marketing, 2023-01-01). $in takes a
// comma-separated list of such values; $exists takes true or false.
//
// Every row is checked as it is edited: rowError(row) says what is wrong (empty field, bad
// path segment, value not a number for ..., empty $in list, ...) and the row's cells carry it
// as ToolTipRole and as ErrorRole; json() is nullopt while any row is wrong. A row left
// completely empty is ignored (the "new row" the view shows), not an error.
class SelectorRowsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FieldColumn, OperatorColumn, ValueColumn, ColumnCount };
    enum Role : int {
        ErrorRole = Qt::UserRole + 1, // QString: the row's problem, empty when fine
        OperatorRole,                 // int tc::SelectorOperator
    };
    Q_ENUM(Role)

    explicit SelectorRowsModel(QObject *parent = nullptr);

    // Replaces the rows with `json`'s conditions. False (rows unchanged, `why` filled) when
    // the text does not parse, or parses to something rows can't show ($or, nested $and with
    // repeated fields is fine when flattened; $or is not): the JSON editor stays the source of
    // truth then.
    bool setJson(const QString &json, QString *why = nullptr);
    // The canonical JSON of the rows (Selector::toJson), nullopt while a row is wrong.
    std::optional<QString> json() const;
    // The rows as a selector; nullopt while a row is wrong.
    std::optional<Selector> selector() const;

    // Appends an empty row ($eq) and returns its index.
    int addRow();
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    void clear();
    QString rowError(int row) const;
    bool hasErrors() const;
    // Readable operator names for the editor's combo box, in SelectorOperator order.
    static QString operatorLabel(SelectorOperator op);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // The rows' selector changed (an edit, a row added or removed, setJson).
    void selectorChanged();

private:
    struct Row
    {
        QString field;
        SelectorOperator op = SelectorOperator::Eq;
        QString value;
        QString error;
    };
    QList<Row> m_rows;
};

} // namespace tc
