#include "models/domain/tenant.h"

#include <QtTest>

using namespace tc;

Q_DECLARE_METATYPE(tc::TenantChange::Operation)
Q_DECLARE_METATYPE(std::optional<qint64>)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {

// Fixed ids, written as PostgreSQL prints a uuid inside jsonb.
const QUuid kTenant = QUuid::fromString(u"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
const QUuid kParent = QUuid::fromString(u"11111111-2222-4333-8444-555555555555");
const QUuid kOldParent = QUuid::fromString(u"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

} // namespace

class tst_TenantChange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validPayload_data();
    void validPayload();
    void malformedPayload_data();
    void malformedPayload();
    void fraction_data();
    void fraction();
};

void tst_TenantChange::validPayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<TenantChange::Operation>("operation");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QUuid>("tenantId");
    QTest::addColumn<QUuid>("parentId");
    QTest::addColumn<QUuid>("oldParentId");

    using Op = TenantChange::Operation;
    QTest::newRow("tenants INSERT")
        << QByteArray(R"({"op": "INSERT", "table": "tenants", "parent": "11111111-2222-4333-8444-555555555555",)"
                      R"( "tenant": "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "old_parent": null})")
        << Op::Insert << QStringLiteral("tenants") << kTenant << kParent << QUuid();
    QTest::newRow("tenants INSERT top level")
        << QByteArray(R"({"op":"INSERT","table":"tenants","parent":null,)"
                      R"("tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b","old_parent":null})")
        << Op::Insert << QStringLiteral("tenants") << kTenant << QUuid() << QUuid();
    QTest::newRow("tenants UPDATE in place")
        << QByteArray(R"({"table":"tenants","op":"UPDATE","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",)"
                      R"("parent":"11111111-2222-4333-8444-555555555555","old_parent":null})")
        << Op::Update << QStringLiteral("tenants") << kTenant << kParent << QUuid();
    QTest::newRow("tenants UPDATE move")
        << QByteArray(R"({"table":"tenants","op":"UPDATE","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",)"
                      R"("parent":"11111111-2222-4333-8444-555555555555",)"
                      R"("old_parent":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"})")
        << Op::Update << QStringLiteral("tenants") << kTenant << kParent << kOldParent;
    QTest::newRow("tenants DELETE")
        << QByteArray(R"({"table":"tenants","op":"DELETE","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",)"
                      R"("parent":"11111111-2222-4333-8444-555555555555",)"
                      R"("old_parent":"11111111-2222-4333-8444-555555555555"})")
        << Op::Delete << QStringLiteral("tenants") << kTenant << kParent << kParent;
    QTest::newRow("quotas UPDATE without parent")
        << QByteArray(R"({"op": "UPDATE", "table": "quotas", "tenant": "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"})")
        << Op::Update << QStringLiteral("quotas") << kTenant << QUuid() << QUuid();
    QTest::newRow("braced uuid")
        << QByteArray(R"({"op":"DELETE","table":"quotas","tenant":"{6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b}"})")
        << Op::Delete << QStringLiteral("quotas") << kTenant << QUuid() << QUuid();
}

void tst_TenantChange::validPayload()
{
    QFETCH(QByteArray, payload);
    QFETCH(TenantChange::Operation, operation);
    QFETCH(QString, table);
    QFETCH(QUuid, tenantId);
    QFETCH(QUuid, parentId);
    QFETCH(QUuid, oldParentId);

    const std::optional<TenantChange> change = TenantChange::fromPayload(payload);
    QVERIFY(change.has_value());
    QCOMPARE(change->operation, operation);
    QCOMPARE(change->table, table);
    QCOMPARE(change->tenantId, tenantId);
    QCOMPARE(change->parentId, parentId);
    QCOMPARE(change->oldParentId, oldParentId);
}

void tst_TenantChange::malformedPayload_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("tenants UPDATE 6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    QTest::newRow("truncated JSON") << QByteArray(R"({"table":"tenants","op":"UPDATE","tenant":"6f1c)");
    QTest::newRow("JSON array")
        << QByteArray(R"([{"table":"tenants","op":"UPDATE","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"}])");
    QTest::newRow("unknown op")
        << QByteArray(R"({"table":"tenants","op":"TRUNCATE","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"})");
    QTest::newRow("lower-case op")
        << QByteArray(R"({"table":"tenants","op":"update","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"})");
    QTest::newRow("missing op") << QByteArray(R"({"table":"tenants","tenant":"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"})");
    QTest::newRow("missing tenant")
        << QByteArray(R"({"table":"tenants","op":"UPDATE","parent":"11111111-2222-4333-8444-555555555555"})");
    QTest::newRow("null tenant") << QByteArray(R"({"table":"quotas","op":"INSERT","tenant":null})");
    QTest::newRow("tenant not a uuid") << QByteArray(R"({"table":"quotas","op":"INSERT","tenant":"acme-corp"})");
    QTest::newRow("tenant a number") << QByteArray(R"({"table":"quotas","op":"INSERT","tenant":42})");
}

void tst_TenantChange::malformedPayload()
{
    QFETCH(QByteArray, payload);

    QVERIFY(!TenantChange::fromPayload(payload).has_value());
}

void tst_TenantChange::fraction_data()
{
    QTest::addColumn<std::optional<qint64>>("used");
    QTest::addColumn<std::optional<qint64>>("limit");
    QTest::addColumn<std::optional<double>>("expected");

    using Q = std::optional<qint64>;
    using F = std::optional<double>;
    QTest::newRow("quarter") << Q(50) << Q(200) << F(0.25);
    QTest::newRow("nothing used") << Q(0) << Q(200) << F(0.0);
    QTest::newRow("full") << Q(200) << Q(200) << F(1.0);
    QTest::newRow("over quota") << Q(300) << Q(200) << F(1.5);
    QTest::newRow("zero limit, nothing used") << Q(0) << Q(0) << F(0.0);
    QTest::newRow("zero limit, some used") << Q(5) << Q(0) << F(1.0);
    QTest::newRow("unlimited") << Q(50) << Q() << F();
    QTest::newRow("usage unknown") << Q() << Q(200) << F();
    QTest::newRow("both unknown") << Q() << Q() << F();
}

void tst_TenantChange::fraction()
{
    QFETCH(std::optional<qint64>, used);
    QFETCH(std::optional<qint64>, limit);
    QFETCH(std::optional<double>, expected);

    const std::optional<double> actual = UsageLimit{used, limit}.fraction();
    QCOMPARE(actual.has_value(), expected.has_value());
    if (expected)
        QCOMPARE(*actual, *expected);
}

QTEST_APPLESS_MAIN(tst_TenantChange)
#include "tst_tenantchange.moc"
