#pragma once

#include <QString>

#include <optional>

namespace tc {

// How a resource's quantity is measured; decides how it is shown and parsed.
enum class ResourceUnit { Count, Bytes, PerMinute, Seconds, Usd };

QString resourceUnitKey(ResourceUnit unit);
std::optional<ResourceUnit> resourceUnitFromKey(const QString &key);

// Compact, locale-independent rendering for tables: "1.5M", "500 GB", "1.2K/min", "$2K".
// Binary prefixes are not used: quotas are sold in decimal units (1 GB = 10^9 bytes).
QString formatQuantity(qint64 value, ResourceUnit unit);

// "used / limit" with "∞" for a missing limit and "–" for unknown usage.
QString formatUsage(std::optional<qint64> used, std::optional<qint64> limit, ResourceUnit unit);

} // namespace tc
