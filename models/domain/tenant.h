#pragma once

#include "models/domain/lifecyclestate.h"
#include "models/domain/tier.h"
#include "models/domain/usage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace tc {

// Latest usage next to the effective limit (own limit, else the nearest ancestor's;
// nullopt = unlimited). What the tree shows per row without touching usage history.
struct UsageLimit
{
    std::optional<qint64> used;
    std::optional<qint64> limit;

    // 0..1 (may exceed 1 when over quota); nullopt when unlimited or unknown.
    std::optional<double> fraction() const;
};

struct Tenant
{
    QUuid id;
    QUuid parentId; // null at the top level
    QString slug;
    QString displayName;
    Tier tier = Tier::Starter;
    LifecycleState state = LifecycleState::Active;
    QDateTime stateChangedAt;
    QDateTime purgeAfter;
    QJsonObject settings;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 version = 0;
    int childCount = 0;        // all children, deleted ones included
    int deletedChildCount = 0; // of those, deleted (shown only with "Show deleted")
    QUuid heldBy;              // a transition of this ancestor holds the state (see lifecycle.h)
    std::optional<LifecycleState> ownState; // the state it had of its own, while held
    QDateTime purgedAt;        // set once the data was purged: a tombstone
    UsageLimit items;
    UsageLimit storage;
    // The metered resource whose usage reached the highest soft threshold (of its own quota
    // row, else 80/90/95) of its effective limit; nullopt when none reached one.
    std::optional<UsageAlert> alert;

    bool isTopLevel() const { return parentId.isNull(); }
    bool isPurged() const { return purgedAt.isValid(); }
};

// One page of a parent's children in slug order. `after` of the next page is the last slug.
struct TenantPage
{
    QUuid parentId;
    QList<Tenant> tenants;
    int totalChildren = 0; // of the parent, at the time of the read
    bool hasMore = false;
};

// A search hit with its ancestors, top level first, so a tree can open the way to it.
struct TenantMatch
{
    Tenant tenant;
    QList<Tenant> ancestors;
};

struct SearchResult
{
    QString text;
    QList<TenantMatch> matches;
    bool truncated = false; // more matches exist than were returned
};

// The settings a person edits, as kept in tenants.settings (jsonb). Unknown keys are kept.
struct TenantSettings
{
    QStringList features;         // enabled on this tenant
    bool inheritFeatures = false; // also every feature its parent has (effective)
    int retentionDays = 90;       // how long a deleted tenant can be restored
    bool preventDeletion = false; // delete is refused until this is cleared

    static TenantSettings fromJson(const QJsonObject &settings);
    // Writes the known keys over `base`, keeping any others.
    QJsonObject toJson(const QJsonObject &base = {}) const;
};

// Features a tenant can have (the platform's switches), in display order.
const QStringList &knownFeatures();
constexpr int kMinRetentionDays = 1;
constexpr int kMaxRetentionDays = 3650;

// A tenant to create. Quotas: a tier preset, or inherit everything from the parent.
struct TenantDraft
{
    QUuid parentId; // null: top level
    QString slug;
    QString displayName;
    Tier tier = Tier::Starter;
    TenantSettings settings;
    bool applyTierQuotas = true; // false: no own limits (inherit the parent's)
};

// An edit of an existing tenant; fields left empty stay as they are. `expectedVersion` is the
// version it was made against: if the row moved on, the edit is refused as a conflict.
struct TenantEdit
{
    QUuid id;
    qint64 expectedVersion = 0;
    std::optional<QString> slug;
    std::optional<QString> displayName;
    std::optional<TenantSettings> settings;
};

// What another session changed (payload of NOTIFY tenancy_changes).
struct TenantChange
{
    enum class Operation { Insert, Update, Delete };
    Operation operation = Operation::Update;
    QString table;     // "tenants", "quotas", ...
    QUuid tenantId;
    QUuid parentId;    // tenants only: the parent after the change
    QUuid oldParentId; // tenants only: the parent before (differs on a move)

    // Parses the JSON payload written by the schema's notify trigger; nullopt if malformed.
    static std::optional<TenantChange> fromPayload(const QByteArray &json);
};

} // namespace tc

Q_DECLARE_METATYPE(tc::Tenant)
Q_DECLARE_METATYPE(tc::TenantChange)
