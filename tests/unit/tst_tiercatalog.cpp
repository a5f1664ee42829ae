#include "models/store/tiercatalog.h"

#include <QtTest>

#include <algorithm>

using namespace tc;

Q_DECLARE_METATYPE(tc::Tier)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

// The resources of tenancy.resources (resources/sql/0001_init.sql); every tier limits each.
const QStringList kResourceKeys = {
    QStringLiteral("api_keys"),           QStringLiteral("budget_usd_monthly"), QStringLiteral("concurrent_queries"),
    QStringLiteral("items"),              QStringLiteral("max_result_bytes"),   QStringLiteral("queries_per_minute"),
    QStringLiteral("query_timeout_seconds"), QStringLiteral("storage_bytes"),   QStringLiteral("users"),
};

QStringList sortedKeys(const TierPreset &preset)
{
    QStringList keys;
    for (const auto &quota : preset.quotas)
        keys << quota.first;
    keys.sort();
    return keys;
}

// nullopt when the preset does not name the resource at all; the inner optional is the limit.
std::optional<std::optional<qint64>> limitOf(const TierPreset &preset, const QString &resource)
{
    for (const auto &quota : preset.quotas) {
        if (quota.first == resource)
            return quota.second;
    }
    return std::nullopt;
}

// Unlimited compares above every limit.
bool atMost(const std::optional<qint64> &lower, const std::optional<qint64> &higher)
{
    if (!higher)
        return true;
    return lower && *lower <= *higher;
}

// A valid document, with one placeholder the invalid rows replace.
QByteArray tiersDocument(const QByteArray &professionalQuotas = R"({"items": 2000, "users": null})")
{
    return R"({"tiers": [)"
           R"({"key": "starter", "display_name": "Starter", "quotas": {"items": 100, "users": 5}},)"
           R"({"key": "professional", "display_name": "Professional", "quotas": )"
           + professionalQuotas
           + R"(},)"
             R"({"key": "enterprise", "display_name": "Enterprise", "quotas": {"items": null, "users": null}})"
             R"(]})";
}

} // namespace

class tst_TierCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledTiersInOrder();
    void bundledLimit_data();
    void bundledLimit();
    void bundledResourceKeys();
    void limitsGrowWithTier_data();
    void limitsGrowWithTier();
    void presetLookup_data();
    void presetLookup();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
};

void tst_TierCatalog::bundledTiersInOrder()
{
    const QList<TierPreset> &presets = TierCatalog::bundled();
    QCOMPARE(presets.size(), qsizetype(3));
    QCOMPARE(tierKey(presets.at(0).tier), QStringLiteral("starter"));
    QCOMPARE(tierKey(presets.at(1).tier), QStringLiteral("professional"));
    QCOMPARE(tierKey(presets.at(2).tier), QStringLiteral("enterprise"));
    QCOMPARE(presets.at(0).displayName, QStringLiteral("Starter"));
    QCOMPARE(presets.at(1).displayName, QStringLiteral("Professional"));
    QCOMPARE(presets.at(2).displayName, QStringLiteral("Enterprise"));
}

void tst_TierCatalog::bundledLimit_data()
{
    QTest::addColumn<Tier>("tier");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<std::optional<qint64>>("limit");

    using L = std::optional<qint64>;
    QTest::newRow("starter items") << Tier::Starter << QStringLiteral("items") << L(100000);
    QTest::newRow("starter storage_bytes") << Tier::Starter << QStringLiteral("storage_bytes") << L(10000000000);
    QTest::newRow("starter concurrent_queries") << Tier::Starter << QStringLiteral("concurrent_queries") << L(5);
    QTest::newRow("professional items") << Tier::Professional << QStringLiteral("items") << L(2000000);
    QTest::newRow("professional queries_per_minute")
        << Tier::Professional << QStringLiteral("queries_per_minute") << L(6000);
    QTest::newRow("professional budget_usd_monthly")
        << Tier::Professional << QStringLiteral("budget_usd_monthly") << L(5000);
    QTest::newRow("enterprise storage_bytes (above 2^32)")
        << Tier::Enterprise << QStringLiteral("storage_bytes") << L(5000000000000);
    QTest::newRow("enterprise query_timeout_seconds")
        << Tier::Enterprise << QStringLiteral("query_timeout_seconds") << L(3600);
    QTest::newRow("enterprise concurrent_queries unlimited")
        << Tier::Enterprise << QStringLiteral("concurrent_queries") << L();
    QTest::newRow("enterprise users unlimited") << Tier::Enterprise << QStringLiteral("users") << L();
    QTest::newRow("enterprise budget_usd_monthly unlimited")
        << Tier::Enterprise << QStringLiteral("budget_usd_monthly") << L();
}

void tst_TierCatalog::bundledLimit()
{
    QFETCH(Tier, tier);
    QFETCH(QString, resource);
    QFETCH(std::optional<qint64>, limit);

    const TierPreset *preset = TierCatalog::preset(tier);
    QVERIFY(preset);
    const auto actual = limitOf(*preset, resource);
    QVERIFY2(actual.has_value(), qPrintable(resource));
    QCOMPARE(actual->has_value(), limit.has_value());
    if (limit)
        QCOMPARE(**actual, *limit);
}

void tst_TierCatalog::bundledResourceKeys()
{
    for (const TierPreset &preset : TierCatalog::bundled())
        QCOMPARE(sortedKeys(preset), kResourceKeys);
}

void tst_TierCatalog::limitsGrowWithTier_data()
{
    QTest::addColumn<QString>("resource");

    for (const QString &key : kResourceKeys)
        QTest::newRow(qPrintable(key)) << key;
}

// A higher tier never offers less: where all three are limited the limits do not shrink,
// and a resource unlimited in one tier stays unlimited above it.
void tst_TierCatalog::limitsGrowWithTier()
{
    QFETCH(QString, resource);

    const auto starter = limitOf(*TierCatalog::preset(Tier::Starter), resource);
    const auto professional = limitOf(*TierCatalog::preset(Tier::Professional), resource);
    const auto enterprise = limitOf(*TierCatalog::preset(Tier::Enterprise), resource);
    QVERIFY(starter && professional && enterprise);
    QVERIFY2(atMost(*starter, *professional), "starter offers more than professional");
    QVERIFY2(atMost(*professional, *enterprise), "professional offers more than enterprise");
}

void tst_TierCatalog::presetLookup_data()
{
    QTest::addColumn<Tier>("tier");
    QTest::addColumn<QString>("displayName");

    QTest::newRow("starter") << Tier::Starter << QStringLiteral("Starter");
    QTest::newRow("professional") << Tier::Professional << QStringLiteral("Professional");
    QTest::newRow("enterprise") << Tier::Enterprise << QStringLiteral("Enterprise");
}

void tst_TierCatalog::presetLookup()
{
    QFETCH(Tier, tier);
    QFETCH(QString, displayName);

    const TierPreset *preset = TierCatalog::preset(tier);
    QVERIFY(preset);
    QCOMPARE(tierKey(preset->tier), tierKey(tier));
    QCOMPARE(preset->displayName, displayName);
}

void tst_TierCatalog::parseValid()
{
    const Result<QList<TierPreset>> parsed = TierCatalog::parse(tiersDocument());
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->size(), qsizetype(3));

    const TierPreset &professional = parsed->at(1);
    QCOMPARE(tierKey(professional.tier), QStringLiteral("professional"));
    QCOMPARE(professional.displayName, QStringLiteral("Professional"));
    QCOMPARE(professional.quotas.size(), qsizetype(2));
    const auto items = limitOf(professional, QStringLiteral("items"));
    QVERIFY(items && items->has_value());
    QCOMPARE(**items, qint64(2000));
    const auto users = limitOf(professional, QStringLiteral("users"));
    QVERIFY(users);
    QVERIFY(!users->has_value());
}

void tst_TierCatalog::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedInMessage");

    QTest::newRow("not JSON") << QByteArray("tiers: [starter]") << QStringLiteral("tiers.json is not valid JSON");
    QTest::newRow("truncated") << tiersDocument().chopped(3) << QStringLiteral("tiers.json is not valid JSON");
    QTest::newRow("unknown tier key")
        << QByteArray(R"({"tiers": [{"key": "gold", "quotas": {}}]})")
        << QStringLiteral("tiers.json names an unknown tier \"gold\".");
    QTest::newRow("tier key in wrong case")
        << QByteArray(R"({"tiers": [{"key": "Starter", "quotas": {}}]})")
        << QStringLiteral("tiers.json names an unknown tier \"Starter\".");
    QTest::newRow("negative limit") << tiersDocument(R"({"items": -1})")
                                    << QStringLiteral("tiers.json: professional.items must be a non-negative number or null.");
    QTest::newRow("string limit") << tiersDocument(R"({"users": "200"})")
                                  << QStringLiteral("tiers.json: professional.users must be a non-negative number or null.");
    QTest::newRow("only two tiers")
        << QByteArray(R"({"tiers": [{"key": "starter", "quotas": {"items": 1}},)"
                      R"({"key": "professional", "quotas": {"items": 2}}]})")
        << QStringLiteral("tiers.json must define starter, professional and enterprise.");
    QTest::newRow("no tiers array") << QByteArray(R"({"presets": []})")
                                    << QStringLiteral("tiers.json must define starter, professional and enterprise.");
    QTest::newRow("top-level array") << QByteArray("[]")
                                     << QStringLiteral("tiers.json must define starter, professional and enterprise.");
    QTest::newRow("one tier three times")
        << QByteArray(R"({"tiers": [{"key": "starter", "quotas": {}}, {"key": "starter", "quotas": {}},)"
                      R"({"key": "starter", "quotas": {}}]})")
        << QStringLiteral("tiers.json defines \"starter\" twice.");
}

void tst_TierCatalog::parseInvalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedInMessage);

    const Result<QList<TierPreset>> parsed = TierCatalog::parse(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::Validation);
    QVERIFY2(parsed.error().message.contains(expectedInMessage), qPrintable(parsed.error().message));
}

QTEST_APPLESS_MAIN(tst_TierCatalog)
#include "tst_tiercatalog.moc"
