// PrometheusUsageSource against a real Prometheus (the Debian package) with backfilled history:
// the buckets it reads equal downsampleMinMax() over the same samples, tenants never mix, and
// every way the server can fail (closed port, silence, garbage, a refused query, cancel) ends
// in a typed error or a cancelled future — never a hang or a crash. Servers that misbehave are
// small QTcpServers in this file.

#include "models/store/prometheususagesource.h"
#include "tests/support/prometheusserver.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>

#include <map>

using namespace tc;
using tc::test::PrometheusServer;

namespace {

const QUuid kTenantA(QStringLiteral("{3f2a6c1e-9b7d-4e21-8a55-0c6d2e9f7a10}"));
const QUuid kTenantB(QStringLiteral("{b81c0d4f-2e6a-47d3-9f10-5a7e3c2b1d98}"));
const QUuid kHeavy(QStringLiteral("{0e5d9a27-61c4-4b8f-a3d2-7f90c1e84b36}")); // one sample a second
const QString kMetric = QStringLiteral("tenancy_usage");
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr int kHours = 120; // five days of hourly samples
// Small enough that the heavy tenant's daily bucket (7,200 samples) is refused, large enough
// for every other query here (at most 120 buckets x 4 resources x 5 aggregations).
constexpr int kMaxSamples = 5000;

using SetResult = Result<UsageSeriesSet>;

// The history every test reads: (tenant, resource) -> samples in time order.
using History = std::map<std::pair<QUuid, QString>, QList<UsageSample>>;

// Waits (in an event loop, which the source's requests need) for a usage future.
SetResult waitFor(QFuture<SetResult> future)
{
    QFutureWatcher<SetResult> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit); // a guard against a hang, not a timing check
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    if (!future.isFinished())
        return Error{ErrorKind::Internal, QStringLiteral("test: the future never finished")};
    if (future.isCanceled() || future.resultCount() == 0)
        return Error{ErrorKind::Cancelled, QStringLiteral("test: cancelled")};
    return future.result();
}

QByteArray httpResponse(int code, const QByteArray &reason, const QByteArray &body,
                        const QByteArray &type = QByteArrayLiteral("application/json"))
{
    return "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason + "\r\nContent-Type: " + type
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

const QByteArray kEmptyMatrix = R"({"status":"success","data":{"resultType":"matrix","result":[]}})";

UsageQuery usageQuery(const QUuid &tenant, qint64 fromMs, qint64 toMs, qint64 bucketSeconds,
                      const QStringList &resources = {})
{
    return {tenant, resources,
            {QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC), QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC)},
            bucketSeconds};
}

} // namespace

// A loopback HTTP server that answers every request with one canned response, or never
// answers (no response set). It records the request targets and counts connections.
class StubHttpServer : public QObject
{
    Q_OBJECT

public:
    explicit StubHttpServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, &StubHttpServer::accept);
    }

    QUrl url(const QString &path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void setResponse(const QByteArray &response) { m_response = response; }
    // Answers 200 with a long body, one byte every 50 ms: never silent, never done.
    void setTrickle(bool on) { m_trickle = on; }
    int connections() const { return m_connections; }
    int disconnections() const { return m_disconnections; }
    QList<QByteArray> targets() const { return m_targets; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_connections;
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket]() {
                QByteArray &buffer = m_buffers[socket];
                buffer += socket->readAll();
                if (m_handled.contains(socket) || !buffer.contains("\r\n\r\n"))
                    return;
                m_handled.insert(socket); // one request per connection
                m_targets << buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
                if (m_trickle) {
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
                    auto *drip = new QTimer(socket);
                    connect(drip, &QTimer::timeout, socket, [socket]() { socket->write(" "); });
                    drip->start(50);
                } else if (!m_response.isEmpty()) {
                    socket->write(m_response);
                    socket->disconnectFromHost();
                }
            });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
                ++m_disconnections;
                m_buffers.remove(socket);
                m_handled.remove(socket);
                socket->deleteLater();
            });
        }
    }

    QTcpServer m_server;
    QByteArray m_response;
    bool m_trickle = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QSet<QTcpSocket *> m_handled;
    QList<QByteArray> m_targets;
    int m_connections = 0;
    int m_disconnections = 0;
};

class TstPrometheusUsageSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void seriesEqualDownsampledSamples_data();
    void seriesEqualDownsampledSamples();
    void windowWithoutDataIsEmpty_data();
    void windowWithoutDataIsEmpty();
    void refusedBeforeAnyRequest_data();
    void refusedBeforeAnyRequest();
    void requestNamesTenantResourcesAndBucketEnds();
    void closedPortIsUnreachable();
    void silentServerTimesOut();
    void tricklingServerTimesOut();
    void notAPrometheusResult_data();
    void notAPrometheusResult();
    void httpErrors_data();
    void httpErrors();
    void prometheusRefusalIsValidationWithItsText();
    void cancelAbortsTheRequest();
    void destroyingTheSourceEndsRequestsInFlight();
    void parseBaseUrl_data();
    void parseBaseUrl();

private:
    std::unique_ptr<PrometheusUsageSource> realSource() const
    {
        return std::make_unique<PrometheusUsageSource>(PrometheusUsageSource::Options{m_prometheus->url(), kMetric, 30000});
    }
    // What the source must return: downsampleMinMax() over the samples of the window widened
    // to whole buckets, series in the order asked for (else by key), absent when empty.
    QList<UsageSeries> expected(const UsageQuery &query) const;

    std::unique_ptr<PrometheusServer> m_prometheus;
    History m_history;
    qint64 m_firstMs = 0; // first hourly sample
    qint64 m_lastMs = 0;  // last hourly sample
};

QList<UsageSeries> TstPrometheusUsageSource::expected(const UsageQuery &query) const
{
    const qint64 from = bucketStartMs(query.window.from.toMSecsSinceEpoch(), query.bucketSeconds);
    const qint64 to = bucketStartMs(query.window.to.toMSecsSinceEpoch() - 1, query.bucketSeconds) + query.bucketSeconds * 1000;
    QStringList order = query.resources;
    if (order.isEmpty()) {
        for (const auto &[key, samples] : m_history) {
            if (key.first == query.tenant)
                order << key.second;
        }
        std::sort(order.begin(), order.end());
    }
    QList<UsageSeries> out;
    for (const QString &resource : std::as_const(order)) {
        const auto it = m_history.find({query.tenant, resource});
        if (it == m_history.end())
            continue;
        QList<UsageSample> inside;
        for (const UsageSample &s : it->second) {
            if (s.atMs >= from && s.atMs < to)
                inside << s;
        }
        if (!inside.isEmpty())
            out << UsageSeries{resource, downsampleMinMax(inside, query.bucketSeconds)};
    }
    return out;
}

void TstPrometheusUsageSource::initTestCase()
{
    m_lastMs = PrometheusServer::latestBackfillMs();
    m_firstMs = m_lastMs - (kHours - 1) * kHourMs;
    m_prometheus = std::make_unique<PrometheusServer>(
        PrometheusServer::Options{{QStringLiteral("--query.max-samples=%1").arg(kMaxSamples)}, 60000});

    auto add = [this](const QUuid &tenant, const QString &resource, qint64 atMs, qint64 value,
                      const QString &instance = QStringLiteral("meter-1")) {
        m_prometheus->addSample(kMetric,
                                {{QStringLiteral("tenant_id"), tenant.toString(QUuid::WithoutBraces)},
                                 {QStringLiteral("resource"), resource},
                                 {QStringLiteral("instance"), instance}},
                                atMs, double(value));
        m_history[{tenant, resource}] << UsageSample{atMs, value};
    };
    for (int i = 0; i < kHours; ++i) {
        const qint64 at = m_firstMs + i * kHourMs;
        // A: a twelve-hour gap in items, a single spike in queries, byte counts beyond 32 bits,
        // and users metered by one instance, then (after a move) by another.
        if (i < 40 || i >= 52)
            add(kTenantA, QStringLiteral("items"), at, 1000 + (i * 37) % 101);
        add(kTenantA, QStringLiteral("queries_per_minute"), at, i == 61 ? 250000 : (i * 13) % 50);
        add(kTenantA, QStringLiteral("storage_bytes"), at, 5'000'000'000'000 + i * 1'234'567 + (i * 7919) % 1000 * 1000);
        add(kTenantA, QStringLiteral("users"), at, 10 + i / 7, i < 60 ? QStringLiteral("meter-1") : QStringLiteral("meter-2"));
        // B: other values under the same resource keys; a tenant that must never leak into A's.
        add(kTenantB, QStringLiteral("items"), at, 7 + (i * 11) % 23);
        add(kTenantB, QStringLiteral("storage_bytes"), at, 900'000 + (i * 104729) % 50'000);
    }
    for (int s = 0; s < 7200; ++s)
        add(kHeavy, QStringLiteral("items"), m_firstMs + s * 1000, s);

    QElapsedTimer timer;
    timer.start();
    QVERIFY2(m_prometheus->start(), qPrintable(QStringLiteral("Prometheus did not start: ") + m_prometheus->error()));
    qInfo("Prometheus: %d samples backfilled in %lld ms, ready %lld ms later, on %s", m_prometheus->sampleCount(),
          m_prometheus->backfillMs(), m_prometheus->startupMs(), qPrintable(m_prometheus->url().toString()));
}

void TstPrometheusUsageSource::cleanupTestCase()
{
    m_prometheus.reset();
}

void TstPrometheusUsageSource::seriesEqualDownsampledSamples_data()
{
    QTest::addColumn<QUuid>("tenant");
    QTest::addColumn<QStringList>("resources");
    QTest::addColumn<qint64>("bucketSeconds");
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<qint64>("toMs");

    // Whole days around the data: aligned for 1 h, 2 h, 6 h and 1 d buckets.
    const qint64 from = bucketStartMs(m_firstMs, 86400) - kDayMs;
    const qint64 to = bucketStartMs(m_lastMs, 86400) + 2 * kDayMs;
    const QStringList all;
    QTest::newRow("A hourly") << kTenantA << all << qint64(3600) << from << to;
    QTest::newRow("A 2 h") << kTenantA << all << qint64(7200) << from << to;
    QTest::newRow("A 6 h") << kTenantA << all << qint64(6 * 3600) << from << to;
    QTest::newRow("A daily") << kTenantA << all << qint64(86400) << from << to;
    QTest::newRow("B hourly") << kTenantB << all << qint64(3600) << from << to;
    QTest::newRow("B daily") << kTenantB << all << qint64(86400) << from << to;
    QTest::newRow("A filter, in the order asked")
        << kTenantA << QStringList{QStringLiteral("storage_bytes"), QStringLiteral("items")} << qint64(3600) << from << to;
    QTest::newRow("A filter with an unmetered resource")
        << kTenantA << QStringList{QStringLiteral("api_keys"), QStringLiteral("queries_per_minute")} << qint64(86400)
        << from << to;
    QTest::newRow("A filter, only unmetered") << kTenantA << QStringList{QStringLiteral("api_keys")} << qint64(3600)
                                              << from << to;
    QTest::newRow("A part of the data, hourly")
        << kTenantA << all << qint64(3600) << m_firstMs + 30 * kHourMs << m_firstMs + 64 * kHourMs;
    QTest::newRow("A unaligned window, daily: widened to whole days")
        << kTenantA << all << qint64(86400) << m_firstMs + 30 * kHourMs + 1234 << m_firstMs + 64 * kHourMs + 17;
    QTest::newRow("A the last hour only") << kTenantA << QStringList{QStringLiteral("items")} << qint64(3600) << m_lastMs
                                          << m_lastMs + kHourMs;
}

void TstPrometheusUsageSource::seriesEqualDownsampledSamples()
{
    QFETCH(QUuid, tenant);
    QFETCH(QStringList, resources);
    QFETCH(qint64, bucketSeconds);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);

    const UsageQuery query = usageQuery(tenant, fromMs, toMs, bucketSeconds, resources);
    const auto source = realSource();
    const SetResult result = waitFor(source->series(query));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message + u' ' + result.error().detail));

    const QList<UsageSeries> want = expected(query);
    QStringList got;
    QStringList wanted;
    for (const UsageSeries &s : result->series)
        got << s.resource;
    for (const UsageSeries &s : want)
        wanted << s.resource;
    QCOMPARE(got, wanted);
    QCOMPARE(result->query.tenant, tenant);
    for (int i = 0; i < want.size(); ++i) {
        const QList<UsageBucket> &a = result->series.at(i).buckets;
        const QList<UsageBucket> &e = want.at(i).buckets;
        QCOMPARE(a.size(), e.size());
        for (int b = 0; b < e.size(); ++b) {
            const QString where = QStringLiteral("%1 bucket %2 (%3)")
                                      .arg(want.at(i).resource)
                                      .arg(b)
                                      .arg(QDateTime::fromMSecsSinceEpoch(e.at(b).startMs, Qt::UTC).toString(Qt::ISODate));
            QVERIFY2(a.at(b).startMs == e.at(b).startMs, qPrintable(where));
            QVERIFY2(a.at(b).min == e.at(b).min, qPrintable(where + QStringLiteral(": min %1 != %2").arg(a.at(b).min).arg(e.at(b).min)));
            QVERIFY2(a.at(b).max == e.at(b).max, qPrintable(where + QStringLiteral(": max %1 != %2").arg(a.at(b).max).arg(e.at(b).max)));
            QVERIFY2(a.at(b).last == e.at(b).last, qPrintable(where + QStringLiteral(": last %1 != %2").arg(a.at(b).last).arg(e.at(b).last)));
            QVERIFY2(a.at(b).samples == e.at(b).samples,
                     qPrintable(where + QStringLiteral(": samples %1 != %2").arg(a.at(b).samples).arg(e.at(b).samples)));
            QVERIFY2(qAbs(a.at(b).mean - e.at(b).mean) <= 1e-6,
                     qPrintable(where + QStringLiteral(": mean %1 != %2").arg(a.at(b).mean, 0, 'f', 6).arg(e.at(b).mean, 0, 'f', 6)));
        }
    }
}

void TstPrometheusUsageSource::windowWithoutDataIsEmpty_data()
{
    QTest::addColumn<QUuid>("tenant");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<qint64>("toMs");

    const qint64 y2001 = QDateTime(QDate(2001, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("a week in 2001") << kTenantA << kMetric << y2001 << y2001 + 7 * kDayMs;
    QTest::newRow("empty window") << kTenantA << kMetric << m_firstMs << m_firstMs;
    QTest::newRow("a tenant without usage") << QUuid(QStringLiteral("{00000000-0000-4000-8000-000000000001}")) << kMetric
                                            << m_firstMs << m_lastMs;
    QTest::newRow("a metric nobody writes") << kTenantA << QStringLiteral("tenancy_nothing") << m_firstMs << m_lastMs;
}

void TstPrometheusUsageSource::windowWithoutDataIsEmpty()
{
    QFETCH(QUuid, tenant);
    QFETCH(QString, metric);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);

    PrometheusUsageSource source({m_prometheus->url(), metric, 30000});
    const SetResult result = waitFor(source.series(usageQuery(tenant, fromMs, toMs, 3600)));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(result->series.isEmpty());
}

void TstPrometheusUsageSource::refusedBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QUuid>("tenant");
    QTest::addColumn<qint64>("bucketSeconds");
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<QString>("messagePart");

    const qint64 t = m_firstMs;
    QTest::newRow("empty metric") << QString() << kTenantA << qint64(3600) << t << t + kDayMs << QStringLiteral("No Prometheus metric");
    QTest::newRow("metric starting with a digit")
        << QStringLiteral("1usage") << kTenantA << qint64(3600) << t << t + kDayMs << QStringLiteral("not a Prometheus metric name");
    QTest::newRow("metric with a space") << QStringLiteral("tenancy usage") << kTenantA << qint64(3600) << t << t + kDayMs
                                         << QStringLiteral("not a Prometheus metric name");
    QTest::newRow("metric with a selector (injection)")
        << QStringLiteral("up} or vector(1) or x{") << kTenantA << qint64(3600) << t << t + kDayMs
        << QStringLiteral("not a Prometheus metric name");
    QTest::newRow("metric with a dash") << QStringLiteral("tenancy-usage") << kTenantA << qint64(3600) << t << t + kDayMs
                                        << QStringLiteral("not a Prometheus metric name");
    QTest::newRow("no tenant") << kMetric << QUuid() << qint64(3600) << t << t + kDayMs << QStringLiteral("No tenant");
    QTest::newRow("zero bucket") << kMetric << kTenantA << qint64(0) << t << t + kDayMs << QStringLiteral("bucket width");
    QTest::newRow("negative bucket") << kMetric << kTenantA << qint64(-3600) << t << t + kDayMs << QStringLiteral("bucket width");
    QTest::newRow("end before start") << kMetric << kTenantA << qint64(3600) << t << t - 1 << QStringLiteral("not a valid time range");
    QTest::newRow("over 11,000 points: two years hourly")
        << kMetric << kTenantA << qint64(3600) << t - 730 * kDayMs << t << QStringLiteral("at most 11000 points");
    QTest::newRow("11,001 points") << kMetric << kTenantA << qint64(60) << t << t + 11001 * 60000LL
                                   << QStringLiteral("holds 11001 buckets");
}

void TstPrometheusUsageSource::refusedBeforeAnyRequest()
{
    QFETCH(QString, metric);
    QFETCH(QUuid, tenant);
    QFETCH(qint64, bucketSeconds);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);
    QFETCH(QString, messagePart);

    StubHttpServer stub;
    stub.setResponse(httpResponse(200, "OK", kEmptyMatrix));
    PrometheusUsageSource source({stub.url(), metric, 30000});
    QFuture<SetResult> future = source.series(
        usageQuery(tenant, fromMs, toMs, bucketSeconds));
    // Refused on the spot: the future is finished before any event loop could send anything.
    QVERIFY(future.isFinished());
    const SetResult result = future.result();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Validation);
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    QCoreApplication::processEvents();
    QCOMPARE(stub.connections(), 0);

    // The control: the same stub does get a request for a valid query.
    PrometheusUsageSource good({stub.url(), kMetric, 30000});
    const SetResult ok = waitFor(good.series(usageQuery(kTenantA, m_firstMs, m_firstMs + kDayMs, 3600)));
    QVERIFY(ok.ok());
    QCOMPARE(stub.connections(), 1);
}

void TstPrometheusUsageSource::requestNamesTenantResourcesAndBucketEnds()
{
    StubHttpServer stub;
    stub.setResponse(httpResponse(200, "OK", kEmptyMatrix));
    // A path prefix (Prometheus behind a reverse proxy) is kept.
    PrometheusUsageSource source({stub.url(QStringLiteral("/prom/")), kMetric, 30000});
    const qint64 from = 1700000000000 - 1700000000000 % kDayMs; // aligned to a day
    const UsageQuery query = usageQuery(kTenantA, from + 5 * kHourMs + 1, from + 2 * kDayMs, 86400,
                                        {QStringLiteral("items"), QStringLiteral("a.b\"c|d"), QStringLiteral("items")});
    const SetResult result = waitFor(source.series(query));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(stub.targets().size(), 1);

    const QUrl target(QString::fromLatin1(stub.targets().constFirst()));
    QCOMPARE(target.path(), QStringLiteral("/prom/api/v1/query_range"));
    const QUrlQuery items(target);
    // Evaluated 1 ms before each bucket's end; the window is widened to whole days.
    QCOMPARE(items.queryItemValue(QStringLiteral("start")), QString::number(double(from + kDayMs - 1) / 1000.0, 'f', 3));
    QCOMPARE(items.queryItemValue(QStringLiteral("end")), QString::number(double(from + 2 * kDayMs - 1) / 1000.0, 'f', 3));
    QCOMPARE(items.queryItemValue(QStringLiteral("step")), QStringLiteral("86400"));
    const QString promql = items.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
    // The tenant as a lower-case uuid without braces; the resources as an escaped regex,
    // once each; the bucket as the range of every aggregation.
    const QString selector = QStringLiteral(R"(tenancy_usage{tenant_id="3f2a6c1e-9b7d-4e21-8a55-0c6d2e9f7a10",)"
                                            R"(resource=~"items|a\\.b\"c\\|d"}[86400s])");
    QVERIFY2(promql.contains(selector), qPrintable(promql));
    QCOMPARE(promql.count(selector), 5);
    for (const char *agg : {"\"max\"", "\"min\"", "\"sum\"", "\"count\"", "\"last\""})
        QVERIFY2(promql.contains(QLatin1String(agg)), agg);
}

void TstPrometheusUsageSource::closedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
    PrometheusUsageSource source({url, kMetric, 30000});
    const SetResult result = waitFor(source.series(usageQuery(kTenantA, m_firstMs, m_lastMs, 3600)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unreachable);
    QVERIFY2(result.error().message.contains(url.toString()), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("refused the connection")), qPrintable(result.error().message));
}

void TstPrometheusUsageSource::silentServerTimesOut()
{
    StubHttpServer stub; // accepts, reads, never answers
    PrometheusUsageSource source({stub.url(), kMetric, 300});
    const SetResult result = waitFor(source.series(usageQuery(kTenantA, m_firstMs, m_lastMs, 3600)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unreachable);
    QVERIFY2(result.error().message.contains(QLatin1String("did not answer within 0.3 s")), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(stub.url().toString()), qPrintable(result.error().message));
    QCOMPARE(stub.connections(), 1);
}

// The transfer timeout only notices silence; the whole request has a deadline too.
void TstPrometheusUsageSource::tricklingServerTimesOut()
{
    StubHttpServer stub;
    stub.setTrickle(true);
    PrometheusUsageSource source({stub.url(), kMetric, 300});
    const SetResult result = waitFor(source.series(usageQuery(kTenantA, m_firstMs, m_lastMs, 3600)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unreachable);
    QVERIFY2(result.error().message.contains(QLatin1String("did not answer within 0.3 s")), qPrintable(result.error().message));
    QCOMPARE(stub.targets().size(), 1);
    QVERIFY2(stub.targets().constFirst().contains("&timeout=1s"), stub.targets().constFirst().constData());
}

void TstPrometheusUsageSource::notAPrometheusResult_data()
{
    QTest::addColumn<QByteArray>("response");

    QTest::newRow("malformed JSON") << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matr)");
    QTest::newRow("HTML") << httpResponse(200, "OK", "<html><body>Grafana</body></html>", "text/html");
    QTest::newRow("empty body") << httpResponse(200, "OK", "");
    QTest::newRow("a JSON list") << httpResponse(200, "OK", "[1,2,3]");
    QTest::newRow("no status") << httpResponse(200, "OK", R"({"data":{"resultType":"matrix","result":[]}})");
    QTest::newRow("a vector, not a matrix") << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"vector","result":[]}})");
    QTest::newRow("result not a list") << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":{}}})");
    QTest::newRow("series without values")
        << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"resource":"items","tc_agg":"max"}}]}})");
    QTest::newRow("value not a string")
        << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"resource":"items","tc_agg":"max"},"values":[[1700003599.999,5]]}]}})");
    QTest::newRow("value not a number")
        << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"resource":"items","tc_agg":"max"},"values":[[1700003599.999,"lots"]]}]}})");
    QTest::newRow("time not a number")
        << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"resource":"items","tc_agg":"max"},"values":[["noon","5"]]}]}})");
    QTest::newRow("a series the query did not ask for")
        << httpResponse(200, "OK", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"resource":"items"},"values":[[1700003599.999,"5"]]}]}})");
}

void TstPrometheusUsageSource::notAPrometheusResult()
{
    QFETCH(QByteArray, response);

    StubHttpServer stub;
    stub.setResponse(response);
    PrometheusUsageSource source({stub.url(), kMetric, 30000});
    const SetResult result = waitFor(source.series(usageQuery(kTenantA, m_firstMs, m_lastMs, 3600)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Internal);
    QVERIFY2(result.error().message.contains(QLatin1String("not a Prometheus query result")), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(stub.url().toString()), qPrintable(result.error().message));
}

void TstPrometheusUsageSource::httpErrors_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("detail");

    QTest::newRow("Prometheus error JSON")
        << httpResponse(400, "Bad Request", R"({"status":"error","errorType":"bad_data","error":"parse error: unexpected"})")
        << ErrorKind::Validation << QStringLiteral("refused the usage query (bad_data)") << QStringLiteral("parse error: unexpected");
    QTest::newRow("Prometheus timeout")
        << httpResponse(503, "Service Unavailable", R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})")
        << ErrorKind::Unreachable << QStringLiteral("could not answer") << QStringLiteral("query timed out in expression evaluation");
    QTest::newRow("404 from a proxy: no API there")
        << httpResponse(404, "Not Found", "404 page not found\n", "text/plain") << ErrorKind::Validation
        << QStringLiteral("no Prometheus API") << QStringLiteral("404 page not found");
    QTest::newRow("401: needs credentials")
        << httpResponse(401, "Unauthorized", "Unauthorized", "text/plain") << ErrorKind::PermissionDenied
        << QStringLiteral("refused access (HTTP 401)") << QStringLiteral("Unauthorized");
    QTest::newRow("502 from a proxy") << httpResponse(502, "Bad Gateway", "<html>bad gateway</html>", "text/html")
                                      << ErrorKind::Unreachable << QStringLiteral("not available (HTTP 502)")
                                      << QStringLiteral("<html>bad gateway</html>");
    QTest::newRow("500 without a Prometheus error") << httpResponse(500, "Internal Server Error", "oops", "text/plain")
                                                    << ErrorKind::Internal << QStringLiteral("answered HTTP 500")
                                                    << QStringLiteral("oops");
}

void TstPrometheusUsageSource::httpErrors()
{
    QFETCH(QByteArray, response);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, messagePart);
    QFETCH(QString, detail);

    StubHttpServer stub;
    stub.setResponse(response);
    PrometheusUsageSource source({stub.url(), kMetric, 30000});
    const SetResult result = waitFor(source.series(usageQuery(kTenantA, m_firstMs, m_lastMs, 3600)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, kind);
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(stub.url().toString()), qPrintable(result.error().message));
    QCOMPARE(result.error().detail, detail);
}

void TstPrometheusUsageSource::prometheusRefusalIsValidationWithItsText()
{
    // One daily bucket over 7,200 samples is more than --query.max-samples allows.
    const auto source = realSource();
    const SetResult result = waitFor(source->series(usageQuery(kHeavy, bucketStartMs(m_firstMs, 86400), bucketStartMs(m_firstMs, 86400) + kDayMs, 86400)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Validation);
    QVERIFY2(result.error().message.contains(QLatin1String("refused the usage query (execution)")), qPrintable(result.error().message));
    QVERIFY2(result.error().detail.contains(QLatin1String("too many samples")), qPrintable(result.error().detail));

    // The same tenant hour by hour (3,600 samples a bucket) is answered, and exactly.
    const SetResult hourly = waitFor(source->series(usageQuery(kHeavy, m_firstMs, m_firstMs + 2 * kHourMs, 3600)));
    QVERIFY2(hourly.ok(), qPrintable(hourly.ok() ? QString() : hourly.error().message));
    QCOMPARE(hourly->series.size(), 1);
    const QList<UsageBucket> &buckets = hourly->series.constFirst().buckets;
    QCOMPARE(buckets.size(), 2);
    QCOMPARE(buckets.at(0).min, qint64(0));
    QCOMPARE(buckets.at(0).max, qint64(3599));
    QCOMPARE(buckets.at(0).samples, 3600);
    QCOMPARE(buckets.at(1).last, qint64(7199));
    QCOMPARE(buckets.at(1).mean, (3600.0 + 7199.0) / 2);
}

void TstPrometheusUsageSource::cancelAbortsTheRequest()
{
    StubHttpServer stub; // holds the first request
    PrometheusUsageSource source({stub.url(), kMetric, 60000});
    const UsageQuery query = usageQuery(kTenantA, m_firstMs, m_lastMs, 3600);
    QFuture<SetResult> future = source.series(query);
    QTRY_COMPARE(stub.targets().size(), 1); // the request is on the wire
    QVERIFY(!future.isFinished());

    future.cancel();
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QTRY_COMPARE(stub.disconnections(), 1); // the reply was aborted, its connection closed

    // Still usable: the next call is answered.
    stub.setResponse(httpResponse(200, "OK", kEmptyMatrix));
    const SetResult again = waitFor(source.series(query));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QVERIFY(again->series.isEmpty());
    QCOMPARE(stub.targets().size(), 2);
}

void TstPrometheusUsageSource::destroyingTheSourceEndsRequestsInFlight()
{
    StubHttpServer stub; // never answers
    auto source = std::make_unique<PrometheusUsageSource>(PrometheusUsageSource::Options{stub.url(), kMetric, 60000});
    const UsageQuery query = usageQuery(kTenantA, m_firstMs, m_lastMs, 3600);
    QFuture<SetResult> first = source->series(query);
    QFuture<SetResult> second = source->series(query);
    QTRY_COMPARE(stub.targets().size(), 2);

    source.reset();
    for (QFuture<SetResult> *f : {&first, &second}) {
        QVERIFY(f->isFinished());
        QCOMPARE(f->resultCount(), 1);
        QCOMPARE(f->result().error().kind, ErrorKind::Cancelled);
    }
    QTRY_COMPARE(stub.disconnections(), 2);
}

void TstPrometheusUsageSource::parseBaseUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("url");          // empty: refused
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("plain") << QStringLiteral("http://127.0.0.1:9090") << QStringLiteral("http://127.0.0.1:9090") << QString();
    QTest::newRow("trailing slash dropped") << QStringLiteral(" http://prometheus:9090/ ")
                                            << QStringLiteral("http://prometheus:9090") << QString();
    QTest::newRow("https with a path prefix") << QStringLiteral("HTTPS://mon.example.com/prom/")
                                              << QStringLiteral("https://mon.example.com/prom") << QString();
    QTest::newRow("no scheme: http") << QStringLiteral("prometheus:9090") << QStringLiteral("http://prometheus:9090") << QString();
    QTest::newRow("IPv6") << QStringLiteral("http://[::1]:9090") << QStringLiteral("http://[::1]:9090") << QString();
    QTest::newRow("empty") << QStringLiteral("  ") << QString() << QStringLiteral("Enter the Prometheus server's URL");
    QTest::newRow("ftp") << QStringLiteral("ftp://prometheus:9090") << QString() << QStringLiteral("not ftp://");
    QTest::newRow("no host") << QStringLiteral("http:///api") << QString() << QStringLiteral("names no host");
    QTest::newRow("password in the URL") << QStringLiteral("http://admin:secret@prometheus:9090") << QString()
                                         << QStringLiteral("Leave the user and password out");
    QTest::newRow("query") << QStringLiteral("http://prometheus:9090/?x=1") << QString() << QStringLiteral("must not have a query");
    QTest::newRow("fragment") << QStringLiteral("http://prometheus:9090/#graph") << QString() << QStringLiteral("must not have a query");
    QTest::newRow("port out of range") << QStringLiteral("http://prometheus:99999") << QString() << QStringLiteral("not a valid URL");
    QTest::newRow("space in the host") << QStringLiteral("http://prom etheus:9090") << QString() << QStringLiteral("not a valid URL");
}

void TstPrometheusUsageSource::parseBaseUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, url);
    QFETCH(QString, messagePart);

    const Result<QUrl> parsed = PrometheusUsageSource::parseBaseUrl(text);
    if (url.isEmpty()) {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, ErrorKind::Validation);
        QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
    } else {
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->toString(), url);
    }
}

QTEST_GUILESS_MAIN(TstPrometheusUsageSource)
#include "tst_prometheususagesource.moc"
