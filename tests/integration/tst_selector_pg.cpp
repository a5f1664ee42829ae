// Compiled selectors executed by a real PostgreSQL over tenancy.memories: the exact set of rows
// each operator matches, including type mismatches, missing fields, JSON null, array indexes,
// numeric equality across spellings (100 = 1e2 = 100.0), bytewise string order, huge numbers
// and unicode; and that hostile values are inert parameters (the table survives, nothing else
// matches). Rows are written as the cluster's superuser, who owns the schema.

#include "models/domain/selector.h"
#include "tests/support/pgtestdatabase.h"

#include <QtTest>

#include <libpq-fe.h>

#include <memory>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kNines400(400, u'9');

// JSON written with ` for " (moc cannot read raw string literals holding quotes).
QString J(const char *json)
{
    return QString::fromUtf8(json).replace(u'`', u'"');
}

// Each row's content is its name; the names of the matching rows are compared sorted.
const QList<std::pair<const char *, QString>> kRows = {
    {"mk1", J("{`department`: `marketing`, `date`: `2023-02-01`, `n`: 5, `flag`: true}")},
    {"mk2", J("{`department`: `marketing`, `date`: `2022-12-31`, `n`: 10.0, `flag`: `true`}")},
    {"sales", J("{`department`: `sales`, `date`: `2023-06-01`, `n`: `5`, `flag`: false}")},
    {"nul", J("{`department`: null, `n`: -1, `nested`: {`a`: {`b`: `deep`}}}")},
    {"empty", QStringLiteral("{}")},
    {"arr", J("{`department`: [`marketing`], `date`: 20230101, `n`: 100, `tags`: [`x`, `y`]}")},
    {"evil", J("{`department`: `'; DROP TABLE x; --`, `n`: 1e2, `quote`: `a\\`b\\\\c`}")},
    {"big", J("{`big`: %1, `date`: `2023-01-01`, `u`: `caf\\u00e9 \\ud83d\\ude00`}").arg(kNines400)},
};

struct PgConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
struct PgResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

} // namespace

class TstSelectorPg : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matches_data();
    void matches();
    void hostileValuesAreInert();

private:
    // Runs `sql` with text parameters; on error returns null and sets `error`.
    PgResult run(const QString &sql, const QStringList &params, QString *error) const;
    QString matching(const QString &selector, QString *error) const;

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PGconn, PgConnDeleter> m_conn;
    QString m_tenant;
};

PgResult TstSelectorPg::run(const QString &sql, const QStringList &params, QString *error) const
{
    std::vector<QByteArray> bytes;
    std::vector<const char *> values;
    bytes.reserve(size_t(params.size()));
    for (const QString &p : params)
        bytes.push_back(p.toUtf8());
    for (const QByteArray &b : bytes)
        values.push_back(b.constData());
    PgResult r(PQexecParams(m_conn.get(), sql.toUtf8().constData(), int(values.size()), nullptr, values.data(),
                            nullptr, nullptr, 0));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        *error = QString::fromUtf8(PQresultErrorMessage(r.get())) + QStringLiteral(" in: ") + sql;
        return nullptr;
    }
    return r;
}

QString TstSelectorPg::matching(const QString &selector, QString *error) const
{
    SelectorError parseError;
    const auto s = Selector::parse(selector, &parseError);
    if (!s) {
        *error = parseError.message();
        return {};
    }
    const CompiledSelector c = s->compile(QStringLiteral("m.metadata"), 2);
    const QString sql = QStringLiteral("SELECT coalesce(string_agg(m.content, ',' ORDER BY m.content COLLATE \"C\"), '') "
                                       "FROM tenancy.memories m WHERE m.tenant_id = $1 AND %1").arg(c.sql);
    PgResult r = run(sql, QStringList{m_tenant} + c.params, error);
    return r ? QString::fromUtf8(PQgetvalue(r.get(), 0, 0)) : QString();
}

void TstSelectorPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_selector_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    m_conn.reset(PQconnectdb(m_db->conninfo().toUtf8().constData()));
    QVERIFY2(PQstatus(m_conn.get()) == CONNECTION_OK, PQerrorMessage(m_conn.get()));

    QString error;
    PgResult t = run(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('sel', 'Selector') RETURNING id"), {}, &error);
    QVERIFY2(t, qPrintable(error));
    m_tenant = QString::fromUtf8(PQgetvalue(t.get(), 0, 0));
    // A second tenant with a matching row: the tenant condition must keep it out.
    PgResult other = run(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('other', 'Other') RETURNING id"), {}, &error);
    QVERIFY2(other, qPrintable(error));
    QVERIFY2(run(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content, metadata) VALUES ($1, 'other', '{\"department\": \"marketing\"}')"),
                 {QString::fromUtf8(PQgetvalue(other.get(), 0, 0))}, &error),
             qPrintable(error));
    for (const auto &[name, metadata] : kRows) {
        QVERIFY2(run(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content, metadata) VALUES ($1, $2, $3::jsonb)"),
                     {m_tenant, QString::fromLatin1(name), metadata}, &error),
                 qPrintable(error));
    }
    // The big number is stored exactly (jsonb numbers are numeric).
    PgResult big = run(QStringLiteral("SELECT metadata->>'big' FROM tenancy.memories WHERE content = 'big'"), {}, &error);
    QVERIFY2(big, qPrintable(error));
    QCOMPARE(QString::fromUtf8(PQgetvalue(big.get(), 0, 0)), kNines400);
}

void TstSelectorPg::matches_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("rows");

    auto row = [](const char *name, const QString &selector, const char *rows) {
        QTest::newRow(name) << selector << QString::fromLatin1(rows);
    };
    row("everything", QStringLiteral("{}"), "arr,big,empty,evil,mk1,mk2,nul,sales");
    row("eq string (an array holding it is not equal)", J("{`department`: `marketing`}"), "mk1,mk2");
    row("issue example", J("{`department`: `marketing`, `date`: {`$gt`: `2023-01-01`}}"), "mk1");
    row("gt string: ISO dates, number of another type excluded", J("{`date`: {`$gt`: `2023-01-01`}}"), "mk1,sales");
    row("gte string", J("{`date`: {`$gte`: `2023-01-01`}}"), "big,mk1,sales");
    row("lt string", J("{`date`: {`$lt`: `2023-01-01`}}"), "mk2");
    row("lte number: only the numeric date", J("{`date`: {`$lte`: 30000000}}"), "arr");
    row("strings compare bytewise", J("{`department`: {`$lt`: `Z`}}"), "evil");
    row("gt number: string \"5\" excluded, 10.0 and 1e2 numeric", J("{`n`: {`$gt`: 5}}"), "arr,evil,mk2");
    row("gte number", J("{`n`: {`$gte`: 5}}"), "arr,evil,mk1,mk2");
    row("lt number", J("{`n`: {`$lt`: 0}}"), "nul");
    row("lte number with exponent", J("{`n`: {`$lte`: 1E1}}"), "mk1,mk2,nul");
    row("eq number is typed", J("{`n`: 5}"), "mk1");
    row("eq string is typed", J("{`n`: `5`}"), "sales");
    row("eq number across spellings", J("{`n`: 100}"), "arr,evil");
    row("eq number written 1.00E2", J("{`n`: {`$eq`: 1.00E2}}"), "arr,evil");
    row("ne: missing fields match", J("{`department`: {`$ne`: `marketing`}}"), "arr,big,empty,evil,nul,sales");
    row("eq null: only a JSON null", J("{`department`: null}"), "nul");
    row("ne null", J("{`department`: {`$ne`: null}}"), "arr,big,empty,evil,mk1,mk2,sales");
    row("exists true counts JSON null", J("{`department`: {`$exists`: true}}"), "arr,evil,mk1,mk2,nul,sales");
    row("exists false", J("{`department`: {`$exists`: false}}"), "big,empty");
    row("dotted path", J("{`nested.a.b`: `deep`}"), "nul");
    row("dotted path exists", J("{`nested.a`: {`$exists`: true}}"), "nul");
    row("path through a string does not exist", J("{`nested.a.b.c`: {`$exists`: true}}"), "");
    row("integer segment indexes an array", J("{`tags.1`: `y`}"), "arr");
    row("in with null", J("{`department`: {`$in`: [`sales`, `marketing`, null]}}"), "mk1,mk2,nul,sales");
    row("in mixed types", J("{`n`: {`$in`: [100, `5`]}}"), "arr,evil,sales");
    row("in never matches missing", J("{`big`: {`$in`: [1, null]}}"), "");
    row("gt boolean: a string \"true\" excluded", J("{`flag`: {`$gt`: false}}"), "mk1");
    row("eq boolean", J("{`flag`: true}"), "mk1");
    row("or", J("{`$or`: [{`department`: `sales`}, {`n`: {`$lt`: 0}}]}"), "nul,sales");
    row("or and ne", J("{`$or`: [{`flag`: {`$exists`: true}}, {`big`: {`$exists`: true}}], `n`: {`$ne`: 5}}"), "big,mk2,sales");
    row("and of ranges", J("{`n`: {`$gt`: 0, `$lt`: 50}}"), "mk1,mk2");
    row("hostile value is a value", J("{`department`: `'; DROP TABLE x; --`}"), "evil");
    row("quotes and backslashes", J("{`quote`: `a\\`b\\\\c`}"), "evil");
    row("hostile $in", J("{`department`: {`$in`: [`'; DROP TABLE x; --`, `$1`, `\\`)`, `' OR '1'='1`]}}"), "evil");
    row("hostile range", J("{`department`: {`$gte`: `' OR 1=1 --`}}"), "evil,mk1,mk2,sales");
    row("400-digit integer exactly", J("{`big`: %1}").arg(kNines400), "big");
    row("400-digit integer minus one is less", J("{`big`: {`$gt`: %1}}").arg(QString(399, u'9') + u'8'), "big");
    row("400-digit integer not greater than itself", J("{`big`: {`$gt`: %1}}").arg(kNines400), "");
    row("1e400 is above it", J("{`big`: {`$lt`: 1e400}}"), "big");
    row("1e400 never equal", J("{`big`: {`$gte`: 1e400}}"), "");
    row("unicode escapes", J("{`u`: `caf\\u00e9 \\ud83d\\ude00`}"), "big");
    row("tiny number", J("{`n`: {`$gt`: -1e-1000, `$lt`: 1e-1000}}"), "");
}

void TstSelectorPg::matches()
{
    QFETCH(QString, selector);
    QFETCH(QString, rows);
    QString error;
    const QString got = matching(selector, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(got, rows);
    // The negation is the complement: the expression is never NULL.
    const auto s = Selector::parse(selector);
    const CompiledSelector c = s->compile(QStringLiteral("m.metadata"), 2);
    PgResult r = run(QStringLiteral("SELECT count(*) FROM tenancy.memories m WHERE m.tenant_id = $1 AND NOT %1").arg(c.sql),
                     QStringList{m_tenant} + c.params, &error);
    QVERIFY2(r, qPrintable(error));
    const int matched = rows.isEmpty() ? 0 : int(rows.count(u',')) + 1;
    QCOMPARE(QString::fromUtf8(PQgetvalue(r.get(), 0, 0)).toInt(), int(kRows.size()) - matched);
}

void TstSelectorPg::hostileValuesAreInert()
{
    QString error;
    for (const QString &selector : {J("{`a`: `x'); DROP TABLE tenancy.memories; --`}"),
                                    J("{`a`: {`$gt`: `'||pg_sleep(10)||'`}}"),
                                    J("{`a`: {`$in`: [`$$; DELETE FROM tenancy.memories; $$`, `\\\\'`]}}"),
                                    J("{`department`: {`$lt`: `'; DROP TABLE x; --`}, `a`: {`$exists`: true}}")}) {
        QCOMPARE(matching(selector, &error), QString());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    // $ne with a hostile value on a missing field: every row (Mongo-like), nothing executed.
    QCOMPARE(matching(J("{`a`: {`$ne`: `\\`}'::jsonb); TRUNCATE tenancy.memories; --`}}"), &error),
             QStringLiteral("arr,big,empty,evil,mk1,mk2,nul,sales"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PgResult r = run(QStringLiteral("SELECT count(*) FROM tenancy.memories"), {}, &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(QString::fromUtf8(PQgetvalue(r.get(), 0, 0)), QString::number(kRows.size() + 1));
}

QTEST_GUILESS_MAIN(TstSelectorPg)
#include "tst_selector_pg.moc"
