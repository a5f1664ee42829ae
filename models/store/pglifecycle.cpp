// PgStore's lifecycle calls: transitions (and their dry run), history, the deletion cap and
// the purge. The rules themselves are the schema's (0004_lifecycle.sql); this runs them.

#include "models/store/pgwrites_p.h"

#include "models/store/pgstatements_p.h"

#include <QSet>

namespace tc::pg {

namespace {

std::string uuidText(const QUuid &id) { return id.toString(QUuid::WithoutBraces).toStdString(); }
QUuid uuidField(const pqxx::field &f) { return f.is_null() ? QUuid() : QUuid::fromString(qstr(f)); }
LifecycleState stateField(const pqxx::field &f)
{
    return lifecycleStateFromKey(qstr(f)).value_or(LifecycleState::Active);
}

Error cancelled()
{
    return {ErrorKind::Cancelled, QStringLiteral("Cancelled; nothing was changed.")};
}

DeletionAllowance readAllowance(pqxx::transaction_base &tx)
{
    const pqxx::row r = tx.exec1(sql::deletionAllowance);
    DeletionAllowance a;
    a.cap = r[0].as<int>();
    a.deletedRecently = r[1].as<int>();
    a.tenants = r[2].as<qint64>();
    a.percent = r[3].as<double>();
    a.windowDays = r[4].as<int>();
    return a;
}

// Runs the request inside `tx` and fills `report` with what changed; an Error when a
// requested tenant is missing or changed since it was read. The database's own refusals
// are thrown (pqxx exceptions) by the statement that meets them.
std::optional<Error> apply(pqxx::work &tx, const LifecycleRequest &request, LifecycleReport &report,
                           const ProgressFn &progress)
{
    tx.exec(sql::lockForWrite);
    tx.exec_params(sql::setReason, request.reason.trimmed().toStdString());

    QList<QUuid> ids;
    QHash<QUuid, qint64> expected;
    for (const LifecycleTarget &t : request.tenants) {
        if (!expected.contains(t.id))
            ids.append(t.id);
        expected.insert(t.id, t.expectedVersion);
    }
    const pqxx::result targets = tx.exec_params(sql::lifecycleTargets, uuidArrayLiteral(ids), request.to != LifecycleState::Active);
    if (int(targets.size()) < ids.size()) {
        QSet<QUuid> found;
        for (const auto &row : targets)
            found.insert(uuidField(row[0]));
        for (const QUuid &id : std::as_const(ids)) {
            if (!found.contains(id))
                return Error{ErrorKind::NotFound, QStringLiteral("Tenant %1 does not exist (any more).")
                                                      .arg(id.toString(QUuid::WithoutBraces))};
        }
    }

    const qint64 total = qint64(targets.size());
    const std::string to = lifecycleStateKey(request.to).toStdString();
    if (progress && !progress(0, total))
        return cancelled();
    qint64 done = 0;
    for (const auto &row : targets) {
        const QUuid id = uuidField(row[0]);
        const QString slug = qstr(row[1]);
        // An earlier tenant's cascade may have changed this one since the rows were read.
        const pqxx::row now = tx.exec_params1(sql::lifecycleStateNow, uuidText(id));
        const LifecycleState state = stateField(now[0]);
        const qint64 version = now[1].as<qint64>();
        const bool changedHere = now[2].as<bool>();
        const qint64 expectedVersion = expected.value(id);
        if (state == request.to) {
            report.skipped.append(id);
        } else {
            if (!changedHere && expectedVersion != 0 && version != expectedVersion)
                return Error{ErrorKind::Conflict,
                             QStringLiteral("Tenant \"%1\" was changed by someone else meanwhile (version %2, not %3); "
                                            "reload and try again.")
                                 .arg(slug)
                                 .arg(version)
                                 .arg(expectedVersion)};
            tx.exec_params0(sql::setState, uuidText(id), to);
        }
        ++done;
        if (progress && !progress(done, total))
            return cancelled();
    }

    QList<QUuid> changed;
    for (const auto &row : tx.exec(sql::changesOfThisTransaction)) {
        LifecycleChange c;
        c.id = uuidField(row[0]);
        c.parentId = uuidField(row[1]);
        c.slug = qstr(row[2]);
        c.from = stateField(row[3]);
        c.to = stateField(row[4]);
        c.cascadeRoot = uuidField(row[5]);
        changed.append(c.id);
        report.changes.append(std::move(c));
    }
    // Requested tenants first, each group in the order the database changed them.
    std::stable_partition(report.changes.begin(), report.changes.end(),
                          [](const LifecycleChange &c) { return c.cascadeRoot.isNull(); });
    if (!changed.isEmpty()) {
        const std::string list = uuidArrayLiteral(changed);
        const pqxx::row data = tx.exec_params1(sql::dataHeld, list);
        report.memories = data[0].as<qint64>();
        report.memoryBytes = data[1].as<qint64>();
        report.usageSamples = data[2].as<qint64>();
        if (request.to == LifecycleState::Deleted)
            report.purgeAfter = fromMillis(tx.exec_params1(sql::earliestPurge, list)[0]);
    }
    return std::nullopt;
}

} // namespace

Result<LifecycleReport> changeLifecycle(pqxx::connection &conn, const LifecycleRequest &request, LifecycleMode mode,
                                        const ProgressFn &progress)
{
    if (request.tenants.isEmpty())
        return Error::validation(QStringLiteral("No tenant was chosen."));
    if (request.reason.trimmed().isEmpty())
        return Error::validation(QStringLiteral("A lifecycle change needs a reason."));

    LifecycleReport report;
    report.to = request.to;
    if (mode == LifecycleMode::Commit) {
        pqxx::work tx(conn);
        if (std::optional<Error> error = apply(tx, request, report, progress))
            return *error;
        report.allowance = readAllowance(tx);
        // A cancel that arrives after the last tenant still rolls back.
        if (progress && !progress(0, -1))
            return cancelled();
        tx.commit();
        report.committed = true;
        return report;
    }

    try {
        pqxx::work tx(conn);
        if (std::optional<Error> error = apply(tx, request, report, progress)) {
            report.refusal = *error;
        } else {
            tx.exec(sql::checkDeferred); // what the commit would check
            report.allowance = readAllowance(tx);
        }
        tx.abort();
    } catch (const pqxx::broken_connection &) {
        throw;
    } catch (const pqxx::sql_error &e) {
        report.changes.clear();
        report.skipped.clear();
        report.memories = report.memoryBytes = report.usageSamples = 0;
        report.purgeAfter = {};
        report.refusal = toError(e, QStringLiteral("previewing a lifecycle change"));
    }
    if (report.refusal) {
        pqxx::read_transaction tx(conn);
        report.allowance = readAllowance(tx);
    }
    return report;
}

Result<QList<LifecycleEvent>> lifecycleHistory(pqxx::connection &conn, const QUuid &tenant)
{
    pqxx::read_transaction tx(conn);
    QList<LifecycleEvent> events;
    for (const auto &row : tx.exec_params(sql::lifecycleHistory, uuidText(tenant))) {
        LifecycleEvent e;
        e.id = row[0].as<qint64>();
        e.tenantId = uuidField(row[1]);
        if (!row[2].is_null())
            e.from = stateField(row[2]);
        e.to = stateField(row[3]);
        e.reason = row[4].is_null() ? QString() : qstr(row[4]);
        e.actor = qstr(row[5]);
        e.at = fromMillis(row[6]);
        e.cascadeRoot = uuidField(row[7]);
        e.cascadeRootSlug = row[8].is_null() ? QString() : qstr(row[8]);
        events.append(std::move(e));
    }
    return events;
}

Result<DeletionAllowance> deletionAllowance(pqxx::connection &conn)
{
    pqxx::read_transaction tx(conn);
    return readAllowance(tx);
}

Result<DeletionAllowance> setDeletionCap(pqxx::connection &conn, double percent)
{
    if (!(percent >= 0 && percent <= 100))
        return Error::validation(QStringLiteral("The deletion cap is a percentage from 0 to 100."));
    pqxx::work tx(conn);
    tx.exec(sql::lockForWrite);
    tx.exec_params0(sql::setDeletionCap, QString::number(percent, 'f', 2).toStdString());
    DeletionAllowance a = readAllowance(tx);
    tx.commit();
    return a;
}

Result<PurgeReport> purgeDue(pqxx::connection &conn, int batchRows, const ProgressFn &progress)
{
    if (batchRows < 1)
        return Error::validation(QStringLiteral("The purge batch size must be at least 1."));
    PurgeReport report;
    qint64 total = 0;
    {
        pqxx::read_transaction tx(conn);
        const pqxx::row due = tx.exec1(sql::purgeDue);
        total = due[0].as<qint64>();
        report.held = due[1].as<qint64>();
    }
    QHash<QUuid, qsizetype> index;
    qint64 finished = 0;
    for (;;) {
        if (progress && !progress(finished, total)) {
            report.cancelled = true;
            break;
        }
        // Each batch commits on its own: an interruption loses at most the batch in flight,
        // and the next run picks up what is left.
        pqxx::work tx(conn);
        const pqxx::result rows = tx.exec_params(sql::purgeStep, batchRows);
        tx.commit();
        if (rows.empty())
            break;
        const pqxx::row r = rows[0];
        const QUuid id = uuidField(r[0]);
        if (!index.contains(id)) {
            index.insert(id, report.tenants.size());
            report.tenants.append(PurgedTenant{id, qstr(r[1]), 0, 0, false});
        }
        PurgedTenant &t = report.tenants[index.value(id)];
        t.memories += r[2].as<qint64>();
        t.usageSamples += r[3].as<qint64>();
        t.finished = r[4].as<bool>();
        if (t.finished)
            total = std::max(total, ++finished); // tenants may fall due while it runs
    }
    if (progress)
        progress(finished, total);
    return report;
}

} // namespace tc::pg
