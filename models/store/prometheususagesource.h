#pragma once

#include "models/store/usagesource.h"

#include <QUrl>

#include <memory>

namespace tc {

// Usage from a Prometheus server's HTTP API (/api/v1/query_range), for platforms that meter
// into Prometheus instead of tenancy.usage_samples. The metric carries the labels `tenant_id`
// (the tenant's uuid, lower case, without braces) and `resource` (the tenancy.resources key),
// e.g. tenancy_usage{tenant_id="…", resource="storage_bytes"} 5.1e9.
//
// Peaks survive: each bucket asks for max_over_time and min_over_time over the bucket, never a
// sampled or averaged value. Requests time out (Options::timeoutMs) and are aborted when the
// returned future is cancelled. Errors are typed: Unreachable (no answer, timeout),
// Validation (Prometheus refused the query: bad metric name …), Internal (malformed answer).
class PrometheusUsageSource final : public UsageSource
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl baseUrl;                              // e.g. http://127.0.0.1:9090 (a path prefix is kept)
        QString metric = QStringLiteral("tenancy_usage");
        int timeoutMs = 15000;
    };

    explicit PrometheusUsageSource(Options options, QObject *parent = nullptr);
    ~PrometheusUsageSource() override;

    QFuture<Result<UsageSeriesSet>> series(const UsageQuery &query) override;
    Kind kind() const override { return Kind::Prometheus; }
    QString location() const override;

    const Options &options() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tc
