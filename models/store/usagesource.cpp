#include "models/store/usagesource.h"

#include "models/store/tenantstore.h"

namespace tc {

UsageSource::~UsageSource() = default;

StoreUsageSource::StoreUsageSource(TenantStore *store, QObject *parent)
    : UsageSource(parent)
    , m_store(store)
{
}

StoreUsageSource::~StoreUsageSource() = default;

QFuture<Result<UsageSeriesSet>> StoreUsageSource::series(const UsageQuery &query)
{
    if (!m_store)
        return QtFuture::makeReadyFuture(Result<UsageSeriesSet>(
            Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")}));
    return m_store->usageSeries(query);
}

} // namespace tc
