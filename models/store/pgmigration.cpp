// PgStore's migration jobs: the plan (count, bytes, sample, target quota check), the job row
// and the batch runner. The rules and the batch step are the schema's (0005_migration_jobs.sql);
// this compiles the selector and drives the protocol described there, one transaction a batch.

#include "models/store/pgwrites_p.h"

#include "models/domain/selector.h"
#include "models/store/pgstatements_p.h"

#include <algorithm>
#include <vector>

namespace tc::pg {

namespace {

std::string uuidText(const QUuid &id) { return id.toString(QUuid::WithoutBraces).toStdString(); }
QUuid uuidField(const pqxx::field &f) { return f.is_null() ? QUuid() : QUuid::fromString(qstr(f)); }

Error unknownTenant(const QUuid &id)
{
    return {ErrorKind::NotFound,
            QStringLiteral("Tenant %1 does not exist (any more).").arg(id.toString(QUuid::WithoutBraces))};
}

Error unknownJob(qint64 id)
{
    return {ErrorKind::NotFound, QStringLiteral("Migration job %1 does not exist.").arg(id)};
}

// Head, the compiled predicate, tail; parameters: `fixed`, then the predicate's.
pqxx::result execSelector(pqxx::transaction_base &tx, const char *head, const CompiledSelector &c, const char *tail,
                          std::vector<std::string> params)
{
    for (const QString &p : c.params)
        params.push_back(p.toStdString());
    const std::string query = std::string(head) + c.sql.toStdString() + tail;
    return tx.exec_params(query, pqxx::prepare::make_dynamic_params(params));
}

MigrationJob jobFromRow(const pqxx::row &r)
{
    MigrationJob j;
    j.id = r[0].as<qint64>();
    j.source = uuidField(r[1]);
    j.target = uuidField(r[2]);
    j.sourceSlug = qstr(r[3]);
    j.targetSlug = qstr(r[4]);
    j.selectorJson = qstr(r[5]);
    j.preserveIds = r[6].as<bool>();
    j.includeMetadata = r[7].as<bool>();
    j.state = migrationStateFromKey(qstr(r[8])).value_or(MigrationJob::State::Failed);
    j.plannedRows = r[9].as<qint64>();
    j.plannedBytes = r[10].as<qint64>();
    j.movedRows = r[11].as<qint64>();
    j.movedBytes = r[12].as<qint64>();
    j.skippedRows = r[13].as<qint64>();
    j.batches = int(r[14].as<qint64>());
    j.createdBy = qstr(r[15]);
    j.createdAt = fromMillis(r[16]);
    j.startedAt = fromMillis(r[17]);
    j.finishedAt = fromMillis(r[18]);
    j.updatedAt = fromMillis(r[19]);
    j.error = r[20].is_null() ? QString() : qstr(r[20]);
    j.version = r[21].as<qint64>();
    return j;
}

Result<MigrationJob> readJob(pqxx::transaction_base &tx, qint64 id)
{
    const pqxx::result rows = tx.exec_params(sql::migrationJobById, id);
    if (rows.empty())
        return unknownJob(id);
    return jobFromRow(rows[0]);
}

struct Planned
{
    MigrationPlan plan;
    Selector selector;
    QString targetSlug;
};

// `withSample`: also the first rows (the preview); a start's re-check needs only the totals.
Result<Planned> makePlan(pqxx::transaction_base &tx, const MigrationRequest &request, bool withSample = true)
{
    SelectorError parseError;
    const std::optional<Selector> selector = Selector::parse(request.selectorJson, &parseError);
    if (!selector)
        return Error::validation(QStringLiteral("The selector is not valid %1").arg(parseError.message()));
    if (request.source.isNull() || request.target.isNull())
        return Error::validation(QStringLiteral("Choose both a source and a target tenant."));
    if (request.source == request.target)
        return Error::validation(
            QStringLiteral("The source and the target are the same tenant; choose a different target."));

    const pqxx::result source = tx.exec_params(sql::migrationTenant, uuidText(request.source));
    if (source.empty())
        return unknownTenant(request.source);
    if (qstr(source[0][1]) == QLatin1String("deleted"))
        return Error::validation(QStringLiteral("Source tenant \"%1\" is deleted; restore it first to move its data.")
                                     .arg(qstr(source[0][0])));
    const pqxx::result target = tx.exec_params(sql::migrationTenant, uuidText(request.target));
    if (target.empty())
        return unknownTenant(request.target);
    Planned p;
    p.selector = *selector;
    p.targetSlug = qstr(target[0][0]);
    const QString targetState = qstr(target[0][1]);
    if (targetState != QLatin1String("active"))
        return Error::validation(
            QStringLiteral("Target tenant \"%1\" is %2; rows can only be moved into an active tenant.")
                .arg(p.targetSlug, targetState));

    const CompiledSelector compiled = selector->compile(QStringLiteral("m.metadata"), 2);
    const pqxx::row totals = execSelector(tx, sql::migrationCountHead, compiled, ")", {uuidText(request.source)})[0];
    p.plan.rows = totals[0].as<qint64>();
    p.plan.bytes = totals[1].as<qint64>();
    if (withSample) {
        for (const auto &r :
             execSelector(tx, sql::migrationSampleHead, compiled, sql::migrationSampleTail, {uuidText(request.source)}))
            p.plan.sample.append(MemorySample{uuidField(r[0]), r[1].as<qint64>(), qstr(r[2]), fromMillis(r[3])});
    }
    for (const auto &r : tx.exec_params(sql::migrationTargetQuota, uuidText(request.target))) {
        MigrationQuotaCheck c;
        c.resource = qstr(r[0]);
        if (!r[1].is_null())
            c.limit = r[1].as<qint64>();
        c.used = r[2].as<qint64>();
        c.needed = c.resource == QLatin1String("items") ? p.plan.rows : p.plan.bytes;
        p.plan.quota.append(c);
    }
    return p;
}

// The refusal of a plan whose rows would not fit the target's limits.
std::optional<Error> quotaBlock(const Planned &p)
{
    const QList<QuotaShortfall> shortfalls = p.plan.shortfalls();
    if (shortfalls.isEmpty())
        return std::nullopt;
    const QuotaShortfall &s = shortfalls.first();
    return Error{ErrorKind::QuotaExceeded,
                 QStringLiteral("Moving these rows into \"%1\" would exceed its %2 limit: %3 used + %4 needed "
                                "> %5; raise the target's limit first.")
                     .arg(p.targetSlug, s.resource)
                     .arg(s.used)
                     .arg(s.needed)
                     .arg(s.limit)};
}

// A runner's own stop (paused, failed): written only while the job is still running, so a
// runner that was refused because another console paused, cancelled or failed the job never
// overwrites that state or its error.
void setStateIfRunning(pqxx::connection &conn, qint64 id, MigrationJob::State state, const QString &error = {})
{
    pqxx::work tx(conn);
    tx.exec_params0(sql::setMigrationStateIfRunning, id, migrationStateKey(state).toStdString(), error.toStdString());
    tx.commit();
}

} // namespace

Result<MigrationPlan> planMigration(pqxx::connection &conn, const MigrationRequest &request)
{
    pqxx::read_transaction tx(conn);
    Result<Planned> p = makePlan(tx, request);
    if (!p)
        return p.error();
    return p.value().plan;
}

Result<MigrationJob> createMigrationJob(pqxx::connection &conn, const MigrationRequest &request)
{
    pqxx::work tx(conn);
    Result<Planned> p = makePlan(tx, request, false);
    if (!p)
        return p.error();
    if (std::optional<Error> blocked = quotaBlock(p.value()))
        return *blocked;
    const qint64 id = tx.exec_params1(sql::insertMigrationJob, uuidText(request.source), uuidText(request.target),
                                      p.value().selector.toJson().toStdString(), request.preserveIds,
                                      request.includeMetadata, p.value().plan.rows, p.value().plan.bytes)[0]
                          .as<qint64>();
    Result<MigrationJob> job = readJob(tx, id);
    tx.commit();
    return job;
}

Result<MigrationJob> runMigrationJob(pqxx::connection &conn, qint64 id, int batchRows, const ProgressFn &progress)
{
    if (batchRows < 1)
        return Error::validation(QStringLiteral("The migration batch size must be at least 1."));
    MigrationJob job;
    {
        pqxx::work tx(conn);
        Result<MigrationJob> j = readJob(tx, id);
        if (!j)
            return j.error();
        job = j.value();
        if (job.state == MigrationJob::State::Finished)
            return job;
        if (job.state == MigrationJob::State::Cancelled)
            return Error::validation(
                QStringLiteral("Migration job %1 was cancelled; plan a new job to move these rows.").arg(id));
        if (job.state != MigrationJob::State::Running) {
            // Started or resumed (maybe days after the preview): the rows still to move must
            // fit the target's limits as they are now, and the target must still take writes.
            MigrationRequest request;
            request.source = job.source;
            request.target = job.target;
            request.selectorJson = job.selectorJson;
            request.preserveIds = job.preserveIds;
            request.includeMetadata = job.includeMetadata;
            Result<Planned> now = makePlan(tx, request, false);
            if (!now)
                return now.error();
            if (std::optional<Error> blocked = quotaBlock(now.value()))
                return *blocked;
            tx.exec_params0(sql::setMigrationState, id, migrationStateKey(MigrationJob::State::Running).toStdString(),
                            std::string());
        }
        tx.commit();
    }
    SelectorError parseError;
    const std::optional<Selector> selector = Selector::parse(job.selectorJson, &parseError);
    if (!selector) {
        const Error e = Error::validation(
            QStringLiteral("Migration job %1 holds a selector that is not valid %2").arg(id).arg(parseError.message()));
        setStateIfRunning(conn, id, MigrationJob::State::Failed, e.message);
        return e;
    }
    // $1 source, $2 checkpoint, $3 batch size.
    const CompiledSelector compiled = selector->compile(QStringLiteral("m.metadata"), 4);

    qint64 moved = job.movedRows;
    try {
        for (;;) {
            if (progress && !progress(moved, std::max(job.plannedRows, moved))) {
                setStateIfRunning(conn, id, MigrationJob::State::Paused);
                break;
            }
            pqxx::work tx(conn);
            const pqxx::row lock = tx.exec_params1(sql::migrationLockBatch, id);
            const std::string checkpoint = lock[1].is_null() ? std::string() : lock[1].c_str();
            const pqxx::result ids = execSelector(tx, sql::migrationBatchHead, compiled, sql::migrationBatchTail,
                                                  {lock[0].c_str(), checkpoint, std::to_string(batchRows)});
            if (ids.empty()) {
                tx.exec_params0(sql::setMigrationState, id,
                                migrationStateKey(MigrationJob::State::Finished).toStdString(), std::string());
                tx.commit();
                break;
            }
            QList<QUuid> batch;
            batch.reserve(qsizetype(ids.size()));
            for (const auto &r : ids)
                batch.append(uuidField(r[0]));
            const pqxx::row applied = tx.exec_params1(sql::migrationApplyBatch, id, uuidArrayLiteral(batch));
            tx.commit();
            moved += applied[0].as<qint64>();
        }
    } catch (const pqxx::broken_connection &) {
        throw; // the job stays running; run it again to resume from its checkpoint
    } catch (const std::exception &e) {
        const Error error = toError(e, QStringLiteral("running migration job %1").arg(id));
        try {
            setStateIfRunning(conn, id, MigrationJob::State::Failed,
                              error.detail.isEmpty() ? error.message : error.message + u'\n' + error.detail);
        } catch (const std::exception &) {
            // The job stays running; the error below says why it stopped.
        }
        return error;
    }
    if (progress)
        progress(moved, std::max(job.plannedRows, moved));
    pqxx::read_transaction tx(conn);
    return readJob(tx, id);
}

Result<MigrationJob> cancelMigrationJob(pqxx::connection &conn, qint64 id)
{
    pqxx::work tx(conn);
    Result<MigrationJob> before = readJob(tx, id);
    if (!before)
        return before;
    tx.exec_params0(sql::setMigrationState, id, migrationStateKey(MigrationJob::State::Cancelled).toStdString(),
                    std::string());
    Result<MigrationJob> job = readJob(tx, id);
    tx.commit();
    return job;
}

Result<QList<MigrationJob>> migrationJobs(pqxx::connection &conn, int limit)
{
    pqxx::read_transaction tx(conn);
    QList<MigrationJob> jobs;
    for (const auto &r : tx.exec_params(sql::migrationJobsNewest, std::max(1, limit)))
        jobs.append(jobFromRow(r));
    return jobs;
}

Result<MigrationJob> migrationJob(pqxx::connection &conn, qint64 id)
{
    pqxx::read_transaction tx(conn);
    return readJob(tx, id);
}

Result<QList<QPair<QUuid, QUuid>>> migrationIdMap(pqxx::connection &conn, qint64 id)
{
    pqxx::read_transaction tx(conn);
    if (tx.exec_params(sql::migrationJobById, id).empty())
        return unknownJob(id);
    QList<QPair<QUuid, QUuid>> map;
    for (const auto &r : tx.exec_params(sql::migrationIdMap, id))
        map.append({uuidField(r[0]), uuidField(r[1])});
    return map;
}

} // namespace tc::pg
