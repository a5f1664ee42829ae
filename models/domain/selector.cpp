#include "models/domain/selector.h"

#include <QSet>

#include <utility>

namespace tc {

namespace {

// A JSON value with the position of its first character, keys in written order. Our own
// parser, not QJsonDocument: that one drops duplicate keys, positions and number precision.
struct JsonValue
{
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    int pos = 0;
    QString text;   // string or number text
    bool boolean = false;
    QList<JsonValue> items;
    QList<std::pair<QString, int>> keys;   // object keys and their positions, parallel to items
};

QString typeName(const JsonValue &v)
{
    switch (v.type) {
    case JsonValue::Type::Null: return QStringLiteral("null");
    case JsonValue::Type::Bool: return QStringLiteral("a boolean");
    case JsonValue::Type::Number: return QStringLiteral("a number");
    case JsonValue::Type::String: return QStringLiteral("a string");
    case JsonValue::Type::Array: return QStringLiteral("an array");
    case JsonValue::Type::Object: return QStringLiteral("an object");
    }
    return {};
}

QString hex4(char16_t c)
{
    return QStringLiteral("%1").arg(int(c), 4, 16, QLatin1Char('0')).toUpper();
}

struct Failure
{
    int pos;
    QString reason;
};

class JsonParser
{
public:
    explicit JsonParser(QStringView text) : m_s(text) {}

    // The whole text as one object; sets m_fail on error.
    std::optional<JsonValue> parseDocument()
    {
        skipSpace();
        if (atEnd()) {
            fail(m_i, QStringLiteral("expected a JSON object such as {\"field\": \"value\"} (write {} to select every row)"));
            return std::nullopt;
        }
        if (m_s[m_i] != u'{') {
            fail(m_i, QStringLiteral("a selector must be a JSON object starting with '{'"));
            return std::nullopt;
        }
        auto v = parseValue(1);
        if (!v)
            return std::nullopt;
        skipSpace();
        if (!atEnd()) {
            fail(m_i, QStringLiteral("unexpected data after the selector's closing '}'"));
            return std::nullopt;
        }
        return v;
    }

    std::optional<Failure> failure() const { return m_fail; }

private:
    bool atEnd() const { return m_i >= m_s.size(); }
    void skipSpace()
    {
        while (!atEnd() && (m_s[m_i] == u' ' || m_s[m_i] == u'\t' || m_s[m_i] == u'\n' || m_s[m_i] == u'\r'))
            ++m_i;
    }
    void fail(int pos, const QString &reason)
    {
        if (!m_fail)
            m_fail = Failure{pos, reason};
    }
    QString describeChar(int at) const
    {
        const char16_t c = m_s[at].unicode();
        if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff))
            return QStringLiteral("character U+") + hex4(c);
        return QStringLiteral("'") + QChar(c) + QStringLiteral("'");
    }

    // `depth` is the nesting level this value would open (1 for the top-level object); the
    // recursion stops at Selector::kMaxNesting.
    std::optional<JsonValue> parseValue(int depth)
    {
        skipSpace();
        if (atEnd()) {
            fail(m_i, QStringLiteral("unexpected end of input, expected a value"));
            return std::nullopt;
        }
        const char16_t c = m_s[m_i].unicode();
        if (c == u'{' || c == u'[') {
            if (depth > Selector::kMaxNesting) {
                fail(m_i, QStringLiteral("nesting deeper than %1 levels").arg(Selector::kMaxNesting));
                return std::nullopt;
            }
            return c == u'{' ? parseObject(depth) : parseArray(depth);
        }
        if (c == u'"') {
            JsonValue v;
            v.type = JsonValue::Type::String;
            v.pos = m_i;
            auto s = parseString();
            if (!s)
                return std::nullopt;
            v.text = *s;
            return v;
        }
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return parseNumber();
        for (const auto &[word, type, b] : {std::tuple{u"true", JsonValue::Type::Bool, true},
                                            std::tuple{u"false", JsonValue::Type::Bool, false},
                                            std::tuple{u"null", JsonValue::Type::Null, false}}) {
            const QStringView w(word);
            if (m_s.mid(m_i).startsWith(w)) {
                JsonValue v;
                v.type = type;
                v.boolean = b;
                v.pos = m_i;
                m_i += int(w.size());
                return v;
            }
        }
        fail(m_i, QStringLiteral("unexpected %1, expected a value (a string, number, true, false, null, object or array)")
                          .arg(describeChar(m_i)));
        return std::nullopt;
    }

    std::optional<JsonValue> parseObject(int depth)
    {
        JsonValue v;
        v.type = JsonValue::Type::Object;
        v.pos = m_i++;
        QSet<QString> seen; // a linear scan would be quadratic on 64 KiB of keys
        skipSpace();
        if (!atEnd() && m_s[m_i] == u'}') {
            ++m_i;
            return v;
        }
        while (true) {
            skipSpace();
            if (atEnd()) {
                fail(m_i, QStringLiteral("unexpected end of input, expected a key in double quotes"));
                return std::nullopt;
            }
            if (m_s[m_i] != u'"') {
                fail(m_i, QStringLiteral("unexpected %1, expected a key in double quotes").arg(describeChar(m_i)));
                return std::nullopt;
            }
            const int keyPos = m_i;
            auto key = parseString();
            if (!key)
                return std::nullopt;
            if (seen.contains(*key)) {
                fail(keyPos, QStringLiteral("duplicate key \"%1\"").arg(*key));
                return std::nullopt;
            }
            seen.insert(*key);
            skipSpace();
            if (atEnd() || m_s[m_i] != u':') {
                fail(m_i, QStringLiteral("expected ':' after the key \"%1\"").arg(*key));
                return std::nullopt;
            }
            ++m_i;
            auto item = parseValue(depth + 1);
            if (!item)
                return std::nullopt;
            v.keys.append({*key, keyPos});
            v.items.append(std::move(*item));
            skipSpace();
            if (atEnd()) {
                fail(m_i, QStringLiteral("unexpected end of input, expected ',' or '}'"));
                return std::nullopt;
            }
            if (m_s[m_i] == u'}') {
                ++m_i;
                return v;
            }
            if (m_s[m_i] != u',') {
                fail(m_i, QStringLiteral("expected ',' or '}'"));
                return std::nullopt;
            }
            ++m_i;
        }
    }

    std::optional<JsonValue> parseArray(int depth)
    {
        JsonValue v;
        v.type = JsonValue::Type::Array;
        v.pos = m_i++;
        skipSpace();
        if (!atEnd() && m_s[m_i] == u']') {
            ++m_i;
            return v;
        }
        while (true) {
            auto item = parseValue(depth + 1);
            if (!item)
                return std::nullopt;
            v.items.append(std::move(*item));
            skipSpace();
            if (atEnd()) {
                fail(m_i, QStringLiteral("unexpected end of input, expected ',' or ']'"));
                return std::nullopt;
            }
            if (m_s[m_i] == u']') {
                ++m_i;
                return v;
            }
            if (m_s[m_i] != u',') {
                fail(m_i, QStringLiteral("expected ',' or ']'"));
                return std::nullopt;
            }
            ++m_i;
        }
    }

    int hexDigit(int at) const
    {
        if (at >= m_s.size())
            return -1;
        const char16_t c = m_s[at].unicode();
        if (c >= u'0' && c <= u'9')
            return c - u'0';
        if (c >= u'a' && c <= u'f')
            return c - u'a' + 10;
        if (c >= u'A' && c <= u'F')
            return c - u'A' + 10;
        return -1;
    }

    // \uXXXX at m_i (pointing at the backslash); -1 on error (reported).
    int parseUnicodeEscape()
    {
        int code = 0;
        for (int k = 2; k < 6; ++k) {
            const int d = hexDigit(m_i + k);
            if (d < 0) {
                fail(m_i, QStringLiteral("invalid escape: \\u needs four hexadecimal digits"));
                return -1;
            }
            code = code * 16 + d;
        }
        return code;
    }

    std::optional<QString> parseString()
    {
        const int start = m_i++;
        QString out;
        while (true) {
            if (atEnd()) {
                fail(start, QStringLiteral("unterminated string"));
                return std::nullopt;
            }
            const char16_t c = m_s[m_i].unicode();
            if (c == u'"') {
                ++m_i;
                return out;
            }
            if (c < 0x20) {
                fail(m_i, QStringLiteral("control character U+%1 in a string; write it as \\u%1").arg(hex4(c)));
                return std::nullopt;
            }
            if (QChar::isHighSurrogate(c)) {
                if (m_i + 1 < m_s.size() && QChar::isLowSurrogate(m_s[m_i + 1].unicode())) {
                    out.append(m_s[m_i]);
                    out.append(m_s[m_i + 1]);
                    m_i += 2;
                    continue;
                }
                fail(m_i, QStringLiteral("lone surrogate U+%1 in a string").arg(hex4(c)));
                return std::nullopt;
            }
            if (QChar::isLowSurrogate(c)) {
                fail(m_i, QStringLiteral("lone surrogate U+%1 in a string").arg(hex4(c)));
                return std::nullopt;
            }
            if (c != u'\\') {
                out.append(QChar(c));
                ++m_i;
                continue;
            }
            if (m_i + 1 >= m_s.size()) {
                fail(start, QStringLiteral("unterminated string"));
                return std::nullopt;
            }
            const char16_t e = m_s[m_i + 1].unicode();
            switch (e) {
            case u'"': out.append(u'"'); break;
            case u'\\': out.append(u'\\'); break;
            case u'/': out.append(u'/'); break;
            case u'b': out.append(u'\b'); break;
            case u'f': out.append(u'\f'); break;
            case u'n': out.append(u'\n'); break;
            case u'r': out.append(u'\r'); break;
            case u't': out.append(u'\t'); break;
            case u'u': {
                const int code = parseUnicodeEscape();
                if (code < 0)
                    return std::nullopt;
                if (code == 0) {
                    fail(m_i, QStringLiteral("\\u0000 is not allowed in a string (PostgreSQL text cannot hold NUL)"));
                    return std::nullopt;
                }
                if (QChar::isLowSurrogate(char16_t(code))) {
                    fail(m_i, QStringLiteral("lone surrogate \\u%1 in a string").arg(hex4(char16_t(code))));
                    return std::nullopt;
                }
                if (QChar::isHighSurrogate(char16_t(code))) {
                    int low = -1;
                    if (m_i + 7 < m_s.size() && m_s[m_i + 6] == u'\\' && m_s[m_i + 7] == u'u') {
                        m_i += 6;
                        low = parseUnicodeEscape();
                        if (low < 0)
                            return std::nullopt;
                        m_i -= 6;
                    }
                    if (low < 0 || !QChar::isLowSurrogate(char16_t(low))) {
                        fail(m_i, QStringLiteral("lone surrogate \\u%1 in a string").arg(hex4(char16_t(code))));
                        return std::nullopt;
                    }
                    out.append(QChar(char16_t(code)));
                    out.append(QChar(char16_t(low)));
                    m_i += 12;
                    continue;
                }
                out.append(QChar(char16_t(code)));
                m_i += 6;
                continue;
            }
            default:
                fail(m_i, QStringLiteral("invalid escape \\%1 in a string").arg(e < 0x20 || e >= 0xd800 ? QStringLiteral("U+") + hex4(e) : QString(QChar(e))));
                return std::nullopt;
            }
            m_i += 2;
        }
    }

    std::optional<JsonValue> parseNumber()
    {
        JsonValue v;
        v.type = JsonValue::Type::Number;
        v.pos = m_i;
        const int start = m_i;
        auto isDigit = [this](int at) { return at < m_s.size() && m_s[at] >= u'0' && m_s[at] <= u'9'; };
        int digits = 0;
        if (m_s[m_i] == u'-')
            ++m_i;
        if (!isDigit(m_i)) {
            fail(start, QStringLiteral("invalid number: expected a digit after '-'"));
            return std::nullopt;
        }
        if (m_s[m_i] == u'0') {
            ++m_i;
            ++digits;
            if (isDigit(m_i)) {
                fail(start, QStringLiteral("invalid number: no leading zeros allowed"));
                return std::nullopt;
            }
        } else {
            while (isDigit(m_i)) {
                ++m_i;
                ++digits;
            }
        }
        if (m_i < m_s.size() && m_s[m_i] == u'.') {
            ++m_i;
            if (!isDigit(m_i)) {
                fail(start, QStringLiteral("invalid number: expected a digit after '.'"));
                return std::nullopt;
            }
            while (isDigit(m_i)) {
                ++m_i;
                ++digits;
            }
        }
        if (m_i < m_s.size() && (m_s[m_i] == u'e' || m_s[m_i] == u'E')) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == u'+' || m_s[m_i] == u'-'))
                ++m_i;
            if (!isDigit(m_i)) {
                fail(start, QStringLiteral("invalid number: expected a digit in the exponent"));
                return std::nullopt;
            }
            qint64 exponent = 0;
            while (isDigit(m_i)) {
                exponent = std::min<qint64>(exponent * 10 + (m_s[m_i].unicode() - u'0'), 1'000'000'000);
                ++m_i;
            }
            if (exponent > Selector::kMaxExponent) {
                fail(start, QStringLiteral("number out of range (exponents go up to ±%1)").arg(Selector::kMaxExponent));
                return std::nullopt;
            }
        }
        if (digits > Selector::kMaxNumberDigits) {
            fail(start, QStringLiteral("number out of range (at most %1 digits)").arg(Selector::kMaxNumberDigits));
            return std::nullopt;
        }
        v.text = m_s.mid(start, m_i - start).toString();
        return v;
    }

    QStringView m_s;
    int m_i = 0;
    std::optional<Failure> m_fail;
};

bool isSegmentChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
}

// Builds the typed tree from parsed JSON; reports the first rule broken.
class TreeBuilder
{
public:
    std::optional<Failure> failure() const { return m_fail; }

    // The terms of one selector object: one term alone, else their And.
    std::optional<SelectorNode> object(const JsonValue &obj)
    {
        SelectorNode node;
        node.kind = SelectorNode::Kind::And;
        for (int k = 0; k < obj.items.size(); ++k) {
            const QString &key = obj.keys.at(k).first;
            const int keyPos = obj.keys.at(k).second;
            const JsonValue &value = obj.items.at(k);
            if (key == u"$and" || key == u"$or") {
                auto list = logical(key, value);
                if (!list)
                    return std::nullopt;
                node.children.append(std::move(*list));
            } else if (key.startsWith(u'$')) {
                if (selectorOperatorFromName(key))
                    return fail(keyPos, QStringLiteral("operator %1 needs a field: write {\"field\": {\"%1\": value}}").arg(key));
                return fail(keyPos, QStringLiteral("unknown operator %1").arg(key));
            } else {
                auto path = fieldPath(key, keyPos);
                if (!path)
                    return std::nullopt;
                if (!conditions(*path, value, node.children))
                    return std::nullopt;
            }
        }
        if (node.children.size() == 1) {
            SelectorNode only = node.children.takeFirst();
            return only;
        }
        return node;
    }

private:
    std::nullopt_t fail(int pos, const QString &reason)
    {
        if (!m_fail)
            m_fail = Failure{pos, reason};
        return std::nullopt;
    }

    std::optional<SelectorNode> logical(const QString &key, const JsonValue &value)
    {
        if (value.type != JsonValue::Type::Array || value.items.isEmpty()) {
            return fail(value.pos, QStringLiteral("%1 needs a non-empty array of selector objects, not %2")
                                       .arg(key, value.type == JsonValue::Type::Array ? QStringLiteral("an empty array") : typeName(value)));
        }
        SelectorNode node;
        node.kind = key == u"$and" ? SelectorNode::Kind::And : SelectorNode::Kind::Or;
        for (const JsonValue &item : value.items) {
            if (item.type != JsonValue::Type::Object)
                return fail(item.pos, QStringLiteral("%1 needs selector objects, not %2").arg(key, typeName(item)));
            auto child = object(item);
            if (!child)
                return std::nullopt;
            node.children.append(std::move(*child));
        }
        return node;
    }

    std::optional<QStringList> fieldPath(const QString &key, int pos)
    {
        const QStringList segments = key.split(u'.');
        if (segments.size() > Selector::kMaxPathDepth)
            return fail(pos, QStringLiteral("field path \"%1\" is deeper than %2 levels").arg(key).arg(Selector::kMaxPathDepth));
        for (const QString &segment : segments) {
            if (segment.isEmpty())
                return fail(pos, QStringLiteral("field path \"%1\" has an empty segment").arg(key));
            if (segment.size() > Selector::kMaxSegmentLength)
                return fail(pos, QStringLiteral("field path \"%1\" has a segment longer than %2 characters").arg(key).arg(Selector::kMaxSegmentLength));
            for (QChar c : segment) {
                if (!isSegmentChar(c))
                    return fail(pos, QStringLiteral("field path \"%1\" may only use letters, digits, '_', '-' and '.' between segments").arg(key));
            }
        }
        return segments;
    }

    static bool isScalar(const JsonValue &v)
    {
        return v.type != JsonValue::Type::Array && v.type != JsonValue::Type::Object;
    }

    static SelectorValue scalar(const JsonValue &v)
    {
        switch (v.type) {
        case JsonValue::Type::Bool: return SelectorValue::fromBool(v.boolean);
        case JsonValue::Type::Number: return SelectorValue::number(v.text);
        case JsonValue::Type::String: return SelectorValue::string(v.text);
        default: return SelectorValue::null();
        }
    }

    bool conditions(const QStringList &path, const JsonValue &value, QList<SelectorNode> &out)
    {
        auto add = [&](SelectorOperator op, QList<SelectorValue> values) {
            SelectorNode n;
            n.kind = SelectorNode::Kind::Condition;
            n.condition = {path, op, std::move(values)};
            out.append(std::move(n));
        };
        if (isScalar(value)) {
            add(SelectorOperator::Eq, {scalar(value)});
            return true;
        }
        if (value.type == JsonValue::Type::Array) {
            fail(value.pos, QStringLiteral("a field's value must be a string, number, boolean, null or an operator object, not an array (use {\"$in\": [...]})"));
            return false;
        }
        if (value.items.isEmpty()) {
            fail(value.pos, QStringLiteral("an operator object needs at least one operator such as {\"$eq\": value}"));
            return false;
        }
        for (int k = 0; k < value.items.size(); ++k) {
            const QString &name = value.keys.at(k).first;
            const int namePos = value.keys.at(k).second;
            const JsonValue &arg = value.items.at(k);
            const auto op = selectorOperatorFromName(name);
            if (!op) {
                if (name.startsWith(u'$'))
                    fail(namePos, QStringLiteral("unknown operator %1").arg(name));
                else
                    fail(namePos, QStringLiteral("expected an operator such as $eq, not \"%1\" (match nested fields with a dotted path such as \"a.b\")").arg(name));
                return false;
            }
            switch (*op) {
            case SelectorOperator::Eq:
            case SelectorOperator::Ne:
                if (!isScalar(arg)) {
                    fail(arg.pos, QStringLiteral("%1 needs a string, number, boolean or null, not %2").arg(name, typeName(arg)));
                    return false;
                }
                add(*op, {scalar(arg)});
                break;
            case SelectorOperator::Gt:
            case SelectorOperator::Gte:
            case SelectorOperator::Lt:
            case SelectorOperator::Lte:
                if (!isScalar(arg) || arg.type == JsonValue::Type::Null) {
                    fail(arg.pos, QStringLiteral("%1 needs a string, number or boolean, not %2").arg(name, typeName(arg)));
                    return false;
                }
                add(*op, {scalar(arg)});
                break;
            case SelectorOperator::In: {
                if (arg.type != JsonValue::Type::Array || arg.items.isEmpty()) {
                    fail(arg.pos, QStringLiteral("$in needs a non-empty array of values, not %1")
                                      .arg(arg.type == JsonValue::Type::Array ? QStringLiteral("an empty array") : typeName(arg)));
                    return false;
                }
                if (arg.items.size() > Selector::kMaxInValues) {
                    fail(arg.pos, QStringLiteral("$in takes at most %1 values, not %2").arg(Selector::kMaxInValues).arg(arg.items.size()));
                    return false;
                }
                QList<SelectorValue> values;
                for (const JsonValue &item : arg.items) {
                    if (!isScalar(item)) {
                        fail(item.pos, QStringLiteral("$in values must be strings, numbers, booleans or null, not %1").arg(typeName(item)));
                        return false;
                    }
                    values.append(scalar(item));
                }
                add(*op, std::move(values));
                break;
            }
            case SelectorOperator::Exists:
                if (arg.type != JsonValue::Type::Bool) {
                    fail(arg.pos, QStringLiteral("$exists needs true or false, not %1").arg(typeName(arg)));
                    return false;
                }
                add(*op, {scalar(arg)});
                break;
            }
        }
        return true;
    }

    std::optional<Failure> m_fail;
};

QString jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out.append(u'"');
    for (QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out.append(QStringLiteral("\\\"")); break;
        case u'\\': out.append(QStringLiteral("\\\\")); break;
        case u'\n': out.append(QStringLiteral("\\n")); break;
        case u'\r': out.append(QStringLiteral("\\r")); break;
        case u'\t': out.append(QStringLiteral("\\t")); break;
        case u'\b': out.append(QStringLiteral("\\b")); break;
        case u'\f': out.append(QStringLiteral("\\f")); break;
        default:
            if (u < 0x20)
                out.append(QStringLiteral("\\u") + hex4(u).toLower());
            else
                out.append(c);
        }
    }
    out.append(u'"');
    return out;
}

QString operatorArgument(const SelectorCondition &c)
{
    if (c.op != SelectorOperator::In)
        return c.values.value(0).toJson();
    QStringList items;
    for (const SelectorValue &v : c.values)
        items.append(v.toJson());
    return u'[' + items.join(u',') + u']';
}

// "$op":argument
QString operatorEntry(const SelectorCondition &c)
{
    return u'"' + selectorOperatorName(c.op) + QStringLiteral("\":") + operatorArgument(c);
}

QString nodeJson(const SelectorNode &n);

QString logicalEntry(const SelectorNode &n)
{
    QStringList parts;
    for (const SelectorNode &c : n.children)
        parts.append(nodeJson(c));
    return (n.kind == SelectorNode::Kind::And ? QStringLiteral("\"$and\":[") : QStringLiteral("\"$or\":[")) + parts.join(u',') + u']';
}

// An And of two or more terms written as one object, the way it was most likely typed:
// {"a": 1, "n": {"$gt": 1, "$lt": 5}, "$or": [...]}. Parsing it gives back the same And, and
// it is never deeper than the text it came from. Empty when keys would repeat (e.g. two $gt
// on one field, or conditions on one field that are not adjacent).
QString flatAnd(const SelectorNode &n)
{
    QSet<QString> keys;
    QStringList parts;
    for (qsizetype i = 0; i < n.children.size();) {
        const SelectorNode &c = n.children.at(i);
        if (c.kind != SelectorNode::Kind::Condition) {
            const QString key = c.kind == SelectorNode::Kind::And ? QStringLiteral("$and") : QStringLiteral("$or");
            if (keys.contains(key) || c.children.isEmpty()) // {} has no "$and": [] spelling
                return {};
            keys.insert(key);
            parts.append(logicalEntry(c));
            ++i;
            continue;
        }
        const QString key = c.condition.path.join(u'.');
        if (keys.contains(key))
            return {};
        keys.insert(key);
        qsizetype j = i;
        QList<SelectorOperator> ops;
        QStringList entries;
        while (j < n.children.size() && n.children.at(j).kind == SelectorNode::Kind::Condition
               && n.children.at(j).condition.path == c.condition.path) {
            const SelectorCondition &cond = n.children.at(j).condition;
            if (ops.contains(cond.op))
                return {};
            ops.append(cond.op);
            entries.append(operatorEntry(cond));
            ++j;
        }
        const QString body = j - i == 1 && c.condition.op == SelectorOperator::Eq
                                 ? operatorArgument(c.condition)
                                 : u'{' + entries.join(u',') + u'}';
        parts.append(jsonString(key) + u':' + body);
        i = j;
    }
    return u'{' + parts.join(u',') + u'}';
}

QString nodeJson(const SelectorNode &n)
{
    switch (n.kind) {
    case SelectorNode::Kind::Condition: {
        const QString body = n.condition.op == SelectorOperator::Eq ? operatorArgument(n.condition)
                                                                      : u'{' + operatorEntry(n.condition) + u'}';
        return u'{' + jsonString(n.condition.path.join(u'.')) + u':' + body + u'}';
    }
    case SelectorNode::Kind::And:
        if (n.children.isEmpty())
            return QStringLiteral("{}");
        // A single child keeps its explicit $and: written flat it would parse as the child alone.
        if (n.children.size() >= 2) {
            const QString flat = flatAnd(n);
            if (!flat.isEmpty())
                return flat;
        }
        return u'{' + logicalEntry(n) + u'}';
    case SelectorNode::Kind::Or:
        return u'{' + logicalEntry(n) + u'}';
    }
    return {};
}

// A PostgreSQL array literal of text elements: {"a","b"}, each element quoted and escaped.
QString textArrayLiteral(const QStringList &items)
{
    QStringList quoted;
    for (QString item : items) {
        item.replace(u'\\', QStringLiteral("\\\\"));
        item.replace(u'"', QStringLiteral("\\\""));
        quoted.append(u'"' + item + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

class SqlCompiler
{
public:
    SqlCompiler(const QString &column, int first) : m_column(column), m_next(first) {}

    QString node(const SelectorNode &n)
    {
        if (n.kind == SelectorNode::Kind::Condition)
            return condition(n.condition);
        if (n.children.isEmpty())
            return QStringLiteral("true");
        if (n.children.size() == 1)
            return node(n.children.first());
        QStringList parts;
        for (const SelectorNode &c : n.children)
            parts.append(node(c));
        return u'(' + parts.join(n.kind == SelectorNode::Kind::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ")) + u')';
    }

    QStringList params;

private:
    QString bind(const QString &value)
    {
        params.append(value);
        return u'$' + QString::number(m_next++);
    }

    QString condition(const SelectorCondition &c)
    {
        const QString path = bind(textArrayLiteral(c.path));
        const QString at = QStringLiteral("(%1 #> %2::text[])").arg(m_column, path);
        const SelectorValue v = c.values.value(0);
        switch (c.op) {
        case SelectorOperator::Eq:
            return QStringLiteral("COALESCE(%1 = %2::jsonb, false)").arg(at, bind(v.toJson()));
        case SelectorOperator::Ne:
            return QStringLiteral("COALESCE(%1 <> %2::jsonb, true)").arg(at, bind(v.toJson()));
        case SelectorOperator::Gt:
        case SelectorOperator::Gte:
        case SelectorOperator::Lt:
        case SelectorOperator::Lte: {
            const QString cmp = c.op == SelectorOperator::Gt ? QStringLiteral(">")
                              : c.op == SelectorOperator::Gte ? QStringLiteral(">=")
                              : c.op == SelectorOperator::Lt ? QStringLiteral("<")
                                                             : QStringLiteral("<=");
            if (v.type == SelectorValue::Type::String) {
                return QStringLiteral("COALESCE(jsonb_typeof(%1) = 'string' AND (%2 #>> %3::text[]) COLLATE \"C\" %4 %5::text, false)")
                    .arg(at, m_column, path, cmp, bind(v.text));
            }
            const QString type = v.type == SelectorValue::Type::Number ? QStringLiteral("number") : QStringLiteral("boolean");
            return QStringLiteral("COALESCE(jsonb_typeof(%1) = '%2' AND %1 %3 %4::jsonb, false)").arg(at, type, cmp, bind(v.toJson()));
        }
        case SelectorOperator::In: {
            QStringList items;
            for (const SelectorValue &item : c.values)
                items.append(item.toJson());
            return QStringLiteral("COALESCE(%1 = ANY (ARRAY(SELECT jsonb_array_elements(%2::jsonb))), false)")
                .arg(at, bind(u'[' + items.join(u',') + u']'));
        }
        case SelectorOperator::Exists:
            return QStringLiteral("(%1 %2)").arg(at, v.boolean ? QStringLiteral("IS NOT NULL") : QStringLiteral("IS NULL"));
        }
        return QStringLiteral("false");
    }

    QString m_column;
    int m_next;
};

} // namespace

QString selectorOperatorName(SelectorOperator op)
{
    switch (op) {
    case SelectorOperator::Eq: return QStringLiteral("$eq");
    case SelectorOperator::Ne: return QStringLiteral("$ne");
    case SelectorOperator::Gt: return QStringLiteral("$gt");
    case SelectorOperator::Gte: return QStringLiteral("$gte");
    case SelectorOperator::Lt: return QStringLiteral("$lt");
    case SelectorOperator::Lte: return QStringLiteral("$lte");
    case SelectorOperator::In: return QStringLiteral("$in");
    case SelectorOperator::Exists: return QStringLiteral("$exists");
    }
    return {};
}

std::optional<SelectorOperator> selectorOperatorFromName(QStringView name)
{
    for (auto op : {SelectorOperator::Eq, SelectorOperator::Ne, SelectorOperator::Gt, SelectorOperator::Gte,
                    SelectorOperator::Lt, SelectorOperator::Lte, SelectorOperator::In, SelectorOperator::Exists}) {
        if (name == selectorOperatorName(op))
            return op;
    }
    return std::nullopt;
}

QString SelectorValue::toJson() const
{
    switch (type) {
    case Type::Null: return QStringLiteral("null");
    case Type::Bool: return boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Number: return text;
    case Type::String: return jsonString(text);
    }
    return {};
}

QString SelectorError::message() const
{
    return QStringLiteral("at line %1, column %2: %3").arg(line).arg(column).arg(reason);
}

std::optional<Selector> Selector::parse(QStringView text, SelectorError *error)
{
    auto report = [&](const Failure &f) -> std::optional<Selector> {
        if (error) {
            error->position = f.pos;
            error->line = 1;
            int lineStart = 0;
            for (int k = 0; k < f.pos && k < text.size(); ++k) {
                if (text[k] == u'\n') {
                    ++error->line;
                    lineStart = k + 1;
                }
            }
            error->column = f.pos - lineStart + 1;
            error->reason = f.reason;
        }
        return std::nullopt;
    };
    // Every UTF-16 unit is at least one UTF-8 byte, so only short texts need measuring.
    const qsizetype bytes = text.size() > kMaxBytes ? text.size() : text.toUtf8().size();
    if (bytes > kMaxBytes)
        return report({0, QStringLiteral("selector larger than 64 KiB (%1 bytes)").arg(bytes)});

    JsonParser parser(text);
    const auto json = parser.parseDocument();
    if (!json)
        return report(*parser.failure());
    TreeBuilder builder;
    auto root = builder.object(*json);
    if (!root)
        return report(*builder.failure());
    return Selector(std::move(*root));
}

QString Selector::toJson() const
{
    return nodeJson(m_root);
}

CompiledSelector Selector::compile(const QString &column, int firstParameter) const
{
    SqlCompiler compiler(column, firstParameter);
    CompiledSelector out;
    out.sql = compiler.node(m_root);
    out.params = compiler.params;
    return out;
}

} // namespace tc
