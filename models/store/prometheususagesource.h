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
//
// The source lives on the thread that created it and must be called there (its network
// requests run on that thread's event loop; nothing blocks). Destroying it ends every request
// in flight with a Cancelled error.
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

    // The base URL an operator typed ("prometheus:9090", "https://mon.example/prom/"):
    // http or https with a host, no user or password (secrets never go into a profile), no
    // query or fragment; "http://" is assumed without a scheme; a trailing slash is dropped.
    static Result<QUrl> parseBaseUrl(const QString &text);
    // Validation unless `name` is a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).
    static Status checkMetricName(const QString &name);

    // Prometheus refuses a range query of more points than this per series.
    static constexpr qint64 kMaxPointsPerSeries = 11000;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tc
