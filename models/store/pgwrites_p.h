#pragma once

// PgStore's writes and quota reads, run on a worker's connection. libpqxx stays private.

#include "models/domain/lifecycle.h"
#include "models/domain/migration.h"
#include "models/domain/quota.h"
#include "models/domain/result.h"
#include "models/domain/tenant.h"

#include "models/store/pgsupport_p.h"

#include <functional>

namespace tc::pg {

// Reports progress (done, total) and answers whether to go on (false: the caller cancelled).
// A negative total only asks.
using ProgressFn = std::function<bool(qint64 done, qint64 total)>;

Result<Tenant> createTenant(pqxx::connection &conn, const TenantDraft &draft);
Result<Tenant> updateTenant(pqxx::connection &conn, const TenantEdit &edit);
Result<Tenant> moveTenant(pqxx::connection &conn, const QUuid &id, const QUuid &expectedParent, const QUuid &newParent);
Result<QList<Quota>> quotas(pqxx::connection &conn, const QUuid &tenant);
Result<QuotaWriteReport> writeQuotas(pqxx::connection &conn, const QList<QuotaChange> &changes);
Result<BulkQuotaReport> bulkQuotas(pqxx::connection &conn, const BulkQuotaRequest &request, const ProgressFn &progress);

// Lifecycle (pglifecycle.cpp). A dry run does everything and rolls back, so a preview meets
// exactly the rules a commit would; its refusal is reported in the report, not as an error.
enum class LifecycleMode { DryRun, Commit };
Result<LifecycleReport> changeLifecycle(pqxx::connection &conn, const LifecycleRequest &request, LifecycleMode mode,
                                        const ProgressFn &progress);
Result<QList<LifecycleEvent>> lifecycleHistory(pqxx::connection &conn, const QUuid &tenant);
Result<DeletionAllowance> deletionAllowance(pqxx::connection &conn);
Result<DeletionAllowance> setDeletionCap(pqxx::connection &conn, double percent);
Result<PurgeReport> purgeDue(pqxx::connection &conn, int batchRows, const ProgressFn &progress);

// Migration jobs (pgmigration.cpp).
Result<MigrationPlan> planMigration(pqxx::connection &conn, const MigrationRequest &request);
Result<MigrationJob> createMigrationJob(pqxx::connection &conn, const MigrationRequest &request);
Result<MigrationJob> runMigrationJob(pqxx::connection &conn, qint64 id, int batchRows, const ProgressFn &progress);
Result<MigrationJob> cancelMigrationJob(pqxx::connection &conn, qint64 id);
Result<QList<MigrationJob>> migrationJobs(pqxx::connection &conn, int limit);
Result<MigrationJob> migrationJob(pqxx::connection &conn, qint64 id);
Result<QList<QPair<QUuid, QUuid>>> migrationIdMap(pqxx::connection &conn, qint64 id);

} // namespace tc::pg
