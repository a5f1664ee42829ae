// PgStore: usage history, breakdown and top consumers. (Placeholder until it lands.)
#include "models/store/pgstore.h"

namespace tc {

QFuture<Result<UsageSeriesSet>> PgStore::usageSeries(const UsageQuery &)
{
    return QtFuture::makeReadyFuture(Result<UsageSeriesSet>(Error{ErrorKind::Internal, QStringLiteral("not yet")}));
}
QFuture<Result<UsageBreakdown>> PgStore::usageBreakdown(const UsageBreakdownQuery &)
{
    return QtFuture::makeReadyFuture(Result<UsageBreakdown>(Error{ErrorKind::Internal, QStringLiteral("not yet")}));
}
QFuture<Result<QList<TopConsumer>>> PgStore::topConsumers(const TopConsumersQuery &)
{
    return QtFuture::makeReadyFuture(Result<QList<TopConsumer>>(Error{ErrorKind::Internal, QStringLiteral("not yet")}));
}

} // namespace tc
