#pragma once

#include "models/domain/result.h"
#include "models/domain/tier.h"

#include <QList>
#include <QString>

#include <optional>

namespace tc {

// The presets of resources/tiers.json: for each tier, a limit per resource (nullopt = unlimited).
struct TierPreset
{
    Tier tier = Tier::Starter;
    QString displayName;
    QList<QPair<QString, std::optional<qint64>>> quotas; // resource key -> limit, in key order
};

namespace TierCatalog {
// The presets compiled into the binary.
const QList<TierPreset> &bundled();
// Parses a tiers.json document; Validation error naming the first problem.
Result<QList<TierPreset>> parse(const QByteArray &json);
const TierPreset *preset(Tier tier);
} // namespace TierCatalog

} // namespace tc
