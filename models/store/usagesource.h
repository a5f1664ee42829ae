#pragma once

#include "models/domain/result.h"
#include "models/domain/usage.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

namespace tc {

class TenantStore;

// Where usage history comes from: the tenant database (StoreUsageSource) or a Prometheus
// server (PrometheusUsageSource). Limits and thresholds always come from the TenantStore.
// Calls never throw and never block; cancelling the returned future abandons the request
// (a network request is aborted).
class UsageSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~UsageSource() override;

    virtual QFuture<Result<UsageSeriesSet>> series(const UsageQuery &query) = 0;

    enum class Kind { Database, Prometheus };
    virtual Kind kind() const = 0;
    // Where the data comes from, for a status line: the Prometheus URL, or empty for the database.
    virtual QString location() const { return {}; }
};

// Usage from TenantStore::usageSeries (aggregated by the database).
class StoreUsageSource final : public UsageSource
{
    Q_OBJECT

public:
    explicit StoreUsageSource(TenantStore *store, QObject *parent = nullptr);
    ~StoreUsageSource() override;

    QFuture<Result<UsageSeriesSet>> series(const UsageQuery &query) override;
    Kind kind() const override { return Kind::Database; }

private:
    QPointer<TenantStore> m_store;
};

} // namespace tc
