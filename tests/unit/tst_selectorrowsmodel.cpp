// SelectorRowsModel: visual rows to the selector's canonical JSON and back, value text read as
// JSON literal or plain text, strings shown so that reading them back gives the same value,
// $or refused with a reason, every row error's sentence, blank rows ignored, and the signals.

#include "models/items/selectorrowsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace tc;
using Model = SelectorRowsModel;
using Op = SelectorOperator;

namespace {

struct RowText
{
    QString field;
    Op op = Op::Eq;
    QString value;
    friend bool operator==(const RowText &, const RowText &) = default;
};
using Rows = QList<RowText>;

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

void fill(Model &model, const Rows &rows)
{
    for (const RowText &r : rows) {
        const int row = model.addRow();
        QVERIFY(model.setData(model.index(row, Model::FieldColumn), r.field));
        QVERIFY(model.setData(model.index(row, Model::OperatorColumn), int(r.op)));
        QVERIFY(model.setData(model.index(row, Model::ValueColumn), r.value));
    }
}

Rows rowsOf(const Model &model)
{
    Rows rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        rows.append({model.index(r, Model::FieldColumn).data().toString(),
                     Op(model.index(r, Model::OperatorColumn).data(Qt::EditRole).toInt()),
                     model.index(r, Model::ValueColumn).data().toString()});
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(RowText)
Q_DECLARE_METATYPE(Op)

namespace QTest {
template<>
char *toString(const RowText &r)
{
    return qstrdup(QStringLiteral("(%1 %2 %3)").arg(r.field, selectorOperatorName(r.op), r.value).toUtf8().constData());
}
} // namespace QTest

class tst_SelectorRowsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsToJson_data();
    void rowsToJson();
    void jsonToRowsToJson_data();
    void jsonToRowsToJson();
    void refusals_data();
    void refusals();
    void rowErrors_data();
    void rowErrors();
    void tooManyListValues();
    void tooLongConditions_data();
    void tooLongConditions();
    void blankRowsIgnored();
    void operatorLabels_data();
    void operatorLabels();
    void operatorEdits();
    void editSignals();
    void rowSignals();
    void setJsonSignals();
};

void tst_SelectorRowsModel::rowsToJson_data()
{
    QTest::addColumn<Rows>("rows");
    QTest::addColumn<QString>("json");

    QTest::newRow("no rows") << Rows{} << s("{}");
    QTest::newRow("plain text") << Rows{{s("department"), Op::Eq, s("marketing")}} << s(R"({"department":"marketing"})");
    QTest::newRow("two fields") << Rows{{s("department"), Op::Eq, s("marketing")}, {s("date"), Op::Gt, s("2023-01-01")}}
                                << s(R"({"department":"marketing","date":{"$gt":"2023-01-01"}})");
    QTest::newRow("nested path") << Rows{{s("project.code"), Op::Ne, s("X-1")}} << s(R"({"project.code":{"$ne":"X-1"}})");
    QTest::newRow("range on one field")
        << Rows{{s("n"), Op::Gte, s("1")}, {s("n"), Op::Lt, s("5")}} << s(R"({"n":{"$gte":1,"$lt":5}})");
    QTest::newRow("lte") << Rows{{s("n"), Op::Lte, s("-0.5")}} << s(R"({"n":{"$lte":-0.5}})");
    QTest::newRow("same field twice") << Rows{{s("a"), Op::Eq, s("1")}, {s("a"), Op::Eq, s("2")}}
                                      << s(R"({"$and":[{"a":1},{"a":2}]})");
    QTest::newRow("number as written") << Rows{{s("v"), Op::Eq, s("-1.50e3")}} << s(R"({"v":-1.50e3})");
    QTest::newRow("number padded") << Rows{{s("v"), Op::Eq, s("  42  ")}} << s(R"({"v":42})");
    QTest::newRow("quoted number is text") << Rows{{s("code"), Op::Eq, s("\"42\"")}} << s(R"({"code":"42"})");
    QTest::newRow("leading zero is text") << Rows{{s("zip"), Op::Eq, s("007")}} << s(R"({"zip":"007"})");
    QTest::newRow("version is text") << Rows{{s("v"), Op::Eq, s("1.5.3")}} << s(R"({"v":"1.5.3"})");
    QTest::newRow("plus sign is text") << Rows{{s("v"), Op::Eq, s("+5")}} << s(R"({"v":"+5"})");
    QTest::newRow("true") << Rows{{s("f"), Op::Eq, s("true")}} << s(R"({"f":true})");
    QTest::newRow("quoted true") << Rows{{s("f"), Op::Eq, s("\"true\"")}} << s(R"({"f":"true"})");
    QTest::newRow("capital True is text") << Rows{{s("f"), Op::Eq, s("True")}} << s(R"({"f":"True"})");
    QTest::newRow("null") << Rows{{s("f"), Op::Eq, s("null")}} << s(R"({"f":null})");
    QTest::newRow("ne null") << Rows{{s("f"), Op::Ne, s("null")}} << s(R"({"f":{"$ne":null}})");
    QTest::newRow("empty text") << Rows{{s("f"), Op::Eq, s("\"\"")}} << s(R"({"f":""})");
    QTest::newRow("padded text trimmed") << Rows{{s("f"), Op::Eq, s("  a b  ")}} << s(R"({"f":"a b"})");
    QTest::newRow("quoted keeps spaces") << Rows{{s("f"), Op::Eq, s("\" a \"")}} << s(R"({"f":" a "})");
    QTest::newRow("escapes") << Rows{{s("f"), Op::Eq, s(R"("a\"b\\c\n\u00e9")")}} << s(R"({"f":"a\"b\\c\né"})");
    QTest::newRow("quote inside plain text") << Rows{{s("f"), Op::Eq, s("5\" screen")}} << s(R"({"f":"5\" screen"})");
    QTest::newRow("json-looking text is text") << Rows{{s("f"), Op::Eq, s("[1,2]")}} << s(R"({"f":"[1,2]"})");
    QTest::newRow("unicode") << Rows{{s("city"), Op::Eq, s("Zürich 🚀 東京")}} << s(R"({"city":"Zürich 🚀 東京"})");
    QTest::newRow("in") << Rows{{s("tier"), Op::In, s("gold, silver")}} << s(R"({"tier":{"$in":["gold","silver"]}})");
    QTest::newRow("in mixed") << Rows{{s("tier"), Op::In, s(R"(gold,"a,b" , 42,"42",null,true, Zürich)")}}
                              << s(R"({"tier":{"$in":["gold","a,b",42,"42",null,true,"Zürich"]}})");
    QTest::newRow("in one value") << Rows{{s("tier"), Op::In, s("gold")}} << s(R"({"tier":{"$in":["gold"]}})");
    QTest::newRow("in escaped quote and comma") << Rows{{s("t"), Op::In, s(R"("a\",b", c)")}}
                                                << s(R"({"t":{"$in":["a\",b","c"]}})");
    QTest::newRow("exists true") << Rows{{s("x"), Op::Exists, s("true")}} << s(R"({"x":{"$exists":true}})");
    QTest::newRow("exists false") << Rows{{s("x"), Op::Exists, s(" false ")}} << s(R"({"x":{"$exists":false}})");
    QTest::newRow("field trimmed") << Rows{{s(" a.b "), Op::Eq, s("1")}} << s(R"({"a.b":1})");
    QTest::newRow("field limits") << Rows{{s("a.b.c.d.e.f.g.") + QString(64, u'h'), Op::Eq, s("1")}}
                                  << s(R"({"a.b.c.d.e.f.g.)") + QString(64, u'h') + s(R"(":1})");
    QTest::newRow("dash and underscore") << Rows{{s("a-b_C9"), Op::Eq, s("x")}} << s(R"({"a-b_C9":"x"})");
    QTest::newRow("gt boolean") << Rows{{s("b"), Op::Gt, s("false")}} << s(R"({"b":{"$gt":false}})");
}

void tst_SelectorRowsModel::rowsToJson()
{
    QFETCH(Rows, rows);
    QFETCH(QString, json);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, rows);
    QCOMPARE(model.rowCount(), rows.size());
    QVERIFY2(!model.hasErrors(), qPrintable(model.rowError(0)));
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.rowError(r), QString());
        QCOMPARE(model.index(r, Model::ValueColumn).data(Model::ErrorRole).toString(), QString());
        QVERIFY(!model.index(r, Model::ValueColumn).data(Qt::ToolTipRole).isValid());
    }
    QCOMPARE(model.json(), std::optional<QString>(json));
    // The canonical text is the selector's: parsing it gives the rows' selector back.
    const auto parsed = Selector::parse(json);
    QVERIFY(parsed);
    QCOMPARE(model.selector(), parsed);
}

void tst_SelectorRowsModel::jsonToRowsToJson_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Rows>("rows");
    QTest::addColumn<QString>("json");

    QTest::newRow("empty") << s("{ }") << Rows{} << s("{}");
    QTest::newRow("two fields") << s(R"({"department": "marketing", "date": {"$gt": "2023-01-01"}})")
                                << Rows{{s("department"), Op::Eq, s("marketing")}, {s("date"), Op::Gt, s("2023-01-01")}}
                                << s(R"({"department":"marketing","date":{"$gt":"2023-01-01"}})");
    QTest::newRow("explicit eq") << s(R"({"a": {"$eq": "x"}})") << Rows{{s("a"), Op::Eq, s("x")}} << s(R"({"a":"x"})");
    QTest::newRow("text that looks like a number") << s(R"({"code": "42"})") << Rows{{s("code"), Op::Eq, s("\"42\"")}}
                                                   << s(R"({"code":"42"})");
    QTest::newRow("text that looks like an exponent") << s(R"({"code": "1e5"})")
                                                      << Rows{{s("code"), Op::Eq, s("\"1e5\"")}} << s(R"({"code":"1e5"})");
    QTest::newRow("number") << s(R"({"code": 42})") << Rows{{s("code"), Op::Eq, s("42")}} << s(R"({"code":42})");
    QTest::newRow("number as written") << s(R"({"v": 1.50})") << Rows{{s("v"), Op::Eq, s("1.50")}} << s(R"({"v":1.50})");
    QTest::newRow("text true") << s(R"({"f": "true"})") << Rows{{s("f"), Op::Eq, s("\"true\"")}} << s(R"({"f":"true"})");
    QTest::newRow("text null") << s(R"({"f": "null"})") << Rows{{s("f"), Op::Eq, s("\"null\"")}} << s(R"({"f":"null"})");
    QTest::newRow("null") << s(R"({"f": null})") << Rows{{s("f"), Op::Eq, s("null")}} << s(R"({"f":null})");
    QTest::newRow("empty text") << s(R"({"f": ""})") << Rows{{s("f"), Op::Eq, s("\"\"")}} << s(R"({"f":""})");
    QTest::newRow("padded text") << s(R"({"f": " a "})") << Rows{{s("f"), Op::Eq, s("\" a \"")}} << s(R"({"f":" a "})");
    QTest::newRow("text starting with a quote") << s(R"({"f": "\"q\""})") << Rows{{s("f"), Op::Eq, s(R"("\"q\"")")}}
                                                << s(R"({"f":"\"q\""})");
    QTest::newRow("quote inside text") << s(R"({"f": "5\" screen"})") << Rows{{s("f"), Op::Eq, s("5\" screen")}}
                                       << s(R"({"f":"5\" screen"})");
    QTest::newRow("line break") << s(R"({"f": "a\nb"})") << Rows{{s("f"), Op::Eq, s(R"("a\nb")")}} << s(R"({"f":"a\nb"})");
    QTest::newRow("escaped unicode") << s(R"({"k": "\u00e9t\u00e9"})") << Rows{{s("k"), Op::Eq, s("été")}}
                                     << s(R"({"k":"été"})");
    QTest::newRow("unicode") << s(R"({"city": "Zürich 🚀"})") << Rows{{s("city"), Op::Eq, s("Zürich 🚀")}}
                             << s(R"({"city":"Zürich 🚀"})");
    QTest::newRow("in") << s(R"({"tier": {"$in": ["gold", "a,b", 42, "42", null, true, " x"]}})")
                        << Rows{{s("tier"), Op::In, s(R"(gold, "a,b", 42, "42", null, true, " x")")}}
                        << s(R"({"tier":{"$in":["gold","a,b",42,"42",null,true," x"]}})");
    QTest::newRow("exists") << s(R"({"x": {"$exists": false}})") << Rows{{s("x"), Op::Exists, s("false")}}
                            << s(R"({"x":{"$exists":false}})");
    QTest::newRow("operators of one field") << s(R"({"n": {"$gte": 1, "$lt": 5, "$ne": 3}})")
                                            << Rows{{s("n"), Op::Gte, s("1")}, {s("n"), Op::Lt, s("5")}, {s("n"), Op::Ne, s("3")}}
                                            << s(R"({"n":{"$gte":1,"$lt":5,"$ne":3}})");
    QTest::newRow("nested and flattened")
        << s(R"({"$and": [{"a": 1}, {"$and": [{"b": {"$ne": 2}}]}, {"a": {"$lt": 5}}]})")
        << Rows{{s("a"), Op::Eq, s("1")}, {s("b"), Op::Ne, s("2")}, {s("a"), Op::Lt, s("5")}}
        << s(R"({"$and":[{"a":1},{"b":{"$ne":2}},{"a":{"$lt":5}}]})");
    QTest::newRow("and beside fields") << s(R"({"a": 1, "$and": [{"a": 2}]})")
                                       << Rows{{s("a"), Op::Eq, s("1")}, {s("a"), Op::Eq, s("2")}}
                                       << s(R"({"$and":[{"a":1},{"a":2}]})");
    QTest::newRow("single explicit and") << s(R"({"$and": [{"a.b": "c"}]})") << Rows{{s("a.b"), Op::Eq, s("c")}}
                                         << s(R"({"a.b":"c"})");
}

void tst_SelectorRowsModel::jsonToRowsToJson()
{
    QFETCH(QString, input);
    QFETCH(Rows, rows);
    QFETCH(QString, json);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QString why = s("stale");
    QVERIFY(model.setJson(input, &why));
    QCOMPARE(why, QString());
    QCOMPARE(rowsOf(model), rows);
    QVERIFY(!model.hasErrors());
    // json() reads the shown text again: the same selector comes back.
    QCOMPARE(model.json(), std::optional<QString>(json));

    // Typing the shown rows into a fresh model gives the same selector.
    Model typed;
    fill(typed, rows);
    QCOMPARE(typed.json(), std::optional<QString>(json));
}

void tst_SelectorRowsModel::refusals_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("why");

    const QString orWhy = s("The selector uses $or, which the rows can't show (they are all required together): edit it "
                            "as JSON text.");
    QTest::newRow("or") << s(R"({"$or": [{"a": 1}, {"b": 2}]})") << orWhy;
    QTest::newRow("or beside a field") << s(R"({"a": 1, "$or": [{"b": 1}, {"c": 1}]})") << orWhy;
    QTest::newRow("or inside and") << s(R"({"$and": [{"a": 1}, {"$or": [{"b": 1}]}]})") << orWhy;
    QTest::newRow("syntax") << s(R"({"a": })")
                            << s("The selector is not valid at line 1, column 7: unexpected '}', expected a value (a "
                                 "string, number, true, false, null, object or array).");
    QTest::newRow("not an object") << s("marketing")
                                   << s("The selector is not valid at line 1, column 1: a selector must be a JSON object "
                                        "starting with '{'.");
    QTest::newRow("second line") << s("{\"a\": 1,\n \"b c\": 2}")
                                 << s("The selector is not valid at line 2, column 2: field path \"b c\" may only use "
                                      "letters, digits, '_', '-' and '.' between segments.");
    QTest::newRow("empty text") << QString()
                                << s("The selector is not valid at line 1, column 1: expected a JSON object such as "
                                     "{\"field\": \"value\"} (write {} to select every row).");
}

void tst_SelectorRowsModel::refusals()
{
    QFETCH(QString, json);
    QFETCH(QString, why);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const Rows before{{s("keep"), Op::Eq, s("me")}, {s(""), Op::Eq, s("")}};
    fill(model, before);
    QSignalSpy changed(&model, &Model::selectorChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QString reason;
    QVERIFY(!model.setJson(json, &reason));
    QCOMPARE(reason, why);
    QVERIFY(!model.setJson(json)); // no `why` wanted: still refused, no crash
    QCOMPARE(rowsOf(model), before);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"keep":"me"})")));
}

void tst_SelectorRowsModel::rowErrors_data()
{
    QTest::addColumn<RowText>("row");
    QTest::addColumn<QString>("error");

    QTest::newRow("no field") << RowText{s(""), Op::Eq, s("x")}
                              << s("Enter the field to match, such as department or project.code.");
    QTest::newRow("blank field") << RowText{s("   "), Op::Exists, s("true")}
                                 << s("Enter the field to match, such as department or project.code.");
    QTest::newRow("double dot") << RowText{s("a..b"), Op::Eq, s("x")}
                                << s("The field a..b has an empty name between dots: remove the extra dot.");
    QTest::newRow("trailing dot") << RowText{s("a."), Op::Eq, s("x")}
                                  << s("The field a. has an empty name between dots: remove the extra dot.");
    QTest::newRow("space") << RowText{s("first name"), Op::Eq, s("x")}
                           << s("The field first name contains a space or invisible character: field names may only use "
                                "the letters A-Z and a-z, digits, '_' and '-', with a dot between nested names.");
    QTest::newRow("dollar") << RowText{s("$where"), Op::Eq, s("x")}
                            << s("The field $where contains '$': field names may only use the letters A-Z and a-z, "
                                 "digits, '_' and '-', with a dot between nested names.");
    QTest::newRow("non-ascii") << RowText{s("städte"), Op::Eq, s("x")}
                               << s("The field städte contains 'ä': field names may only use the letters A-Z and a-z, "
                                    "digits, '_' and '-', with a dot between nested names.");
    QTest::newRow("too deep") << RowText{s("a.b.c.d.e.f.g.h.i"), Op::Eq, s("x")}
                              << s("The field a.b.c.d.e.f.g.h.i is nested too deep: use at most 8 names separated by dots.");
    QTest::newRow("too deep with a placeholder") << RowText{s("a.b.c.d.e.f.g.h.%1"), Op::Eq, s("x")}
                                                 << s("The field a.b.c.d.e.f.g.h.%1 is nested too deep: use at most 8 "
                                                      "names separated by dots.");
    QTest::newRow("long name") << RowText{QString(65, u'n'), Op::Eq, s("x")}
                               << s("The field name ") + QString(39, u'n') + QChar(0x2026)
                                      + s(" is longer than 64 characters: shorten it.");
    QTest::newRow("no value") << RowText{s("a"), Op::Eq, s("  ")}
                              << s("Enter the value to compare with (write \"\" to match an empty text).");
    QTest::newRow("no value gt") << RowText{s("a"), Op::Gt, s("")}
                                 << s("Enter the value to compare with (write \"\" to match an empty text).");
    QTest::newRow("gt null") << RowText{s("a"), Op::Gt, s("null")}
                             << s("\"greater than\" can't compare with null: enter a number, a text, true or false.");
    QTest::newRow("lte null") << RowText{s("a"), Op::Lte, s("null")}
                              << s("\"at most\" can't compare with null: enter a number, a text, true or false.");
    QTest::newRow("unclosed quote") << RowText{s("a"), Op::Eq, s("\"abc")}
                                    << s("\"abc starts with a quote but is not one complete quoted text: end it with \" "
                                         "and write \\\" for a quote inside it.");
    QTest::newRow("two quoted texts") << RowText{s("a"), Op::Eq, s("\"a\" \"b\"")}
                                      << s("\"a\" \"b\" starts with a quote but is not one complete quoted text: end it "
                                           "with \" and write \\\" for a quote inside it.");
    QTest::newRow("smuggled term") << RowText{s("a"), Op::Eq, s("\"x\", \"w\": \"y\"")}
                                   << s("\"x\", \"w\": \"y\" starts with a quote but is not one complete quoted text: "
                                        "end it with \" and write \\\" for a quote inside it.");
    QTest::newRow("smuggled operator") << RowText{s("a"), Op::Eq, s("\"x\", \"$or\": [{\"b\": 1}]")}
                                       << s("\"x\", \"$or\": [{\"b\": 1}] starts with a quote but is not one complete "
                                            "quoted text: end it with \" and write \\\" for a quote inside it.");
    QTest::newRow("bad escape") << RowText{s("a"), Op::Eq, s(R"("a\q")")}
                                << s("\"a\\q\" starts with a quote but is not one complete quoted text: end it with \" "
                                     "and write \\\" for a quote inside it.");
    QTest::newRow("huge exponent") << RowText{s("a"), Op::Eq, s("1e1001")}
                                   << s("The number 1e1001 is too long: use at most 1000 digits and an exponent between "
                                        "-1000 and 1000.");
    QTest::newRow("too many digits") << RowText{s("a"), Op::Gte, QString(1001, u'9')}
                                     << s("The number ") + QString(39, u'9') + QChar(0x2026)
                                            + s(" is too long: use at most 1000 digits and an exponent between -1000 "
                                                "and 1000.");
    QTest::newRow("empty list") << RowText{s("a"), Op::In, s(" ")} << s("List the values to match, separated by commas.");
    QTest::newRow("double comma") << RowText{s("a"), Op::In, s("x,,y")}
                                  << s("The list has an empty value: remove the extra comma (write \"\" to match an "
                                       "empty text).");
    QTest::newRow("trailing comma") << RowText{s("a"), Op::In, s("x, ")}
                                    << s("The list has an empty value: remove the extra comma (write \"\" to match an "
                                         "empty text).");
    QTest::newRow("bad list value") << RowText{s("a"), Op::In, s("x, \"y")}
                                    << s("\"y starts with a quote but is not one complete quoted text: end it with \" "
                                         "and write \\\" for a quote inside it.");
    QTest::newRow("exists yes") << RowText{s("a"), Op::Exists, s("yes")}
                                << s("Write true (the field must be present) or false (it must be missing).");
    QTest::newRow("exists empty") << RowText{s("a"), Op::Exists, s("")}
                                  << s("Write true (the field must be present) or false (it must be missing).");
    QTest::newRow("exists quoted") << RowText{s("a"), Op::Exists, s("\"true\"")}
                                   << s("Write true (the field must be present) or false (it must be missing).");
}

void tst_SelectorRowsModel::rowErrors()
{
    QFETCH(RowText, row);
    QFETCH(QString, error);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s("ok"), Op::Eq, s("1")}, row});
    QCOMPARE(model.rowError(0), QString());
    QCOMPARE(model.rowError(1), error);
    QVERIFY(model.hasErrors());
    QCOMPARE(model.json(), std::nullopt);
    QCOMPARE(model.selector(), std::nullopt);
    for (int c = 0; c < Model::ColumnCount; ++c) {
        QCOMPARE(model.index(1, c).data(Model::ErrorRole).toString(), error);
        QCOMPARE(model.index(1, c).data(Qt::ToolTipRole).toString(), error);
    }
    // The typed text stays as it was, so the operator can correct it.
    QCOMPARE(rowsOf(model).at(1), row);

    // Removing the broken row makes the rest usable again.
    QVERIFY(model.removeRows(1, 1));
    QVERIFY(!model.hasErrors());
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"ok":1})")));
}

void tst_SelectorRowsModel::tooManyListValues()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QStringList values;
    for (int i = 0; i < Selector::kMaxInValues; ++i)
        values.append(QString::number(i));
    fill(model, {{s("n"), Op::In, values.join(u',')}});
    QCOMPARE(model.rowError(0), QString());
    const auto parsed = Selector::parse(*model.json());
    QVERIFY(parsed);
    QCOMPARE(parsed->root().condition.values.size(), Selector::kMaxInValues);

    values.append(s("x"));
    QVERIFY(model.setData(model.index(0, Model::ValueColumn), values.join(u',')));
    QCOMPARE(model.rowError(0), s("The list has 1001 values; at most 1000 are allowed."));
    QCOMPARE(model.json(), std::nullopt);
}

void tst_SelectorRowsModel::tooLongConditions_data()
{
    QTest::addColumn<RowText>("row");
    QTest::addColumn<bool>("fits");
    // {"f":"<text>"} is the text plus 8 bytes; "é" is two bytes of UTF-8.
    const int room = Selector::kMaxBytes - 8;
    QTest::newRow("plain text that fits") << RowText{s("f"), Op::Eq, QString(room, u'x')} << true;
    QTest::newRow("plain text one byte over") << RowText{s("f"), Op::Eq, QString(room + 1, u'x')} << false;
    QTest::newRow("two-byte characters over") << RowText{s("f"), Op::Eq, QString(room / 2 + 1, QChar(0xe9))} << false;
    QTest::newRow("quoted text that fits") << RowText{s("f"), Op::Eq, u'"' + QString(room, u'x') + u'"'} << true;
    QTest::newRow("quoted text over") << RowText{s("f"), Op::Eq, u'"' + QString(room + 1, u'x') + u'"'} << false;
    QTest::newRow("quoted text far over") << RowText{s("f"), Op::Eq, u'"' + QString(100000, u'x') + u'"'} << false;
    QStringList list(Selector::kMaxInValues, QString(70, u'v'));
    QTest::newRow("long list") << RowText{s("f"), Op::In, list.join(u',')} << false;
}

void tst_SelectorRowsModel::tooLongConditions()
{
    QFETCH(RowText, row);
    QFETCH(bool, fits);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {row});
    if (fits) {
        QCOMPARE(model.rowError(0), QString());
        const auto json = model.json();
        QVERIFY(json);
        QCOMPARE(json->toUtf8().size(), Selector::kMaxBytes);
        QVERIFY(Selector::parse(*json)); // the store's parser takes it
    } else {
        QCOMPARE(model.rowError(0), s("This condition is longer than a selector may be (64 KiB): shorten its values."));
        QCOMPARE(model.json(), std::nullopt);
    }
}

void tst_SelectorRowsModel::blankRowsIgnored()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s(""), Op::Eq, s("")}, {s("a"), Op::Eq, s("b")}, {s("  "), Op::Gt, s(" ")}, {s(""), Op::Exists, s("")}});
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(!model.hasErrors());
    for (int r = 0; r < 4; ++r)
        QCOMPARE(model.rowError(r), QString());
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"a":"b"})")));

    // Only blank rows: every row is selected, not an error.
    QVERIFY(model.removeRows(1, 1));
    QCOMPARE(model.json(), std::optional<QString>(s("{}")));
    QVERIFY(model.selector()->matchesAll());

    // A row becomes wrong as soon as one of its cells is filled, and blank again when emptied.
    QVERIFY(model.setData(model.index(0, Model::ValueColumn), s("x")));
    QCOMPARE(model.rowError(0), s("Enter the field to match, such as department or project.code."));
    QVERIFY(model.setData(model.index(0, Model::ValueColumn), s("")));
    QCOMPARE(model.rowError(0), QString());
    QCOMPARE(model.rowError(-1), QString());
    QCOMPARE(model.rowError(99), QString());
}

void tst_SelectorRowsModel::operatorLabels_data()
{
    QTest::addColumn<Op>("op");
    QTest::addColumn<QString>("label");
    QTest::newRow("eq") << Op::Eq << s("equals");
    QTest::newRow("ne") << Op::Ne << s("not equal");
    QTest::newRow("gt") << Op::Gt << s("greater than");
    QTest::newRow("gte") << Op::Gte << s("at least");
    QTest::newRow("lt") << Op::Lt << s("less than");
    QTest::newRow("lte") << Op::Lte << s("at most");
    QTest::newRow("in") << Op::In << s("is one of");
    QTest::newRow("exists") << Op::Exists << s("exists");
}

void tst_SelectorRowsModel::operatorLabels()
{
    QFETCH(Op, op);
    QFETCH(QString, label);
    QCOMPARE(Model::operatorLabel(op), label);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s("f"), op, s("true")}});
    const QModelIndex cell = model.index(0, Model::OperatorColumn);
    QCOMPARE(cell.data(Qt::DisplayRole).toString(), label);
    QCOMPARE(cell.data(Qt::EditRole).toInt(), int(op));
    QCOMPARE(model.index(0, Model::FieldColumn).data(Model::OperatorRole).toInt(), int(op));
}

void tst_SelectorRowsModel::operatorEdits()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s("n"), Op::Eq, s("5")}});
    const QModelIndex cell = model.index(0, Model::OperatorColumn);
    QVERIFY(model.setData(cell, s("$gte")));
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"n":{"$gte":5}})")));
    QVERIFY(model.setData(cell, int(Op::Lt), Model::OperatorRole));
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"n":{"$lt":5}})")));
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), s("$lt"));
    QVERIFY(model.setData(cell, s("is one of"))); // a combo box's text
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"n":{"$in":[5]}})")));
    QVERIFY(model.setData(cell, s("$lt")));
    QVERIFY(!model.setData(cell, 8));
    QVERIFY(!model.setData(cell, -1));
    QVERIFY(!model.setData(cell, s("$regex")));
    QVERIFY(!model.setData(cell, int(Op::Eq), Qt::ToolTipRole));
    QVERIFY(!model.setData(model.index(0, Model::ValueColumn), s("x"), Qt::ToolTipRole));
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"n":{"$lt":5}})")));
    // A change of operator checks the value again.
    QVERIFY(model.setData(cell, int(Op::Exists)));
    QCOMPARE(model.rowError(0), s("Write true (the field must be present) or false (it must be missing)."));
    QVERIFY(model.flags(cell).testFlag(Qt::ItemIsEditable));
    QCOMPARE(model.headerData(Model::FieldColumn, Qt::Horizontal).toString(), s("Field"));
    QCOMPARE(model.headerData(Model::OperatorColumn, Qt::Horizontal).toString(), s("Operator"));
    QCOMPARE(model.headerData(Model::ValueColumn, Qt::Horizontal).toString(), s("Value"));
    QCOMPARE(model.roleNames().value(Model::ErrorRole), QByteArray("error"));
    QCOMPARE(model.roleNames().value(Model::OperatorRole), QByteArray("selectorOperator"));
    QCOMPARE(model.roleNames().value(Qt::DisplayRole), QByteArray("display"));
}

void tst_SelectorRowsModel::editSignals()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s("a"), Op::Eq, s("1")}, {s("b"), Op::Eq, s("2")}});
    QSignalSpy changed(&model, &Model::selectorChanged);
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(model.setData(model.index(1, Model::ValueColumn), s("x y")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dataChanged.count(), 1);
    // The whole row: its error shows on every cell.
    QCOMPARE(dataChanged.at(0).at(0).toModelIndex(), model.index(1, 0));
    QCOMPARE(dataChanged.at(0).at(1).toModelIndex(), model.index(1, Model::ColumnCount - 1));
    const auto roles = dataChanged.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(Qt::ToolTipRole));
    QVERIFY(roles.contains(Model::ErrorRole));

    // The same text again changes nothing.
    QVERIFY(model.setData(model.index(1, Model::ValueColumn), s("x y")));
    QVERIFY(model.setData(model.index(1, Model::OperatorColumn), int(Op::Eq)));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dataChanged.count(), 1);
    QCOMPARE(model.json(), std::optional<QString>(s(R"({"a":1,"b":"x y"})")));
}

void tst_SelectorRowsModel::rowSignals()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(&model, &Model::selectorChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QCOMPARE(model.addRow(), 0);
    QCOMPARE(model.addRow(), 1);
    QCOMPARE(model.addRow(), 2);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2);
    QCOMPARE(inserted.at(2).at(2).toInt(), 2);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.index(2, Model::OperatorColumn).data(Qt::EditRole).toInt(), int(Op::Eq));

    QVERIFY(!model.removeRows(2, 2));
    QVERIFY(!model.removeRows(-1, 1));
    QVERIFY(!model.removeRows(0, 0));
    QVERIFY(!model.removeRows(0, 1, model.index(0, 0)));
    QCOMPARE(removed.count(), 0);
    QVERIFY(model.removeRows(0, 2));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(changed.count(), 4);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 5);
    model.clear(); // already empty: nothing happens
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 5);
}

void tst_SelectorRowsModel::setJsonSignals()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fill(model, {{s("old"), Op::Eq, s("x")}});
    QSignalSpy changed(&model, &Model::selectorChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.setJson(s(R"({"a": {"$in": [1, 2]}, "b": {"$exists": true}})")));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(rowsOf(model), (Rows{{s("a"), Op::In, s("1, 2")}, {s("b"), Op::Exists, s("true")}}));
    QVERIFY(model.setJson(s("{}")));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(changed.count(), 2);
}

QTEST_GUILESS_MAIN(tst_SelectorRowsModel)
#include "tst_selectorrowsmodel.moc"
