#pragma once

#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <utility>

namespace tc::test {

// A real Prometheus (the Debian package's /usr/bin/prometheus) on loopback with backfilled
// history: addSample() collects samples, start() writes them as OpenMetrics, turns them into
// TSDB blocks with `promtool tsdb create-blocks-from openmetrics` and starts Prometheus on
// them (no scrape targets) on a free port. The destructor kills it and removes its files.
//
// Backfill only keeps what lies well before the TSDB's head: let the samples end at
// latestBackfillMs() or earlier. Backfilling takes seconds: do it once per test program.
class PrometheusServer
{
public:
    struct Options
    {
        QStringList extraArguments; // e.g. --query.max-samples=5000
        int readyTimeoutMs = 60000;
    };

    PrometheusServer();
    explicit PrometheusServer(Options options);
    ~PrometheusServer();

    PrometheusServer(const PrometheusServer &) = delete;
    PrometheusServer &operator=(const PrometheusServer &) = delete;

    using Labels = QList<std::pair<QString, QString>>;
    // One gauge sample to backfill (before start()).
    void addSample(const QString &metric, const Labels &labels, qint64 atMs, double value);
    int sampleCount() const { return int(m_samples.size()); }

    // Backfills and starts; false with error() saying what failed (and Prometheus' log).
    bool start();
    bool isRunning() const;
    QString error() const { return m_error; }
    // http://127.0.0.1:PORT
    QUrl url() const { return m_url; }

    // How long start() took for the backfill and for Prometheus to become ready.
    qint64 backfillMs() const { return m_backfillMs; }
    qint64 startupMs() const { return m_startupMs; }

    // The newest time that backfills reliably: the full hour six hours before now.
    static qint64 latestBackfillMs();

    // $TC_PROMETHEUS / $TC_PROMTOOL, else the executable on PATH, else /usr/bin/<name>.
    static QString prometheusProgram();
    static QString promtoolProgram();

private:
    struct Sample
    {
        QString metric;
        QString labels; // rendered {a="b",…}
        qint64 atMs = 0;
        double value = 0;
    };

    bool writeOpenMetrics(const QString &path);
    bool backfill();
    bool launch();
    QString logTail() const;

    Options m_options;
    QList<Sample> m_samples;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_error;
    qint64 m_backfillMs = 0;
    qint64 m_startupMs = 0;
};

} // namespace tc::test
