#include "models/domain/lifecycle.h"

#include <algorithm>

namespace tc {

namespace {
using S = LifecycleState;
using A = LifecycleAction;
constexpr A kActions[] = {A::Suspend, A::Resume, A::Archive, A::Restore, A::Delete};
} // namespace

QString lifecycleActionKey(LifecycleAction action)
{
    switch (action) {
    case A::Suspend: return QStringLiteral("suspend");
    case A::Resume: return QStringLiteral("resume");
    case A::Archive: return QStringLiteral("archive");
    case A::Restore: return QStringLiteral("restore");
    case A::Delete: return QStringLiteral("delete");
    }
    return {};
}

std::optional<LifecycleAction> lifecycleActionFromKey(const QString &key)
{
    for (A a : kActions) {
        if (lifecycleActionKey(a) == key)
            return a;
    }
    return std::nullopt;
}

QList<LifecycleAction> lifecycleActions() { return {std::begin(kActions), std::end(kActions)}; }

LifecycleState targetState(LifecycleAction action)
{
    switch (action) {
    case A::Suspend: return S::Suspended;
    case A::Resume:
    case A::Restore: return S::Active;
    case A::Archive: return S::Archived;
    case A::Delete: return S::Deleted;
    }
    return S::Active;
}

std::optional<LifecycleAction> actionFor(LifecycleState from, LifecycleState to)
{
    if (!isTransitionAllowed(from, to))
        return std::nullopt;
    switch (to) {
    case S::Suspended: return A::Suspend;
    case S::Archived: return A::Archive;
    case S::Deleted: return A::Delete;
    case S::Active: return from == S::Suspended ? A::Resume : A::Restore;
    }
    return std::nullopt;
}

bool isActionAllowed(LifecycleAction action, LifecycleState state)
{
    const std::optional<LifecycleAction> a = actionFor(state, targetState(action));
    return a && *a == action;
}

int restrictiveness(LifecycleState state)
{
    switch (state) {
    case S::Active: return 0;
    case S::Suspended: return 1;
    case S::Archived: return 2;
    case S::Deleted: return 3;
    }
    return 0;
}

TransitionRequirements requirementsFor(LifecycleState from, LifecycleState to)
{
    TransitionRequirements r;
    r.needsSlugConfirmation = to == S::Deleted;
    r.needsActiveParent = to == S::Active;
    r.schedulesPurge = to == S::Deleted;
    r.cascadesDown = restrictiveness(to) > restrictiveness(from);
    r.releasesHeld = to == S::Active;
    return r;
}

TransitionBlock checkTransition(const TransitionInput &in)
{
    if (!isTransitionAllowed(in.from, in.to))
        return TransitionBlock::NotAllowed;
    if (in.from == S::Deleted && (in.purged || (in.purgeAfter.isValid() && in.now.isValid() && in.purgeAfter <= in.now)))
        return TransitionBlock::RetentionOver;
    if (in.to == S::Active && in.parentState && *in.parentState != S::Active)
        return TransitionBlock::ParentNotActive;
    if (in.to == S::Deleted && in.preventDeletion)
        return TransitionBlock::PreventDeletion;
    if (in.reason.trimmed().isEmpty())
        return TransitionBlock::ReasonMissing;
    if (requirementsFor(in.from, in.to).needsSlugConfirmation && in.typedConfirmation != in.slug)
        return TransitionBlock::ConfirmationWrong;
    return TransitionBlock::Ok;
}

QString transitionBlockMessage(TransitionBlock block, const TransitionInput &in)
{
    const QString from = lifecycleStateKey(in.from);
    const QString to = lifecycleStateKey(in.to);
    switch (block) {
    case TransitionBlock::Ok: return {};
    case TransitionBlock::NotAllowed:
        return QStringLiteral("Tenant \"%1\" cannot go from %2 to %3.").arg(in.slug, from, to);
    case TransitionBlock::ReasonMissing:
        return QStringLiteral("Changing tenant \"%1\" from %2 to %3 needs a reason.").arg(in.slug, from, to);
    case TransitionBlock::ConfirmationWrong:
        return QStringLiteral("To delete tenant \"%1\", confirm with its slug exactly.").arg(in.slug);
    case TransitionBlock::ParentNotActive:
        return QStringLiteral("Tenant \"%1\" cannot be active while its parent is %2; restore or resume the parent first.")
            .arg(in.slug, in.parentState ? lifecycleStateKey(*in.parentState) : QString());
    case TransitionBlock::PreventDeletion:
        return QStringLiteral("Tenant \"%1\" is protected from deletion; clear \"prevent deletion\" first.").arg(in.slug);
    case TransitionBlock::RetentionOver:
        return in.purged ? QStringLiteral("Tenant \"%1\" was purged; only its tombstone is left.").arg(in.slug)
                         : QStringLiteral("Tenant \"%1\" is past its retention period and cannot be restored.").arg(in.slug);
    }
    return {};
}

HoldState cascadeDown(const HoldState &d, LifecycleState to, const QUuid &root)
{
    if (restrictiveness(d.state) >= restrictiveness(to))
        return d;
    return {to, root, d.ownState ? d.ownState : std::optional(d.state)};
}

HoldState release(const HoldState &d, LifecycleState parentNewState, const QUuid &parentHolder)
{
    if (d.heldBy.isNull() || !d.ownState)
        return d;
    if (restrictiveness(*d.ownState) >= restrictiveness(parentNewState))
        return {*d.ownState, {}, std::nullopt};
    return {parentNewState, parentHolder, d.ownState};
}

int LifecycleReport::requestedCount() const
{
    return int(std::count_if(changes.cbegin(), changes.cend(), [](const LifecycleChange &c) { return c.cascadeRoot.isNull(); }));
}

int LifecycleReport::cascadedCount() const { return int(changes.size()) - requestedCount(); }

qint64 PurgeReport::memories() const
{
    qint64 n = 0;
    for (const PurgedTenant &t : tenants)
        n += t.memories;
    return n;
}

qint64 PurgeReport::usageSamples() const
{
    qint64 n = 0;
    for (const PurgedTenant &t : tenants)
        n += t.usageSamples;
    return n;
}

int PurgeReport::finishedCount() const
{
    return int(std::count_if(tenants.cbegin(), tenants.cend(), [](const PurgedTenant &t) { return t.finished; }));
}

} // namespace tc
