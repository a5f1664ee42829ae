#include "models/items/selectorrowsmodel.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace tc {

namespace {

const QRegularExpression &jsonNumberPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\A-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\\z"));
    return pattern;
}

bool isJsonWord(const QString &text)
{
    return text == u"true" || text == u"false" || text == u"null";
}

// Long values would drown the sentence that quotes them.
QString excerpt(const QString &text)
{
    constexpr int kMax = 40;
    return text.size() <= kMax ? text : text.left(kMax - 1) + QChar(0x2026);
}

// `literal` (a JSON number or quoted string) read by the selector's own parser, so its limits
// and escapes are exactly the selector's. Anything but the one value under "v" is refused:
// text such as `"a", "b": 1` can't sneak in more terms.
std::optional<SelectorValue> parseLiteral(const QString &literal)
{
    const auto parsed = Selector::parse(QString(QStringLiteral("{\"v\":") + literal + u'}'));
    if (!parsed)
        return std::nullopt;
    const SelectorNode &root = parsed->root();
    if (root.kind != SelectorNode::Kind::Condition || root.condition.op != SelectorOperator::Eq
        || root.condition.path != QStringList{QStringLiteral("v")} || root.condition.values.size() != 1)
        return std::nullopt;
    return root.condition.values.constFirst();
}

QString tooLong()
{
    return SelectorRowsModel::tr("This condition is longer than a selector may be (%1 KiB): shorten its values.")
        .arg(Selector::kMaxBytes / 1024);
}

// One value as typed: a JSON literal when it is one, otherwise the (trimmed) text itself.
std::optional<SelectorValue> readValue(const QString &typed, QString *error)
{
    const QString text = typed.trimmed();
    if (text == u"true" || text == u"false")
        return SelectorValue::fromBool(text == u"true");
    if (text == u"null")
        return SelectorValue::null();
    if (jsonNumberPattern().match(text).hasMatch()) {
        if (auto value = parseLiteral(text))
            return value;
        *error = SelectorRowsModel::tr("The number %1 is too long: use at most %2 digits and an exponent between -%3 and %3.")
                     .arg(excerpt(text), QString::number(Selector::kMaxNumberDigits),
                          QString::number(Selector::kMaxExponent));
        return std::nullopt;
    }
    if (text.startsWith(u'"')) {
        if (text.toUtf8().size() + 6 > Selector::kMaxBytes) { // 6: the {"v":} around it
            *error = tooLong();
            return std::nullopt;
        }
        if (auto value = parseLiteral(text); value && value->type == SelectorValue::Type::String)
            return value;
        *error = SelectorRowsModel::tr("%1 starts with a quote but is not one complete quoted text: end it with \" and "
                                       "write \\\" for a quote inside it.")
                     .arg(excerpt(text));
        return std::nullopt;
    }
    return SelectorValue::string(text);
}

// The $in list split at commas; a value that starts with a quote runs to its closing quote,
// commas included.
QStringList splitList(const QString &text)
{
    QStringList items;
    QString current;
    bool started = false;
    bool quoted = false;
    bool escaped = false;
    for (const QChar c : text) {
        if (quoted) {
            current.append(c);
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                quoted = false;
            continue;
        }
        if (c == u',') {
            items.append(current);
            current.clear();
            started = false;
            continue;
        }
        if (!started && c == u'"')
            quoted = true;
        if (!c.isSpace())
            started = true;
        current.append(c);
    }
    items.append(current);
    return items;
}

bool isSegmentChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
}

// The field path's segments, or nullopt with the first rule it breaks (the selector's rules).
std::optional<QStringList> readPath(const QString &typed, QString *error)
{
    const QString field = typed.trimmed();
    if (field.isEmpty()) {
        *error = SelectorRowsModel::tr("Enter the field to match, such as department or project.code.");
        return std::nullopt;
    }
    const QStringList segments = field.split(u'.');
    if (segments.size() > Selector::kMaxPathDepth) {
        *error = SelectorRowsModel::tr("The field %1 is nested too deep: use at most %2 names separated by dots.")
                     .arg(excerpt(field), QString::number(Selector::kMaxPathDepth));
        return std::nullopt;
    }
    for (const QString &segment : segments) {
        if (segment.isEmpty()) {
            *error = SelectorRowsModel::tr("The field %1 has an empty name between dots: remove the extra dot.").arg(excerpt(field));
            return std::nullopt;
        }
        if (segment.size() > Selector::kMaxSegmentLength) {
            *error = SelectorRowsModel::tr("The field name %1 is longer than %2 characters: shorten it.")
                         .arg(excerpt(segment), QString::number(Selector::kMaxSegmentLength));
            return std::nullopt;
        }
        for (const QChar c : segment) {
            if (!isSegmentChar(c)) {
                const QString shown = c.isSpace() || !c.isPrint() ? SelectorRowsModel::tr("a space or invisible character")
                                                                  : QStringLiteral("'%1'").arg(c);
                *error = SelectorRowsModel::tr("The field %1 contains %2: field names may only use the letters A-Z and a-z, "
                                               "digits, '_' and '-', with a dot between nested names.")
                             .arg(excerpt(field), shown);
                return std::nullopt;
            }
        }
    }
    return segments;
}

// A string shown as itself when reading that text back gives the same string; otherwise as
// JSON ("\"42\"", "\"true\"", "\" padded \"", and in a list "\"a,b\"").
QString valueText(const SelectorValue &value, bool inList)
{
    if (value.type != SelectorValue::Type::String)
        return value.toJson();
    const QString &s = value.text;
    bool plain = !s.isEmpty() && s == s.trimmed() && !s.startsWith(u'"') && !isJsonWord(s)
                 && !jsonNumberPattern().match(s).hasMatch() && !(inList && s.contains(u','));
    for (qsizetype i = 0; plain && i < s.size(); ++i)
        plain = s.at(i).unicode() >= 0x20 && s.at(i).unicode() != 0x7f;
    return plain ? s : value.toJson();
}

QString conditionValueText(const SelectorCondition &condition)
{
    if (condition.op != SelectorOperator::In)
        return valueText(condition.values.value(0), false);
    QStringList items;
    for (const SelectorValue &v : condition.values)
        items.append(valueText(v, true));
    return items.join(QStringLiteral(", "));
}

// Appends the conditions of an And tree; false at the first $or.
bool flatten(const SelectorNode &node, QList<SelectorCondition> &out)
{
    switch (node.kind) {
    case SelectorNode::Kind::Condition:
        out.append(node.condition);
        return true;
    case SelectorNode::Kind::And:
        for (const SelectorNode &child : node.children) {
            if (!flatten(child, out))
                return false;
        }
        return true;
    case SelectorNode::Kind::Or:
        return false;
    }
    return false;
}

} // namespace

SelectorRowsModel::SelectorRowsModel(QObject *parent) : QAbstractTableModel(parent) {}

QString SelectorRowsModel::operatorLabel(SelectorOperator op)
{
    switch (op) {
    case SelectorOperator::Eq: return tr("equals");
    case SelectorOperator::Ne: return tr("not equal");
    case SelectorOperator::Gt: return tr("greater than");
    case SelectorOperator::Gte: return tr("at least");
    case SelectorOperator::Lt: return tr("less than");
    case SelectorOperator::Lte: return tr("at most");
    case SelectorOperator::In: return tr("is one of");
    case SelectorOperator::Exists: return tr("exists");
    }
    return {};
}

namespace {

bool isBlank(const QString &field, const QString &value)
{
    return field.trimmed().isEmpty() && value.trimmed().isEmpty();
}

// The row's condition, or nullopt with why not. Not called for a blank row.
std::optional<SelectorCondition> readCondition(const QString &field, SelectorOperator op, const QString &value, QString *error)
{
    auto path = readPath(field, error);
    if (!path)
        return std::nullopt;
    SelectorCondition condition{*path, op, {}};
    const QString text = value.trimmed();
    switch (op) {
    case SelectorOperator::Eq:
    case SelectorOperator::Ne:
    case SelectorOperator::Gt:
    case SelectorOperator::Gte:
    case SelectorOperator::Lt:
    case SelectorOperator::Lte: {
        if (text.isEmpty()) {
            *error = SelectorRowsModel::tr("Enter the value to compare with (write \"\" to match an empty text).");
            return std::nullopt;
        }
        auto v = readValue(text, error);
        if (!v)
            return std::nullopt;
        if (v->type == SelectorValue::Type::Null && op != SelectorOperator::Eq && op != SelectorOperator::Ne) {
            *error = SelectorRowsModel::tr("\"%1\" can't compare with null: enter a number, a text, true or false.")
                         .arg(SelectorRowsModel::operatorLabel(op));
            return std::nullopt;
        }
        condition.values.append(*v);
        return condition;
    }
    case SelectorOperator::In: {
        if (text.isEmpty()) {
            *error = SelectorRowsModel::tr("List the values to match, separated by commas.");
            return std::nullopt;
        }
        const QStringList items = splitList(text);
        if (items.size() > Selector::kMaxInValues) {
            *error = SelectorRowsModel::tr("The list has %1 values; at most %2 are allowed.")
                         .arg(items.size())
                         .arg(Selector::kMaxInValues);
            return std::nullopt;
        }
        for (const QString &item : items) {
            if (item.trimmed().isEmpty()) {
                *error = SelectorRowsModel::tr("The list has an empty value: remove the extra comma (write \"\" to match an "
                                               "empty text).");
                return std::nullopt;
            }
            auto v = readValue(item, error);
            if (!v)
                return std::nullopt;
            condition.values.append(*v);
        }
        return condition;
    }
    case SelectorOperator::Exists:
        if (text != u"true" && text != u"false") {
            *error = SelectorRowsModel::tr("Write true (the field must be present) or false (it must be missing).");
            return std::nullopt;
        }
        condition.values.append(SelectorValue::fromBool(text == u"true"));
        return condition;
    }
    return std::nullopt;
}

// A condition the selector's parser would refuse as too large is wrong here already, where
// the operator sees which row it is.
std::optional<SelectorCondition> readRow(const QString &field, SelectorOperator op, const QString &value, QString *error)
{
    auto condition = readCondition(field, op, value, error);
    if (!condition)
        return std::nullopt;
    SelectorNode node;
    node.kind = SelectorNode::Kind::Condition;
    node.condition = *condition;
    if (Selector(std::move(node)).toJson().toUtf8().size() > Selector::kMaxBytes) {
        *error = tooLong();
        return std::nullopt;
    }
    return condition;
}

} // namespace

bool SelectorRowsModel::setJson(const QString &json, QString *why)
{
    SelectorError parseError;
    const auto parsed = Selector::parse(json, &parseError);
    if (!parsed) {
        if (why)
            *why = tr("The selector is not valid %1.").arg(parseError.message());
        return false;
    }
    QList<SelectorCondition> conditions;
    if (!flatten(parsed->root(), conditions)) {
        if (why)
            *why = tr("The selector uses $or, which the rows can't show (they are all required together): edit it as JSON "
                      "text.");
        return false;
    }
    QList<Row> rows;
    rows.reserve(conditions.size());
    for (const SelectorCondition &c : std::as_const(conditions)) {
        Row row{c.path.join(u'.'), c.op, conditionValueText(c), {}};
        readRow(row.field, row.op, row.value, &row.error);
        rows.append(std::move(row));
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (why)
        why->clear();
    Q_EMIT selectorChanged();
    return true;
}

std::optional<Selector> SelectorRowsModel::selector() const
{
    QList<SelectorNode> terms;
    for (const Row &row : m_rows) {
        if (isBlank(row.field, row.value))
            continue;
        QString error;
        auto condition = readRow(row.field, row.op, row.value, &error);
        if (!condition)
            return std::nullopt;
        SelectorNode node;
        node.kind = SelectorNode::Kind::Condition;
        node.condition = std::move(*condition);
        terms.append(std::move(node));
    }
    // The shapes Selector::parse gives, so parse(json()) == selector(): one term stands alone.
    if (terms.size() == 1)
        return Selector(terms.takeFirst());
    SelectorNode root;
    root.kind = SelectorNode::Kind::And;
    root.children = std::move(terms);
    return Selector(std::move(root));
}

std::optional<QString> SelectorRowsModel::json() const
{
    const auto s = selector();
    if (!s)
        return std::nullopt;
    return s->toJson();
}

int SelectorRowsModel::addRow()
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{});
    endInsertRows();
    Q_EMIT selectorChanged();
    return row;
}

bool SelectorRowsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    Q_EMIT selectorChanged();
    return true;
}

void SelectorRowsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    Q_EMIT selectorChanged();
}

QString SelectorRowsModel::rowError(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).error : QString();
}

bool SelectorRowsModel::hasErrors() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return !r.error.isEmpty(); });
}

int SelectorRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SelectorRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SelectorRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case FieldColumn: return row.field;
        case OperatorColumn: return role == Qt::EditRole ? QVariant(int(row.op)) : QVariant(operatorLabel(row.op));
        case ValueColumn: return row.value;
        }
        return {};
    case Qt::ToolTipRole:
        if (!row.error.isEmpty())
            return row.error;
        // The operator's name in the JSON text, so the two views can be read side by side.
        return index.column() == OperatorColumn ? QVariant(selectorOperatorName(row.op)) : QVariant();
    case ErrorRole:
        return row.error;
    case OperatorRole:
        return int(row.op);
    default:
        return {};
    }
}

bool SelectorRowsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row &row = m_rows[index.row()];
    switch (index.column()) {
    case FieldColumn:
    case ValueColumn: {
        if (role != Qt::EditRole && role != Qt::DisplayRole)
            return false;
        QString &cell = index.column() == FieldColumn ? row.field : row.value;
        const QString text = value.toString();
        if (cell == text)
            return true;
        cell = text;
        break;
    }
    case OperatorColumn: {
        if (role != Qt::EditRole && role != Qt::DisplayRole && role != OperatorRole)
            return false;
        std::optional<SelectorOperator> op;
        if (value.typeId() == QMetaType::QString) {
            // "$gt", or the label a combo box's text gives.
            const QString text = value.toString();
            op = selectorOperatorFromName(text);
            for (int n = int(SelectorOperator::Eq); !op && n <= int(SelectorOperator::Exists); ++n) {
                if (text == operatorLabel(SelectorOperator(n)))
                    op = SelectorOperator(n);
            }
        } else {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (ok && n >= int(SelectorOperator::Eq) && n <= int(SelectorOperator::Exists))
                op = SelectorOperator(n);
        }
        if (!op)
            return false;
        if (row.op == *op)
            return true;
        row.op = *op;
        break;
    }
    default:
        return false;
    }
    row.error.clear();
    if (!isBlank(row.field, row.value))
        readRow(row.field, row.op, row.value, &row.error);
    // The row's error shows on every cell.
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1),
                       {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, ErrorRole, OperatorRole});
    Q_EMIT selectorChanged();
    return true;
}

QHash<int, QByteArray> SelectorRowsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{ErrorRole, "error"}, {OperatorRole, "selectorOperator"}});
    return names;
}

Qt::ItemFlags SelectorRowsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant SelectorRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn: return tr("Field");
    case OperatorColumn: return tr("Operator");
    case ValueColumn: return tr("Value");
    }
    return {};
}

} // namespace tc
