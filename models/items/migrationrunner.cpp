#include "models/items/migrationrunner.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"

#include "models/store/tenantstore.h"

#include <QFutureWatcher>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc {

namespace {

// Long enough to smooth out batches of uneven cost, short enough that a pause or a slow start
// is forgotten soon.
constexpr qint64 kRateWindowMs = 10000;
constexpr int kDefaultRefreshMs = 1000;

using State = MigrationJob::State;

// States in which the database has stopped the job for good or for now without it failing:
// a run ending in one of them (another console paused, cancelled or finished it) is no failure.
bool stoppedQuietly(State state)
{
    return state == State::Paused || state == State::Cancelled || state == State::Finished;
}

} // namespace

MigrationRunner::MigrationRunner(TenantStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_refreshTimer.setInterval(kDefaultRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MigrationRunner::refresh);
    m_elapsed.start();
}

MigrationRunner::~MigrationRunner()
{
    // Nobody would see the job any more: it pauses after its current batch (resumable anywhere),
    // and a store being destroyed doesn't wait for the whole job.
    if (m_running)
        m_run.cancel();
}

bool MigrationRunner::start(qint64 id, int batchRows)
{
    if (m_running || m_cancelling)
        return false;
    if (!m_store) {
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        return false;
    }
    if (id != m_job.id) {
        m_job = MigrationJob{};
        m_job.id = id;
    }
    m_error.reset();
    m_running = true;
    m_pauseRequested = false;
    m_cancelAfterPause = false;
    m_batchRows = batchRows;
    m_progressRows = 0;
    m_samples.clear();
    const quint64 generation = ++m_generation;
    // Read first: the store refuses a cancelled job, and only a job known to be cancelled before
    // the run tells that refusal apart from another console cancelling it during the run.
    detail::deliver(m_store->migrationJob(id), this, [this, generation](const Result<MigrationJob> &job) {
        if (generation == m_generation)
            launch(job, generation);
    });
    Q_EMIT progressChanged();
    return true;
}

void MigrationRunner::launch(const Result<MigrationJob> &job, quint64 generation)
{
    if (!job.ok()) {
        m_error = job.error();
        endRun();
        return;
    }
    takeJob(job.value());
    if (m_pauseRequested) {
        if (m_cancelAfterPause && m_job.state != State::Finished && m_job.state != State::Cancelled)
            cancelNow();
        else
            endRun();
        return;
    }
    if (m_job.state == State::Cancelled) {
        m_error = Error::validation(
            QStringLiteral("Migration job %1 was cancelled; plan a new job to move these rows.").arg(m_job.id));
        endRun();
        return;
    }
    if (!m_store) {
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        endRun();
        return;
    }

    m_run = m_store->runMigrationJob(m_job.id, m_batchRows);
    auto *watcher = new QFutureWatcher<Result<MigrationJob>>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int value) {
        if (generation == m_generation)
            onRunProgress(value);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation]() {
        watcher->deleteLater();
        // A cancelled (paused) run's result is dropped by QFuture; the job row says how it ended.
        if (watcher->isCanceled() || watcher->future().resultCount() == 0)
            finishRun(Error{ErrorKind::Cancelled, QStringLiteral("The run was paused.")}, generation);
        else
            finishRun(watcher->result(), generation);
    });
    watcher->setFuture(m_run);
    m_refreshTimer.start();
}

void MigrationRunner::pause()
{
    if (!m_running)
        return;
    m_pauseRequested = true;
    m_run.cancel();
}

void MigrationRunner::cancelJob()
{
    if (m_running) {
        // The store stops between batches only: pause first, cancel once the run has stopped.
        m_cancelAfterPause = true;
        pause();
        return;
    }
    if (m_cancelling || m_job.id == 0)
        return;
    if (!m_store) {
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        Q_EMIT progressChanged();
        return;
    }
    m_error.reset();
    cancelNow();
}

void MigrationRunner::cancelNow()
{
    m_cancelling = true;
    detail::deliver(m_store->cancelMigrationJob(m_job.id), this, [this](const Result<MigrationJob> &result) {
        m_cancelling = false;
        if (result.ok())
            takeJob(result.value());
        else
            m_error = result.error();
        endRun();
    });
}

void MigrationRunner::refresh()
{
    if (!m_running || m_refreshing || !m_store)
        return;
    m_refreshing = true;
    const quint64 generation = m_generation;
    detail::deliver(m_store->migrationJob(m_job.id), this, [this, generation](const Result<MigrationJob> &result) {
        m_refreshing = false;
        if (generation != m_generation || !m_running)
            return;
        if (!result.ok()) {
            // The run's own result decides; the next read may well succeed.
            qCDebug(lcItems) << "reading migration job" << m_job.id << "failed:" << result.error().message;
            return;
        }
        takeJob(result.value());
    });
}

void MigrationRunner::onRunProgress(int value)
{
    // Before the first read the scale of the future's progress (see PgStore) is unknown.
    if (!m_running || m_job.version == 0)
        return;
    const qint64 total = std::max(m_job.plannedRows, m_job.movedRows);
    const qint64 scale = total > std::numeric_limits<int>::max() / 2 ? 1000 : 1;
    const qint64 rows = qint64(value) * scale;
    if (rows <= m_progressRows)
        return;
    m_progressRows = rows;
    if (rows > m_job.movedRows) {
        m_job.movedRows = rows;
        Q_EMIT progressChanged();
    }
}

void MigrationRunner::takeJob(const MigrationJob &job)
{
    if (job.id != m_job.id || job.version < m_job.version)
        return; // an older read answered late
    m_job = job;
    if (m_running)
        m_job.movedRows = std::max(job.movedRows, m_progressRows);
    addSample(job);
    Q_EMIT progressChanged();
}

void MigrationRunner::addSample(const MigrationJob &job)
{
    if (!m_running)
        return;
    m_samples.append(Sample{nowMs(), job.movedRows + job.skippedRows, job.movedBytes});
    // Samples older than the window go, but two always stay: after a long gap between reads
    // the rate spans the gap.
    const qint64 newest = m_samples.constLast().atMs;
    while (m_samples.size() > 2 && newest - m_samples.constFirst().atMs > kRateWindowMs)
        m_samples.removeFirst();
}

void MigrationRunner::finishRun(const Result<MigrationJob> &result, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_refreshTimer.stop();
    m_run = {};
    if (result.ok()) {
        m_error.reset();
        takeJob(result.value());
        if (m_cancelAfterPause && !(m_job.state == State::Finished || m_job.state == State::Cancelled))
            cancelNow();
        else
            endRun();
        return;
    }
    // Paused by us, stopped by another console, or failed: the job row tells which.
    const std::optional<Error> runError = result.error();
    if (!m_store) {
        m_error = runError;
        endRun();
        return;
    }
    detail::deliver(m_store->migrationJob(m_job.id), this,
                    [this, runError, generation](const Result<MigrationJob> &job) {
                        if (generation == m_generation)
                            settle(job, runError);
                    });
}

void MigrationRunner::settle(const Result<MigrationJob> &job, const std::optional<Error> &runError)
{
    const bool ourPause = m_pauseRequested && runError && runError->kind == ErrorKind::Cancelled;
    if (!job.ok()) {
        m_error = ourPause ? job.error() : runError;
        endRun();
        return;
    }
    takeJob(job.value());
    const State state = job->state;
    // Refused at the start (the target's limits or state as they are now): the job stays as
    // it was, paused too, and the reason is shown.
    const bool refusedAtStart = runError && (runError->kind == ErrorKind::QuotaExceeded
                                             || runError->kind == ErrorKind::Validation);
    if (stoppedQuietly(state) && !(refusedAtStart && state == State::Paused)) {
        m_error.reset();
    } else if (state == State::Failed) {
        // A paused run's own error was dropped with its result: the job row keeps the text.
        if (runError && runError->kind != ErrorKind::Cancelled)
            m_error = runError;
        else
            m_error = Error{ErrorKind::Internal,
                            job->error.isEmpty() ? QStringLiteral("Migration job %1 failed.").arg(job->id) : job->error};
    } else {
        // Still planned (refused before it started, or paused before its first batch) or still
        // running (the connection broke: run it again to resume).
        if (ourPause && state == State::Planned)
            m_error.reset();
        else
            m_error = runError;
    }
    if (m_cancelAfterPause && !(state == State::Finished || state == State::Cancelled))
        cancelNow();
    else
        endRun();
}

void MigrationRunner::endRun()
{
    m_running = false;
    m_pauseRequested = false;
    m_cancelAfterPause = false;
    m_refreshTimer.stop();
    Q_EMIT progressChanged();
    Q_EMIT stopped();
}

double MigrationRunner::rowsPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.constFirst();
    const Sample &last = m_samples.constLast();
    const qint64 ms = last.atMs - first.atMs;
    return ms > 0 ? double(std::max<qint64>(0, last.rows - first.rows)) * 1000.0 / double(ms) : 0;
}

double MigrationRunner::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.constFirst();
    const Sample &last = m_samples.constLast();
    const qint64 ms = last.atMs - first.atMs;
    return ms > 0 ? double(std::max<qint64>(0, last.bytes - first.bytes)) * 1000.0 / double(ms) : 0;
}

std::optional<qint64> MigrationRunner::secondsLeft() const
{
    if (m_job.version == 0)
        return std::nullopt;
    if (m_job.state == State::Finished)
        return 0;
    const qint64 left = std::max<qint64>(0, m_job.plannedRows - m_job.movedRows - m_job.skippedRows);
    if (left == 0)
        return 0;
    const double rate = rowsPerSecond();
    if (!m_running || rate <= 0)
        return std::nullopt;
    // Rounded up: "0 s left" only when nothing is left.
    return qint64(std::ceil(double(left) / rate));
}

void MigrationRunner::setRefreshInterval(int msec)
{
    m_refreshTimer.setInterval(std::max(1, msec));
}

void MigrationRunner::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 MigrationRunner::nowMs() const
{
    return m_clock ? m_clock() : m_elapsed.elapsed();
}

} // namespace tc
