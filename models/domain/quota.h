#pragma once

#include "models/domain/resourceunit.h"
#include "models/domain/result.h"
#include "models/domain/tier.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>
#include <variant>

namespace tc {

// A limit as an operator states it: a number, "inherit" (use the parent's effective limit) or
// "unlimited". The database stores both inherit and unlimited as a null hard_limit: a tenant
// without an own limit is bounded by its nearest ancestor's, and is unlimited only when no
// ancestor has one. So "unlimited" is accepted only where nothing above limits the tenant.
struct QuotaLimit
{
    enum class Kind { Inherit, Unlimited, Value };
    Kind kind = Kind::Inherit;
    qint64 value = 0; // Kind::Value only

    static QuotaLimit inherit() { return {Kind::Inherit, 0}; }
    static QuotaLimit unlimited() { return {Kind::Unlimited, 0}; }
    static QuotaLimit of(qint64 v) { return {Kind::Value, v}; }
    // What a stored hard_limit means (null -> inherit).
    static QuotaLimit fromStored(std::optional<qint64> hardLimit)
    {
        return hardLimit ? of(*hardLimit) : inherit();
    }

    bool isValue() const { return kind == Kind::Value; }
    // The hard_limit column's value: nullopt for inherit and unlimited.
    std::optional<qint64> stored() const { return isValue() ? std::optional<qint64>(value) : std::nullopt; }

    friend bool operator==(const QuotaLimit &a, const QuotaLimit &b)
    {
        return a.kind == b.kind && (a.kind != Kind::Value || a.value == b.value);
    }
};

// Why a text is not a limit. Only ui/ turns it into words; `offending` is the part that failed.
struct QuantityParseError
{
    enum class Reason {
        Empty,
        NotANumber,     // "abc", "1..5"
        Negative,       // "-5"
        UnknownSuffix,  // "5 parsecs", "5 GB" for a count
        TooLarge,       // beyond 2^63 - 1
        Fractional,     // "1.5" of a unit that needs whole numbers ("1.5 B", "2.5 s")
    };
    Reason reason = Reason::NotANumber;
    QString offending;
};

// Parses what an operator types into a limit cell, for a resource measured in `unit`:
//   "inherit", "unlimited" (also "∞", "none"), plain numbers with separators ("1,000,000",
//   "1 000 000", "1_000_000"), decimal suffixes K/M/G/T (also k, thousand-free "1.5M"),
//   bytes "500 GB", "1.5TB", "10 GiB" (binary prefixes are understood though shown decimal),
//   per-minute rates "6K/min", "100 per minute", durations "300 s", "15 min", "1 h",
//   money "$500", "5K USD". Case-insensitive. Fractions are allowed when the result is whole.
std::variant<QuotaLimit, QuantityParseError> parseQuotaLimit(const QString &text, ResourceUnit unit);

// The text an editor starts from, and that parseQuotaLimit reads back to the same limit:
// "inherit", "unlimited" or the compact quantity ("500 GB", "1.5M", "$5K", "300 s").
QString formatQuotaLimit(const QuotaLimit &limit, ResourceUnit unit);

// Soft alert thresholds in percent: "80, 90, 95" (also "80 90 95%", empty = no alerts).
// Ascending, unique, 1..100, at most 5 (as the schema's CHECK constraint). nullopt if invalid.
std::optional<QList<int>> parseSoftThresholds(const QString &text);
QString formatSoftThresholds(const QList<int> &thresholds);
constexpr int kMaxSoftThresholds = 5;

// One resource's quota of one tenant, as the quota editor shows it.
struct Quota
{
    QUuid tenantId;
    QString resource;     // key in tenancy.resources ("storage_bytes")
    QString displayName;  // "Storage"
    ResourceUnit unit = ResourceUnit::Count;
    int sortOrder = 0;
    bool metered = false; // usage is sampled (items, storage, queries per minute)

    std::optional<qint64> hardLimit;  // the tenant's own limit; nullopt = inherits
    QList<int> softThresholds{80, 90, 95};
    qint64 version = 0;               // row version; 0 = the tenant has no row for it yet

    // The parent's effective limit, and the ancestor it comes from (nullopt/null = unlimited
    // above, or a top-level tenant).
    std::optional<qint64> parentLimit;
    QUuid parentLimitFromId;
    QString parentLimitFromSlug;
    // The largest own limit anywhere below (a new limit may not go under it), and whose it is.
    std::optional<qint64> descendantMax;
    QString descendantMaxSlug;

    std::optional<qint64> used; // latest sample; nullopt when not metered or never sampled

    std::optional<qint64> effectiveLimit() const { return hardLimit ? hardLimit : parentLimit; }
    bool inherits() const { return !hardLimit.has_value(); }
};

// Why a limit can't be set on a quota; checked before a write for a clear message, and
// enforced again by the database.
struct QuotaViolation
{
    enum class Reason {
        AboveParent,         // limit > parent's effective limit (`bound`, set on `boundSlug`)
        BelowDescendant,     // limit < a descendant's own limit (`bound`, on `boundSlug`)
        UnlimitedUnderLimit, // "unlimited" while an ancestor (`boundSlug`) limits to `bound`
    };
    Reason reason = Reason::AboveParent;
    qint64 bound = 0;
    QString boundSlug;
};

// nullopt when `limit` may be set on `quota` as things stand.
std::optional<QuotaViolation> checkQuotaLimit(const Quota &quota, const QuotaLimit &limit);

// A write of one quota row. Batches of these are applied in one transaction.
struct QuotaChange
{
    QUuid tenantId;
    QString resource;
    std::optional<qint64> hardLimit;          // nullopt = inherit (or unlimited, see QuotaLimit)
    std::optional<QList<int>> softThresholds; // nullopt = leave as they are
    // The version the change was made against: nullopt = don't check (bulk edits), 0 = the
    // row must not exist yet. A row whose version moved is a conflict, never overwritten.
    std::optional<qint64> expectedVersion;
};

// A change that was refused because the row moved on: what the operator wanted, and what the
// row holds now (theirs).
struct QuotaConflict
{
    QuotaChange mine;
    Quota theirs;
};

// The outcome of applying quota changes: either all were written (one transaction) or, when
// any row changed meanwhile, none were and `conflicts` lists every moved row.
struct QuotaWriteReport
{
    int written = 0;   // rows inserted or updated
    int unchanged = 0; // rows that already held the requested values
    QList<Quota> after;  // the written rows as they are now (with their new versions)
    QList<QuotaConflict> conflicts;

    bool applied() const { return conflicts.isEmpty(); }
};

// A bulk edit over many tenants (or whole subtrees), applied in one transaction.
struct BulkQuotaRequest
{
    enum class Action {
        ApplyTier,   // set the tier and every resource from its preset
        SetResource, // one resource to one limit
        CopyFrom,    // every resource's own limit (and thresholds) from `source`
    };
    Action action = Action::ApplyTier;
    QList<QUuid> tenants;
    bool includeSubtrees = false; // every descendant of each selected tenant too
    Tier tier = Tier::Starter;    // ApplyTier
    // ApplyTier: a preset above the parent's limit is lowered to it, instead of refused.
    // Sub-tenants then get min(preset, parent's limit) and the summary says how many.
    bool capAtParent = true;
    QString resource;             // SetResource
    QuotaLimit limit;             // SetResource
    QUuid source;                 // CopyFrom
};

struct BulkQuotaReport
{
    int tenants = 0;       // tenants the request covered
    int tiersChanged = 0;  // ApplyTier: tenants whose tier changed
    int written = 0;       // quota rows inserted or updated
    int unchanged = 0;     // quota rows that already held the value
    int capped = 0;        // ApplyTier with capAtParent: limits lowered to the parent's
    QList<QPair<QString, int>> perResource; // resource key -> rows written, in catalog order
};

} // namespace tc

Q_DECLARE_METATYPE(tc::Quota)
