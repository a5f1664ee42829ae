#include "models/domain/tenant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace tc;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class tst_TenantSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromJson_data();
    void fromJson();
    void toJsonKeepsUnknownKeys_data();
    void toJsonKeepsUnknownKeys();
    void roundTrip_data();
    void roundTrip();
};

void tst_TenantSettings::fromJson_data()
{
    QTest::addColumn<QJsonObject>("settings");
    QTest::addColumn<QStringList>("features");
    QTest::addColumn<bool>("inheritFeatures");
    QTest::addColumn<int>("retentionDays");
    QTest::addColumn<bool>("preventDeletion");

    QTest::newRow("empty: defaults") << QJsonObject() << QStringList() << false << 90 << false;
    QTest::newRow("all keys") << json(R"({"features":["sso","export"],"inherit_features":true,)"
                                      R"("retention_days":30,"prevent_deletion":true})")
                              << QStringList{QStringLiteral("sso"), QStringLiteral("export")} << true << 30 << true;
    QTest::newRow("duplicate and non-string features dropped")
        << json(R"({"features":["sso",1,"sso",null,"analytics"]})")
        << QStringList{QStringLiteral("sso"), QStringLiteral("analytics")} << false << 90 << false;
    QTest::newRow("wrong types fall back") << json(R"({"features":"sso","inherit_features":"yes","retention_days":"x"})")
                                           << QStringList() << false << 90 << false;
    QTest::newRow("unknown keys ignored") << json(R"({"colour":"blue","retention_days":7})") << QStringList() << false
                                          << 7 << false;
}

void tst_TenantSettings::fromJson()
{
    QFETCH(QJsonObject, settings);
    QFETCH(QStringList, features);
    QFETCH(bool, inheritFeatures);
    QFETCH(int, retentionDays);
    QFETCH(bool, preventDeletion);

    const TenantSettings s = TenantSettings::fromJson(settings);
    QCOMPARE(s.features, features);
    QCOMPARE(s.inheritFeatures, inheritFeatures);
    QCOMPARE(s.retentionDays, retentionDays);
    QCOMPARE(s.preventDeletion, preventDeletion);
}

void tst_TenantSettings::toJsonKeepsUnknownKeys_data()
{
    QTest::addColumn<QJsonObject>("base");
    QTest::addColumn<QString>("expected"); // compact JSON, keys sorted

    QTest::newRow("no base") << QJsonObject()
                             << QStringLiteral(R"({"features":["sso"],"inherit_features":true,"prevent_deletion":false,)"
                                               R"("retention_days":14})");
    QTest::newRow("unknown keys kept")
        << json(R"({"colour":"blue","limits":{"a":1},"features":["old"],"retention_days":90})")
        << QStringLiteral(R"({"colour":"blue","features":["sso"],"inherit_features":true,"limits":{"a":1},)"
                          R"("prevent_deletion":false,"retention_days":14})");
}

void tst_TenantSettings::toJsonKeepsUnknownKeys()
{
    QFETCH(QJsonObject, base);
    QFETCH(QString, expected);

    TenantSettings s;
    s.features = {QStringLiteral("sso")};
    s.inheritFeatures = true;
    s.retentionDays = 14;
    const QJsonObject out = s.toJson(base);
    QCOMPARE(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)), expected);
}

void tst_TenantSettings::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("stored");

    QTest::newRow("known keys only") << json(R"({"features":["analytics","sso"],"inherit_features":false,)"
                                             R"("prevent_deletion":true,"retention_days":365})");
    QTest::newRow("with unknown keys") << json(R"({"features":[],"inherit_features":true,"prevent_deletion":false,)"
                                               R"("retention_days":90,"x-billing":{"plan":"gold"},"notes":"keep me"})");
}

void tst_TenantSettings::roundTrip()
{
    QFETCH(QJsonObject, stored);

    // Read, write back over the stored object: nothing is lost or changed.
    const TenantSettings s = TenantSettings::fromJson(stored);
    QCOMPARE(s.toJson(stored), stored);
    QCOMPARE(TenantSettings::fromJson(s.toJson()).toJson(stored), stored);
}

QTEST_APPLESS_MAIN(tst_TenantSettings)
#include "tst_tenantsettings.moc"
