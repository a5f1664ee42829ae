#include "models/domain/quota.h"

namespace tc {

std::variant<QuotaLimit, QuantityParseError> parseQuotaLimit(const QString &, ResourceUnit)
{
    return QuantityParseError{};
}

QString formatQuotaLimit(const QuotaLimit &, ResourceUnit) { return {}; }
std::optional<QList<int>> parseSoftThresholds(const QString &) { return std::nullopt; }
QString formatSoftThresholds(const QList<int> &) { return {}; }
std::optional<QuotaViolation> checkQuotaLimit(const Quota &, const QuotaLimit &) { return std::nullopt; }

} // namespace tc
