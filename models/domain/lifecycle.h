#pragma once

// The lifecycle state machine: what an operator can do to a tenant in each state, what each
// transition needs, and how it cascades to the subtree. The database enforces the same rules
// (resources/sql/0004_lifecycle.sql: tenants_before_write, tenants_state_cascade,
// tenants_check_deletion_cap); these let the console and tenantctl check first and explain.

#include "models/domain/error.h"
#include "models/domain/lifecyclestate.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>

namespace tc {

// What a person asks for. Restore covers archived -> active and deleted -> active.
enum class LifecycleAction { Suspend, Resume, Archive, Restore, Delete };

QString lifecycleActionKey(LifecycleAction action); // "suspend", "resume", ... (tenantctl verbs)
std::optional<LifecycleAction> lifecycleActionFromKey(const QString &key);
QList<LifecycleAction> lifecycleActions(); // in menu order

LifecycleState targetState(LifecycleAction action);
// The action that takes `from` to `to`; nullopt if no transition does.
std::optional<LifecycleAction> actionFor(LifecycleState from, LifecycleState to);
// Whether `action` applies to a tenant in `state` (Resume from suspended, Restore from
// archived or deleted, ...).
bool isActionAllowed(LifecycleAction action, LifecycleState state);

// active < suspended < archived < deleted. A transition to a stricter state cascades down;
// one back to active releases what it held.
int restrictiveness(LifecycleState state);

// What a transition needs and does.
struct TransitionRequirements
{
    bool needsReason = true;           // every transition (the database refuses one without)
    bool needsSlugConfirmation = false; // delete: type the tenant's slug
    bool needsActiveParent = false;     // -> active: the parent must be active
    bool schedulesPurge = false;        // -> deleted: purge_after = now + retention
    bool cascadesDown = false;          // stricter: descendants that are less strict follow
    bool releasesHeld = false;          // -> active: descendants it held go back
};
TransitionRequirements requirementsFor(LifecycleState from, LifecycleState to);

// Why a transition of one tenant is refused before asking the database; Ok when it isn't.
enum class TransitionBlock {
    Ok,
    NotAllowed,       // not in the table (e.g. active -> archived)
    ReasonMissing,    // empty or blank reason
    ConfirmationWrong, // delete: the typed slug does not match
    ParentNotActive,  // -> active under a parent that is not active
    PreventDeletion,  // -> deleted while the tenant has "prevent deletion"
    RetentionOver,    // restore from deleted after purge_after, or purged
};

struct TransitionInput
{
    LifecycleState from = LifecycleState::Active;
    LifecycleState to = LifecycleState::Active;
    QString slug;
    QString reason;
    QString typedConfirmation;              // delete only
    std::optional<LifecycleState> parentState; // nullopt at the top level
    bool preventDeletion = false;
    QDateTime purgeAfter;                   // deleted tenants
    bool purged = false;
    QDateTime now;                          // the database clock (tenancy.clock_now())
};
TransitionBlock checkTransition(const TransitionInput &input);
// An English sentence for logs and tenantctl (the console translates the block itself).
QString transitionBlockMessage(TransitionBlock block, const TransitionInput &input);

// --- Cascade (mirrors tenants_state_cascade) ---

// A descendant as the cascade sees it: its state, and if a transition holds it there, the
// state it had of its own.
struct HoldState
{
    LifecycleState state = LifecycleState::Active;
    QUuid heldBy;                         // null: the state is its own
    std::optional<LifecycleState> ownState; // set while held
    bool operator==(const HoldState &) const = default;
};

// The root `root` went to the stricter state `to`: the descendant's new state. Unchanged
// when it is already as strict; otherwise `to`, held by the root, own state kept.
HoldState cascadeDown(const HoldState &descendant, LifecycleState to, const QUuid &root);
// The root went back to active: a descendant it held returns to its own state, or to its
// parent's new state where that is stricter (held by whatever holds the parent: `parentHolder`
// is the parent's held_by, or the parent itself when its state is its own).
HoldState release(const HoldState &descendant, LifecycleState parentNewState, const QUuid &parentHolder);

// One entry of a tenant's lifecycle timeline (tenancy.lifecycle_events).
struct LifecycleEvent
{
    qint64 id = 0;
    QUuid tenantId;
    std::optional<LifecycleState> from; // nullopt: created
    LifecycleState to = LifecycleState::Active;
    QString reason;
    QString actor;
    QDateTime at;
    QUuid cascadeRoot;     // set when a transition of an ancestor carried this one along
    QString cascadeRootSlug;
};

// --- Store requests and reports ---

struct LifecycleTarget
{
    QUuid id;
    qint64 expectedVersion = 0; // the version the operator saw; 0: don't check
};

// One transition for one or many tenants (bulk), each with its subtree, in one transaction.
struct LifecycleRequest
{
    QList<LifecycleTarget> tenants;
    LifecycleState to = LifecycleState::Suspended;
    QString reason;
};

// One tenant whose state changed (or would change, in a preview).
struct LifecycleChange
{
    QUuid id;
    QUuid parentId;
    QString slug;
    LifecycleState from = LifecycleState::Active;
    LifecycleState to = LifecycleState::Active;
    QUuid cascadeRoot; // null: one of the requested tenants; else the one that carried it along
};

// The deletion cap (tenancy.deletion_allowance()).
struct DeletionAllowance
{
    int cap = 0;             // deletions allowed per window
    int deletedRecently = 0; // deletions in the window that were not restored
    qint64 tenants = 0;      // tenants the percentage is of (purged ones excluded)
    double percent = 10;
    int windowDays = 30;
    int remaining() const { return cap > deletedRecently ? cap - deletedRecently : 0; }
};

struct LifecycleReport
{
    LifecycleState to = LifecycleState::Suspended;
    QList<LifecycleChange> changes; // requested tenants first, then the cascaded ones
    QList<QUuid> skipped;           // requested but already in the target state
    qint64 memories = 0;            // data held by the changed tenants
    qint64 memoryBytes = 0;
    qint64 usageSamples = 0;
    QDateTime purgeAfter;           // deletions: when the purge may start (the earliest)
    DeletionAllowance allowance;    // as it is after the change
    std::optional<Error> refusal;   // preview only: why the database would refuse it
    bool committed = false;         // false for a preview

    int requestedCount() const;
    int cascadedCount() const;
};

struct PurgedTenant
{
    QUuid id;
    QString slug;
    qint64 memories = 0;
    qint64 usageSamples = 0;
    bool finished = false; // only the tombstone is left
};

struct PurgeReport
{
    QList<PurgedTenant> tenants; // one entry per tenant touched, counts summed over batches
    qint64 held = 0;             // due but protected from deletion (a legal hold): skipped
    bool cancelled = false;      // stopped between batches; what was done stays done
    qint64 memories() const;
    qint64 usageSamples() const;
    int finishedCount() const;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::LifecycleAction)
Q_DECLARE_METATYPE(tc::LifecycleEvent)
