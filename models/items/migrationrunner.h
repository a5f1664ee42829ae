#pragma once

#include "models/domain/error.h"
#include "models/domain/migration.h"
#include "models/domain/result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace tc {

class TenantStore;

// Runs (or resumes) one migration job in this console and reports its progress for a
// progress bar: rows and bytes moved of the planned ones, the rate and the time left.
//
// start() reads the job (a cancelled one is refused with an error) and calls
// TenantStore::runMigrationJob; while it runs, the job row is re-read every
// refreshInterval() (another worker) for bytes, skipped rows and batches. The rate is measured
// over the last ~10 seconds of those reads (so a pause or a slow start doesn't skew it for
// long); secondsLeft() is the remaining planned rows at that rate.
//
// pause() stops after the current batch (the job becomes paused; start() again resumes from its
// checkpoint, here or in any console). cancelJob() pauses, then marks the job cancelled (rows
// already moved stay moved). If another console pauses, cancels or finishes the job, so that
// the database refuses a batch because the job is no longer running, the runner ends with the
// job's state (not as a failure). A failed job reports error(). Destroying a runner while it runs pauses
// the job (after the current batch), so nothing runs on unobserved.
class MigrationRunner : public QObject
{
    Q_OBJECT

public:
    explicit MigrationRunner(TenantStore *store, QObject *parent = nullptr);
    ~MigrationRunner() override;

    // Runs job `id` in batches of `batchRows`. Refused (false) while running.
    bool start(qint64 id, int batchRows = 1000);
    void pause();
    void cancelJob();

    bool isRunning() const { return m_running; }
    // The newest known state of the job (id 0 before start()).
    const MigrationJob &job() const { return m_job; }
    std::optional<Error> error() const { return m_error; }

    // Rows handled (moved or skipped) and bytes moved per second over the recent window; 0
    // until two reads are apart.
    double rowsPerSecond() const;
    double bytesPerSecond() const;
    // The planned rows not handled yet at the current rate (rounded up; 0 when none are left);
    // nullopt while unknown (no rate yet, or not running).
    std::optional<qint64> secondsLeft() const;

    void setRefreshInterval(int msec);
    int refreshInterval() const { return m_refreshTimer.interval(); }
    // Tests pin the clock (milliseconds, monotonic).
    void setClock(std::function<qint64()> clock);

Q_SIGNALS:
    // The job's counters or state changed (also the rate).
    void progressChanged();
    // The run ended: the job is finished, paused, cancelled or failed (see job().state and
    // error()). Also sent when a cancelJob() of a job that was not running here has ended.
    void stopped();

private:
    struct Sample
    {
        qint64 atMs = 0;
        qint64 rows = 0;
        qint64 bytes = 0;
    };
    void launch(const Result<MigrationJob> &job, quint64 generation);
    void refresh();
    void onRunProgress(int value);
    void takeJob(const MigrationJob &job);
    void addSample(const MigrationJob &job);
    void finishRun(const Result<MigrationJob> &result, quint64 generation);
    void settle(const Result<MigrationJob> &job, const std::optional<Error> &runError);
    void cancelNow();
    void endRun();
    qint64 nowMs() const;

    QPointer<TenantStore> m_store;
    MigrationJob m_job;
    std::optional<Error> m_error;
    bool m_running = false;
    bool m_cancelAfterPause = false;
    bool m_pauseRequested = false;
    bool m_refreshing = false;
    bool m_cancelling = false;   // a cancelMigrationJob call is under way
    int m_batchRows = 1000;
    quint64 m_generation = 0;    // one per start(): answers of an earlier run are dropped
    qint64 m_progressRows = 0;   // rows moved as the run's future last reported them
    QFuture<Result<MigrationJob>> m_run;
    QList<Sample> m_samples;
    QTimer m_refreshTimer;
    QElapsedTimer m_elapsed;
    std::function<qint64()> m_clock;
};

} // namespace tc
