#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tc {

enum class LifecycleState { Active, Suspended, Archived, Deleted };

QString lifecycleStateKey(LifecycleState state);
std::optional<LifecycleState> lifecycleStateFromKey(const QString &key);
QStringList lifecycleStateKeys();

// The transitions of DESIGN.md (the database trigger enforces the same table):
// active <-> suspended, suspended -> archived, archived -> active (restore),
// {active, suspended, archived} -> deleted, deleted -> active (restore within retention).
bool isTransitionAllowed(LifecycleState from, LifecycleState to);

// Whether a tenant in this state may have active children.
inline bool allowsActiveChildren(LifecycleState state) { return state == LifecycleState::Active; }

} // namespace tc
