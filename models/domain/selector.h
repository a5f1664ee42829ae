#pragma once

#include "models/domain/error.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace tc {

// The migration selector of DESIGN.md: a JSON filter over the fields of a memory's `metadata`,
// e.g. {"department": "marketing", "date": {"$gt": "2023-01-01"}}.
//
// Grammar. A selector is a JSON object whose keys are AND-ed:
//   "field.path": value                 implicit $eq
//   "field.path": {"$op": value, ...}   one condition per operator
//   "$and" / "$or": [selector, ...]     a non-empty array of selector objects
// A field path is 1..8 dot-separated segments of 1..64 characters [A-Za-z0-9_-]. Values are
// strings, numbers (kept as their exact decimal text), booleans and null. {} selects every row
// (allowed; Selector::matchesAll() lets the UI warn). Limits: 64 KiB of UTF-8, 16 levels of
// JSON nesting, numbers up to 1000 digits and exponents up to ±1000, $in up to 1000 values.
//
// Semantics of the compiled SQL (PostgreSQL jsonb; a "missing" field is one the path does not
// reach, a JSON null is a present value):
//   $eq  the stored value equals the given one as JSON: same type, numbers numerically (1 = 1.0);
//        {"f": null} matches only a stored JSON null, never a missing field.
//   $ne  NOT $eq, Mongo-like: a missing field matches $ne.
//   $gt $gte $lt $lte  only when the stored value has the given value's JSON type (number,
//        string or boolean), otherwise false; numbers numerically, strings bytewise (COLLATE
//        "C", so ISO dates such as "2023-01-01" order correctly), false < true.
//   $in  the stored value $eq-equals one of the list; a missing field never matches.
//   $exists  true: the path reaches a value (JSON null counts); false: it does not.
// A path segment that is an integer also indexes into a JSON array (PostgreSQL `#>`). The
// expression is never SQL NULL: always true or false, so it can be negated safely.

enum class SelectorOperator { Eq, Ne, Gt, Gte, Lt, Lte, In, Exists };

// "$eq", "$ne", ... and back (nullopt for an unknown name).
QString selectorOperatorName(SelectorOperator op);
std::optional<SelectorOperator> selectorOperatorFromName(QStringView name);

struct SelectorValue
{
    enum class Type { Null, Bool, Number, String };
    Type type = Type::Null;
    QString text;       // the string, or the number's exact decimal text as written
    bool boolean = false;

    static SelectorValue null() { return {}; }
    static SelectorValue fromBool(bool b) { return {Type::Bool, {}, b}; }
    static SelectorValue number(const QString &decimal) { return {Type::Number, decimal, false}; }
    static SelectorValue string(const QString &s) { return {Type::String, s, false}; }

    QString toJson() const;
    friend bool operator==(const SelectorValue &a, const SelectorValue &b)
    {
        return a.type == b.type && a.text == b.text && a.boolean == b.boolean;
    }
};

struct SelectorCondition
{
    QStringList path;               // the field path's segments
    SelectorOperator op = SelectorOperator::Eq;
    QList<SelectorValue> values;    // one value; the list for $in; a bool for $exists
    friend bool operator==(const SelectorCondition &, const SelectorCondition &) = default;
};

struct SelectorNode
{
    enum class Kind { And, Or, Condition };
    Kind kind = Kind::And;
    QList<SelectorNode> children;   // And / Or
    SelectorCondition condition;    // Condition
    friend bool operator==(const SelectorNode &, const SelectorNode &) = default;
};

// Where and why parsing failed. `position` is a 0-based offset in UTF-16 code units of the
// text; `line` and `column` are 1-based (column in code units since the last '\n').
struct SelectorError
{
    int position = 0;
    int line = 1;
    int column = 1;
    QString reason;

    // "at line 1, column 34: <reason>"
    QString message() const;
    Error toError() const { return Error::validation(message()); }
};

// A boolean SQL expression over a jsonb column, every value and path bound as a parameter.
struct CompiledSelector
{
    QString sql;
    QStringList params;   // text for $first, $first+1, ... in order
};

class Selector
{
public:
    Selector() = default;   // {}: every row
    explicit Selector(SelectorNode root) : m_root(std::move(root)) {}

    // Parses `text`; on failure returns nullopt and fills `error` (if given). Never recursion
    // deeper than the nesting limit, never a crash, on any input.
    static std::optional<Selector> parse(QStringView text, SelectorError *error = nullptr);

    const SelectorNode &root() const { return m_root; }
    // True for {} (an And with no terms): the selector matches every row.
    bool matchesAll() const { return m_root.kind == SelectorNode::Kind::And && m_root.children.isEmpty(); }

    // Canonical compact JSON; parse(toJson()) == *this.
    QString toJson() const;

    // `column` is a trusted SQL expression of type jsonb written by the caller (e.g.
    // "m.metadata"), never user text; placeholders are numbered from `firstParameter`. Paths
    // are bound as text[] literals, values as jsonb (or text for string ranges).
    CompiledSelector compile(const QString &column, int firstParameter = 1) const;

    friend bool operator==(const Selector &, const Selector &) = default;

    static constexpr int kMaxBytes = 64 * 1024;
    static constexpr int kMaxNesting = 16;
    static constexpr int kMaxPathDepth = 8;
    static constexpr int kMaxSegmentLength = 64;
    static constexpr int kMaxInValues = 1000;
    static constexpr int kMaxNumberDigits = 1000;
    static constexpr int kMaxExponent = 1000;

private:
    SelectorNode m_root;
};

} // namespace tc
