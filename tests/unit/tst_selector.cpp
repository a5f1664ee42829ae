// The migration selector: parsing into the typed tree, canonical JSON (and its round trip),
// the compiled SQL and its parameters, every error's position and reason, and hostile input
// (deep nesting, huge numbers, unicode, quotes, SQL fragments, NUL, oversized text).

#include "models/domain/selector.h"

#include <QtTest>

using namespace tc;

namespace {

const QString kColumn = QStringLiteral("m.metadata");

QString path(int n) { return QStringLiteral("(m.metadata #> $%1::text[])").arg(n); }

} // namespace

class tst_Selector : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void canonical_data();
    void canonical();
    void invalid_data();
    void invalid();
    void tree();
    void emptySelectsAll();
    void deepNesting_data();
    void deepNesting();
    void hugeNumbers();
    void unicode();
    void sqlFragmentsOnlyInParams();
    void nulBytes();
    void sizeLimit();
    void inLimit();
    void pathLimits();
    void placeholdersStartAtGivenIndex();
};

void tst_Selector::valid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("params");

    const QString p1 = path(1);
    QTest::newRow("empty") << QStringLiteral(" { } ") << QStringLiteral("{}") << QStringLiteral("true") << QStringList();
    QTest::newRow("implicit eq string")
        << QStringLiteral("{\"department\": \"marketing\"}") << QStringLiteral("{\"department\":\"marketing\"}")
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"department\"}"), QStringLiteral("\"marketing\"")};
    QTest::newRow("explicit eq number")
        << QStringLiteral("{\"n\": {\"$eq\": -1.50e+3}}") << QStringLiteral("{\"n\":-1.50e+3}")
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"n\"}"), QStringLiteral("-1.50e+3")};
    QTest::newRow("eq null") << QStringLiteral("{\"x\":null}") << QStringLiteral("{\"x\":null}")
                             << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
                             << QStringList{QStringLiteral("{\"x\"}"), QStringLiteral("null")};
    QTest::newRow("ne bool") << QStringLiteral("{\"a.b\": {\"$ne\": true}}") << QStringLiteral("{\"a.b\":{\"$ne\":true}}")
                             << QStringLiteral("COALESCE(%1 <> $2::jsonb, true)").arg(p1)
                             << QStringList{QStringLiteral("{\"a\",\"b\"}"), QStringLiteral("true")};
    QTest::newRow("gt string")
        << QStringLiteral("{\"date\": {\"$gt\": \"2023-01-01\"}}") << QStringLiteral("{\"date\":{\"$gt\":\"2023-01-01\"}}")
        << QStringLiteral("COALESCE(jsonb_typeof(%1) = 'string' AND (m.metadata #>> $1::text[]) COLLATE \"C\" > $2::text, false)").arg(p1)
        << QStringList{QStringLiteral("{\"date\"}"), QStringLiteral("2023-01-01")};
    QTest::newRow("gte number")
        << QStringLiteral("{\"n\": {\"$gte\": 10}}") << QStringLiteral("{\"n\":{\"$gte\":10}}")
        << QStringLiteral("COALESCE(jsonb_typeof(%1) = 'number' AND %1 >= $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"n\"}"), QStringLiteral("10")};
    QTest::newRow("lt bool") << QStringLiteral("{\"b\": {\"$lt\": true}}") << QStringLiteral("{\"b\":{\"$lt\":true}}")
                             << QStringLiteral("COALESCE(jsonb_typeof(%1) = 'boolean' AND %1 < $2::jsonb, false)").arg(p1)
                             << QStringList{QStringLiteral("{\"b\"}"), QStringLiteral("true")};
    QTest::newRow("lte string") << QStringLiteral("{\"s\": {\"$lte\": \"m\"}}") << QStringLiteral("{\"s\":{\"$lte\":\"m\"}}")
                                << QStringLiteral("COALESCE(jsonb_typeof(%1) = 'string' AND (m.metadata #>> $1::text[]) COLLATE \"C\" <= $2::text, false)").arg(p1)
                                << QStringList{QStringLiteral("{\"s\"}"), QStringLiteral("m")};
    QTest::newRow("in mixed")
        << QStringLiteral("{\"k\": {\"$in\": [\"a\", 1, true, null]}}") << QStringLiteral("{\"k\":{\"$in\":[\"a\",1,true,null]}}")
        << QStringLiteral("COALESCE(%1 = ANY (ARRAY(SELECT jsonb_array_elements($2::jsonb))), false)").arg(p1)
        << QStringList{QStringLiteral("{\"k\"}"), QStringLiteral("[\"a\",1,true,null]")};
    QTest::newRow("exists true") << QStringLiteral("{\"k\": {\"$exists\": true}}") << QStringLiteral("{\"k\":{\"$exists\":true}}")
                                 << QStringLiteral("(%1 IS NOT NULL)").arg(p1) << QStringList{QStringLiteral("{\"k\"}")};
    QTest::newRow("exists false") << QStringLiteral("{\"k\": {\"$exists\": false}}") << QStringLiteral("{\"k\":{\"$exists\":false}}")
                                  << QStringLiteral("(%1 IS NULL)").arg(p1) << QStringList{QStringLiteral("{\"k\"}")};
    QTest::newRow("issue example")
        << QStringLiteral("{\"department\": \"marketing\", \"date\": {\"$gt\": \"2023-01-01\"}}")
        << QStringLiteral("{\"department\":\"marketing\",\"date\":{\"$gt\":\"2023-01-01\"}}")
        << QStringLiteral("(COALESCE(%1 = $2::jsonb, false) AND COALESCE(jsonb_typeof(%2) = 'string' AND (m.metadata #>> $3::text[]) COLLATE \"C\" > $4::text, false))")
               .arg(p1, path(3))
        << QStringList{QStringLiteral("{\"department\"}"), QStringLiteral("\"marketing\""), QStringLiteral("{\"date\"}"), QStringLiteral("2023-01-01")};
    QTest::newRow("range on one field")
        << QStringLiteral("{\"n\": {\"$gt\": 1, \"$lt\": 5}}")
        << QStringLiteral("{\"n\":{\"$gt\":1,\"$lt\":5}}")
        << QStringLiteral("(COALESCE(jsonb_typeof(%1) = 'number' AND %1 > $2::jsonb, false) AND COALESCE(jsonb_typeof(%2) = 'number' AND %2 < $4::jsonb, false))")
               .arg(p1, path(3))
        << QStringList{QStringLiteral("{\"n\"}"), QStringLiteral("1"), QStringLiteral("{\"n\"}"), QStringLiteral("5")};
    QTest::newRow("or")
        << QStringLiteral("{\"$or\": [{\"a\": 1}, {\"b\": {\"$exists\": false}}]}")
        << QStringLiteral("{\"$or\":[{\"a\":1},{\"b\":{\"$exists\":false}}]}")
        << QStringLiteral("(COALESCE(%1 = $2::jsonb, false) OR (%2 IS NULL))").arg(p1, path(3))
        << QStringList{QStringLiteral("{\"a\"}"), QStringLiteral("1"), QStringLiteral("{\"b\"}")};
    QTest::newRow("single and keeps its and")
        << QStringLiteral("{\"$and\": [{\"a\": \"x\"}]}") << QStringLiteral("{\"$and\":[{\"a\":\"x\"}]}")
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"a\"}"), QStringLiteral("\"x\"")};
    QTest::newRow("nested and or")
        << QStringLiteral("{\"a\": 1, \"$or\": [{\"b\": 2}, {\"$and\": [{\"c\": 3}, {\"d\": 4}]}]}")
        << QStringLiteral("{\"a\":1,\"$or\":[{\"b\":2},{\"c\":3,\"d\":4}]}")
        << QStringLiteral("(COALESCE(%1 = $2::jsonb, false) AND (COALESCE(%2 = $4::jsonb, false) OR (COALESCE(%3 = $6::jsonb, false) AND COALESCE(%4 = $8::jsonb, false))))")
               .arg(p1, path(3), path(5), path(7))
        << QStringList{QStringLiteral("{\"a\"}"), QStringLiteral("1"), QStringLiteral("{\"b\"}"), QStringLiteral("2"),
                       QStringLiteral("{\"c\"}"), QStringLiteral("3"), QStringLiteral("{\"d\"}"), QStringLiteral("4")};
    QTest::newRow("escapes normalised")
        << QStringLiteral("{\"q\": \"a\\\"b\\\\c\\/d\\n\\u0001\\u00e9\"}")
        << QString(QStringLiteral("{\"q\":\"a\\\"b\\\\c/d\\n\\u0001") + QChar(0xe9) + QStringLiteral("\"}"))
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"q\"}"), QString(QStringLiteral("\"a\\\"b\\\\c/d\\n\\u0001") + QChar(0xe9) + u'"')};
    QTest::newRow("whitespace everywhere")
        << QStringLiteral("\r\n\t{ \"a\" \n:\t\"b\" \r\n}\n") << QStringLiteral("{\"a\":\"b\"}")
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"a\"}"), QStringLiteral("\"b\"")};
    QTest::newRow("path charset")
        << QStringLiteral("{\"A-z_0.9\": 0}") << QStringLiteral("{\"A-z_0.9\":0}")
        << QStringLiteral("COALESCE(%1 = $2::jsonb, false)").arg(p1)
        << QStringList{QStringLiteral("{\"A-z_0\",\"9\"}"), QStringLiteral("0")};
}

void tst_Selector::valid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(QString, sql);
    QFETCH(QStringList, params);

    SelectorError error;
    const auto s = Selector::parse(input, &error);
    QVERIFY2(s, qPrintable(error.message()));
    QCOMPARE(s->toJson(), canonical);
    const auto again = Selector::parse(s->toJson(), &error);
    QVERIFY2(again, qPrintable(error.message()));
    QVERIFY(*again == *s);
    QCOMPARE(again->toJson(), canonical);
    const CompiledSelector c = s->compile(kColumn);
    QCOMPARE(c.sql, sql);
    QCOMPARE(c.params, params);
}

void tst_Selector::canonical_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");

    auto row = [](const char *name, const char *in, const char *out) {
        QTest::newRow(name) << QString::fromUtf8(in) << QString::fromUtf8(out);
    };
    row("operators of one field stay together", R"({"a": {"$eq": 1, "$ne": 2, "$in": [3]}})", R"({"a":{"$eq":1,"$ne":2,"$in":[3]}})");
    row("same operator twice needs $and", R"({"$and": [{"n": {"$gt": 1}}, {"n": {"$gt": 2}}]})", R"({"$and":[{"n":{"$gt":1}},{"n":{"$gt":2}}]})");
    row("field not adjacent needs $and", R"({"$and": [{"a": 1}, {"b": 2}, {"a": {"$ne": 3}}]})", R"({"$and":[{"a":1},{"b":2},{"a":{"$ne":3}}]})");
    row("two $or need $and", R"({"$and": [{"$or": [{"a": 1}]}, {"$or": [{"b": 1}]}]})", R"({"$and":[{"$or":[{"a":1}]},{"$or":[{"b":1}]}]})");
    row("inner $and beside a field", R"({"$and": [{"a": 1}, {"b": 2}], "c": 3})", R"({"$and":[{"a":1},{"b":2}],"c":3})");
    row("$and of one $and", R"({"$and": [{"$and": [{"a": 1}]}]})", R"({"$and":[{"$and":[{"a":1}]}]})");
    row("$or of one", R"({"$or": [{"a": {"$exists": false}}]})", R"({"$or":[{"a":{"$exists":false}}]})");
    row("{} inside $and (found by the fuzzer)", R"({"$and": [{}, {"n": {"$gt": 2}}]})", R"({"$and":[{},{"n":{"$gt":2}}]})");
    row("dotted and plain differ", R"({"a": 1, "a.b": 2})", R"({"a":1,"a.b":2})");
}

void tst_Selector::canonical()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    SelectorError error;
    const auto s = Selector::parse(input, &error);
    QVERIFY2(s, qPrintable(error.message()));
    QCOMPARE(s->toJson(), canonical);
    const auto again = Selector::parse(canonical, &error);
    QVERIFY2(again, qPrintable(error.message()));
    QVERIFY(*again == *s);
}

void tst_Selector::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reason");

    auto row = [](const char *name, const QString &in, int pos, int line, int col, const QString &reason) {
        QTest::newRow(name) << in << pos << line << col << reason;
    };
    row("empty text", QString(), 0, 1, 1, QStringLiteral("expected a JSON object such as {\"field\": \"value\"} (write {} to select every row)"));
    row("only spaces", QStringLiteral("  \n "), 4, 2, 2, QStringLiteral("expected a JSON object such as {\"field\": \"value\"} (write {} to select every row)"));
    row("array at top", QStringLiteral("[1]"), 0, 1, 1, QStringLiteral("a selector must be a JSON object starting with '{'"));
    row("string at top", QStringLiteral("\"a\""), 0, 1, 1, QStringLiteral("a selector must be a JSON object starting with '{'"));
    row("gt object", QStringLiteral("{\"department\": \"marketing\", \"n\": {\"$gt\": {}}}"), 41, 1, 42,
        QStringLiteral("$gt needs a string, number or boolean, not an object"));
    row("gt null multi-line", QStringLiteral("{\n  \"n\": {\"$gt\": null}\n}"), 17, 2, 16, QStringLiteral("$gt needs a string, number or boolean, not null"));
    row("unknown field operator", QStringLiteral("{\"a\": {\"$regex\": \"x\"}}"), 7, 1, 8, QStringLiteral("unknown operator $regex"));
    row("unknown top operator", QStringLiteral("{\"$where\": \"1\"}"), 1, 1, 2, QStringLiteral("unknown operator $where"));
    row("operator without field", QStringLiteral("{\"$eq\": 1}"), 1, 1, 2,
        QStringLiteral("operator $eq needs a field: write {\"field\": {\"$eq\": value}}"));
    row("duplicate key", QStringLiteral("{\"date\": 1, \"date\": 2}"), 12, 1, 13, QStringLiteral("duplicate key \"date\""));
    row("duplicate operator", QStringLiteral("{\"d\": {\"$gt\": 1, \"$gt\": 2}}"), 17, 1, 18, QStringLiteral("duplicate key \"$gt\""));
    row("missing comma", QStringLiteral("{\"a\": 1 \"b\": 2}"), 8, 1, 9, QStringLiteral("expected ',' or '}'"));
    row("missing colon", QStringLiteral("{\"a\" 1}"), 5, 1, 6, QStringLiteral("expected ':' after the key \"a\""));
    row("trailing comma", QStringLiteral("{\"a\": 1,}"), 8, 1, 9, QStringLiteral("unexpected '}', expected a key in double quotes"));
    row("unquoted key", QStringLiteral("{a: 1}"), 1, 1, 2, QStringLiteral("unexpected 'a', expected a key in double quotes"));
    row("single quotes", QStringLiteral("{\"a\": 'x'}"), 6, 1, 7,
        QStringLiteral("unexpected ''', expected a value (a string, number, true, false, null, object or array)"));
    row("unterminated string", QStringLiteral("{\"a\": \"abc"), 6, 1, 7, QStringLiteral("unterminated string"));
    row("unterminated after backslash", QStringLiteral("{\"a\": \"abc\\"), 6, 1, 7, QStringLiteral("unterminated string"));
    row("unterminated object", QStringLiteral("{\"a\": 1"), 7, 1, 8, QStringLiteral("unexpected end of input, expected ',' or '}'"));
    row("invalid escape", QStringLiteral("{\"a\": \"x\\q\"}"), 8, 1, 9, QStringLiteral("invalid escape \\q in a string"));
    row("short unicode escape", QStringLiteral("{\"a\": \"\\u12\"}"), 7, 1, 8, QStringLiteral("invalid escape: \\u needs four hexadecimal digits"));
    row("lone high surrogate escape", QStringLiteral("{\"a\": \"\\ud800x\"}"), 7, 1, 8, QStringLiteral("lone surrogate \\uD800 in a string"));
    row("lone low surrogate escape", QStringLiteral("{\"a\": \"\\udc00\"}"), 7, 1, 8, QStringLiteral("lone surrogate \\uDC00 in a string"));
    row("high then non-low escape", QStringLiteral("{\"a\": \"\\ud800\\u0041\"}"), 7, 1, 8, QStringLiteral("lone surrogate \\uD800 in a string"));
    row("raw lone surrogate", QString(QStringLiteral("{\"a\": \"") + QChar(0xd800) + QStringLiteral("\"}")), 7, 1, 8,
        QStringLiteral("lone surrogate U+D800 in a string"));
    row("control character", QStringLiteral("{\"a\": \"x\ty\"}"), 8, 1, 9, QStringLiteral("control character U+0009 in a string; write it as \\u0009"));
    row("trailing data", QStringLiteral("{\"a\": 1} x"), 9, 1, 10, QStringLiteral("unexpected data after the selector's closing '}'"));
    row("second object", QStringLiteral("{}{}"), 2, 1, 3, QStringLiteral("unexpected data after the selector's closing '}'"));
    row("leading zero", QStringLiteral("{\"a\": 01}"), 6, 1, 7, QStringLiteral("invalid number: no leading zeros allowed"));
    row("bare minus", QStringLiteral("{\"a\": -}"), 6, 1, 7, QStringLiteral("invalid number: expected a digit after '-'"));
    row("dot without digits", QStringLiteral("{\"a\": 1.}"), 6, 1, 7, QStringLiteral("invalid number: expected a digit after '.'"));
    row("exponent without digits", QStringLiteral("{\"a\": 1e+}"), 6, 1, 7, QStringLiteral("invalid number: expected a digit in the exponent"));
    row("NaN", QStringLiteral("{\"a\": NaN}"), 6, 1, 7,
        QStringLiteral("unexpected 'N', expected a value (a string, number, true, false, null, object or array)"));
    row("truthy word", QStringLiteral("{\"a\": tru}"), 6, 1, 7,
        QStringLiteral("unexpected 't', expected a value (a string, number, true, false, null, object or array)"));
    row("array value", QStringLiteral("{\"a\": [1, 2]}"), 6, 1, 7,
        QStringLiteral("a field's value must be a string, number, boolean, null or an operator object, not an array (use {\"$in\": [...]})"));
    row("empty operator object", QStringLiteral("{\"a\": {}}"), 6, 1, 7,
        QStringLiteral("an operator object needs at least one operator such as {\"$eq\": value}"));
    row("nested document", QStringLiteral("{\"a\": {\"b\": 1}}"), 7, 1, 8,
        QStringLiteral("expected an operator such as $eq, not \"b\" (match nested fields with a dotted path such as \"a.b\")"));
    row("eq array", QStringLiteral("{\"a\": {\"$eq\": [1]}}"), 14, 1, 15, QStringLiteral("$eq needs a string, number, boolean or null, not an array"));
    row("ne object", QStringLiteral("{\"a\": {\"$ne\": {}}}"), 14, 1, 15, QStringLiteral("$ne needs a string, number, boolean or null, not an object"));
    row("lte array", QStringLiteral("{\"a\": {\"$lte\": []}}"), 15, 1, 16, QStringLiteral("$lte needs a string, number or boolean, not an array"));
    row("in scalar", QStringLiteral("{\"a\": {\"$in\": 1}}"), 14, 1, 15, QStringLiteral("$in needs a non-empty array of values, not a number"));
    row("in empty", QStringLiteral("{\"a\": {\"$in\": []}}"), 14, 1, 15, QStringLiteral("$in needs a non-empty array of values, not an empty array"));
    row("in nested", QStringLiteral("{\"a\": {\"$in\": [1, [2]]}}"), 18, 1, 19, QStringLiteral("$in values must be strings, numbers, booleans or null, not an array"));
    row("exists string", QStringLiteral("{\"a\": {\"$exists\": \"yes\"}}"), 18, 1, 19, QStringLiteral("$exists needs true or false, not a string"));
    row("exists number", QStringLiteral("{\"a\": {\"$exists\": 1}}"), 18, 1, 19, QStringLiteral("$exists needs true or false, not a number"));
    row("and object", QStringLiteral("{\"$and\": {\"a\": 1}}"), 9, 1, 10, QStringLiteral("$and needs a non-empty array of selector objects, not an object"));
    row("or empty", QStringLiteral("{\"$or\": []}"), 8, 1, 9, QStringLiteral("$or needs a non-empty array of selector objects, not an empty array"));
    row("or with scalar", QStringLiteral("{\"$or\": [{\"a\": 1}, 2]}"), 19, 1, 20, QStringLiteral("$or needs selector objects, not a number"));
    row("error inside or", QStringLiteral("{\"$or\": [{\"a\": {\"$gt\": null}}]}"), 23, 1, 24, QStringLiteral("$gt needs a string, number or boolean, not null"));
    row("empty path", QStringLiteral("{\"\": 1}"), 1, 1, 2, QStringLiteral("field path \"\" has an empty segment"));
    row("empty segment", QStringLiteral("{\"a..b\": 1}"), 1, 1, 2, QStringLiteral("field path \"a..b\" has an empty segment"));
    row("trailing dot", QStringLiteral("{\"a.\": 1}"), 1, 1, 2, QStringLiteral("field path \"a.\" has an empty segment"));
    row("space in path", QStringLiteral("{\"a b\": 1}"), 1, 1, 2,
        QStringLiteral("field path \"a b\" may only use letters, digits, '_', '-' and '.' between segments"));
    row("number out of range", QStringLiteral("{\"a\": 1e1001}"), 6, 1, 7, QStringLiteral("number out of range (exponents go up to ±1000)"));
    row("negative exponent out of range", QStringLiteral("{\"a\": 1E-99999999999999999999}"), 6, 1, 7,
        QStringLiteral("number out of range (exponents go up to ±1000)"));
    row("too many digits", QStringLiteral("{\"a\": %1}").arg(QString(1001, u'7')), 6, 1, 7, QStringLiteral("number out of range (at most 1000 digits)"));
    row("column after newline", QStringLiteral("{\"a\": 1,\r\n\n   \"b\" 2}"), 18, 3, 8, QStringLiteral("expected ':' after the key \"b\""));
}

void tst_Selector::invalid()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, reason);

    SelectorError error;
    const auto s = Selector::parse(input, &error);
    QVERIFY2(!s, qPrintable(s ? s->toJson() : QString()));
    QCOMPARE(error.reason, reason);
    QCOMPARE(error.position, position);
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QCOMPARE(error.message(), QStringLiteral("at line %1, column %2: %3").arg(line).arg(column).arg(reason));
    QCOMPARE(error.toError().kind, ErrorKind::Validation);
    QVERIFY(!Selector::parse(input)); // no error pointer: still no crash
}

void tst_Selector::tree()
{
    const auto s = Selector::parse(u"{\"a.b\": {\"$gt\": 1.0, \"$in\": [\"x\", null]}, \"$or\": [{\"c\": false}, {\"d\": {\"$exists\": true}}]}");
    QVERIFY(s);
    using K = SelectorNode::Kind;
    const SelectorNode &root = s->root();
    QCOMPARE(root.kind, K::And);
    QCOMPARE(root.children.size(), 3);
    const SelectorNode &gt = root.children.at(0);
    QCOMPARE(gt.kind, K::Condition);
    QCOMPARE(gt.condition.path, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(gt.condition.op, SelectorOperator::Gt);
    QVERIFY(gt.condition.values == QList<SelectorValue>{SelectorValue::number(QStringLiteral("1.0"))});
    const SelectorNode &in = root.children.at(1);
    QCOMPARE(in.condition.op, SelectorOperator::In);
    QVERIFY((in.condition.values == QList<SelectorValue>{SelectorValue::string(QStringLiteral("x")), SelectorValue::null()}));
    const SelectorNode &orNode = root.children.at(2);
    QCOMPARE(orNode.kind, K::Or);
    QCOMPARE(orNode.children.size(), 2);
    QVERIFY(orNode.children.at(0).condition.values == QList<SelectorValue>{SelectorValue::fromBool(false)});
    QCOMPARE(orNode.children.at(1).condition.op, SelectorOperator::Exists);
    QVERIFY(orNode.children.at(1).condition.values == QList<SelectorValue>{SelectorValue::fromBool(true)});
    QVERIFY(!s->matchesAll());

    // Built by hand, it prints and compiles the same.
    SelectorNode c;
    c.kind = K::Condition;
    c.condition = {{QStringLiteral("department")}, SelectorOperator::Eq, {SelectorValue::string(QStringLiteral("marketing"))}};
    QCOMPARE(Selector(c).toJson(), QStringLiteral("{\"department\":\"marketing\"}"));
    QVERIFY(Selector(c) == *Selector::parse(u"{\"department\": {\"$eq\": \"marketing\"}}"));
    QVERIFY(!(Selector(c) == *Selector::parse(u"{\"department\": {\"$ne\": \"marketing\"}}")));
    QCOMPARE(selectorOperatorFromName(u"$gte"), std::optional(SelectorOperator::Gte));
    QCOMPARE(selectorOperatorFromName(u"$regex"), std::nullopt);
}

void tst_Selector::emptySelectsAll()
{
    const auto s = Selector::parse(u"{}");
    QVERIFY(s);
    QVERIFY(s->matchesAll());
    QVERIFY(Selector().matchesAll());
    QVERIFY(*s == Selector());
    QCOMPARE(s->compile(kColumn, 7).sql, QStringLiteral("true"));
    // {"$and": [{}]} is explicit, not the bare "everything" the UI warns about.
    const auto wrapped = Selector::parse(u"{\"$and\": [{}]}");
    QVERIFY(wrapped);
    QVERIFY(!wrapped->matchesAll());
    QCOMPARE(wrapped->toJson(), QStringLiteral("{\"$and\":[{}]}"));
}

void tst_Selector::deepNesting_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("reason");
    const QString tooDeep = QStringLiteral("nesting deeper than 16 levels");

    // The 16th '[' opens level 17.
    QTest::newRow("10,000 [") << QStringLiteral("{\"a\":") + QString(10000, u'[') << 5 + 15 << tooDeep;
    QTest::newRow("10,000 [ closed") << QStringLiteral("{\"a\":") + QString(10000, u'[') + QString(10000, u']') + u'}' << 20 << tooDeep;
    QTest::newRow("10,000 {") << QString(10000, u'{') << 1
                              << QStringLiteral("unexpected '{', expected a key in double quotes");
    QString ands;
    for (int i = 0; i < 5000; ++i)
        ands += QStringLiteral("{\"$and\":[");
    // Each {"$and":[ opens two levels: the 9th object is level 17, at 9 * 8 = 72.
    QTest::newRow("5,000 $and") << ands << 8 * 9 << tooDeep;
    QTest::newRow("10,000 [ at top") << QString(10000, u'[') << 0 << QStringLiteral("a selector must be a JSON object starting with '{'");
}

void tst_Selector::deepNesting()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(QString, reason);
    SelectorError error;
    QVERIFY(!Selector::parse(input, &error));
    QCOMPARE(error.reason, reason);
    QCOMPARE(error.position, position);

    // Exactly 16 levels are fine: 7 $and wrappers (14 levels), an object, an operator object.
    QString ok = QStringLiteral("{\"x\":{\"$gt\":1}}");
    for (int i = 0; i < 7; ++i)
        ok = QStringLiteral("{\"$and\":[%1]}").arg(ok);
    const auto s = Selector::parse(ok, &error);
    QVERIFY2(s, qPrintable(error.message()));
    QCOMPARE(s->toJson(), ok);
    QVERIFY(!Selector::parse(QStringLiteral("{\"$and\":[%1]}").arg(ok), &error));
    QCOMPARE(error.reason, QStringLiteral("nesting deeper than 16 levels"));
}

void tst_Selector::hugeNumbers()
{
    const QString big = QString(400, u'9');
    for (const QString &n : {QStringLiteral("1e400"), QStringLiteral("-1E-1000"), QStringLiteral("1e1000"), big,
                             QStringLiteral("-") + big + QStringLiteral(".") + QString(600, u'1'),
                             QStringLiteral("0.000000000000000000000000000001"), QStringLiteral("123456789012345678901234567890")}) {
        SelectorError error;
        const auto s = Selector::parse(QStringLiteral("{\"n\": {\"$gt\": %1}}").arg(n), &error);
        QVERIFY2(s, qPrintable(error.message()));
        QCOMPARE(s->root().condition.values.value(0).text, n);
        QCOMPARE(s->compile(kColumn).params.value(1), n);
        QCOMPARE(s->toJson(), QStringLiteral("{\"n\":{\"$gt\":%1}}").arg(n));
    }
}

void tst_Selector::unicode()
{
    SelectorError error;
    // Escapes, a surrogate pair written as escapes and raw, keep the exact characters.
    const auto s = Selector::parse(QString(QStringLiteral("{\"u\": {\"$in\": [\"caf\\u00e9\", \"\\ud83d\\ude00\", \"") +
                                           QString::fromUtf8("\xF0\x9F\x98\x80 日本") + QStringLiteral("\"]}}")),
                                   &error);
    QVERIFY2(s, qPrintable(error.message()));
    const auto values = s->root().condition.values;
    QCOMPARE(values.size(), 3);
    QCOMPARE(values.at(0).text, QString::fromUtf8("caf\xC3\xA9"));
    QCOMPARE(values.at(1).text, QString::fromUtf8("\xF0\x9F\x98\x80"));
    QCOMPARE(values.at(2).text, QString::fromUtf8("\xF0\x9F\x98\x80 日本"));
    QCOMPARE(s->compile(kColumn).params.value(1), QString::fromUtf8("[\"caf\xC3\xA9\",\"\xF0\x9F\x98\x80\",\"\xF0\x9F\x98\x80 日本\"]"));
    QVERIFY(*Selector::parse(s->toJson()) == *s);

    // Field names are ASCII only: non-ASCII keys are refused where they stand.
    QVERIFY(!Selector::parse(QString::fromUtf8("{\"x\": 1, \"caf\xC3\xA9\": 1}"), &error));
    QCOMPARE(error.position, 9);
    QCOMPARE(error.reason, QString::fromUtf8("field path \"caf\xC3\xA9\" may only use letters, digits, '_', '-' and '.' between segments"));
    // Columns count UTF-16 code units: the error after "日本" is at column 10.
    QVERIFY(!Selector::parse(QString::fromUtf8("{\"a\": \"日本\" x}"), &error));
    QCOMPARE(error.position, 11);
    QCOMPARE(error.column, 12);
}

void tst_Selector::sqlFragmentsOnlyInParams()
{
    const QString evil = QStringLiteral("'; DROP TABLE x; --");
    const QString evilJson = QStringLiteral("\"'; DROP TABLE x; --\"");
    for (const QString &op : {QStringLiteral("$eq"), QStringLiteral("$ne"), QStringLiteral("$gt"), QStringLiteral("$lte"), QStringLiteral("$in")}) {
        const QString arg = op == u"$in" ? u'[' + evilJson + QStringLiteral(", \"$1\", \"\\\")\"]") : evilJson;
        SelectorError error;
        const auto s = Selector::parse(QStringLiteral("{\"f\": {\"%1\": %2}}").arg(op, arg), &error);
        QVERIFY2(s, qPrintable(error.message()));
        const CompiledSelector c = s->compile(kColumn);
        QVERIFY2(!c.sql.contains(QStringLiteral("DROP")), qPrintable(c.sql));
        QVERIFY(!c.sql.contains(u';'));
        QVERIFY(!c.sql.contains(QStringLiteral("--")));
        QVERIFY2(c.params.value(1).contains(evil), qPrintable(c.params.join(u'|')));
    }
    // As a field name it is refused, with the exact reason.
    SelectorError error;
    QVERIFY(!Selector::parse(QStringLiteral("{\"'; DROP TABLE x; --\": 1}"), &error));
    QCOMPARE(error.position, 1);
    QCOMPARE(error.reason, QStringLiteral("field path \"'; DROP TABLE x; --\" may only use letters, digits, '_', '-' and '.' between segments"));
    QVERIFY(!Selector::parse(QStringLiteral("{\"a\\\"b\": 1}"), &error));
    QCOMPARE(error.reason, QStringLiteral("field path \"a\"b\" may only use letters, digits, '_', '-' and '.' between segments"));
    // A value full of quotes and backslashes is one parameter, escaped as JSON.
    const auto q = Selector::parse(u"{\"f\": \"\\\"\\\\'\\\"\"}");
    QVERIFY(q);
    QCOMPARE(q->compile(kColumn).params.value(1), QStringLiteral("\"\\\"\\\\'\\\"\""));
}

void tst_Selector::nulBytes()
{
    SelectorError error;
    QString raw = QStringLiteral("{\"a\": \"x y\"}");
    raw[8] = QChar(0);
    QVERIFY(!Selector::parse(raw, &error));
    QCOMPARE(error.position, 8);
    QCOMPARE(error.reason, QStringLiteral("control character U+0000 in a string; write it as \\u0000"));

    QVERIFY(!Selector::parse(u"{\"a\": \"x\\u0000\"}", &error));
    QCOMPARE(error.position, 8);
    QCOMPARE(error.reason, QStringLiteral("\\u0000 is not allowed in a string (PostgreSQL text cannot hold NUL)"));

    QString outside = QStringLiteral("{\"a\": 1 }");
    outside[7] = QChar(0);
    QVERIFY(!Selector::parse(outside, &error));
    QCOMPARE(error.position, 7);
    QCOMPARE(error.reason, QStringLiteral("expected ',' or '}'"));

    QString inValue = QStringLiteral("{\"a\": x}");
    inValue[6] = QChar(0);
    QVERIFY(!Selector::parse(inValue, &error));
    QCOMPARE(error.reason, QStringLiteral("unexpected character U+0000, expected a value (a string, number, true, false, null, object or array)"));

    // Other control characters escaped are kept (and printed escaped).
    const auto s = Selector::parse(u"{\"a\": \"\\u001f\\b\"}", &error);
    QVERIFY2(s, qPrintable(error.message()));
    QCOMPARE(s->toJson(), QStringLiteral("{\"a\":\"\\u001f\\b\"}"));
}

void tst_Selector::sizeLimit()
{
    // 65,536 bytes are allowed...
    const QString head = QStringLiteral("{\"a\": \"");
    const QString tail = QStringLiteral("\"}");
    QString fits = head + QString(Selector::kMaxBytes - head.size() - tail.size(), u'x') + tail;
    QCOMPARE(fits.toUtf8().size(), Selector::kMaxBytes);
    QVERIFY(Selector::parse(fits));
    // ...one more is not, also when the excess comes from multi-byte characters.
    SelectorError error;
    QVERIFY(!Selector::parse(QString(fits).insert(7, u'x'), &error));
    QCOMPARE(error.position, 0);
    QCOMPARE(error.reason, QStringLiteral("selector larger than 64 KiB (65537 bytes)"));
    QVERIFY(!Selector::parse(QString(fits).replace(7, 1, QChar(0xe9)), &error));
    QCOMPARE(error.reason, QStringLiteral("selector larger than 64 KiB (65537 bytes)"));
    QVERIFY(!Selector::parse(QString(1 << 20, u' '), &error));
    QCOMPARE(error.reason, QStringLiteral("selector larger than 64 KiB (1048576 bytes)"));
}

void tst_Selector::inLimit()
{
    QStringList values;
    for (int i = 0; i < Selector::kMaxInValues; ++i)
        values.append(QString::number(i));
    const auto ok = Selector::parse(QStringLiteral("{\"a\": {\"$in\": [%1]}}").arg(values.join(u',')));
    QVERIFY(ok);
    QCOMPARE(ok->root().condition.values.size(), 1000);
    QCOMPARE(ok->compile(kColumn).params.size(), 2);
    values.append(QStringLiteral("1000"));
    SelectorError error;
    QVERIFY(!Selector::parse(QStringLiteral("{\"a\": {\"$in\": [%1]}}").arg(values.join(u',')), &error));
    QCOMPARE(error.position, 14);
    QCOMPARE(error.reason, QStringLiteral("$in takes at most 1000 values, not 1001"));
}

void tst_Selector::pathLimits()
{
    const QString seg64(64, u's');
    const QString eight = QStringList(8, seg64).join(u'.');
    const auto ok = Selector::parse(QStringLiteral("{\"%1\": 1}").arg(eight));
    QVERIFY(ok);
    QCOMPARE(ok->root().condition.path.size(), 8);
    SelectorError error;
    QVERIFY(!Selector::parse(QStringLiteral("{\"%1.x\": 1}").arg(eight), &error));
    QCOMPARE(error.reason, QStringLiteral("field path \"%1.x\" is deeper than 8 levels").arg(eight));
    QVERIFY(!Selector::parse(QStringLiteral("{\"%1s\": 1}").arg(seg64), &error));
    QCOMPARE(error.reason, QStringLiteral("field path \"%1s\" has a segment longer than 64 characters").arg(seg64));
}

void tst_Selector::placeholdersStartAtGivenIndex()
{
    const auto s = Selector::parse(u"{\"a\": 1, \"b\": {\"$exists\": true}}");
    QVERIFY(s);
    const CompiledSelector c = s->compile(QStringLiteral("t.meta"), 3);
    QCOMPARE(c.sql, QStringLiteral("(COALESCE((t.meta #> $3::text[]) = $4::jsonb, false) AND ((t.meta #> $5::text[]) IS NOT NULL))"));
    QCOMPARE(c.params, (QStringList{QStringLiteral("{\"a\"}"), QStringLiteral("1"), QStringLiteral("{\"b\"}")}));
}

QTEST_GUILESS_MAIN(tst_Selector)
#include "tst_selector.moc"
