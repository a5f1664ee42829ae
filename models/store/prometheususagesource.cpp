#include "models/store/prometheususagesource.h"

#include <QFutureWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace tc {

namespace {

Q_LOGGING_CATEGORY(lcPrometheus, "tenant.store")

using SetResult = Result<UsageSeriesSet>;

// Buckets wider than a century are a caller's mistake, and their milliseconds would overflow.
constexpr qint64 kMaxBucketSeconds = qint64(100) * 366 * 86400;

// One aggregation per bucket, each tagged with a `tc_agg` label so that a single range query
// answers them all. `by (resource)` merges the series of one tenant and resource that differ
// in other labels (a new scrape `instance` after a move): the bucket then holds the max of
// the maxima, the min of the minima, all samples for the mean. The mean is sum / count rather
// than avg_over_time, whose running mean drifts for large byte counts.
enum Agg { AggMax, AggMin, AggSum, AggCount, AggLast, AggCountOf };

struct AggSpec
{
    const char *tag;
    const char *outer;
    const char *inner;
};

constexpr std::array<AggSpec, AggCountOf> kAggs{{
    {"max", "max", "max_over_time"},
    {"min", "min", "min_over_time"},
    {"sum", "sum", "sum_over_time"},
    {"count", "sum", "count_over_time"},
    {"last", "max", "last_over_time"},
}};

// A PromQL string literal (double quotes, Go escapes).
QString promqlString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'\\': out += QStringLiteral("\\\\"); break;
        case u'"': out += QStringLiteral("\\\""); break;
        case u'\n': out += QStringLiteral("\\n"); break;
        case u'\r': out += QStringLiteral("\\r"); break;
        case u'\t': out += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\x%1").arg(uint(c.unicode()), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

// `value` as an RE2 pattern that matches only itself (Prometheus anchors label regexes).
QString regexLiteral(const QString &value)
{
    static const QString kSpecial = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (kSpecial.contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// Seconds with millisecond decimals, as the API takes times.
QString apiTime(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

QString secondsText(int ms)
{
    return QString::number(double(ms) / 1000.0);
}

// Prometheus writes sample values as strings; NaN and ±Inf are spelled its way.
std::optional<double> sampleValue(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    if (s == u"NaN")
        return std::nan("");
    if (s == u"+Inf" || s == u"Inf")
        return HUGE_VAL;
    if (s == u"-Inf")
        return -HUGE_VAL;
    bool ok = false;
    const double d = s.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return d;
}

// Values that fit a qint64 (with room for rounding); others are skipped like NaN.
bool representable(double v)
{
    return std::isfinite(v) && std::fabs(v) < 9.2e18;
}

struct Request
{
    UsageQuery query;
    QStringList resources; // requested, de-duplicated, in order; empty = all
    qint64 firstBucketMs = 0;
    qint64 lastBucketMs = 0;
    std::shared_ptr<QPromise<SetResult>> promise;
};

struct PartialBucket
{
    std::array<double, AggCountOf> values{};
    unsigned have = 0;
};

} // namespace

struct PrometheusUsageSource::Private
{
    Options options;
    QNetworkAccessManager *network = nullptr; // child of the source
    QHash<QNetworkReply *, Request> inFlight;

    QString where() const { return options.baseUrl.toString(QUrl::RemoveUserInfo); }

    QUrl queryRangeUrl() const
    {
        QUrl url = options.baseUrl;
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + QStringLiteral("/api/v1/query_range"));
        return url;
    }

    QString promql(const Request &request) const
    {
        QString selector = options.metric + QStringLiteral("{tenant_id=")
            + promqlString(request.query.tenant.toString(QUuid::WithoutBraces).toLower());
        if (!request.resources.isEmpty()) {
            QStringList alternatives;
            for (const QString &r : request.resources)
                alternatives << regexLiteral(r);
            selector += QStringLiteral(",resource=~") + promqlString(alternatives.join(u'|'));
        }
        selector += QStringLiteral("}[%1s]").arg(request.query.bucketSeconds);
        QStringList terms;
        for (const AggSpec &agg : kAggs) {
            terms << QStringLiteral("label_replace(%1 by (resource) (%2(%3)), \"tc_agg\", \"%4\", \"\", \"\")")
                         .arg(QLatin1String(agg.outer), QLatin1String(agg.inner), selector, QLatin1String(agg.tag));
        }
        return terms.join(QStringLiteral(" or "));
    }

    SetResult answer(QNetworkReply *reply, const Request &request) const;
    SetResult parse(const QByteArray &body, const Request &request) const;
    Error notAResult(const QString &why, const QByteArray &body) const
    {
        return Error{ErrorKind::Internal,
                     QStringLiteral("Prometheus at %1 sent an answer that is not a Prometheus query result (%2): "
                                    "check that the URL points at a Prometheus server.")
                         .arg(where(), why),
                     QString::fromUtf8(body.left(500))};
    }
};

SetResult PrometheusUsageSource::Private::answer(QNetworkReply *reply, const Request &request) const
{
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int http = statusAttribute.isValid() ? statusAttribute.toInt() : 0;

    // Below 200: the transport failed (connection, timeout, proxy) — no usable HTTP answer.
    if (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied) {
        const QString detail = reply->errorString();
        switch (error) {
        case QNetworkReply::OperationCanceledError: // only the transfer timeout aborts unasked
        case QNetworkReply::TimeoutError:
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("Prometheus at %1 did not answer within %2 s: check that the server is up "
                                        "and not overloaded, or choose a shorter range.")
                             .arg(where(), secondsText(options.timeoutMs)),
                         detail};
        case QNetworkReply::ConnectionRefusedError:
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("Prometheus at %1 refused the connection: check the URL's host and port and "
                                        "that Prometheus is running.")
                             .arg(where()),
                         detail};
        case QNetworkReply::HostNotFoundError:
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("The host of the Prometheus URL %1 was not found: check the URL.").arg(where()),
                         detail};
        default:
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("Could not read from Prometheus at %1 (%2): check the URL and the network.")
                             .arg(where(), detail),
                         detail};
        }
    }

    const QByteArray body = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject top = doc.object();
    const QString status = top.value(QLatin1String("status")).toString();

    if (status == u"error") {
        const QString type = top.value(QLatin1String("errorType")).toString();
        const QString text = top.value(QLatin1String("error")).toString();
        if (type == u"timeout" || type == u"unavailable") {
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("Prometheus at %1 could not answer the usage query (%2): try again later or "
                                        "choose a shorter range.")
                             .arg(where(), type),
                         text};
        }
        return Error{ErrorKind::Validation,
                     QStringLiteral("Prometheus at %1 refused the usage query (%2): check the metric name and the "
                                    "range; the server's reason is in the details.")
                         .arg(where(), type.isEmpty() ? QStringLiteral("HTTP %1").arg(http) : type),
                     text};
    }

    if (http != 200) {
        const QString detail = QString::fromUtf8(body.left(500)).trimmed();
        if (http == 401 || http == 403 || http == 407) {
            return Error{ErrorKind::PermissionDenied,
                         QStringLiteral("Prometheus at %1 refused access (HTTP %2): the console sends no credentials, "
                                        "use a URL that needs none.")
                             .arg(where())
                             .arg(http),
                         detail};
        }
        if (http == 404) {
            return Error{ErrorKind::Validation,
                         QStringLiteral("There is no Prometheus API at %1 (HTTP 404 for %2): check the URL and its "
                                        "path prefix.")
                             .arg(where(), queryRangeUrl().path()),
                         detail};
        }
        if (http == 502 || http == 503 || http == 504) {
            return Error{ErrorKind::Unreachable,
                         QStringLiteral("Prometheus at %1 is not available (HTTP %2): try again later.")
                             .arg(where())
                             .arg(http),
                         detail};
        }
        return Error{ErrorKind::Internal,
                     QStringLiteral("Prometheus at %1 answered HTTP %2 with no Prometheus error: check that the URL "
                                    "points at a Prometheus server.")
                         .arg(where())
                         .arg(http),
                     detail};
    }

    if (parseError.error != QJsonParseError::NoError)
        return notAResult(QStringLiteral("not JSON: %1").arg(parseError.errorString()), body);
    return parse(body, request);
}

SetResult PrometheusUsageSource::Private::parse(const QByteArray &body, const Request &request) const
{
    const QJsonObject top = QJsonDocument::fromJson(body).object();
    if (top.value(QLatin1String("status")).toString() != u"success")
        return notAResult(QStringLiteral("no \"status\": \"success\""), body);
    const QJsonObject data = top.value(QLatin1String("data")).toObject();
    if (data.value(QLatin1String("resultType")).toString() != u"matrix")
        return notAResult(QStringLiteral("no matrix in \"data\""), body);
    const QJsonValue resultValue = data.value(QLatin1String("result"));
    if (!resultValue.isArray())
        return notAResult(QStringLiteral("no \"result\" list"), body);

    const qint64 bucketSeconds = request.query.bucketSeconds;
    QHash<QString, QMap<qint64, PartialBucket>> byResource;
    for (const QJsonValue &seriesValue : resultValue.toArray()) {
        const QJsonObject series = seriesValue.toObject();
        const QJsonValue metricValue = series.value(QLatin1String("metric"));
        const QJsonValue valuesValue = series.value(QLatin1String("values"));
        if (!metricValue.isObject() || !valuesValue.isArray())
            return notAResult(QStringLiteral("a series without \"metric\" and \"values\""), body);
        const QJsonObject metric = metricValue.toObject();
        const QString tag = metric.value(QLatin1String("tc_agg")).toString();
        const auto agg = std::find_if(kAggs.begin(), kAggs.end(),
                                      [&](const AggSpec &a) { return tag == QLatin1String(a.tag); });
        if (agg == kAggs.end())
            return notAResult(QStringLiteral("a series that the query did not ask for"), body);
        const int aggIndex = int(agg - kAggs.begin());
        const QJsonValue resourceValue = metric.value(QLatin1String("resource"));
        if (!resourceValue.isString()) {
            qCDebug(lcPrometheus) << "skipping usage without a resource label from" << where();
            continue;
        }
        QMap<qint64, PartialBucket> &buckets = byResource[resourceValue.toString()];
        for (const QJsonValue &pointValue : valuesValue.toArray()) {
            const QJsonArray point = pointValue.toArray();
            const std::optional<double> value = point.size() == 2 ? sampleValue(point.at(1)) : std::nullopt;
            if (!point.at(0).isDouble() || !value)
                return notAResult(QStringLiteral("a point that is not [time, \"value\"]"), body);
            // Evaluated 1 ms before a bucket's end: the bucket is the one that holds that instant.
            const qint64 atMs = qint64(std::llround(point.at(0).toDouble() * 1000.0));
            const qint64 startMs = bucketStartMs(atMs, bucketSeconds);
            if (startMs < request.firstBucketMs || startMs > request.lastBucketMs)
                continue;
            PartialBucket &bucket = buckets[startMs];
            bucket.values[std::size_t(aggIndex)] = *value;
            bucket.have |= 1u << aggIndex;
        }
    }

    QStringList order = request.resources;
    if (order.isEmpty()) {
        order = byResource.keys();
        std::sort(order.begin(), order.end());
    }
    UsageSeriesSet set{request.query, {}};
    constexpr unsigned kAll = (1u << AggCountOf) - 1;
    for (const QString &resource : std::as_const(order)) {
        const auto it = byResource.constFind(resource);
        if (it == byResource.constEnd())
            continue;
        UsageSeries series{resource, {}};
        for (auto b = it->constBegin(); b != it->constEnd(); ++b) {
            const auto &v = b->values;
            const double count = v[AggCount];
            // A bucket Prometheus could not fill (no samples, NaN or infinite values) is a gap.
            if (b->have != kAll || !(count >= 1) || !representable(v[AggMax]) || !representable(v[AggMin])
                || !representable(v[AggLast]) || !std::isfinite(v[AggSum]) || !representable(count)) {
                continue;
            }
            series.buckets.append(UsageBucket{b.key(), qint64(std::llround(v[AggMin])), qint64(std::llround(v[AggMax])),
                                              v[AggSum] / count, qint64(std::llround(v[AggLast])),
                                              int(std::min<double>(count, std::numeric_limits<int>::max()))});
        }
        if (!series.buckets.isEmpty())
            set.series.append(std::move(series));
    }
    return set;
}

PrometheusUsageSource::PrometheusUsageSource(Options options, QObject *parent)
    : UsageSource(parent)
    , d(std::make_unique<Private>())
{
    d->options = std::move(options);
    d->network = new QNetworkAccessManager(this);
}

PrometheusUsageSource::~PrometheusUsageSource()
{
    // The replies die with the network manager; their futures must still end, or a caller
    // waiting on one would wait for ever.
    const QHash<QNetworkReply *, Request> inFlight = std::exchange(d->inFlight, {});
    for (auto it = inFlight.constBegin(); it != inFlight.constEnd(); ++it) {
        QNetworkReply *reply = it.key();
        reply->disconnect(this);
        reply->abort();
        const auto &promise = it->promise;
        promise->addResult(SetResult(Error{
            ErrorKind::Cancelled,
            QStringLiteral("The usage source was closed before Prometheus at %1 answered.").arg(d->where())}));
        promise->finish();
    }
}

QFuture<SetResult> PrometheusUsageSource::series(const UsageQuery &query)
{
    const auto refuse = [](const QString &message) {
        return QtFuture::makeReadyFuture(SetResult(Error::validation(message)));
    };
    const QUrl &base = d->options.baseUrl;
    if (!base.isValid() || base.host().isEmpty())
        return refuse(QStringLiteral("No Prometheus URL is set for this connection: set one in the connection "
                                     "profile, or read usage from the database."));
    if (const Status metric = checkMetricName(d->options.metric); !metric)
        return QtFuture::makeReadyFuture(SetResult(metric.error()));
    if (query.tenant.isNull())
        return refuse(QStringLiteral("No tenant is selected for the usage query."));
    if (query.bucketSeconds <= 0 || query.bucketSeconds > kMaxBucketSeconds)
        return refuse(QStringLiteral("%1 s is not a usable bucket width: use 1 s to 100 years.").arg(query.bucketSeconds));
    const TimeWindow &window = query.window;
    if (!window.from.isValid() || !window.to.isValid() || window.to < window.from)
        return refuse(QStringLiteral("The usage window is not a valid time range: its end must not be before its start."));

    Request request;
    request.query = query;
    for (const QString &r : query.resources) {
        if (!r.isEmpty() && !request.resources.contains(r))
            request.resources << r;
    }
    if (window.from == window.to || (!query.resources.isEmpty() && request.resources.isEmpty()))
        return QtFuture::makeReadyFuture(SetResult(UsageSeriesSet{query, {}}));

    // Buckets are aligned to the epoch (bucketStartMs); a window that is not is widened to
    // whole buckets rather than losing its first or last one.
    const qint64 stepMs = query.bucketSeconds * 1000;
    request.firstBucketMs = bucketStartMs(window.from.toMSecsSinceEpoch(), query.bucketSeconds);
    request.lastBucketMs = bucketStartMs(window.to.toMSecsSinceEpoch() - 1, query.bucketSeconds);
    const qint64 points = (request.lastBucketMs - request.firstBucketMs) / stepMs + 1;
    if (points > kMaxPointsPerSeries) {
        return refuse(QStringLiteral("The usage window holds %1 buckets of %2 s, and Prometheus answers at most %3 "
                                     "points per series: choose wider buckets or a shorter range.")
                          .arg(points)
                          .arg(query.bucketSeconds)
                          .arg(kMaxPointsPerSeries));
    }

    // x_over_time(m[step]) at T covers (T - step, T]: evaluated 1 ms before each bucket's end,
    // it sees exactly the samples of [bucket start, bucket end) (hourly samples sit on the
    // bucket starts). Prometheus before 3.0 closes the range on the left too, so a sample 1 ms
    // before a bucket would count in both; platforms meter on whole seconds.
    QUrl url = d->queryRangeUrl();
    const QString promql = d->promql(request);
    QByteArray queryString = QByteArrayLiteral("query=") + QUrl::toPercentEncoding(promql)
        + QByteArrayLiteral("&start=") + apiTime(request.firstBucketMs + stepMs - 1).toLatin1()
        + QByteArrayLiteral("&end=") + apiTime(request.lastBucketMs + stepMs - 1).toLatin1()
        + QByteArrayLiteral("&step=") + QByteArray::number(query.bucketSeconds);
    // Prometheus stops evaluating when the console would give up anyway.
    if (d->options.timeoutMs > 0)
        queryString += QByteArrayLiteral("&timeout=") + QByteArray::number(std::max(1, d->options.timeoutMs / 1000)) + 's';
    url.setQuery(QString::fromLatin1(queryString), QUrl::StrictMode);

    QNetworkRequest networkRequest(url);
    networkRequest.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (d->options.timeoutMs > 0)
        networkRequest.setTransferTimeout(d->options.timeoutMs);
    qCDebug(lcPrometheus).noquote() << "query_range" << d->where() << "tenant" << query.tenant.toString(QUuid::WithoutBraces)
                                    << points << "buckets of" << query.bucketSeconds << "s";

    request.promise = std::make_shared<QPromise<SetResult>>();
    request.promise->start();
    QFuture<SetResult> future = request.promise->future();

    QNetworkReply *reply = d->network->get(networkRequest);
    d->inFlight.insert(reply, request);
    // The transfer timeout only fires on silence; a server (or proxy) that trickles bytes
    // is cut off by this deadline for the whole request. Aborted unasked, the reply ends as a
    // timeout (see answer()).
    if (d->options.timeoutMs > 0) {
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
        deadline->start(d->options.timeoutMs);
    }

    // Cancelling the future aborts the request; the reply then finishes (below) and the
    // future ends cancelled, without a result.
    auto *watcher = new QFutureWatcher<SetResult>(reply);
    connect(watcher, &QFutureWatcherBase::canceled, reply, [reply]() { reply->abort(); });
    watcher->setFuture(future);

    connect(reply, &QNetworkReply::finished, this, [this, reply]() {
        reply->deleteLater();
        const auto it = d->inFlight.find(reply);
        if (it == d->inFlight.end())
            return;
        const Request done = std::move(*it);
        d->inFlight.erase(it);
        if (!done.promise->isCanceled()) {
            SetResult result = d->answer(reply, done);
            if (!result.ok())
                qCDebug(lcPrometheus) << "usage query failed:" << result.error().message << result.error().detail;
            done.promise->addResult(std::move(result));
        }
        done.promise->finish();
    });
    return future;
}

QString PrometheusUsageSource::location() const
{
    return d->where();
}

const PrometheusUsageSource::Options &PrometheusUsageSource::options() const
{
    return d->options;
}

Result<QUrl> PrometheusUsageSource::parseBaseUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error::validation(QStringLiteral("Enter the Prometheus server's URL, e.g. http://prometheus:9090."));
    const QString withScheme = trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("http://") + trimmed;
    QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid()) {
        return Error{ErrorKind::Validation,
                     QStringLiteral("“%1” is not a valid URL: write it like http://prometheus:9090.").arg(trimmed),
                     url.errorString()};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        return Error::validation(
            QStringLiteral("A Prometheus URL starts with http:// or https://, not %1://.").arg(url.scheme()));
    }
    if (url.host().isEmpty())
        return Error::validation(QStringLiteral("The Prometheus URL “%1” names no host.").arg(trimmed));
    if (!url.userInfo().isEmpty()) {
        return Error::validation(QStringLiteral(
            "Leave the user and password out of the Prometheus URL: connection profiles hold no secrets."));
    }
    if (url.hasQuery() || url.hasFragment()) {
        return Error::validation(QStringLiteral(
            "The Prometheus URL must not have a query (?…) or fragment (#…): give the server's address only."));
    }
    url.setScheme(scheme);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

Status PrometheusUsageSource::checkMetricName(const QString &name)
{
    static const QRegularExpression kName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    if (name.isEmpty())
        return Error::validation(QStringLiteral("No Prometheus metric is set: the usual one is tenancy_usage."));
    if (!kName.match(name).hasMatch()) {
        return Error::validation(QStringLiteral("“%1” is not a Prometheus metric name: use letters, digits, _ and :, "
                                                "not starting with a digit.")
                                     .arg(name));
    }
    return Done{};
}

} // namespace tc
