#pragma once

#include "models/store/connectionprofile.h"
#include "models/store/demoseeder.h"
#include "models/store/schemamigrator.h"
#include "models/store/tenantstore.h"

#include <memory>

namespace tc {

// TenantStore over a direct PostgreSQL connection (libpqxx). Queries run on a small pool of
// worker threads, each owning one connection; a separate connection LISTENs for
// tenancy_changes. Nothing here ever blocks the caller's thread.
class PgStore final : public TenantStore
{
    Q_OBJECT

public:
    struct Options
    {
        int workers = 2;           // connections for queries
        bool listenForChanges = true;
    };

    // `conninfo` as produced by ConnectionProfile::libpqConninfo() (it may hold the password).
    explicit PgStore(const QString &conninfo, Options options, QObject *parent = nullptr);
    explicit PgStore(const QString &conninfo, QObject *parent = nullptr) : PgStore(conninfo, Options{}, parent) {}
    ~PgStore() override;

    // A store for a connection profile (the console's store factory); nullptr and `error` when
    // the profile can't make a connection string.
    static std::unique_ptr<TenantStore> forProfile(const ConnectionProfile &profile, const QString &password,
                                                   Error *error);

    QFuture<Result<SessionInfo>> open() override;
    QFuture<Result<TenantPage>> children(const QUuid &parent, const QString &afterSlug,
                                         int limit = kDefaultPageSize, bool includeDeleted = true) override;
    QFuture<Result<Tenant>> tenant(const QUuid &id) override;
    QFuture<Result<QList<Tenant>>> tenants(const QList<QUuid> &ids) override;
    QFuture<Result<SearchResult>> search(const QString &text, int limit = 200,
                                         bool includeDeleted = true) override;
    QFuture<Result<qint64>> tenantCount() override;
    QFuture<Result<Tenant>> createTenant(const TenantDraft &draft) override;
    QFuture<Result<Tenant>> updateTenant(const TenantEdit &edit) override;
    QFuture<Result<Tenant>> moveTenant(const QUuid &id, const QUuid &expectedParent, const QUuid &newParent) override;
    QFuture<Result<QList<Quota>>> quotas(const QUuid &tenant) override;
    QFuture<Result<QuotaWriteReport>> writeQuotas(const QList<QuotaChange> &changes) override;
    QFuture<Result<BulkQuotaReport>> bulkQuotas(const BulkQuotaRequest &request) override;
    QFuture<Result<LifecycleReport>> previewLifecycle(const LifecycleRequest &request) override;
    QFuture<Result<LifecycleReport>> changeLifecycle(const LifecycleRequest &request) override;
    QFuture<Result<QList<LifecycleEvent>>> lifecycleHistory(const QUuid &tenant) override;
    QFuture<Result<DeletionAllowance>> deletionAllowance() override;
    QFuture<Result<PurgeReport>> purgeDue(int batchRows = 5000) override;
    QFuture<Result<UsageSeriesSet>> usageSeries(const UsageQuery &query) override;
    QFuture<Result<UsageBreakdown>> usageBreakdown(const UsageBreakdownQuery &query) override;
    QFuture<Result<QList<TopConsumer>>> topConsumers(const TopConsumersQuery &query) override;
    QFuture<Result<MigrationPlan>> planMigration(const MigrationRequest &request) override;
    QFuture<Result<MigrationJob>> createMigrationJob(const MigrationRequest &request) override;
    QFuture<Result<MigrationJob>> runMigrationJob(qint64 id, int batchRows = 1000) override;
    QFuture<Result<MigrationJob>> cancelMigrationJob(qint64 id) override;
    QFuture<Result<QList<MigrationJob>>> migrationJobs(int limit = 200) override;
    QFuture<Result<MigrationJob>> migrationJob(qint64 id) override;
    QFuture<Result<QList<QPair<QUuid, QUuid>>>> migrationIdMap(qint64 id) override;
    QFuture<Result<AuditVerification>> verifyAuditLog() override;
    QFuture<Result<int>> migrateSchema() override;
    bool isBusy() const override;

    // Direct-connection administration (tenantctl, the demo, tests); not part of TenantStore.
    QFuture<Result<QList<MigrationStatus>>> migrationStatus();
    QFuture<Result<DemoSeedReport>> seedDemo(const DemoSeedOptions &options);
    // The deletion cap as a percentage of the tenants (schema owner only); returns the new allowance.
    QFuture<Result<DeletionAllowance>> setDeletionCap(double percent);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tc
