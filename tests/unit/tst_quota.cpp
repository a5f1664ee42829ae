#include "models/domain/quota.h"

#include <QtTest>

#include <limits>

using namespace tc;

Q_DECLARE_METATYPE(tc::ResourceUnit)
Q_DECLARE_METATYPE(tc::QuotaLimit)
Q_DECLARE_METATYPE(tc::QuantityParseError::Reason)
Q_DECLARE_METATYPE(tc::QuotaViolation::Reason)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

using U = ResourceUnit;
using Reason = QuantityParseError::Reason;

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

QString describe(const std::variant<QuotaLimit, QuantityParseError> &r)
{
    if (const auto *limit = std::get_if<QuotaLimit>(&r)) {
        switch (limit->kind) {
        case QuotaLimit::Kind::Inherit: return QStringLiteral("inherit");
        case QuotaLimit::Kind::Unlimited: return QStringLiteral("unlimited");
        case QuotaLimit::Kind::Value: return QString::number(limit->value);
        }
    }
    const auto &e = std::get<QuantityParseError>(r);
    return QStringLiteral("error %1 (\"%2\")").arg(int(e.reason)).arg(e.offending);
}

QString unitName(U unit)
{
    return resourceUnitKey(unit);
}

} // namespace

namespace QTest {
template<>
char *toString(const QuotaLimit &limit)
{
    return QTest::toString(describe(limit));
}
} // namespace QTest

class tst_Quota : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAccepted_data();
    void parseAccepted();
    void parseRejected_data();
    void parseRejected();
    void format_data();
    void format();
    void roundTrip_data();
    void roundTrip();
    void parseThresholds_data();
    void parseThresholds();
    void invalidThresholds_data();
    void invalidThresholds();
    void formatThresholds_data();
    void formatThresholds();
    void checkLimit_data();
    void checkLimit();
    void limitValue();
};

void tst_Quota::parseAccepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<QuotaLimit>("expected");

    const QuotaLimit inherit = QuotaLimit::inherit();
    const QuotaLimit unlimited = QuotaLimit::unlimited();
    auto v = [](qint64 x) { return QuotaLimit::of(x); };

    // Words, for every unit, in any case and with blanks around them.
    for (U unit : {U::Count, U::Bytes, U::PerMinute, U::Seconds, U::Usd}) {
        const QByteArray u = unitName(unit).toLatin1();
        QTest::addRow("%s inherit", u.constData()) << QStringLiteral("inherit") << unit << inherit;
        QTest::addRow("%s Inherit", u.constData()) << QStringLiteral("Inherit") << unit << inherit;
        QTest::addRow("%s INHERIT padded", u.constData()) << QStringLiteral("  INHERIT \t") << unit << inherit;
        QTest::addRow("%s unlimited", u.constData()) << QStringLiteral("unlimited") << unit << unlimited;
        QTest::addRow("%s Unlimited", u.constData()) << QStringLiteral("Unlimited") << unit << unlimited;
        QTest::addRow("%s infinity sign", u.constData()) << QStringLiteral("∞") << unit << unlimited;
        QTest::addRow("%s none", u.constData()) << QStringLiteral("none") << unit << unlimited;
        QTest::addRow("%s NONE", u.constData()) << QStringLiteral("NONE") << unit << unlimited;
        QTest::addRow("%s zero", u.constData()) << QStringLiteral("0") << unit << v(0);
    }

    // Counts: plain, grouped, K/M/G/T, fractions that come out whole.
    QTest::newRow("count 1") << QStringLiteral("1") << U::Count << v(1);
    QTest::newRow("count 999") << QStringLiteral("999") << U::Count << v(999);
    QTest::newRow("count leading zeros") << QStringLiteral("007") << U::Count << v(7);
    QTest::newRow("count plus sign") << QStringLiteral("+5") << U::Count << v(5);
    QTest::newRow("count commas") << QStringLiteral("1,000,000") << U::Count << v(1000000);
    QTest::newRow("count blanks") << QStringLiteral("1 000 000") << U::Count << v(1000000);
    QTest::newRow("count underscores") << QStringLiteral("1_000_000") << U::Count << v(1000000);
    QTest::newRow("count apostrophes") << QStringLiteral("1'000'000") << U::Count << v(1000000);
    QTest::newRow("count no-break spaces") << QStringLiteral("1\u00a0000\u00a0000") << U::Count << v(1000000);
    QTest::newRow("count short first group") << QStringLiteral("12,345") << U::Count << v(12345);
    QTest::newRow("count grouped with fraction") << QStringLiteral("1,000.0") << U::Count << v(1000);
    QTest::newRow("count k") << QStringLiteral("5k") << U::Count << v(5000);
    QTest::newRow("count K") << QStringLiteral("5K") << U::Count << v(5000);
    QTest::newRow("count K spaced") << QStringLiteral("5 K") << U::Count << v(5000);
    QTest::newRow("count 1.5M") << QStringLiteral("1.5M") << U::Count << v(1500000);
    QTest::newRow("count 1.5m") << QStringLiteral("1.5m") << U::Count << v(1500000);
    QTest::newRow("count 2.5G") << QStringLiteral("2.5G") << U::Count << v(2500000000);
    QTest::newRow("count 1T") << QStringLiteral("1T") << U::Count << v(1000000000000);
    QTest::newRow("count .5K") << QStringLiteral(".5K") << U::Count << v(500);
    QTest::newRow("count 0.001K") << QStringLiteral("0.001K") << U::Count << v(1);
    QTest::newRow("count 1.000") << QStringLiteral("1.000") << U::Count << v(1);
    QTest::newRow("count 5.") << QStringLiteral("5.") << U::Count << v(5);
    QTest::newRow("count 1.234567M") << QStringLiteral("1.234567M") << U::Count << v(1234567);
    QTest::newRow("count grouped K") << QStringLiteral("1,500K") << U::Count << v(1500000);
    QTest::newRow("count 2^62") << QStringLiteral("4611686018427387904") << U::Count << v(qint64(1) << 62);
    QTest::newRow("count max") << QStringLiteral("9223372036854775807") << U::Count << v(kMax);
    QTest::newRow("count max grouped") << QStringLiteral("9,223,372,036,854,775,807") << U::Count << v(kMax);
    QTest::newRow("count max with zero fraction") << QStringLiteral("9223372036854775807.000") << U::Count << v(kMax);
    QTest::newRow("count many leading zeros")
        << QStringLiteral("000000000000000000000000000000000042") << U::Count << v(42);

    // Bytes: decimal units, binary units, case does not matter.
    QTest::newRow("bytes plain") << QStringLiteral("500") << U::Bytes << v(500);
    QTest::newRow("bytes B") << QStringLiteral("500 B") << U::Bytes << v(500);
    QTest::newRow("bytes bytes") << QStringLiteral("500 bytes") << U::Bytes << v(500);
    QTest::newRow("bytes kB") << QStringLiteral("1 kB") << U::Bytes << v(1000);
    QTest::newRow("bytes KB") << QStringLiteral("1KB") << U::Bytes << v(1000);
    QTest::newRow("bytes 1.5 MB") << QStringLiteral("1.5 MB") << U::Bytes << v(1500000);
    QTest::newRow("bytes 500 GB") << QStringLiteral("500 GB") << U::Bytes << v(500000000000);
    QTest::newRow("bytes 500 gb") << QStringLiteral("500 gb") << U::Bytes << v(500000000000);
    QTest::newRow("bytes 10G") << QStringLiteral("10G") << U::Bytes << v(10000000000);
    QTest::newRow("bytes 1.5TB") << QStringLiteral("1.5TB") << U::Bytes << v(1500000000000);
    QTest::newRow("bytes 2 PB") << QStringLiteral("2 PB") << U::Bytes << v(2000000000000000);
    QTest::newRow("bytes 1 KiB") << QStringLiteral("1 KiB") << U::Bytes << v(1024);
    QTest::newRow("bytes 1 kib") << QStringLiteral("1 kib") << U::Bytes << v(1024);
    QTest::newRow("bytes 0.5 KiB") << QStringLiteral("0.5 KiB") << U::Bytes << v(512);
    QTest::newRow("bytes 1 MiB") << QStringLiteral("1 MiB") << U::Bytes << v(1048576);
    QTest::newRow("bytes 10 GiB") << QStringLiteral("10 GiB") << U::Bytes << v(10737418240);
    QTest::newRow("bytes 10Gi") << QStringLiteral("10Gi") << U::Bytes << v(10737418240);
    QTest::newRow("bytes 1 TiB") << QStringLiteral("1 TiB") << U::Bytes << v(1099511627776);
    QTest::newRow("bytes 1.5 GiB") << QStringLiteral("1.5 GiB") << U::Bytes << v(1610612736);
    QTest::newRow("bytes 1,000 GB") << QStringLiteral("1,000 GB") << U::Bytes << v(1000000000000);
    QTest::newRow("bytes 9223 PB") << QStringLiteral("9223 PB") << U::Bytes << v(9223000000000000000);
    QTest::newRow("bytes 0.000000000000001 PB")
        << QStringLiteral("0.000000000000001 PB") << U::Bytes << v(1);

    // Rates per minute.
    QTest::newRow("rate plain") << QStringLiteral("600") << U::PerMinute << v(600);
    QTest::newRow("rate 6K/min") << QStringLiteral("6K/min") << U::PerMinute << v(6000);
    QTest::newRow("rate 6k / min") << QStringLiteral("6k / min") << U::PerMinute << v(6000);
    QTest::newRow("rate 1.2K/min") << QStringLiteral("1.2K/min") << U::PerMinute << v(1200);
    QTest::newRow("rate 100/m") << QStringLiteral("100/m") << U::PerMinute << v(100);
    QTest::newRow("rate 100/minute") << QStringLiteral("100/minute") << U::PerMinute << v(100);
    QTest::newRow("rate 100 per minute") << QStringLiteral("100 per minute") << U::PerMinute << v(100);
    QTest::newRow("rate 100 PER MIN") << QStringLiteral("100 PER MIN") << U::PerMinute << v(100);
    QTest::newRow("rate 6K per minute") << QStringLiteral("6K per minute") << U::PerMinute << v(6000);
    QTest::newRow("rate 6M") << QStringLiteral("6M") << U::PerMinute << v(6000000);
    QTest::newRow("rate 6m/min (mega)") << QStringLiteral("6m/min") << U::PerMinute << v(6000000);
    QTest::newRow("rate 10/s") << QStringLiteral("10/s") << U::PerMinute << v(600);
    QTest::newRow("rate 10 per second") << QStringLiteral("10 per second") << U::PerMinute << v(600);
    QTest::newRow("rate 120/h") << QStringLiteral("120/h") << U::PerMinute << v(2);
    QTest::newRow("rate 6,000/min") << QStringLiteral("6,000/min") << U::PerMinute << v(6000);

    // Durations, in seconds.
    QTest::newRow("seconds plain") << QStringLiteral("300") << U::Seconds << v(300);
    QTest::newRow("seconds 300 s") << QStringLiteral("300 s") << U::Seconds << v(300);
    QTest::newRow("seconds 300s") << QStringLiteral("300s") << U::Seconds << v(300);
    QTest::newRow("seconds 300 sec") << QStringLiteral("300 sec") << U::Seconds << v(300);
    QTest::newRow("seconds 300 seconds") << QStringLiteral("300 seconds") << U::Seconds << v(300);
    QTest::newRow("seconds 15 min") << QStringLiteral("15 min") << U::Seconds << v(900);
    QTest::newRow("seconds 15 minutes") << QStringLiteral("15 Minutes") << U::Seconds << v(900);
    QTest::newRow("seconds 1 h") << QStringLiteral("1 h") << U::Seconds << v(3600);
    QTest::newRow("seconds 1.5 hours") << QStringLiteral("1.5 hours") << U::Seconds << v(5400);
    QTest::newRow("seconds 2 H") << QStringLiteral("2 H") << U::Seconds << v(7200);
    QTest::newRow("seconds 1 day") << QStringLiteral("1 day") << U::Seconds << v(86400);
    QTest::newRow("seconds 2000 ms") << QStringLiteral("2000 ms") << U::Seconds << v(2);
    QTest::newRow("seconds 0.5 min") << QStringLiteral("0.5 min") << U::Seconds << v(30);

    // Money, whole US dollars.
    QTest::newRow("usd plain") << QStringLiteral("500") << U::Usd << v(500);
    QTest::newRow("usd $500") << QStringLiteral("$500") << U::Usd << v(500);
    QTest::newRow("usd $ 500") << QStringLiteral("$ 500") << U::Usd << v(500);
    QTest::newRow("usd 500$") << QStringLiteral("500$") << U::Usd << v(500);
    QTest::newRow("usd 500 USD") << QStringLiteral("500 USD") << U::Usd << v(500);
    QTest::newRow("usd 5K USD") << QStringLiteral("5K USD") << U::Usd << v(5000);
    QTest::newRow("usd 5k usd") << QStringLiteral("5k usd") << U::Usd << v(5000);
    QTest::newRow("usd $1.5K") << QStringLiteral("$1.5K") << U::Usd << v(1500);
    QTest::newRow("usd $2M") << QStringLiteral("$2M") << U::Usd << v(2000000);
    QTest::newRow("usd $1,500") << QStringLiteral("$1,500") << U::Usd << v(1500);
    QTest::newRow("usd $1.00") << QStringLiteral("$1.00") << U::Usd << v(1);
    QTest::newRow("usd 500 dollars") << QStringLiteral("500 dollars") << U::Usd << v(500);
}

void tst_Quota::parseAccepted()
{
    QFETCH(QString, text);
    QFETCH(ResourceUnit, unit);
    QFETCH(QuotaLimit, expected);

    const auto result = parseQuotaLimit(text, unit);
    QVERIFY2(std::holds_alternative<QuotaLimit>(result), qPrintable(describe(result)));
    QCOMPARE(std::get<QuotaLimit>(result), expected);
}

void tst_Quota::parseRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<Reason>("reason");
    QTest::addColumn<QString>("offending");

    QTest::newRow("empty") << QString() << U::Count << Reason::Empty << QString();
    QTest::newRow("blank") << QStringLiteral("   ") << U::Bytes << Reason::Empty << QString();

    QTest::newRow("word") << QStringLiteral("abc") << U::Count << Reason::NotANumber << QStringLiteral("abc");
    QTest::newRow("suffix only") << QStringLiteral("GB") << U::Bytes << Reason::NotANumber << QStringLiteral("GB");
    QTest::newRow("dot only") << QStringLiteral(".") << U::Count << Reason::NotANumber << QStringLiteral(".");
    QTest::newRow("double point") << QStringLiteral("1..5") << U::Count << Reason::NotANumber << QStringLiteral("1..5");
    QTest::newRow("two points") << QStringLiteral("1.2.3") << U::Count << Reason::NotANumber << QStringLiteral("1.2.3");
    QTest::newRow("decimal comma") << QStringLiteral("1,5") << U::Count << Reason::NotANumber << QStringLiteral("1,5");
    QTest::newRow("bad grouping") << QStringLiteral("1,00,000") << U::Count << Reason::NotANumber
                                  << QStringLiteral("1,00,000");
    QTest::newRow("long first group") << QStringLiteral("1000,000") << U::Count << Reason::NotANumber
                                      << QStringLiteral("1000,000");
    QTest::newRow("mixed separators") << QStringLiteral("1,000 000") << U::Count << Reason::NotANumber
                                      << QStringLiteral("1,000 000");
    QTest::newRow("two numbers") << QStringLiteral("10 20") << U::Count << Reason::NotANumber << QStringLiteral("10 20");
    QTest::newRow("trailing separator") << QStringLiteral("1,000,") << U::Count << Reason::NotANumber
                                        << QStringLiteral("1,000,");
    QTest::newRow("sign only") << QStringLiteral("-") << U::Count << Reason::NotANumber << QStringLiteral("-");
    QTest::newRow("dollar only") << QStringLiteral("$") << U::Usd << Reason::NotANumber << QStringLiteral("$");

    QTest::newRow("negative") << QStringLiteral("-5") << U::Count << Reason::Negative << QStringLiteral("-5");
    QTest::newRow("negative with suffix") << QStringLiteral("-1.5 GB") << U::Bytes << Reason::Negative
                                          << QStringLiteral("-1.5 GB");
    QTest::newRow("negative money") << QStringLiteral("-$500") << U::Usd << Reason::Negative << QStringLiteral("-$500");
    QTest::newRow("negative unicode minus") << QStringLiteral("\u22125") << U::Count << Reason::Negative
                                            << QStringLiteral("\u22125");

    QTest::newRow("parsecs") << QStringLiteral("5 parsecs") << U::Count << Reason::UnknownSuffix << QStringLiteral("parsecs");
    QTest::newRow("GB for a count") << QStringLiteral("5 GB") << U::Count << Reason::UnknownSuffix << QStringLiteral("GB");
    QTest::newRow("B for a count") << QStringLiteral("5B") << U::Count << Reason::UnknownSuffix << QStringLiteral("B");
    QTest::newRow("rate for a count") << QStringLiteral("6K/min") << U::Count << Reason::UnknownSuffix
                                      << QStringLiteral("K/min");
    QTest::newRow("dollar for a count") << QStringLiteral("$5") << U::Count << Reason::UnknownSuffix << QStringLiteral("$");
    QTest::newRow("usd for bytes") << QStringLiteral("5 USD") << U::Bytes << Reason::UnknownSuffix << QStringLiteral("USD");
    QTest::newRow("seconds for bytes") << QStringLiteral("5 s") << U::Bytes << Reason::UnknownSuffix << QStringLiteral("s");
    QTest::newRow("EB unknown") << QStringLiteral("1 EB") << U::Bytes << Reason::UnknownSuffix << QStringLiteral("EB");
    QTest::newRow("bytes per minute") << QStringLiteral("5 GB/min") << U::PerMinute << Reason::UnknownSuffix
                                      << QStringLiteral("GB/min");
    QTest::newRow("rate per fortnight") << QStringLiteral("5/fortnight") << U::PerMinute << Reason::UnknownSuffix
                                        << QStringLiteral("/fortnight");
    QTest::newRow("rate slash nothing") << QStringLiteral("5/") << U::PerMinute << Reason::UnknownSuffix
                                        << QStringLiteral("/");
    QTest::newRow("K for seconds") << QStringLiteral("5K") << U::Seconds << Reason::UnknownSuffix << QStringLiteral("K");
    QTest::newRow("GB for money") << QStringLiteral("5 GB") << U::Usd << Reason::UnknownSuffix << QStringLiteral("GB");
    QTest::newRow("euro") << QStringLiteral("5 EUR") << U::Usd << Reason::UnknownSuffix << QStringLiteral("EUR");
    QTest::newRow("exponent") << QStringLiteral("1e6") << U::Count << Reason::UnknownSuffix << QStringLiteral("e6");
    QTest::newRow("suffix before negative") << QStringLiteral("-5 parsecs") << U::Count << Reason::UnknownSuffix
                                            << QStringLiteral("parsecs");

    QTest::newRow("count max + 1") << QStringLiteral("9223372036854775808") << U::Count << Reason::TooLarge
                                   << QStringLiteral("9223372036854775808");
    QTest::newRow("count 20 digits") << QStringLiteral("10000000000000000000") << U::Count << Reason::TooLarge
                                     << QStringLiteral("10000000000000000000");
    QTest::newRow("count 10000T") << QStringLiteral("10000000T") << U::Count << Reason::TooLarge
                                  << QStringLiteral("10000000T");
    QTest::newRow("bytes 10000 PB") << QStringLiteral("10000 PB") << U::Bytes << Reason::TooLarge
                                    << QStringLiteral("10000 PB");
    QTest::newRow("bytes 8192 PiB") << QStringLiteral("8192 PiB") << U::Bytes << Reason::TooLarge
                                    << QStringLiteral("8192 PiB");
    QTest::newRow("seconds huge days") << QStringLiteral("200000000000000 days") << U::Seconds << Reason::TooLarge
                                       << QStringLiteral("200000000000000 days");
    QTest::newRow("a hundred digits") << QString(100, u'9') << U::Count << Reason::TooLarge << QString(100, u'9');

    QTest::newRow("1.5 plain count") << QStringLiteral("1.5") << U::Count << Reason::Fractional << QStringLiteral("1.5");
    QTest::newRow("1.5 B") << QStringLiteral("1.5 B") << U::Bytes << Reason::Fractional << QStringLiteral("1.5 B");
    QTest::newRow("0.1 KiB") << QStringLiteral("0.1 KiB") << U::Bytes << Reason::Fractional << QStringLiteral("0.1 KiB");
    QTest::newRow("1.2345K") << QStringLiteral("1.2345K") << U::Count << Reason::Fractional << QStringLiteral("1.2345K");
    QTest::newRow("2.5 s") << QStringLiteral("2.5 s") << U::Seconds << Reason::Fractional << QStringLiteral("2.5 s");
    QTest::newRow("1500 ms") << QStringLiteral("1500 ms") << U::Seconds << Reason::Fractional << QStringLiteral("1500 ms");
    QTest::newRow("$1.50") << QStringLiteral("$1.50") << U::Usd << Reason::Fractional << QStringLiteral("$1.50");
    QTest::newRow("100/h") << QStringLiteral("100/h") << U::PerMinute << Reason::Fractional << QStringLiteral("100/h");
    QTest::newRow("0.5/min") << QStringLiteral("0.5/min") << U::PerMinute << Reason::Fractional
                             << QStringLiteral("0.5/min");
}

void tst_Quota::parseRejected()
{
    QFETCH(QString, text);
    QFETCH(ResourceUnit, unit);
    QFETCH(Reason, reason);
    QFETCH(QString, offending);

    const auto result = parseQuotaLimit(text, unit);
    QVERIFY2(std::holds_alternative<QuantityParseError>(result), qPrintable(describe(result)));
    const QuantityParseError error = std::get<QuantityParseError>(result);
    QCOMPARE(error.reason, reason);
    QCOMPARE(error.offending, offending);
}

void tst_Quota::format_data()
{
    QTest::addColumn<QuotaLimit>("limit");
    QTest::addColumn<ResourceUnit>("unit");
    QTest::addColumn<QString>("expected");

    auto v = [](qint64 x) { return QuotaLimit::of(x); };
    QTest::newRow("inherit") << QuotaLimit::inherit() << U::Bytes << QStringLiteral("inherit");
    QTest::newRow("unlimited") << QuotaLimit::unlimited() << U::Usd << QStringLiteral("unlimited");

    QTest::newRow("count 0") << v(0) << U::Count << QStringLiteral("0");
    QTest::newRow("count 999") << v(999) << U::Count << QStringLiteral("999");
    QTest::newRow("count 1000") << v(1000) << U::Count << QStringLiteral("1K");
    QTest::newRow("count 1500000") << v(1500000) << U::Count << QStringLiteral("1.5M");
    // Rounded forms would change the value: the exact number instead.
    QTest::newRow("count 1234567") << v(1234567) << U::Count << QStringLiteral("1234567");
    QTest::newRow("count 1999") << v(1999) << U::Count << QStringLiteral("1999");
    QTest::newRow("count 12345") << v(12345) << U::Count << QStringLiteral("12345");
    QTest::newRow("count 10^12") << v(1000000000000) << U::Count << QStringLiteral("1T");
    QTest::newRow("count 2^62") << v(qint64(1) << 62) << U::Count << QStringLiteral("4611686018427387904");

    QTest::newRow("bytes 0") << v(0) << U::Bytes << QStringLiteral("0 B");
    QTest::newRow("bytes 500 GB") << v(500000000000) << U::Bytes << QStringLiteral("500 GB");
    QTest::newRow("bytes 1.5 TB") << v(1500000000000) << U::Bytes << QStringLiteral("1.5 TB");
    QTest::newRow("bytes 1024") << v(1024) << U::Bytes << QStringLiteral("1024 B");
    QTest::newRow("bytes 10 GiB") << v(10737418240) << U::Bytes << QStringLiteral("10737418240 B");
    QTest::newRow("bytes max") << v(kMax) << U::Bytes << QStringLiteral("9223372036854775807 B");

    QTest::newRow("rate 600") << v(600) << U::PerMinute << QStringLiteral("600/min");
    QTest::newRow("rate 6000") << v(6000) << U::PerMinute << QStringLiteral("6K/min");
    QTest::newRow("rate 6001") << v(6001) << U::PerMinute << QStringLiteral("6001/min");

    QTest::newRow("seconds 300") << v(300) << U::Seconds << QStringLiteral("300 s");
    QTest::newRow("seconds 3600") << v(3600) << U::Seconds << QStringLiteral("3600 s");

    QTest::newRow("usd 500") << v(500) << U::Usd << QStringLiteral("$500");
    QTest::newRow("usd 5000") << v(5000) << U::Usd << QStringLiteral("$5K");
    QTest::newRow("usd 1500") << v(1500) << U::Usd << QStringLiteral("$1.5K");
    QTest::newRow("usd 1501") << v(1501) << U::Usd << QStringLiteral("$1501");
}

void tst_Quota::format()
{
    QFETCH(QuotaLimit, limit);
    QFETCH(ResourceUnit, unit);
    QFETCH(QString, expected);

    QCOMPARE(formatQuotaLimit(limit, unit), expected);
}

void tst_Quota::roundTrip_data()
{
    QTest::addColumn<QuotaLimit>("limit");
    QTest::addColumn<ResourceUnit>("unit");

    const qint64 values[] = {0,           1,           7,           999,         1000,        1001,
                             1024,        1500,        1999,        9949,        9960,        12345,
                             999999,      1000000,     1048576,     1234567,     1500000,     1500001,
                             2500000000,  10000000000, 1000000000000, 1099511627776, 1000000000000000,
                             qint64(1) << 62,          kMax - 1,    kMax};
    for (U unit : {U::Count, U::Bytes, U::PerMinute, U::Seconds, U::Usd}) {
        const QByteArray u = unitName(unit).toLatin1();
        QTest::addRow("%s inherit", u.constData()) << QuotaLimit::inherit() << unit;
        QTest::addRow("%s unlimited", u.constData()) << QuotaLimit::unlimited() << unit;
        for (qint64 value : values)
            QTest::addRow("%s %lld", u.constData(), static_cast<long long>(value)) << QuotaLimit::of(value) << unit;
    }
}

void tst_Quota::roundTrip()
{
    QFETCH(QuotaLimit, limit);
    QFETCH(ResourceUnit, unit);

    const QString text = formatQuotaLimit(limit, unit);
    const auto back = parseQuotaLimit(text, unit);
    QVERIFY2(std::holds_alternative<QuotaLimit>(back), qPrintable(text + QStringLiteral(" -> ") + describe(back)));
    QCOMPARE(std::get<QuotaLimit>(back), limit);
}

void tst_Quota::parseThresholds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("empty") << QString() << QList<int>{};
    QTest::newRow("blank") << QStringLiteral("  ") << QList<int>{};
    QTest::newRow("one") << QStringLiteral("80") << QList<int>{80};
    QTest::newRow("commas") << QStringLiteral("80, 90, 95") << QList<int>{80, 90, 95};
    QTest::newRow("commas tight") << QStringLiteral("80,90,95") << QList<int>{80, 90, 95};
    QTest::newRow("blanks and percent") << QStringLiteral("80 90 95%") << QList<int>{80, 90, 95};
    QTest::newRow("percent each") << QStringLiteral("80%, 90%, 95%") << QList<int>{80, 90, 95};
    QTest::newRow("semicolons") << QStringLiteral("50; 75") << QList<int>{50, 75};
    QTest::newRow("unsorted") << QStringLiteral("95, 80, 90") << QList<int>{80, 90, 95};
    QTest::newRow("bounds") << QStringLiteral("1, 100") << QList<int>{1, 100};
    QTest::newRow("five") << QStringLiteral("10 20 30 40 50") << QList<int>{10, 20, 30, 40, 50};
}

void tst_Quota::parseThresholds()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);

    const std::optional<QList<int>> result = parseSoftThresholds(text);
    QVERIFY(result.has_value());
    QCOMPARE(*result, expected);
    // What is shown reads back the same.
    QCOMPARE(parseSoftThresholds(formatSoftThresholds(*result)), result);
}

void tst_Quota::invalidThresholds_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << QStringLiteral("0, 50");
    QTest::newRow("above 100") << QStringLiteral("80, 101");
    QTest::newRow("negative") << QStringLiteral("-5");
    QTest::newRow("duplicate") << QStringLiteral("80, 80, 90");
    QTest::newRow("six") << QStringLiteral("10 20 30 40 50 60");
    QTest::newRow("word") << QStringLiteral("eighty");
    QTest::newRow("fraction") << QStringLiteral("80.5");
    QTest::newRow("huge") << QStringLiteral("99999999999999");
}

void tst_Quota::invalidThresholds()
{
    QFETCH(QString, text);

    QCOMPARE(parseSoftThresholds(text), std::nullopt);
}

void tst_Quota::formatThresholds_data()
{
    QTest::addColumn<QList<int>>("thresholds");
    QTest::addColumn<QString>("expected");

    QTest::newRow("none") << QList<int>{} << QString();
    QTest::newRow("one") << QList<int>{75} << QStringLiteral("75");
    QTest::newRow("default") << QList<int>{80, 90, 95} << QStringLiteral("80, 90, 95");
}

void tst_Quota::formatThresholds()
{
    QFETCH(QList<int>, thresholds);
    QFETCH(QString, expected);

    QCOMPARE(formatSoftThresholds(thresholds), expected);
}

void tst_Quota::checkLimit_data()
{
    QTest::addColumn<std::optional<qint64>>("parentLimit");
    QTest::addColumn<std::optional<qint64>>("descendantMax");
    QTest::addColumn<QuotaLimit>("limit");
    QTest::addColumn<bool>("violated");
    QTest::addColumn<QuotaViolation::Reason>("reason");
    QTest::addColumn<qint64>("bound");
    QTest::addColumn<QString>("boundSlug");

    using R = QuotaViolation::Reason;
    const std::optional<qint64> none;
    const QString parent = QStringLiteral("acme");
    const QString child = QStringLiteral("research");
    auto v = [](qint64 x) { return QuotaLimit::of(x); };

    QTest::newRow("inherit, nothing around") << none << none << QuotaLimit::inherit() << false << R::AboveParent
                                             << qint64(0) << QString();
    QTest::newRow("inherit under a parent") << std::optional<qint64>(100) << std::optional<qint64>(50)
                                            << QuotaLimit::inherit() << false << R::AboveParent << qint64(0) << QString();
    QTest::newRow("inherit while a child has more") << std::optional<qint64>(10) << std::optional<qint64>(50)
                                                    << QuotaLimit::inherit() << false << R::AboveParent << qint64(0)
                                                    << QString();
    QTest::newRow("unlimited at the top") << none << std::optional<qint64>(50) << QuotaLimit::unlimited() << false
                                          << R::AboveParent << qint64(0) << QString();
    QTest::newRow("unlimited under a limit") << std::optional<qint64>(100) << none << QuotaLimit::unlimited() << true
                                             << R::UnlimitedUnderLimit << qint64(100) << parent;
    QTest::newRow("value, nothing around") << none << none << v(kMax) << false << R::AboveParent << qint64(0) << QString();
    QTest::newRow("value equal to parent") << std::optional<qint64>(100) << none << v(100) << false << R::AboveParent
                                           << qint64(0) << QString();
    QTest::newRow("value below parent") << std::optional<qint64>(100) << none << v(0) << false << R::AboveParent
                                        << qint64(0) << QString();
    QTest::newRow("value above parent") << std::optional<qint64>(100) << none << v(101) << true << R::AboveParent
                                        << qint64(100) << parent;
    QTest::newRow("value equal to descendant") << none << std::optional<qint64>(50) << v(50) << false << R::AboveParent
                                               << qint64(0) << QString();
    QTest::newRow("value below descendant") << none << std::optional<qint64>(50) << v(49) << true << R::BelowDescendant
                                            << qint64(50) << child;
    QTest::newRow("value between") << std::optional<qint64>(100) << std::optional<qint64>(50) << v(75) << false
                                   << R::AboveParent << qint64(0) << QString();
    QTest::newRow("above parent wins") << std::optional<qint64>(100) << std::optional<qint64>(500) << v(200) << true
                                       << R::AboveParent << qint64(100) << parent;
    QTest::newRow("below descendant under parent") << std::optional<qint64>(100) << std::optional<qint64>(80) << v(60)
                                                   << true << R::BelowDescendant << qint64(80) << child;
}

void tst_Quota::checkLimit()
{
    QFETCH(std::optional<qint64>, parentLimit);
    QFETCH(std::optional<qint64>, descendantMax);
    QFETCH(QuotaLimit, limit);
    QFETCH(bool, violated);
    QFETCH(QuotaViolation::Reason, reason);
    QFETCH(qint64, bound);
    QFETCH(QString, boundSlug);

    Quota quota;
    quota.resource = QStringLiteral("items");
    quota.parentLimit = parentLimit;
    quota.parentLimitFromSlug = parentLimit ? QStringLiteral("acme") : QString();
    quota.descendantMax = descendantMax;
    quota.descendantMaxSlug = descendantMax ? QStringLiteral("research") : QString();

    const std::optional<QuotaViolation> violation = checkQuotaLimit(quota, limit);
    QCOMPARE(violation.has_value(), violated);
    if (!violation)
        return;
    QCOMPARE(violation->reason, reason);
    QCOMPARE(violation->bound, bound);
    QCOMPARE(violation->boundSlug, boundSlug);
}

void tst_Quota::limitValue()
{
    // What the database column gets, and back.
    QCOMPARE(QuotaLimit::of(5).stored(), std::optional<qint64>(5));
    QCOMPARE(QuotaLimit::inherit().stored(), std::nullopt);
    QCOMPARE(QuotaLimit::unlimited().stored(), std::nullopt);
    QCOMPARE(QuotaLimit::fromStored(std::nullopt), QuotaLimit::inherit());
    QCOMPARE(QuotaLimit::fromStored(0), QuotaLimit::of(0));
    QVERIFY(!(QuotaLimit::inherit() == QuotaLimit::unlimited()));
    QVERIFY(!(QuotaLimit::of(1) == QuotaLimit::of(2)));
}

QTEST_APPLESS_MAIN(tst_Quota)
#include "tst_quota.moc"
