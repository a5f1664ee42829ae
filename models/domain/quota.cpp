#include "models/domain/quota.h"

#include <algorithm>
#include <limits>

namespace tc {

namespace {

using Reason = QuantityParseError::Reason;

// A quantity's factor as a fraction: "1.5 KiB" is 1.5 * 1024 / 1, "90 s" of a per-minute rate
// is 90 * 1 / 60. Both stay far below 2^63 / 10, so digit-wise arithmetic can't overflow.
struct Scale
{
    quint64 multiply = 1;
    quint64 divide = 1;
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isGroupSeparator(QChar c)
{
    // Comma, blank, underscore, apostrophe (1'000'000), no-break and thin spaces.
    return c == u',' || c == u' ' || c == u'_' || c == u'\'' || c == QChar(0x00A0) || c == QChar(0x2009)
        || c == QChar(0x202F);
}

bool isMinus(QChar c)
{
    return c == u'-' || c == QChar(0x2212);
}

// K/M/G/T as a decimal factor; "" is 1.
std::optional<quint64> decimalMultiplier(const QString &suffix)
{
    if (suffix.isEmpty())
        return 1;
    if (suffix == QLatin1String("k"))
        return Q_UINT64_C(1000);
    if (suffix == QLatin1String("m"))
        return Q_UINT64_C(1000000);
    if (suffix == QLatin1String("g"))
        return Q_UINT64_C(1000000000);
    if (suffix == QLatin1String("t"))
        return Q_UINT64_C(1000000000000);
    return std::nullopt;
}

bool isOneOf(const QString &s, std::initializer_list<const char *> words)
{
    return std::any_of(words.begin(), words.end(), [&s](const char *w) { return s == QLatin1String(w); });
}

std::optional<Scale> byteScale(const QString &suffix)
{
    if (isOneOf(suffix, {"", "b", "byte", "bytes"}))
        return Scale{};
    static const char *const decimal[] = {"k", "m", "g", "t", "p"};
    quint64 dec = 1;
    quint64 bin = 1;
    for (const char *prefix : decimal) {
        dec *= 1000;
        bin *= 1024;
        const QString p = QLatin1String(prefix);
        if (suffix == p || suffix == p + u'b')
            return Scale{dec, 1};
        if (suffix == p + u'i' || suffix == p + QStringLiteral("ib"))
            return Scale{bin, 1};
    }
    return std::nullopt;
}

// The period of a rate, as the factor that turns it into "per minute".
std::optional<Scale> ratePeriod(const QString &period)
{
    if (isOneOf(period, {"m", "min", "mins", "minute", "minutes"}))
        return Scale{};
    if (isOneOf(period, {"s", "sec", "secs", "second", "seconds"}))
        return Scale{60, 1};
    if (isOneOf(period, {"h", "hr", "hrs", "hour", "hours"}))
        return Scale{1, 60};
    return std::nullopt;
}

std::optional<Scale> rateScale(const QString &suffix)
{
    // "6k/min", "6k / min", "100 per minute", "6k" (per minute is implied).
    QString amount = suffix;
    QString period = QStringLiteral("min");
    const qsizetype slash = suffix.indexOf(u'/');
    if (slash >= 0) {
        amount = suffix.left(slash).trimmed();
        period = suffix.mid(slash + 1).trimmed();
    } else if (suffix == QLatin1String("per") || suffix.startsWith(QLatin1String("per "))) {
        amount.clear();
        period = suffix.mid(4).trimmed();
    } else if (const qsizetype per = suffix.indexOf(QLatin1String(" per ")); per >= 0) {
        amount = suffix.left(per).trimmed();
        period = suffix.mid(per + 5).trimmed();
    }
    const std::optional<quint64> factor = decimalMultiplier(amount);
    std::optional<Scale> scale = ratePeriod(period);
    if (!factor || !scale)
        return std::nullopt;
    scale->multiply *= *factor;
    return scale;
}

std::optional<Scale> durationScale(const QString &suffix)
{
    if (isOneOf(suffix, {"", "s", "sec", "secs", "second", "seconds"}))
        return Scale{};
    if (isOneOf(suffix, {"ms", "msec", "msecs", "millisecond", "milliseconds"}))
        return Scale{1, 1000};
    if (isOneOf(suffix, {"m", "min", "mins", "minute", "minutes"}))
        return Scale{60, 1};
    if (isOneOf(suffix, {"h", "hr", "hrs", "hour", "hours"}))
        return Scale{3600, 1};
    if (isOneOf(suffix, {"d", "day", "days"}))
        return Scale{86400, 1};
    return std::nullopt;
}

std::optional<Scale> moneyScale(QString suffix)
{
    // "5k usd", "5k$", "500 dollars": the currency may follow the amount's multiplier.
    for (const char *currency : {"usd", "$", "dollars", "dollar"}) {
        if (suffix.endsWith(QLatin1String(currency))) {
            suffix.chop(qsizetype(qstrlen(currency)));
            suffix = suffix.trimmed();
            break;
        }
    }
    const std::optional<quint64> factor = decimalMultiplier(suffix);
    if (!factor)
        return std::nullopt;
    return Scale{*factor, 1};
}

std::optional<Scale> scaleFor(const QString &suffix, ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: {
        const std::optional<quint64> factor = decimalMultiplier(suffix);
        return factor ? std::optional<Scale>(Scale{*factor, 1}) : std::nullopt;
    }
    case ResourceUnit::Bytes: return byteScale(suffix);
    case ResourceUnit::PerMinute: return rateScale(suffix);
    case ResourceUnit::Seconds: return durationScale(suffix);
    case ResourceUnit::Usd: return moneyScale(suffix);
    }
    return std::nullopt;
}

// Decimal digits times a small factor, exact at any length.
QByteArray multiplied(const QByteArray &digits, quint64 factor)
{
    QByteArray reversed;
    quint64 carry = 0;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const quint64 v = quint64(digits.at(i) - '0') * factor + carry;
        reversed.append(char('0' + v % 10));
        carry = v / 10;
    }
    while (carry > 0) {
        reversed.append(char('0' + carry % 10));
        carry /= 10;
    }
    std::reverse(reversed.begin(), reversed.end());
    return reversed;
}

// Decimal digits divided by a small divisor; nullopt when it does not divide them.
std::optional<QByteArray> divided(const QByteArray &digits, quint64 divisor)
{
    QByteArray out;
    quint64 remainder = 0;
    for (char d : digits) {
        const quint64 v = remainder * 10 + quint64(d - '0');
        out.append(char('0' + v / divisor));
        remainder = v % divisor;
    }
    if (remainder != 0)
        return std::nullopt;
    return out;
}

// The number at the start of `text`: digits with optional thousands grouping and a decimal
// point. `digits` holds integer and fraction digits together; `end` is where the number stops.
struct ScannedNumber
{
    QByteArray digits;
    int fractionDigits = 0;
    qsizetype end = 0;
};

std::optional<ScannedNumber> scanNumber(const QString &text, qsizetype pos)
{
    ScannedNumber n;
    QList<int> groups;
    int groupLength = 0;
    QChar separator;
    qsizetype i = pos;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (isDigit(c)) {
            n.digits.append(char(c.unicode()));
            ++groupLength;
            ++i;
        } else if (isGroupSeparator(c) && groupLength > 0 && i + 1 < text.size() && isDigit(text.at(i + 1))) {
            if (!separator.isNull() && c != separator)
                return std::nullopt; // "1,000 000"
            separator = c;
            groups.append(groupLength);
            groupLength = 0;
            ++i;
        } else {
            break;
        }
    }
    groups.append(groupLength);
    if (groups.size() > 1) {
        // Grouped by thousands, or it is not one number ("1,5", "10 20").
        if (groups.first() > 3 || std::any_of(groups.begin() + 1, groups.end(), [](int g) { return g != 3; }))
            return std::nullopt;
    }
    const bool hasInteger = !n.digits.isEmpty();
    if (i < text.size() && text.at(i) == u'.') {
        ++i;
        while (i < text.size() && isDigit(text.at(i))) {
            n.digits.append(char(text.at(i).unicode()));
            ++n.fractionDigits;
            ++i;
        }
    }
    if (!hasInteger && n.fractionDigits == 0)
        return std::nullopt;
    n.end = i;
    return n;
}

// Skips a sign and a leading currency symbol in either order ("-$5", "$ -5"); returns where
// the number starts.
qsizetype skipPrefix(const QString &text, bool *negative, bool *dollar)
{
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (isMinus(c))
            *negative = true;
        else if (c == u'$')
            *dollar = true;
        else if (c != u'+' && !c.isSpace())
            break;
        ++i;
    }
    return i;
}

} // namespace

std::variant<QuotaLimit, QuantityParseError> parseQuotaLimit(const QString &text, ResourceUnit unit)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QuantityParseError{Reason::Empty, QString()};
    const QString lower = trimmed.toLower();
    if (lower == QLatin1String("inherit") || lower == QLatin1String("inherited"))
        return QuotaLimit::inherit();
    if (lower == QLatin1String("unlimited") || lower == QLatin1String("none") || lower == QStringLiteral("∞"))
        return QuotaLimit::unlimited();

    bool negative = false;
    bool dollar = false;
    const qsizetype start = skipPrefix(trimmed, &negative, &dollar);
    const std::optional<ScannedNumber> number = scanNumber(trimmed, start);
    if (!number)
        return QuantityParseError{Reason::NotANumber, trimmed};
    const QString suffixText = trimmed.mid(number->end).trimmed();
    // A second number or decimal point right after the first: "1..5", "1.2.3", "10,5".
    if (!suffixText.isEmpty() && (isDigit(suffixText.front()) || suffixText.front() == u'.' || suffixText.front() == u','))
        return QuantityParseError{Reason::NotANumber, trimmed};
    if (dollar && unit != ResourceUnit::Usd)
        return QuantityParseError{Reason::UnknownSuffix, QStringLiteral("$")};
    const std::optional<Scale> scale = scaleFor(suffixText.toLower().simplified(), unit);
    if (!scale)
        return QuantityParseError{Reason::UnknownSuffix, suffixText};
    if (negative)
        return QuantityParseError{Reason::Negative, trimmed};

    // value = digits * multiply / (divide * 10^fractionDigits), and it must be whole.
    const std::optional<QByteArray> scaled = divided(multiplied(number->digits, scale->multiply), scale->divide);
    if (!scaled)
        return QuantityParseError{Reason::Fractional, trimmed};
    QByteArray whole = *scaled;
    const QByteArray fraction = whole.right(number->fractionDigits);
    if (std::any_of(fraction.begin(), fraction.end(), [](char d) { return d != '0'; }))
        return QuantityParseError{Reason::Fractional, trimmed};
    whole.chop(number->fractionDigits);
    const auto firstSignificant = std::find_if(whole.cbegin(), whole.cend(), [](char d) { return d != '0'; });
    whole = whole.mid(firstSignificant - whole.cbegin());
    if (whole.isEmpty())
        whole = QByteArrayLiteral("0");
    static const QByteArray max = QByteArray::number(std::numeric_limits<qint64>::max());
    if (whole.size() > max.size() || (whole.size() == max.size() && whole > max))
        return QuantityParseError{Reason::TooLarge, trimmed};
    return QuotaLimit::of(whole.toLongLong());
}

QString formatQuotaLimit(const QuotaLimit &limit, ResourceUnit unit)
{
    switch (limit.kind) {
    case QuotaLimit::Kind::Inherit: return QStringLiteral("inherit");
    case QuotaLimit::Kind::Unlimited: return QStringLiteral("unlimited");
    case QuotaLimit::Kind::Value: break;
    }
    // The compact form rounds ("1234567" shows as "1.2M"); use it only when it reads back
    // as the same limit, so an editor never changes a value the operator didn't touch.
    const QString compact = formatQuantity(limit.value, unit);
    const auto back = parseQuotaLimit(compact, unit);
    if (std::holds_alternative<QuotaLimit>(back) && std::get<QuotaLimit>(back) == limit)
        return compact;
    const QString exact = QString::number(limit.value);
    switch (unit) {
    case ResourceUnit::Count: return exact;
    case ResourceUnit::Bytes: return exact + QStringLiteral(" B");
    case ResourceUnit::PerMinute: return exact + QStringLiteral("/min");
    case ResourceUnit::Seconds: return exact + QStringLiteral(" s");
    case ResourceUnit::Usd: return QStringLiteral("$") + exact;
    }
    return exact;
}

std::optional<QList<int>> parseSoftThresholds(const QString &text)
{
    QString spaced = text;
    for (QChar &c : spaced) {
        if (c == u',' || c == u';' || c == u'%')
            c = u' ';
    }
    QList<int> thresholds;
    for (const QString &token : spaced.split(u' ', Qt::SkipEmptyParts)) {
        const QString t = token.trimmed();
        if (t.isEmpty())
            continue;
        if (!std::all_of(t.begin(), t.end(), isDigit) || t.size() > 3)
            return std::nullopt;
        const int percent = t.toInt();
        if (percent < 1 || percent > 100 || thresholds.contains(percent))
            return std::nullopt;
        thresholds.append(percent);
    }
    if (thresholds.size() > kMaxSoftThresholds)
        return std::nullopt;
    std::sort(thresholds.begin(), thresholds.end());
    return thresholds;
}

QString formatSoftThresholds(const QList<int> &thresholds)
{
    QStringList parts;
    for (int t : thresholds)
        parts.append(QString::number(t));
    return parts.join(QStringLiteral(", "));
}

std::optional<QuotaViolation> checkQuotaLimit(const Quota &quota, const QuotaLimit &limit)
{
    switch (limit.kind) {
    case QuotaLimit::Kind::Inherit: return std::nullopt;
    case QuotaLimit::Kind::Unlimited:
        if (quota.parentLimit)
            return QuotaViolation{QuotaViolation::Reason::UnlimitedUnderLimit, *quota.parentLimit,
                                  quota.parentLimitFromSlug};
        return std::nullopt;
    case QuotaLimit::Kind::Value:
        if (quota.parentLimit && limit.value > *quota.parentLimit)
            return QuotaViolation{QuotaViolation::Reason::AboveParent, *quota.parentLimit, quota.parentLimitFromSlug};
        if (quota.descendantMax && limit.value < *quota.descendantMax)
            return QuotaViolation{QuotaViolation::Reason::BelowDescendant, *quota.descendantMax, quota.descendantMaxSlug};
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace tc
