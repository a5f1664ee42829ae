#include "models/domain/lifecyclestate.h"

namespace tc {

namespace {
constexpr LifecycleState kAll[] = {LifecycleState::Active, LifecycleState::Suspended,
                                   LifecycleState::Archived, LifecycleState::Deleted};
}

QString lifecycleStateKey(LifecycleState state)
{
    switch (state) {
    case LifecycleState::Active: return QStringLiteral("active");
    case LifecycleState::Suspended: return QStringLiteral("suspended");
    case LifecycleState::Archived: return QStringLiteral("archived");
    case LifecycleState::Deleted: return QStringLiteral("deleted");
    }
    return {};
}

std::optional<LifecycleState> lifecycleStateFromKey(const QString &key)
{
    for (LifecycleState s : kAll) {
        if (lifecycleStateKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QStringList lifecycleStateKeys()
{
    QStringList keys;
    for (LifecycleState s : kAll)
        keys << lifecycleStateKey(s);
    return keys;
}

bool isTransitionAllowed(LifecycleState from, LifecycleState to)
{
    using S = LifecycleState;
    switch (from) {
    case S::Active: return to == S::Suspended || to == S::Deleted;
    case S::Suspended: return to == S::Active || to == S::Archived || to == S::Deleted;
    case S::Archived: return to == S::Active || to == S::Deleted;
    case S::Deleted: return to == S::Active;
    }
    return false;
}

} // namespace tc
