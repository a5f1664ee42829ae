#include "models/store/pgwrites_p.h"

#include "models/store/pgsupport_p.h"

namespace tc::pg {

namespace {
Error notYet() { return {ErrorKind::Internal, QStringLiteral("not implemented yet")}; }
} // namespace

Result<Tenant> createTenant(pqxx::connection &, const TenantDraft &) { return notYet(); }
Result<Tenant> updateTenant(pqxx::connection &, const TenantEdit &) { return notYet(); }
Result<Tenant> moveTenant(pqxx::connection &, const QUuid &, const QUuid &, const QUuid &) { return notYet(); }
Result<QList<Quota>> quotas(pqxx::connection &, const QUuid &) { return notYet(); }
Result<QuotaWriteReport> writeQuotas(pqxx::connection &, const QList<QuotaChange> &) { return notYet(); }
Result<BulkQuotaReport> bulkQuotas(pqxx::connection &, const BulkQuotaRequest &, const ProgressFn &) { return notYet(); }

} // namespace tc::pg
