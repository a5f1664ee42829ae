#include "models/domain/tier.h"

namespace tc {

QString tierKey(Tier tier)
{
    switch (tier) {
    case Tier::Starter: return QStringLiteral("starter");
    case Tier::Professional: return QStringLiteral("professional");
    case Tier::Enterprise: return QStringLiteral("enterprise");
    }
    return {};
}

std::optional<Tier> tierFromKey(const QString &key)
{
    for (Tier t : {Tier::Starter, Tier::Professional, Tier::Enterprise}) {
        if (tierKey(t) == key)
            return t;
    }
    return std::nullopt;
}

QStringList tierKeys()
{
    return {tierKey(Tier::Starter), tierKey(Tier::Professional), tierKey(Tier::Enterprise)};
}

} // namespace tc
