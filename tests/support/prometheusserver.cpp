#include "tests/support/prometheusserver.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <tuple>

namespace tc::test {

namespace {

QString program(const char *envName, const QString &name)
{
    const QString fromEnv = qEnvironmentVariable(envName);
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString onPath = QStandardPaths::findExecutable(name);
    return onPath.isEmpty() ? QStringLiteral("/usr/bin/") + name : onPath;
}

// An OpenMetrics label value: backslash, double quote and newline escaped.
QString labelValue(const QString &value)
{
    QString out = value;
    out.replace(u'\\', QStringLiteral("\\\\"));
    out.replace(u'"', QStringLiteral("\\\""));
    out.replace(u'\n', QStringLiteral("\\n"));
    return out;
}

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// One GET of /-/ready, bounded by `timeoutMs`; true on HTTP 200.
bool ready(QNetworkAccessManager &network, const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url.resolved(QUrl(QStringLiteral("/-/ready"))));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const bool ok = reply->error() == QNetworkReply::NoError
        && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
    reply->deleteLater();
    return ok;
}

} // namespace

PrometheusServer::PrometheusServer()
    : PrometheusServer(Options{})
{
}

PrometheusServer::PrometheusServer(Options options)
    : m_options(std::move(options))
    , m_dir(QDir::tempPath() + QStringLiteral("/tc-prometheus-XXXXXX"))
{
}

PrometheusServer::~PrometheusServer()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
    // m_dir removes the blocks, the config and the log.
}

QString PrometheusServer::prometheusProgram()
{
    return program("TC_PROMETHEUS", QStringLiteral("prometheus"));
}

QString PrometheusServer::promtoolProgram()
{
    return program("TC_PROMTOOL", QStringLiteral("promtool"));
}

qint64 PrometheusServer::latestBackfillMs()
{
    const qint64 hourMs = 3600 * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return (now / hourMs - 6) * hourMs;
}

void PrometheusServer::addSample(const QString &metric, const Labels &labels, qint64 atMs, double value)
{
    Labels sorted = labels;
    std::sort(sorted.begin(), sorted.end());
    QStringList parts;
    for (const auto &[name, v] : std::as_const(sorted))
        parts << QStringLiteral("%1=\"%2\"").arg(name, labelValue(v));
    m_samples.append(Sample{metric, u'{' + parts.join(u',') + u'}', atMs, value});
}

bool PrometheusServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool PrometheusServer::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString());
        return false;
    }
    for (const QString &tool : {promtoolProgram(), prometheusProgram()}) {
        if (!QFileInfo(tool).isExecutable()) {
            m_error = QStringLiteral("%1 is not installed: install the Debian package prometheus (scripts/setup)")
                          .arg(tool);
            return false;
        }
    }
    QElapsedTimer timer;
    timer.start();
    if (!backfill())
        return false;
    m_backfillMs = timer.restart();
    if (!launch())
        return false;
    m_startupMs = timer.elapsed();
    return true;
}

bool PrometheusServer::writeOpenMetrics(const QString &path)
{
    // OpenMetrics wants a metric family's samples together, and a series in time order.
    QList<Sample> samples = m_samples;
    std::stable_sort(samples.begin(), samples.end(), [](const Sample &a, const Sample &b) {
        return std::tie(a.metric, a.labels, a.atMs) < std::tie(b.metric, b.labels, b.atMs);
    });
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray out;
    QString family;
    for (const Sample &s : std::as_const(samples)) {
        if (s.metric != family) {
            family = s.metric;
            out += "# TYPE " + family.toUtf8() + " gauge\n";
        }
        out += s.metric.toUtf8() + s.labels.toUtf8() + ' ' + QByteArray::number(s.value, 'g', 17) + ' '
            + QByteArray::number(double(s.atMs) / 1000.0, 'f', 3) + '\n';
    }
    out += "# EOF\n";
    if (file.write(out) != out.size()) {
        m_error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PrometheusServer::backfill()
{
    const QString input = m_dir.filePath(QStringLiteral("samples.om"));
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!writeOpenMetrics(input) || !QDir().mkpath(data))
        return false;
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(promtoolProgram(), {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                                       QStringLiteral("openmetrics"), QStringLiteral("--quiet"), input, data});
    if (!promtool.waitForFinished(300000) || promtool.exitStatus() != QProcess::NormalExit || promtool.exitCode() != 0) {
        m_error = QStringLiteral("promtool tsdb create-blocks-from openmetrics failed (%1): %2")
                      .arg(promtool.errorString(), QString::fromUtf8(promtool.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PrometheusServer::launch()
{
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    {
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text)
            || file.write("# No scrape targets: the history is backfilled.\nglobal:\n  scrape_interval: 1h\n") < 0) {
            m_error = QStringLiteral("cannot write %1: %2").arg(config, file.errorString());
            return false;
        }
    }
    QNetworkAccessManager network;
    const QDeadlineTimer deadline(m_options.readyTimeoutMs);
    // A port found free may be taken again before Prometheus binds it: try another one.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const int port = freeLoopbackPort();
        if (port == 0) {
            m_error = QStringLiteral("no free port on 127.0.0.1");
            return false;
        }
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_process = std::make_unique<QProcess>();
        const QString log = m_dir.filePath(QStringLiteral("prometheus.log"));
        QFile::remove(log);
        m_process->setStandardOutputFile(log);
        m_process->setStandardErrorFile(log, QIODevice::Append);
        QStringList args{
            QStringLiteral("--config.file=") + config,
            QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
            QStringLiteral("--storage.tsdb.retention.time=100y"),
            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
        };
        args += m_options.extraArguments;
        m_process->start(prometheusProgram(), args);
        if (!m_process->waitForStarted(10000)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(prometheusProgram(), m_process->errorString());
            return false;
        }
        while (!deadline.hasExpired()) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            if (ready(network, m_url, 1000))
                return true;
            QTest::qWait(100);
        }
        if (m_process->state() != QProcess::NotRunning) {
            m_error = QStringLiteral("Prometheus on %1 was not ready within %2 s; its log:\n%3")
                          .arg(m_url.toString())
                          .arg(m_options.readyTimeoutMs / 1000)
                          .arg(logTail());
            m_process->kill();
            m_process->waitForFinished(10000);
            return false;
        }
        const QString tail = logTail();
        if (!tail.contains(QLatin1String("address already in use"))) {
            m_error = QStringLiteral("Prometheus exited (code %1) before it was ready; its log:\n%2")
                          .arg(m_process->exitCode())
                          .arg(tail);
            return false;
        }
    }
    m_error = QStringLiteral("Prometheus found no free port after 5 attempts; its log:\n%1").arg(logTail());
    return false;
}

QString PrometheusServer::logTail() const
{
    QFile file(m_dir.filePath(QStringLiteral("prometheus.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = file.readAll();
    return QString::fromUtf8(all.right(3000));
}

} // namespace tc::test
