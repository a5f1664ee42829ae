#include "migratecommands.h"

#include "ctlapp.h"
#include "outputformat.h"
#include "tenantresolver.h"

#include "models/domain/resourceunit.h"
#include "models/domain/selector.h"
#include "models/store/pgstore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <csignal>

namespace tc {

using namespace ctl;

namespace {

constexpr int kDefaultBatchRows = 1000;
constexpr int kMaxBatchRows = 100'000;
constexpr int kDefaultListed = 50;
// A plan shows this many sample rows to people; --json has all the store returns.
constexpr int kShownSamples = 5;
// Progress lines at most this often.
constexpr int kProgressMs = 1000;
// How often the interrupt flag is looked at.
constexpr int kSignalPollMs = 50;

template<typename T>
Result<T> waitFor(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

QString memories(qint64 n)
{
    return counted(n, QStringLiteral("memory"), QStringLiteral("memories"));
}

// "56789 bytes (56.8 KB)": exact for scripts reading text, short for people.
QString bytesText(qint64 bytes)
{
    const QString exact = counted(bytes, QStringLiteral("byte"));
    const QString shortText = formatQuantity(bytes, ResourceUnit::Bytes);
    return shortText == QString::number(bytes) || shortText == QStringLiteral("%1 B").arg(bytes)
        ? exact
        : QStringLiteral("%1 (%2)").arg(exact, shortText);
}

QJsonValue parsedJson(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return text;
}

QString percentOf(qint64 done, qint64 total)
{
    if (total <= 0)
        return QStringLiteral("100%");
    return QString::number(std::min<qint64>(100, done * 100 / total)) + u'%';
}

QJsonObject jobJson(const MigrationJob &j)
{
    return QJsonObject{{QStringLiteral("id"), j.id},
                       {QStringLiteral("state"), migrationStateKey(j.state)},
                       {QStringLiteral("source"),
                        QJsonObject{{QStringLiteral("id"), idText(j.source)}, {QStringLiteral("slug"), j.sourceSlug}}},
                       {QStringLiteral("target"),
                        QJsonObject{{QStringLiteral("id"), idText(j.target)}, {QStringLiteral("slug"), j.targetSlug}}},
                       {QStringLiteral("selector"), parsedJson(j.selectorJson)},
                       {QStringLiteral("preserve_ids"), j.preserveIds},
                       {QStringLiteral("include_metadata"), j.includeMetadata},
                       {QStringLiteral("planned_rows"), j.plannedRows},
                       {QStringLiteral("planned_bytes"), j.plannedBytes},
                       {QStringLiteral("moved_rows"), j.movedRows},
                       {QStringLiteral("moved_bytes"), j.movedBytes},
                       {QStringLiteral("skipped_rows"), j.skippedRows},
                       {QStringLiteral("batches"), j.batches},
                       {QStringLiteral("created_by"), j.createdBy},
                       {QStringLiteral("created_at"), timeJson(j.createdAt)},
                       {QStringLiteral("started_at"), timeJson(j.startedAt)},
                       {QStringLiteral("finished_at"), timeJson(j.finishedAt)},
                       {QStringLiteral("updated_at"), timeJson(j.updatedAt)},
                       {QStringLiteral("error"), j.error.isEmpty() ? QJsonValue() : QJsonValue(j.error)}};
}

QString resumeHint(qint64 id)
{
    return QStringLiteral("run \"tenantctl migrate resume %1\" to go on").arg(id);
}

// What a job still wants from its operator, or empty when nothing.
QString nextStep(const MigrationJob &j)
{
    switch (j.state) {
    case MigrationJob::State::Planned:
    case MigrationJob::State::Paused:
    case MigrationJob::State::Failed: return QStringLiteral("tenantctl migrate resume %1").arg(j.id);
    case MigrationJob::State::Running:
        return QStringLiteral("if no tenantctl or console runs it any more: tenantctl migrate resume %1").arg(j.id);
    case MigrationJob::State::Cancelled:
    case MigrationJob::State::Finished: break;
    }
    return {};
}

// "Migration job 17 finished: moved ..." and what else there is to know.
QString finishedText(const MigrationJob &j)
{
    QStringList lines;
    lines.append(QStringLiteral("Migration job %1 finished: moved %2, %3, from %4 to %5 in %6.")
                     .arg(j.id)
                     .arg(memories(j.movedRows), bytesText(j.movedBytes), j.sourceSlug, j.targetSlug,
                          counted(j.batches, QStringLiteral("batch"), QStringLiteral("batches"))));
    if (j.skippedRows > 0) {
        lines.append(QStringLiteral("%1 skipped: their ids are taken in %2, so they stay in %3.")
                         .arg(memories(j.skippedRows), j.targetSlug, j.sourceSlug));
    }
    if (j.movedRows + j.skippedRows != j.plannedRows) {
        lines.append(QStringLiteral("The plan counted %1; rows changed, deleted or added in %2 since then were taken as "
                                    "they are now.")
                         .arg(memories(j.plannedRows), j.sourceSlug));
    }
    if (!j.preserveIds)
        lines.append(QStringLiteral("The moved memories got new ids; \"tenantctl migrate idmap %1\" prints the old and "
                                    "new ids.")
                         .arg(j.id));
    return lines.join(u'\n');
}

// --- SIGINT / SIGTERM while a job runs ---------------------------------------------------------

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int signal)
{
    g_interrupted = 1;
    // A second signal ends the process at once; the job is resumable either way.
    std::signal(signal, SIG_DFL);
}

// While it lives, the first SIGINT or SIGTERM only sets a flag: the job pauses after its batch.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted = 0;
        m_int = std::signal(SIGINT, onInterrupt);
        m_term = std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptGuard()
    {
        std::signal(SIGINT, m_int == SIG_ERR ? SIG_DFL : m_int);
        std::signal(SIGTERM, m_term == SIG_ERR ? SIG_DFL : m_term);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    void (*m_int)(int) = SIG_DFL;
    void (*m_term)(int) = SIG_DFL;
};

} // namespace

std::optional<int> MigrateCommands::run(const QString &verb)
{
    if (verb == QLatin1String("plan"))
        return plan();
    if (verb == QLatin1String("run"))
        return runJob();
    if (verb == QLatin1String("resume"))
        return resume();
    if (verb == QLatin1String("status"))
        return status();
    if (verb == QLatin1String("cancel"))
        return cancel();
    if (verb == QLatin1String("idmap"))
        return idMap();
    return std::nullopt;
}

std::optional<int> MigrateCommands::takeBatchRows(QString *problem)
{
    const std::optional<QString> text = m_app.takeValue(QStringLiteral("--batch-rows"), problem);
    if (!text)
        return kDefaultBatchRows;
    bool ok = false;
    const int rows = text->toInt(&ok);
    if (!ok || rows < 1 || rows > kMaxBatchRows) {
        if (problem->isEmpty())
            *problem = QStringLiteral("--batch-rows takes a whole number of rows from 1 to %1, not \"%2\"")
                           .arg(kMaxBatchRows)
                           .arg(*text);
        return std::nullopt;
    }
    return rows;
}

std::optional<qint64> MigrateCommands::takeJobId(QString *problem)
{
    QStringList positional;
    if (!m_app.takePositional({QStringLiteral("JOB")}, &positional, problem))
        return std::nullopt;
    bool ok = false;
    const qint64 id = positional.at(0).toLongLong(&ok);
    if (!ok || id < 1) {
        *problem = QStringLiteral("JOB is a migration job's number (\"tenantctl migrate status\" lists them), not \"%1\"")
                       .arg(positional.at(0));
        return std::nullopt;
    }
    return id;
}

std::optional<int> MigrateCommands::takeRequest(const QString &command, std::unique_ptr<PgStore> *store,
                                                MigrationRequest *request, QString *sourcePath, QString *targetPath,
                                                QString *problem)
{
    const std::optional<QString> selectorText = m_app.takeValue(QStringLiteral("--selector"), problem);
    const std::optional<QString> selectorFile = m_app.takeValue(QStringLiteral("--selector-file"), problem);
    const bool all = m_app.takeFlag(QStringLiteral("--all"));
    request->preserveIds = !m_app.takeFlag(QStringLiteral("--new-ids"));
    request->includeMetadata = !m_app.takeFlag(QStringLiteral("--drop-metadata"));
    QStringList positional;
    if (!m_app.takePositional({QStringLiteral("SOURCE"), QStringLiteral("TARGET")}, &positional, problem))
        return m_app.failUsage(*problem);
    const int given = int(selectorText.has_value()) + int(selectorFile.has_value()) + int(all);
    if (given == 0)
        return m_app.failUsage(QStringLiteral("%1 needs --selector JSON, --selector-file FILE or --all (every memory "
                                              "of SOURCE)")
                                   .arg(command));
    if (given > 1)
        return m_app.failUsage(QStringLiteral("%1 takes one of --selector, --selector-file and --all").arg(command));

    Selector selector;
    if (!all) {
        QString text;
        QString where = QStringLiteral("The selector");
        if (selectorFile) {
            QFile file(*selectorFile);
            if (!file.open(QIODevice::ReadOnly))
                return m_app.fail(Error::validation(
                    QStringLiteral("Cannot read the selector file \"%1\": %2.").arg(*selectorFile, file.errorString())));
            if (file.size() > Selector::kMaxBytes)
                return m_app.fail(Error::validation(QStringLiteral("The selector file \"%1\" is larger than a selector "
                                                                   "may be (%2 bytes).")
                                                        .arg(*selectorFile)
                                                        .arg(Selector::kMaxBytes)));
            text = QString::fromUtf8(file.readAll());
            where = QStringLiteral("The selector in \"%1\"").arg(*selectorFile);
        } else {
            text = *selectorText;
        }
        SelectorError error;
        const std::optional<Selector> parsed = Selector::parse(text, &error);
        if (!parsed)
            return m_app.fail(Error::validation(QStringLiteral("%1 is not valid %2").arg(where, error.message())));
        if (parsed->matchesAll())
            return m_app.failUsage(QStringLiteral("the selector {} selects every memory of SOURCE; say --all to move "
                                                  "them all"));
        selector = *parsed;
    }

    Error error;
    ResolvedTenant source;
    *store = m_app.connectResolved(positional.at(0), &source, &error);
    if (!*store)
        return m_app.fail(error);
    const Result<ResolvedTenant> target = TenantResolver(**store).resolve(positional.at(1));
    if (!target.ok())
        return m_app.fail(target.error());
    if (target->tenant.id == source.tenant.id)
        return m_app.fail(Error::validation(
            QStringLiteral("SOURCE and TARGET are the same tenant (%1); choose a different target.").arg(source.path())));
    if (target->tenant.state != LifecycleState::Active)
        return m_app.fail(Error::validation(QStringLiteral("Target tenant %1 is %2; memories can only be moved into an "
                                                           "active tenant.")
                                                .arg(target->path(), lifecycleStateKey(target->tenant.state))));
    request->source = source.tenant.id;
    request->target = target->tenant.id;
    request->selectorJson = selector.toJson();
    *sourcePath = source.path();
    *targetPath = target->path();
    return std::nullopt;
}

int MigrateCommands::plan()
{
    QString problem;
    std::unique_ptr<PgStore> store;
    MigrationRequest request;
    QString sourcePath, targetPath;
    if (const std::optional<int> code =
            takeRequest(QStringLiteral("migrate plan"), &store, &request, &sourcePath, &targetPath, &problem))
        return *code;
    const Result<MigrationPlan> planned = waitFor(store->planMigration(request));
    if (!planned.ok())
        return m_app.fail(planned.error());
    const MigrationPlan &p = planned.value();

    QStringList blocked;
    for (const QuotaShortfall &s : p.shortfalls()) {
        blocked.append(QStringLiteral("its %1 limit (%2 used + %3 moving = %4 > %5)")
                           .arg(s.resource)
                           .arg(s.used)
                           .arg(s.needed)
                           .arg(s.used + s.needed)
                           .arg(s.limit));
    }
    const Error blockedError{ErrorKind::QuotaExceeded,
                             QStringLiteral("Moving these memories into %1 would exceed %2; raise the target's limits "
                                            "first (\"tenantctl quota set %1 RESOURCE VALUE\") or select fewer rows.")
                                 .arg(targetPath, blocked.join(QStringLiteral(" and ")))};

    if (m_app.m_json) {
        QJsonArray quota;
        for (const MigrationQuotaCheck &c : p.quota) {
            quota.append(QJsonObject{{QStringLiteral("resource"), c.resource},
                                     {QStringLiteral("limit"), c.limit ? QJsonValue(*c.limit) : QJsonValue()},
                                     {QStringLiteral("used"), c.used},
                                     {QStringLiteral("needed"), c.needed},
                                     {QStringLiteral("after"), c.used + c.needed},
                                     {QStringLiteral("exceeds"), c.exceeds()}});
        }
        QJsonArray sample;
        for (const MemorySample &s : p.sample) {
            sample.append(QJsonObject{{QStringLiteral("id"), idText(s.id)},
                                      {QStringLiteral("size_bytes"), s.sizeBytes},
                                      {QStringLiteral("created_at"), timeJson(s.createdAt)},
                                      {QStringLiteral("metadata"), parsedJson(s.metadataJson)}});
        }
        m_app.printJson(QJsonObject{
            {QStringLiteral("source"),
             QJsonObject{{QStringLiteral("id"), idText(request.source)}, {QStringLiteral("path"), sourcePath}}},
            {QStringLiteral("target"),
             QJsonObject{{QStringLiteral("id"), idText(request.target)}, {QStringLiteral("path"), targetPath}}},
            {QStringLiteral("selector"), parsedJson(request.selectorJson)},
            {QStringLiteral("preserve_ids"), request.preserveIds},
            {QStringLiteral("include_metadata"), request.includeMetadata},
            {QStringLiteral("rows"), p.rows},
            {QStringLiteral("bytes"), p.bytes},
            {QStringLiteral("quota"), quota},
            {QStringLiteral("blocked"), p.blocked()},
            {QStringLiteral("sample"), sample}});
        return p.blocked() ? m_app.fail(blockedError) : 0;
    }

    QStringList lines;
    lines.append(QStringLiteral("Would move %1, %2, from %3 to %4.")
                     .arg(memories(p.rows), bytesText(p.bytes), sourcePath, targetPath));
    lines.append(keyValues(
        {{QStringLiteral("selector"), request.selectorJson},
         {QStringLiteral("ids"), request.preserveIds ? QStringLiteral("kept")
                                                     : QStringLiteral("new ones, the mapping is kept")},
         {QStringLiteral("metadata"), request.includeMetadata ? QStringLiteral("kept")
                                                              : QStringLiteral("dropped (moved memories get {})")}}));
    QList<QStringList> quotaRows;
    for (const MigrationQuotaCheck &c : p.quota) {
        quotaRows.append({c.resource, QString::number(c.used), QString::number(c.needed),
                          QString::number(c.used + c.needed),
                          c.limit ? QString::number(*c.limit) : QStringLiteral("unlimited"),
                          c.exceeds() ? QStringLiteral("BLOCKED") : QStringLiteral("ok")});
    }
    lines.append(QStringLiteral("\nTarget limits of %1:").arg(targetPath));
    lines.append(table({QStringLiteral("RESOURCE"), QStringLiteral("USED"), QStringLiteral("MOVING"),
                        QStringLiteral("AFTER"), QStringLiteral("LIMIT"), QStringLiteral("CHECK")},
                       quotaRows, {1, 2, 3, 4}));
    if (!p.sample.isEmpty()) {
        const qsizetype shown = std::min<qsizetype>(kShownSamples, p.sample.size());
        lines.append(QStringLiteral("\nFirst %1 by id:").arg(shown == p.rows ? memories(shown)
                                                                              : QStringLiteral("%1 of %2").arg(shown).arg(p.rows)));
        QList<QStringList> rows;
        for (qsizetype i = 0; i < shown; ++i) {
            const MemorySample &s = p.sample.at(i);
            rows.append({idText(s.id), QString::number(s.sizeBytes), timeText(s.createdAt), s.metadataJson});
        }
        lines.append(table({QStringLiteral("ID"), QStringLiteral("BYTES"), QStringLiteral("CREATED"),
                            QStringLiteral("METADATA")},
                           rows, {1}));
    }
    if (p.rows == 0)
        lines.append(QStringLiteral("\nNo memory of %1 matches the selector; nothing would move.").arg(sourcePath));
    else if (!p.blocked())
        lines.append(QStringLiteral("\nThe target's limits allow this move."));
    m_app.print(lines.join(u'\n'));
    return p.blocked() ? m_app.fail(blockedError) : 0;
}

int MigrateCommands::runJob()
{
    QString problem;
    const std::optional<int> batchRows = takeBatchRows(&problem);
    std::unique_ptr<PgStore> store;
    MigrationRequest request;
    QString sourcePath, targetPath;
    if (const std::optional<int> code =
            takeRequest(QStringLiteral("migrate run"), &store, &request, &sourcePath, &targetPath, &problem))
        return *code;
    // Before the job exists, so a signal at any point after is a pause, never a half-made job.
    const InterruptGuard interrupts;
    const Result<MigrationJob> created = waitFor(store->createMigrationJob(request));
    if (!created.ok())
        return m_app.fail(created.error());
    const MigrationJob &job = created.value();
    // Said at once, so whoever stops this process knows which job to resume.
    if (m_app.m_json) {
        QTextStream(stderr) << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("created")},
                                                         {QStringLiteral("job"), job.id},
                                                         {QStringLiteral("planned_rows"), job.plannedRows},
                                                         {QStringLiteral("planned_bytes"), job.plannedBytes}})
                                   .toJson(QJsonDocument::Compact)
                            << Qt::endl;
    } else {
        m_app.print(QStringLiteral("Created migration job %1: %2, %3, from %4 to %5.")
                        .arg(job.id)
                        .arg(memories(job.plannedRows), bytesText(job.plannedBytes), sourcePath, targetPath));
    }
    return drive(*store, job, *batchRows);
}

int MigrateCommands::resume()
{
    QString problem;
    const std::optional<int> batchRows = takeBatchRows(&problem);
    const std::optional<qint64> id = takeJobId(&problem);
    if (!id || !batchRows)
        return m_app.failUsage(problem);
    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    const Result<MigrationJob> job = waitFor(store->migrationJob(*id));
    if (!job.ok()) {
        Error e = job.error();
        if (e.kind == ErrorKind::NotFound)
            e.message += QStringLiteral(" \"tenantctl migrate status\" lists the jobs.");
        return m_app.fail(e);
    }
    if (job->state == MigrationJob::State::Cancelled)
        return m_app.fail(Error::validation(QStringLiteral("Migration job %1 was cancelled and cannot be resumed; its "
                                                           "%2 stay where they are. Plan a new job (\"tenantctl "
                                                           "migrate run\") to move the rest.")
                                                .arg(*id)
                                                .arg(memories(job->movedRows) + QStringLiteral(" moved"))));
    if (job->state == MigrationJob::State::Finished) {
        if (m_app.m_json)
            m_app.printJson(jobJson(job.value()));
        else
            m_app.print(QStringLiteral("Migration job %1 has already finished; nothing to resume.\n").arg(*id)
                        + finishedText(job.value()));
        return 0;
    }
    const InterruptGuard interrupts;
    if (!m_app.m_json)
        QTextStream(stderr) << QStringLiteral("Resuming migration job %1 (%2): %3 of %4 moved.")
                                   .arg(*id)
                                   .arg(migrationStateKey(job->state), QString::number(job->movedRows),
                                        memories(job->plannedRows))
                            << Qt::endl;
    return drive(*store, job.value(), *batchRows);
}

int MigrateCommands::drive(PgStore &store, const MigrationJob &job, int batchRows)
{
    const qint64 id = job.id;
    QFuture<Result<MigrationJob>> future = store.runMigrationJob(id, batchRows);
    // Progress comes from the job row, read on a second connection (the first one is busy
    // moving rows); without it there are no progress lines, and the move is the same.
    Error pollError;
    std::unique_ptr<PgStore> poller = m_app.connectStore(&pollError);
    bool cancelled = false;
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<Result<MigrationJob>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);

        QTimer signalPoll;
        QObject::connect(&signalPoll, &QTimer::timeout, &loop, [this, &future, &cancelled, id] {
            // Cancelling a finished future would throw its result away: too late is done.
            if (g_interrupted && !cancelled && !future.isFinished()) {
                cancelled = true;
                future.cancel();
                if (!m_app.m_json)
                    QTextStream(stderr) << QStringLiteral("tenantctl: pausing migration job %1 after the current "
                                                          "batch (a second signal stops at once)")
                                               .arg(id)
                                        << Qt::endl;
            }
        });
        signalPoll.start(kSignalPollMs);

        QElapsedTimer clock;
        clock.start();
        const qint64 movedAtStart = job.movedRows;
        qint64 lastPrinted = -1;
        QFutureWatcher<Result<MigrationJob>> pollWatcher;
        QObject::connect(&pollWatcher, &QFutureWatcherBase::finished, &loop, [&] {
            const Result<MigrationJob> now = pollWatcher.result();
            if (!now.ok() || now->movedRows == lastPrinted || future.isFinished())
                return;
            lastPrinted = now->movedRows;
            const double seconds = std::max<qint64>(1, clock.elapsed()) / 1000.0;
            const double rate = double(now->movedRows - movedAtStart) / seconds;
            const qint64 total = std::max(now->plannedRows, now->movedRows + now->skippedRows);
            const qint64 left = total - now->movedRows - now->skippedRows;
            if (m_app.m_json) {
                QTextStream(stderr) << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("progress")},
                                                                 {QStringLiteral("job"), id},
                                                                 {QStringLiteral("moved_rows"), now->movedRows},
                                                                 {QStringLiteral("planned_rows"), now->plannedRows},
                                                                 {QStringLiteral("moved_bytes"), now->movedBytes},
                                                                 {QStringLiteral("planned_bytes"), now->plannedBytes},
                                                                 {QStringLiteral("skipped_rows"), now->skippedRows},
                                                                 {QStringLiteral("rows_per_second"), qRound64(rate)}})
                                           .toJson(QJsonDocument::Compact)
                                    << Qt::endl;
                return;
            }
            QString line = QStringLiteral("job %1: %2 of %3 (%4), %5 of %6, %7 rows/s")
                               .arg(id)
                               .arg(now->movedRows)
                               .arg(memories(now->plannedRows), percentOf(now->movedRows + now->skippedRows, total),
                                    formatQuantity(now->movedBytes, ResourceUnit::Bytes),
                                    formatQuantity(now->plannedBytes, ResourceUnit::Bytes))
                               .arg(qRound64(rate));
            if (rate > 0 && left > 0)
                line += QStringLiteral(", about %1 s left").arg(std::max<qint64>(1, qRound64(double(left) / rate)));
            QTextStream(stderr) << line << Qt::endl;
        });
        QTimer progress;
        QObject::connect(&progress, &QTimer::timeout, &loop, [&] {
            if (poller && pollWatcher.isFinished() && !future.isFinished())
                pollWatcher.setFuture(poller->migrationJob(id));
        });
        progress.start(kProgressMs);

        watcher.setFuture(future);
        loop.exec();
        progress.stop();
        signalPoll.stop();
        pollWatcher.waitForFinished();
    }
    future.waitForFinished();

    if (!cancelled && future.resultCount() > 0) {
        const Result<MigrationJob> result = future.result();
        if (!result.ok()) {
            Error e = result.error();
            // Cancelled from another console while this one ran it: nothing to resume.
            const Result<MigrationJob> now = waitFor(store.migrationJob(id));
            if (now.ok() && now->state == MigrationJob::State::Cancelled)
                return m_app.fail(Error{ErrorKind::Cancelled,
                                        QStringLiteral("Migration job %1 was cancelled while it ran: the %2 moved stay "
                                                       "in %3, the rest stay in %4.")
                                            .arg(id)
                                            .arg(memories(now->movedRows), now->targetSlug, now->sourceSlug)});
            e.message = QStringLiteral("Migration job %1 stopped: %2 When the cause is fixed, %3.")
                            .arg(id)
                            .arg(e.message, resumeHint(id));
            return m_app.fail(e);
        }
        if (result->state == MigrationJob::State::Finished) {
            if (m_app.m_json)
                m_app.printJson(jobJson(result.value()));
            else
                m_app.print(finishedText(result.value()));
            return 0;
        }
    }

    // Paused (or stopped before it began): the job row says how far it got.
    const Result<MigrationJob> now = waitFor(store.migrationJob(id));
    if (!now.ok())
        return m_app.fail(now.error());
    const MigrationJob &j = now.value();
    if (j.state == MigrationJob::State::Finished) {
        if (m_app.m_json)
            m_app.printJson(jobJson(j));
        else
            m_app.print(finishedText(j));
        return 0;
    }
    if (m_app.m_json)
        m_app.printJson(jobJson(j));
    if (j.state == MigrationJob::State::Failed)
        return m_app.fail(Error{ErrorKind::Internal, QStringLiteral("Migration job %1 failed: %2 When the cause is "
                                                                    "fixed, %3.")
                                                         .arg(id)
                                                         .arg(j.error, resumeHint(id))});
    if (j.state == MigrationJob::State::Planned)
        return m_app.fail(Error{ErrorKind::Cancelled, QStringLiteral("Migration job %1 was stopped before it moved "
                                                                     "anything; run \"tenantctl migrate resume %1\" to "
                                                                     "start it.")
                                                          .arg(id)});
    if (j.state == MigrationJob::State::Cancelled)
        return m_app.fail(Error{ErrorKind::Cancelled,
                                QStringLiteral("Migration job %1 was cancelled meanwhile: %2 of %3 moved; the rest stay in "
                                               "the source (plan a new job to move them).")
                                    .arg(id)
                                    .arg(j.movedRows)
                                    .arg(memories(j.plannedRows))});
    const QString how = j.state == MigrationJob::State::Paused ? QStringLiteral("paused")
                                                              : QStringLiteral("stopped (%1)").arg(migrationStateKey(j.state));
    return m_app.fail(Error{ErrorKind::Cancelled,
                            QStringLiteral("Migration job %1 %2 after a whole batch: %3 of %4 moved; %5.")
                                .arg(id)
                                .arg(how)
                                .arg(j.movedRows)
                                .arg(memories(j.plannedRows), resumeHint(id))});
}

int MigrateCommands::status()
{
    QString problem;
    const std::optional<QString> limitText = m_app.takeValue(QStringLiteral("--limit"), &problem);
    int limit = kDefaultListed;
    if (limitText) {
        bool ok = false;
        limit = limitText->toInt(&ok);
        if (!ok || limit < 1)
            return m_app.failUsage(QStringLiteral("--limit takes a whole number of jobs, at least 1, not \"%1\"")
                                       .arg(*limitText));
    }
    std::optional<qint64> id;
    if (m_app.m_args.isEmpty()) {
        QStringList none;
        if (!m_app.takePositional({}, &none, &problem))
            return m_app.failUsage(problem);
    } else {
        id = takeJobId(&problem);
        if (!id)
            return m_app.failUsage(problem);
    }
    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);

    if (id) {
        const Result<MigrationJob> job = waitFor(store->migrationJob(*id));
        if (!job.ok())
            return m_app.fail(job.error());
        const MigrationJob &j = job.value();
        if (m_app.m_json) {
            m_app.printJson(jobJson(j));
            return 0;
        }
        const qint64 total = std::max(j.plannedRows, j.movedRows + j.skippedRows);
        QList<QPair<QString, QString>> pairs{
            {QStringLiteral("job"), QString::number(j.id)},
            {QStringLiteral("state"), migrationStateKey(j.state)},
            {QStringLiteral("source"), QStringLiteral("%1 (%2)").arg(j.sourceSlug, idText(j.source))},
            {QStringLiteral("target"), QStringLiteral("%1 (%2)").arg(j.targetSlug, idText(j.target))},
            {QStringLiteral("selector"), j.selectorJson},
            {QStringLiteral("ids"), j.preserveIds ? QStringLiteral("kept") : QStringLiteral("new, mapped")},
            {QStringLiteral("metadata"), j.includeMetadata ? QStringLiteral("kept") : QStringLiteral("dropped")},
            {QStringLiteral("moved"), QStringLiteral("%1 of %2 (%3)")
                                          .arg(j.movedRows)
                                          .arg(memories(j.plannedRows), percentOf(j.movedRows + j.skippedRows, total))},
            {QStringLiteral("bytes"), QStringLiteral("%1 of %2").arg(j.movedBytes).arg(j.plannedBytes)},
            {QStringLiteral("skipped"), QString::number(j.skippedRows)},
            {QStringLiteral("batches"), QString::number(j.batches)},
            {QStringLiteral("created"), QStringLiteral("%1 by %2").arg(timeText(j.createdAt), j.createdBy)},
            {QStringLiteral("started"), timeText(j.startedAt)},
            {QStringLiteral("finished"), timeText(j.finishedAt)},
            {QStringLiteral("updated"), timeText(j.updatedAt)}};
        if (!j.error.isEmpty())
            pairs.append({QStringLiteral("error"), j.error});
        const QString next = nextStep(j);
        if (!next.isEmpty())
            pairs.append({QStringLiteral("next"), next});
        m_app.print(keyValues(pairs));
        return 0;
    }

    const Result<QList<MigrationJob>> jobs = waitFor(store->migrationJobs(limit));
    if (!jobs.ok())
        return m_app.fail(jobs.error());
    if (m_app.m_json) {
        QJsonArray rows;
        for (const MigrationJob &j : jobs.value())
            rows.append(jobJson(j));
        m_app.printJson(rows);
        return 0;
    }
    if (jobs->isEmpty()) {
        m_app.print(QStringLiteral("No migration jobs."));
        return 0;
    }
    QList<QStringList> rows;
    for (const MigrationJob &j : jobs.value()) {
        const qint64 total = std::max(j.plannedRows, j.movedRows + j.skippedRows);
        rows.append({QString::number(j.id), migrationStateKey(j.state), j.sourceSlug, j.targetSlug,
                     QString::number(j.movedRows), QString::number(j.plannedRows),
                     percentOf(j.movedRows + j.skippedRows, total), QString::number(j.skippedRows), j.createdBy,
                     timeText(j.createdAt)});
    }
    m_app.print(table({QStringLiteral("JOB"), QStringLiteral("STATE"), QStringLiteral("SOURCE"), QStringLiteral("TARGET"),
                       QStringLiteral("MOVED"), QStringLiteral("PLANNED"), QStringLiteral("DONE"),
                       QStringLiteral("SKIPPED"), QStringLiteral("BY"), QStringLiteral("CREATED")},
                      rows, {0, 4, 5, 6, 7}));
    return 0;
}

int MigrateCommands::cancel()
{
    QString problem;
    const std::optional<qint64> id = takeJobId(&problem);
    if (!id)
        return m_app.failUsage(problem);
    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    const Result<MigrationJob> before = waitFor(store->migrationJob(*id));
    if (!before.ok())
        return m_app.fail(before.error());
    if (before->state == MigrationJob::State::Finished)
        return m_app.fail(Error::validation(QStringLiteral("Migration job %1 has finished; there is nothing left to "
                                                           "cancel (its %2 are in %3).")
                                                .arg(*id)
                                                .arg(memories(before->movedRows), before->targetSlug)));
    if (before->state == MigrationJob::State::Cancelled) {
        if (m_app.m_json)
            m_app.printJson(jobJson(before.value()));
        else
            m_app.print(QStringLiteral("Migration job %1 was already cancelled; nothing changed.").arg(*id));
        return 0;
    }
    const Result<MigrationJob> after = waitFor(store->cancelMigrationJob(*id));
    if (!after.ok())
        return m_app.fail(after.error());
    const MigrationJob &j = after.value();
    if (m_app.m_json) {
        m_app.printJson(jobJson(j));
        return 0;
    }
    QString text = QStringLiteral("Cancelled migration job %1: the %2 already moved stay in %3, the rest stay in %4.")
                       .arg(*id)
                       .arg(memories(j.movedRows), j.targetSlug, j.sourceSlug);
    if (before->state == MigrationJob::State::Running)
        text += QStringLiteral("\nA tenantctl or console still running it stops before its next batch.");
    m_app.print(text);
    return 0;
}

int MigrateCommands::idMap()
{
    QString problem;
    const std::optional<qint64> id = takeJobId(&problem);
    if (!id)
        return m_app.failUsage(problem);
    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    const Result<MigrationJob> job = waitFor(store->migrationJob(*id));
    if (!job.ok())
        return m_app.fail(job.error());
    const Result<QList<QPair<QUuid, QUuid>>> map = waitFor(store->migrationIdMap(*id));
    if (!map.ok())
        return m_app.fail(map.error());
    if (m_app.m_json) {
        QJsonArray rows;
        for (const auto &pair : map.value())
            rows.append(QJsonObject{{QStringLiteral("old_id"), idText(pair.first)},
                                    {QStringLiteral("new_id"), idText(pair.second)}});
        m_app.printJson(rows);
        return 0;
    }
    QString csv = QStringLiteral("old_id,new_id");
    for (const auto &pair : map.value())
        csv += u'\n' + idText(pair.first) + u',' + idText(pair.second);
    m_app.print(csv);
    if (job->preserveIds)
        QTextStream(stderr) << QStringLiteral("tenantctl: migration job %1 kept the ids; there is no mapping.").arg(*id)
                            << Qt::endl;
    return 0;
}

} // namespace tc
