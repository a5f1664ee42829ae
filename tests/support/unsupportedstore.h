#pragma once

#include "models/store/tenantstore.h"

#include <QFuture>

namespace tc::test {

// Base for in-memory fakes in pure model tests: every call a fake does not override answers
// with an Internal error, so a test notices an unexpected call instead of hanging.
class UnsupportedStore : public TenantStore
{
public:
    using TenantStore::TenantStore;

    template<typename T>
    static QFuture<Result<T>> unsupported(const char *what)
    {
        return QtFuture::makeReadyFuture(
            Result<T>(Error{ErrorKind::Internal, QStringLiteral("fake store: %1 is not supported").arg(QLatin1String(what))}));
    }
    template<typename T>
    static QFuture<Result<T>> ready(T value)
    {
        return QtFuture::makeReadyFuture(Result<T>(std::move(value)));
    }

    QFuture<Result<SessionInfo>> open() override { return ready(SessionInfo{}); }
    QFuture<Result<TenantPage>> children(const QUuid &, const QString &, int, bool) override { return unsupported<TenantPage>("children"); }
    QFuture<Result<Tenant>> tenant(const QUuid &) override { return unsupported<Tenant>("tenant"); }
    QFuture<Result<QList<Tenant>>> tenants(const QList<QUuid> &) override { return unsupported<QList<Tenant>>("tenants"); }
    QFuture<Result<SearchResult>> search(const QString &, int, bool) override { return unsupported<SearchResult>("search"); }
    QFuture<Result<qint64>> tenantCount() override { return unsupported<qint64>("tenantCount"); }
    QFuture<Result<Tenant>> createTenant(const TenantDraft &) override { return unsupported<Tenant>("createTenant"); }
    QFuture<Result<Tenant>> updateTenant(const TenantEdit &) override { return unsupported<Tenant>("updateTenant"); }
    QFuture<Result<Tenant>> moveTenant(const QUuid &, const QUuid &, const QUuid &) override { return unsupported<Tenant>("moveTenant"); }
    QFuture<Result<QList<Quota>>> quotas(const QUuid &) override { return unsupported<QList<Quota>>("quotas"); }
    QFuture<Result<QuotaWriteReport>> writeQuotas(const QList<QuotaChange> &) override { return unsupported<QuotaWriteReport>("writeQuotas"); }
    QFuture<Result<BulkQuotaReport>> bulkQuotas(const BulkQuotaRequest &) override { return unsupported<BulkQuotaReport>("bulkQuotas"); }
    QFuture<Result<LifecycleReport>> previewLifecycle(const LifecycleRequest &) override { return unsupported<LifecycleReport>("previewLifecycle"); }
    QFuture<Result<LifecycleReport>> changeLifecycle(const LifecycleRequest &) override { return unsupported<LifecycleReport>("changeLifecycle"); }
    QFuture<Result<QList<LifecycleEvent>>> lifecycleHistory(const QUuid &) override { return unsupported<QList<LifecycleEvent>>("lifecycleHistory"); }
    QFuture<Result<DeletionAllowance>> deletionAllowance() override { return unsupported<DeletionAllowance>("deletionAllowance"); }
    QFuture<Result<PurgeReport>> purgeDue(int) override { return unsupported<PurgeReport>("purgeDue"); }
    QFuture<Result<UsageSeriesSet>> usageSeries(const UsageQuery &) override { return unsupported<UsageSeriesSet>("usageSeries"); }
    QFuture<Result<UsageBreakdown>> usageBreakdown(const UsageBreakdownQuery &) override { return unsupported<UsageBreakdown>("usageBreakdown"); }
    QFuture<Result<QList<TopConsumer>>> topConsumers(const TopConsumersQuery &) override { return unsupported<QList<TopConsumer>>("topConsumers"); }
    QFuture<Result<MigrationPlan>> planMigration(const MigrationRequest &) override { return unsupported<MigrationPlan>("planMigration"); }
    QFuture<Result<MigrationJob>> createMigrationJob(const MigrationRequest &) override { return unsupported<MigrationJob>("createMigrationJob"); }
    QFuture<Result<MigrationJob>> runMigrationJob(qint64, int) override { return unsupported<MigrationJob>("runMigrationJob"); }
    QFuture<Result<MigrationJob>> cancelMigrationJob(qint64) override { return unsupported<MigrationJob>("cancelMigrationJob"); }
    QFuture<Result<QList<MigrationJob>>> migrationJobs(int) override { return unsupported<QList<MigrationJob>>("migrationJobs"); }
    QFuture<Result<MigrationJob>> migrationJob(qint64) override { return unsupported<MigrationJob>("migrationJob"); }
    QFuture<Result<QList<QPair<QUuid, QUuid>>>> migrationIdMap(qint64) override { return unsupported<QList<QPair<QUuid, QUuid>>>("migrationIdMap"); }
    QFuture<Result<AuditVerification>> verifyAuditLog() override { return ready(AuditVerification{}); }
    QFuture<Result<int>> migrateSchema() override { return ready(0); }
};

} // namespace tc::test
