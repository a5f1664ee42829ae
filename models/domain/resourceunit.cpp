#include "models/domain/resourceunit.h"

#include <cmath>

namespace tc {

QString resourceUnitKey(ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: return QStringLiteral("count");
    case ResourceUnit::Bytes: return QStringLiteral("bytes");
    case ResourceUnit::PerMinute: return QStringLiteral("per_minute");
    case ResourceUnit::Seconds: return QStringLiteral("seconds");
    case ResourceUnit::Usd: return QStringLiteral("usd");
    }
    return {};
}

std::optional<ResourceUnit> resourceUnitFromKey(const QString &key)
{
    for (ResourceUnit u : {ResourceUnit::Count, ResourceUnit::Bytes, ResourceUnit::PerMinute,
                           ResourceUnit::Seconds, ResourceUnit::Usd}) {
        if (resourceUnitKey(u) == key)
            return u;
    }
    return std::nullopt;
}

namespace {

// One decimal below 10 (none when it is .0), none above: 1.5M, 2K, 12M, 999K. Rounds first,
// then moves up a unit if rounding reached it (999,999 is "1M", not "1000K").
QString scaled(qint64 value, const char *const *suffixes, int suffixCount, double base,
               const QString &separator)
{
    double v = double(value);
    int i = 0;
    while (std::abs(v) >= base && i + 1 < suffixCount) {
        v /= base;
        ++i;
    }
    if (i == 0)
        return QString::number(value) + (suffixes[0][0] ? separator + QLatin1String(suffixes[0]) : QString());
    auto round1 = [](double x) { return std::round(x * 10.0) / 10.0; };
    double shown = std::abs(v) < 10 ? round1(v) : std::round(v);
    if (std::abs(shown) >= base && i + 1 < suffixCount) {
        v /= base;
        ++i;
        shown = round1(v);
    }
    QString text = QString::number(shown, 'f', std::abs(shown) < 10 ? 1 : 0);
    if (text.endsWith(QLatin1String(".0")))
        text.chop(2);
    return text + separator + QLatin1String(suffixes[i]);
}

} // namespace

QString formatQuantity(qint64 value, ResourceUnit unit)
{
    static const char *const counts[] = {"", "K", "M", "G", "T"};
    static const char *const bytes[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    switch (unit) {
    case ResourceUnit::Count: return scaled(value, counts, 5, 1000.0, QString());
    case ResourceUnit::Bytes: return scaled(value, bytes, 6, 1000.0, QStringLiteral(" "));
    case ResourceUnit::PerMinute: return scaled(value, counts, 5, 1000.0, QString()) + QStringLiteral("/min");
    case ResourceUnit::Seconds: return QString::number(value) + QStringLiteral(" s");
    case ResourceUnit::Usd: return QStringLiteral("$") + scaled(value, counts, 5, 1000.0, QString());
    }
    return QString::number(value);
}

QString formatUsage(std::optional<qint64> used, std::optional<qint64> limit, ResourceUnit unit)
{
    const QString u = used ? formatQuantity(*used, unit) : QStringLiteral("–");
    const QString l = limit ? formatQuantity(*limit, unit) : QStringLiteral("∞");
    return u + QStringLiteral(" / ") + l;
}

} // namespace tc
