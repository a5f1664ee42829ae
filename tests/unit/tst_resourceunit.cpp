#include "models/domain/resourceunit.h"

#include <QtTest>

using namespace tc;

Q_DECLARE_METATYPE(tc::ResourceUnit)
Q_DECLARE_METATYPE(std::optional<qint64>)

class tst_ResourceUnit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatQuantity_data();
    void formatQuantity();
    void formatUsage_data();
    void formatUsage();
    void keyRoundTrip_data();
    void keyRoundTrip();
    void unknownKey_data();
    void unknownKey();
};

void tst_ResourceUnit::formatQuantity_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<QString>("expected");

    using U = ResourceUnit;
    QTest::newRow("count 0") << qint64(0) << U::Count << QStringLiteral("0");
    QTest::newRow("count 999") << qint64(999) << U::Count << QStringLiteral("999");
    QTest::newRow("count 1000") << qint64(1000) << U::Count << QStringLiteral("1K");
    QTest::newRow("count 1040") << qint64(1040) << U::Count << QStringLiteral("1K");
    QTest::newRow("count 1500") << qint64(1500) << U::Count << QStringLiteral("1.5K");
    QTest::newRow("count 9949") << qint64(9949) << U::Count << QStringLiteral("9.9K");
    QTest::newRow("count 12345") << qint64(12345) << U::Count << QStringLiteral("12K");
    QTest::newRow("count 999000") << qint64(999000) << U::Count << QStringLiteral("999K");
    QTest::newRow("count 1000000") << qint64(1000000) << U::Count << QStringLiteral("1M");
    QTest::newRow("count 1500000") << qint64(1500000) << U::Count << QStringLiteral("1.5M");
    QTest::newRow("count 12000000") << qint64(12000000) << U::Count << QStringLiteral("12M");
    QTest::newRow("count 2500000000") << qint64(2500000000) << U::Count << QStringLiteral("2.5G");
    QTest::newRow("count 10^12") << qint64(1000000000000) << U::Count << QStringLiteral("1T");
    QTest::newRow("count 10^15 (largest suffix)") << qint64(1000000000000000) << U::Count << QStringLiteral("1000T");
    QTest::newRow("count -1500") << qint64(-1500) << U::Count << QStringLiteral("-1.5K");
    // Values that round up to a whole number, or up into the next prefix: a reader expects
    // "2K", "10K" and "1M", never a trailing ".0" or "1000K".
    QTest::newRow("count 1999 rounds to 2K") << qint64(1999) << U::Count << QStringLiteral("2K");
    QTest::newRow("count 9960 rounds to 10K") << qint64(9960) << U::Count << QStringLiteral("10K");
    QTest::newRow("count 999999 rounds to 1M") << qint64(999999) << U::Count << QStringLiteral("1M");

    QTest::newRow("bytes 0") << qint64(0) << U::Bytes << QStringLiteral("0 B");
    QTest::newRow("bytes 500") << qint64(500) << U::Bytes << QStringLiteral("500 B");
    QTest::newRow("bytes 1000 (decimal kilo)") << qint64(1000) << U::Bytes << QStringLiteral("1 kB");
    QTest::newRow("bytes 1024 (not KiB)") << qint64(1024) << U::Bytes << QStringLiteral("1 kB");
    QTest::newRow("bytes 1500000") << qint64(1500000) << U::Bytes << QStringLiteral("1.5 MB");
    QTest::newRow("bytes 10^10") << qint64(10000000000) << U::Bytes << QStringLiteral("10 GB");
    QTest::newRow("bytes 2*10^11") << qint64(200000000000) << U::Bytes << QStringLiteral("200 GB");
    QTest::newRow("bytes 5*10^12") << qint64(5000000000000) << U::Bytes << QStringLiteral("5 TB");
    QTest::newRow("bytes 10^15") << qint64(1000000000000000) << U::Bytes << QStringLiteral("1 PB");
    QTest::newRow("bytes 10^18 (largest suffix)") << qint64(1000000000000000000) << U::Bytes
                                                  << QStringLiteral("1000 PB");

    QTest::newRow("per_minute 600") << qint64(600) << U::PerMinute << QStringLiteral("600/min");
    QTest::newRow("per_minute 1200") << qint64(1200) << U::PerMinute << QStringLiteral("1.2K/min");
    QTest::newRow("per_minute 60000") << qint64(60000) << U::PerMinute << QStringLiteral("60K/min");

    QTest::newRow("usd 0") << qint64(0) << U::Usd << QStringLiteral("$0");
    QTest::newRow("usd 500") << qint64(500) << U::Usd << QStringLiteral("$500");
    QTest::newRow("usd 5000") << qint64(5000) << U::Usd << QStringLiteral("$5K");
    QTest::newRow("usd 1500000") << qint64(1500000) << U::Usd << QStringLiteral("$1.5M");

    // Timeouts are configured in seconds and shown unscaled.
    QTest::newRow("seconds 0") << qint64(0) << U::Seconds << QStringLiteral("0 s");
    QTest::newRow("seconds 300") << qint64(300) << U::Seconds << QStringLiteral("300 s");
    QTest::newRow("seconds 3600") << qint64(3600) << U::Seconds << QStringLiteral("3600 s");
}

void tst_ResourceUnit::formatQuantity()
{
    QFETCH(qint64, value);
    QFETCH(ResourceUnit, unit);
    QFETCH(QString, expected);

    // scaled() chooses the number of decimals from the unrounded value, so a value that
    // rounds to a whole number keeps ".0", and one that rounds to 1000 keeps the lower prefix.
    QCOMPARE(tc::formatQuantity(value, unit), expected);
}

void tst_ResourceUnit::formatUsage_data()
{
    QTest::addColumn<std::optional<qint64>>("used");
    QTest::addColumn<std::optional<qint64>>("limit");
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<QString>("expected");

    using Q = std::optional<qint64>;
    QTest::newRow("count with limit") << Q(1500) << Q(100000) << ResourceUnit::Count << QStringLiteral("1.5K / 100K");
    QTest::newRow("bytes with limit") << Q(500000000) << Q(10000000000) << ResourceUnit::Bytes
                                      << QStringLiteral("500 MB / 10 GB");
    QTest::newRow("unlimited") << Q(1500) << Q() << ResourceUnit::Count << QStringLiteral("1.5K / ∞");
    QTest::newRow("unlimited usd") << Q(5000) << Q() << ResourceUnit::Usd << QStringLiteral("$5K / ∞");
    QTest::newRow("usage unknown") << Q() << Q(600) << ResourceUnit::PerMinute << QStringLiteral("– / 600/min");
    QTest::newRow("both unknown") << Q() << Q() << ResourceUnit::Seconds << QStringLiteral("– / ∞");
    QTest::newRow("over quota") << Q(12) << Q(10) << ResourceUnit::Count << QStringLiteral("12 / 10");
}

void tst_ResourceUnit::formatUsage()
{
    QFETCH(std::optional<qint64>, used);
    QFETCH(std::optional<qint64>, limit);
    QFETCH(ResourceUnit, unit);
    QFETCH(QString, expected);

    const QString usage = tc::formatUsage(used, limit, unit);
    QCOMPARE(usage, expected);
    QCOMPARE(usage.contains(QStringLiteral("∞")), !limit.has_value());
}

void tst_ResourceUnit::keyRoundTrip_data()
{
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<QString>("key");

    // The keys of the CHECK constraint on tenancy.resources.unit.
    QTest::newRow("count") << ResourceUnit::Count << QStringLiteral("count");
    QTest::newRow("bytes") << ResourceUnit::Bytes << QStringLiteral("bytes");
    QTest::newRow("per_minute") << ResourceUnit::PerMinute << QStringLiteral("per_minute");
    QTest::newRow("seconds") << ResourceUnit::Seconds << QStringLiteral("seconds");
    QTest::newRow("usd") << ResourceUnit::Usd << QStringLiteral("usd");
}

void tst_ResourceUnit::keyRoundTrip()
{
    QFETCH(ResourceUnit, unit);
    QFETCH(QString, key);

    QCOMPARE(resourceUnitKey(unit), key);
    const std::optional<ResourceUnit> parsed = resourceUnitFromKey(key);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, unit);
}

void tst_ResourceUnit::unknownKey_data()
{
    QTest::addColumn<QString>("key");

    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << QStringLiteral("kilograms");
    QTest::newRow("upper case") << QStringLiteral("BYTES");
    QTest::newRow("hyphen instead of underscore") << QStringLiteral("per-minute");
}

void tst_ResourceUnit::unknownKey()
{
    QFETCH(QString, key);

    QVERIFY(!resourceUnitFromKey(key).has_value());
}

QTEST_APPLESS_MAIN(tst_ResourceUnit)
#include "tst_resourceunit.moc"
