#pragma once

#include "models/domain/lifecycle.h"
#include "models/domain/migration.h"
#include "models/domain/quota.h"
#include "models/domain/result.h"
#include "models/domain/tenant.h"
#include "models/domain/usage.h"
#include "models/store/sessioninfo.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUuid>

namespace tc {

struct AuditVerification
{
    qint64 checked = 0;    // links verified before the first bad one (or all)
    qint64 firstBadId = 0; // 0 when the whole chain verifies
    bool ok() const { return firstBadId == 0; }
};

// The one door to tenant data, over a direct database connection (PgStore) or the tenant
// API (ApiStore). Every call is asynchronous: the future finishes on a worker thread; attach
// continuations with .then(context, ...) to get back to the caller's thread. Calls never throw.
class TenantStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TenantStore() override;

    static constexpr int kDefaultPageSize = 200;

    // Connects, detects the login's role and the schema version. Fails only when no usable
    // session could be made; a missing or outdated schema is reported in SessionInfo.
    virtual QFuture<Result<SessionInfo>> open() = 0;

    // Children of `parent` (null = top level) in slug order, after `afterSlug` (keyset).
    // Without `includeDeleted`, deleted tenants (and purged tombstones) are left out, and so
    // is their share of totalChildren.
    virtual QFuture<Result<TenantPage>> children(const QUuid &parent, const QString &afterSlug,
                                                 int limit = kDefaultPageSize, bool includeDeleted = true) = 0;
    virtual QFuture<Result<Tenant>> tenant(const QUuid &id) = 0;
    // Several tenants at once (refreshing rows after change notifications); missing ids are skipped.
    virtual QFuture<Result<QList<Tenant>>> tenants(const QList<QUuid> &ids) = 0;
    // Case-insensitive substring of slug or display name, anywhere in the hierarchy.
    virtual QFuture<Result<SearchResult>> search(const QString &text, int limit = 200,
                                                 bool includeDeleted = true) = 0;
    virtual QFuture<Result<qint64>> tenantCount() = 0;

    // --- Tenants (writes are refused by the database for auditors) ---

    // Creates a tenant (and, if asked, its tier's quotas) in one transaction.
    virtual QFuture<Result<Tenant>> createTenant(const TenantDraft &draft) = 0;
    // Renames or edits settings; a Conflict error when the row's version moved since it was read.
    virtual QFuture<Result<Tenant>> updateTenant(const TenantEdit &edit) = 0;
    // Moves a subtree: compare-and-set on the current parent (a Conflict error if it is not
    // `expectedParent` any more). Refused (Validation) if it would make a cycle, exceed depth 8
    // or leave a limit in the subtree above the new parent's.
    virtual QFuture<Result<Tenant>> moveTenant(const QUuid &id, const QUuid &expectedParent,
                                               const QUuid &newParent) = 0;

    // --- Quotas ---

    // Every resource of the catalog for one tenant, own or inherited, with usage.
    virtual QFuture<Result<QList<Quota>>> quotas(const QUuid &tenant) = 0;
    // Applies all changes in one transaction, or none when any row changed meanwhile (the
    // report then lists the conflicts) or a rule refuses one (an error naming it).
    virtual QFuture<Result<QuotaWriteReport>> writeQuotas(const QList<QuotaChange> &changes) = 0;
    // A bulk edit in one transaction. The future reports progress (0..rows) and can be
    // cancelled; cancelling rolls everything back.
    virtual QFuture<Result<BulkQuotaReport>> bulkQuotas(const BulkQuotaRequest &request) = 0;

    // --- Lifecycle ---

    // What `request` would do, exactly: the database runs it in a transaction and rolls it
    // back, so the changed tenants, the data they hold and any refusal (illegal transition,
    // protected tenant, deletion cap, version moved) are what changeLifecycle would meet now.
    // A refusal is reported in LifecycleReport::refusal, not as an error.
    virtual QFuture<Result<LifecycleReport>> previewLifecycle(const LifecycleRequest &request) = 0;
    // Applies the transition to every requested tenant and its subtree in one transaction,
    // shallowest first; a tenant already in the target state (also one an ancestor in the
    // request brought there) is skipped. Progress 0..tenants; cancelling rolls it all back.
    virtual QFuture<Result<LifecycleReport>> changeLifecycle(const LifecycleRequest &request) = 0;
    // The tenant's lifecycle events, oldest first.
    virtual QFuture<Result<QList<LifecycleEvent>>> lifecycleHistory(const QUuid &tenant) = 0;
    virtual QFuture<Result<DeletionAllowance>> deletionAllowance() = 0;
    // Purges the data of every deleted tenant past its retention, `batchRows` rows per
    // transaction, so an interrupted purge loses nothing and the next run goes on. Progress:
    // tenants finished of those due; cancelling stops after the current batch.
    virtual QFuture<Result<PurgeReport>> purgeDue(int batchRows = 5000) = 0;

    // --- Usage ---

    // Usage history reduced in the database to buckets of query.bucketSeconds (min, max, mean,
    // last per bucket), so a year of hourly samples arrives as a few hundred rows per resource.
    virtual QFuture<Result<UsageSeriesSet>> usageSeries(const UsageQuery &query) = 0;
    // One resource of a tenant, stacked: its own usage and each direct child's subtree.
    virtual QFuture<Result<UsageBreakdown>> usageBreakdown(const UsageBreakdownQuery &query) = 0;
    // Tenants by share of their effective limit used (highest first; tenants without a limit
    // last, by usage), with subtree rollup and the trend of the last kTrendDays days.
    virtual QFuture<Result<QList<TopConsumer>>> topConsumers(const TopConsumersQuery &query) = 0;

    // --- Migration jobs ---

    // What moving `request` would do now: exact count and bytes of the matching source rows,
    // a sample (id order), and the target's items/storage_bytes limits against the move.
    // Validation for a bad selector (with its position), the same tenant or an inactive
    // target; NotFound for an unknown tenant.
    virtual QFuture<Result<MigrationPlan>> planMigration(const MigrationRequest &request) = 0;
    // Plans and records a job (state planned); QuotaExceeded when the plan is blocked.
    virtual QFuture<Result<MigrationJob>> createMigrationJob(const MigrationRequest &request) = 0;
    // Runs (or resumes) a job in batches of `batchRows`, one transaction each. Progress: moved
    // rows of the planned ones. Cancelling pauses the job after the current batch; an error
    // marks it failed (with the error text) and is returned. Run it again to resume. Starting
    // or resuming checks the rows still to move against the target's limits and state as they
    // are now (QuotaExceeded, Validation). A job that another console paused, cancelled or
    // failed meanwhile stops with an error and its state is left as that console set it.
    // Implementations run it beside, never in front of, the other calls.
    virtual QFuture<Result<MigrationJob>> runMigrationJob(qint64 id, int batchRows = 1000) = 0;
    virtual QFuture<Result<MigrationJob>> cancelMigrationJob(qint64 id) = 0;
    // Newest first.
    virtual QFuture<Result<QList<MigrationJob>>> migrationJobs(int limit = 200) = 0;
    virtual QFuture<Result<MigrationJob>> migrationJob(qint64 id) = 0;
    // (old id, new id) of the rows a job moved with new ids, in old id order.
    virtual QFuture<Result<QList<QPair<QUuid, QUuid>>>> migrationIdMap(qint64 id) = 0;

    // Recomputes the audit log's hash chain on the server.
    virtual QFuture<Result<AuditVerification>> verifyAuditLog() = 0;

    // Applies pending schema migrations (owner only); returns how many were applied.
    virtual QFuture<Result<int>> migrateSchema() = 0;

    // True while calls are still running. Destroying a busy store waits for them, so a GUI
    // lets go of a store only once it is idle.
    virtual bool isBusy() const { return false; }

    // Whether change notifications are arriving now (see changeFeedChanged).
    bool isChangeFeedLive() const { return m_changeFeedLive; }

Q_SIGNALS:
    // Another session (or this one) changed a tenant; emitted on the store's thread.
    void tenantChanged(const tc::TenantChange &change);
    // Change notifications stopped (connection lost) or resumed; while they are off, views
    // may be stale, and after they resume anything may have changed.
    void changeFeedChanged(bool live);

protected:
    void setChangeFeedLive(bool live)
    {
        if (live == m_changeFeedLive)
            return;
        m_changeFeedLive = live;
        Q_EMIT changeFeedChanged(live);
    }

private:
    bool m_changeFeedLive = false;
};

} // namespace tc
