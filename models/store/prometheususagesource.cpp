#include "models/store/prometheususagesource.h"

// Placeholder until the Prometheus client lands.
namespace tc {

struct PrometheusUsageSource::Private
{
    Options options;
};

PrometheusUsageSource::PrometheusUsageSource(Options options, QObject *parent)
    : UsageSource(parent)
    , d(std::make_unique<Private>(Private{std::move(options)}))
{
}

PrometheusUsageSource::~PrometheusUsageSource() = default;

QFuture<Result<UsageSeriesSet>> PrometheusUsageSource::series(const UsageQuery &)
{
    return QtFuture::makeReadyFuture(Result<UsageSeriesSet>(Error{ErrorKind::Internal, QStringLiteral("not yet")}));
}

QString PrometheusUsageSource::location() const { return d->options.baseUrl.toString(); }
const PrometheusUsageSource::Options &PrometheusUsageSource::options() const { return d->options; }

} // namespace tc
