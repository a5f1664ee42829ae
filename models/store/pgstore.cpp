#include "models/store/pgstore.h"

#include "models/domain/validation.h"
#include "models/store/pgstatements_p.h"
#include "models/store/pgsupport_p.h"
#include "models/store/pgwrites_p.h"

#include <QHash>
#include <QSet>
#include <QPointer>
#include <QPromise>
#include <QThread>

#include <algorithm>
#include <limits>
#include <atomic>
#include <memory>
#include <vector>

namespace tc {

namespace pg {
// Implemented in schemamigrator.cpp and demoseeder.cpp.
Result<QList<MigrationStatus>> migrationStatus(pqxx::connection &conn);
Result<int> applyMigrations(pqxx::connection &conn);
// Seeds over a libpq connection of its own (COPY in large chunks).
Result<DemoSeedReport> seedDemo(const std::string &conninfo, const DemoSeedOptions &options);
// Implemented in pgusage.cpp.
Result<UsageSeriesSet> usageSeries(pqxx::connection &conn, const UsageQuery &query);
Result<UsageBreakdown> usageBreakdown(pqxx::connection &conn, const UsageBreakdownQuery &query);
Result<QList<TopConsumer>> topConsumers(pqxx::connection &conn, const TopConsumersQuery &query);
} // namespace pg

namespace {

// Owns one connection and runs jobs on its thread, one at a time.
class PgWorker : public QObject
{
public:
    explicit PgWorker(std::string conninfo) : m_conninfo(std::move(conninfo)) {}

    std::atomic<int> pending{0};

    template<typename T>
    Result<T> run(const QString &what, const std::function<Result<T>(pqxx::connection &)> &job)
    {
        Error error;
        pqxx::connection *conn = connection(&error);
        if (!conn)
            return error;
        try {
            return job(*conn);
        } catch (const pqxx::broken_connection &e) {
            m_conn.reset(); // re-open on the next job; never retry this one
            return pg::toError(e, what);
        } catch (const std::exception &e) {
            if (!m_conn->is_open())
                m_conn.reset();
            return pg::toError(e, what);
        }
    }

    pqxx::connection *connection(Error *error)
    {
        if (m_conn && m_conn->is_open())
            return m_conn.get();
        m_conn.reset();
        try {
            m_conn = std::make_unique<pqxx::connection>(m_conninfo);
            return m_conn.get();
        } catch (const std::exception &e) {
            *error = pg::connectError(e);
            return nullptr;
        }
    }

private:
    std::string m_conninfo;
    std::unique_ptr<pqxx::connection> m_conn;
};

class ChangeReceiver final : public pqxx::notification_receiver
{
public:
    ChangeReceiver(pqxx::connection &conn, std::function<void(const std::string &)> onPayload)
        : pqxx::notification_receiver(conn, "tenancy_changes"), m_onPayload(std::move(onPayload))
    {
    }
    void operator()(const std::string &payload, int) override { m_onPayload(payload); }

private:
    std::function<void(const std::string &)> m_onPayload;
};

} // namespace

// LISTENs on its own connection; reconnects with backoff and says when the feed is live.
class PgChangeListener : public QThread
{
    Q_OBJECT

public:
    explicit PgChangeListener(std::string conninfo) : m_conninfo(std::move(conninfo)) {}

Q_SIGNALS:
    void payloadReceived(const QByteArray &payload);
    void liveChanged(bool live);

protected:
    void run() override
    {
        int backoffMs = 250;
        bool live = false;
        while (!isInterruptionRequested()) {
            try {
                pqxx::connection conn(m_conninfo);
                ChangeReceiver receiver(conn, [this](const std::string &payload) {
                    Q_EMIT payloadReceived(QByteArray::fromStdString(payload));
                });
                conn.get_notifs();
                live = true;
                Q_EMIT liveChanged(true);
                backoffMs = 250;
                while (!isInterruptionRequested())
                    conn.await_notification(0, 100'000); // bounds how long closing the store waits
            } catch (const std::exception &e) {
                qCInfo(lcStore) << "change feed interrupted:" << e.what();
            }
            if (live) {
                live = false;
                Q_EMIT liveChanged(false);
            }
            for (int waited = 0; waited < backoffMs && !isInterruptionRequested(); waited += 50)
                msleep(50);
            backoffMs = std::min(backoffMs * 2, 5000);
        }
    }

private:
    std::string m_conninfo;
};

struct PgStore::Private
{
    std::string conninfo;
    Options options;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<PgWorker *> workers;
    std::vector<PgWorker *> longJobWorkers;
    std::unique_ptr<PgChangeListener> listener;

    PgWorker *pickWorker() const
    {
        PgWorker *best = workers.front();
        for (PgWorker *w : workers) {
            if (w->pending.load() < best->pending.load())
                best = w;
        }
        return best;
    }

    template<typename T>
    QFuture<Result<T>> run(PgWorker *worker, const QString &what, std::function<Result<T>(pqxx::connection &)> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        worker->pending.fetch_add(1);
        QMetaObject::invokeMethod(
            worker,
            [worker, promise, what, job = std::move(job)]() {
                if (!promise->isCanceled())
                    promise->addResult(worker->run<T>(what, job));
                worker->pending.fetch_sub(1);
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }

    template<typename T>
    QFuture<Result<T>> run(const QString &what, std::function<Result<T>(pqxx::connection &)> job)
    {
        return run<T>(pickWorker(), what, std::move(job));
    }

    // A job that reports progress on its future and stops when the future is cancelled.
    template<typename T>
    QFuture<Result<T>> runWithProgress(const QString &what,
                                       std::function<Result<T>(pqxx::connection &, const pg::ProgressFn &)> job)
    {
        return runWithProgress<T>(pickWorker(), what, std::move(job));
    }

    // A worker of its own for a job that may run for hours (a migration job), so the workers
    // that serve the views are never stuck behind it: an idle one of those made before, or a
    // new thread and connection.
    PgWorker *longJobWorker()
    {
        for (PgWorker *w : longJobWorkers) {
            if (w->pending.load() == 0)
                return w;
        }
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("PgStore long job %1").arg(longJobWorkers.size()));
        auto *worker = new PgWorker(conninfo);
        worker->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        longJobWorkers.push_back(worker);
        threads.push_back(std::move(thread));
        return worker;
    }

    template<typename T>
    QFuture<Result<T>> runWithProgress(PgWorker *worker, const QString &what,
                                       std::function<Result<T>(pqxx::connection &, const pg::ProgressFn &)> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        worker->pending.fetch_add(1);
        QMetaObject::invokeMethod(
            worker,
            [worker, promise, what, job = std::move(job)]() {
                const pg::ProgressFn progress = [promise](qint64 done, qint64 total) {
                    if (total < 0)
                        return !promise->isCanceled();
                    // QFuture's progress is an int; scale very large totals down.
                    const int scale = total > std::numeric_limits<int>::max() / 2 ? 1000 : 1;
                    promise->setProgressRange(0, int(total / scale));
                    promise->setProgressValue(int(done / scale));
                    return !promise->isCanceled();
                };
                Result<T> result = promise->isCanceled()
                    ? Result<T>(Error{ErrorKind::Cancelled, QStringLiteral("Cancelled before it started.")})
                    : worker->run<T>(what, [&](pqxx::connection &conn) { return job(conn, progress); });
                // A cancelled QFuture drops results; the caller still learns why from the state.
                promise->addResult(std::move(result));
                worker->pending.fetch_sub(1);
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }
};

PgStore::PgStore(const QString &conninfo, Options options, QObject *parent)
    : TenantStore(parent), d(std::make_unique<Private>())
{
    d->conninfo = conninfo.toStdString();
    d->options = options;
    for (int i = 0; i < std::max(1, options.workers); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("PgStore worker %1").arg(i));
        auto *worker = new PgWorker(d->conninfo);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        d->workers.push_back(worker);
        d->threads.push_back(std::move(thread));
    }
}

PgStore::~PgStore()
{
    if (d->listener) {
        d->listener->requestInterruption();
        if (!d->listener->wait(300)) {
            // Stuck in a connection attempt, which libpq can't interrupt (up to connect_timeout):
            // it ends on its own and deletes itself; its signals die with this store.
            PgChangeListener *listener = d->listener.release();
            connect(listener, &QThread::finished, listener, &QObject::deleteLater);
            if (listener->isFinished())
                listener->deleteLater();
        }
    }
    for (auto &thread : d->threads) {
        thread->quit();
        thread->wait();
    }
}

std::unique_ptr<TenantStore> PgStore::forProfile(const ConnectionProfile &profile, const QString &password,
                                                 Error *error)
{
    const Result<QString> conninfo = profile.libpqConninfo(password);
    if (!conninfo.ok()) {
        *error = conninfo.error();
        return nullptr;
    }
    return std::make_unique<PgStore>(conninfo.value());
}

bool PgStore::isBusy() const
{
    const auto busy = [](const PgWorker *w) { return w->pending.load() > 0; };
    return std::any_of(d->workers.begin(), d->workers.end(), busy)
        || std::any_of(d->longJobWorkers.begin(), d->longJobWorkers.end(), busy);
}

QFuture<Result<SessionInfo>> PgStore::open()
{
    if (d->options.listenForChanges && !d->listener) {
        d->listener = std::make_unique<PgChangeListener>(d->conninfo);
        connect(d->listener.get(), &PgChangeListener::payloadReceived, this, [this](const QByteArray &payload) {
            if (const auto change = TenantChange::fromPayload(payload))
                Q_EMIT tenantChanged(*change);
            else
                qCWarning(lcStore) << "ignoring malformed change notification" << payload;
        });
        connect(d->listener.get(), &PgChangeListener::liveChanged, this, &PgStore::setChangeFeedLive);
    }
    // Listening starts once a connection works, so a wrong password is reported once. It is
    // started from the job: a QFuture has room for one continuation, and that is the caller's.
    auto startListener = [this] {
        if (d->listener && !d->listener->isRunning())
            d->listener->start();
    };
    return d->run<SessionInfo>(
        d->workers.front(), QStringLiteral("connecting"),
        [this, startListener](pqxx::connection &conn) -> Result<SessionInfo> {
            SessionInfo info;
            info.bundledSchemaVersion = SchemaMigrator::bundledVersion();
            const char *host = conn.hostname();
            const QString hostText = host && *host ? QString::fromUtf8(host) : QStringLiteral("localhost");
            info.server = QStringLiteral("%1:%2/%3")
                              .arg(hostText, QString::fromUtf8(conn.port()), QString::fromUtf8(conn.dbname()));
            pqxx::read_transaction tx(conn);
            const pqxx::row r = tx.exec1(pg::sql::sessionInfo);
            info.user = pg::qstr(r[0]);
            const bool superuser = r[1].as<bool>(false);
            const bool schemaOwner = r[2].as<bool>(false);
            if (superuser || schemaOwner)
                info.role = SessionRole::Owner;
            else if (r[3].as<bool>())
                info.role = SessionRole::Operator;
            else if (r[4].as<bool>())
                info.role = SessionRole::Auditor;
            else if (r[5].as<bool>())
                info.role = SessionRole::App;
            info.serverVersion = pg::qstr(r[6]).section(u' ', 0, 0);
            if (r[7].as<bool>())
                info.schemaVersion = tx.exec1(pg::sql::schemaVersion)[0].as<int>();
            QMetaObject::invokeMethod(this, startListener, Qt::QueuedConnection);
            return info;
        });
}


QFuture<Result<TenantPage>> PgStore::children(const QUuid &parent, const QString &afterSlug, int limit,
                                             bool includeDeleted)
{
    return d->run<TenantPage>(QStringLiteral("loading sub-tenants"),
                              [parent, afterSlug, limit, includeDeleted](pqxx::connection &conn) -> Result<TenantPage> {
        TenantPage page;
        page.parentId = parent;
        // Plain reads need no BEGIN/COMMIT round trips; the count may be a moment newer
        // than the page, which the tree tolerates (notifications correct it).
        pqxx::nontransaction tx(conn);
        const std::string after = afterSlug.toStdString();
        // One more than asked tells whether another page follows.
        pqxx::result rows;
        if (parent.isNull()) {
            rows = tx.exec_params(pg::sql::topLevel, after, limit + 1, includeDeleted);
            page.totalChildren = tx.exec_params1(pg::sql::countTopLevel, includeDeleted)[0].as<int>();
        } else {
            const std::string id = parent.toString(QUuid::WithoutBraces).toStdString();
            rows = tx.exec_params(pg::sql::childrenOf, id, after, limit + 1, includeDeleted);
            page.totalChildren = tx.exec_params1(pg::sql::countChildren, id, includeDeleted)[0].as<int>();
        }
        page.hasMore = int(rows.size()) > limit;
        const int n = std::min(int(rows.size()), limit);
        page.tenants.reserve(n);
        for (int i = 0; i < n; ++i)
            page.tenants.append(pg::tenantFromRow(rows[i]));
        return page;
    });
}

QFuture<Result<QList<Tenant>>> PgStore::tenants(const QList<QUuid> &ids)
{
    return d->run<QList<Tenant>>(QStringLiteral("loading tenants"),
                                 [ids](pqxx::connection &conn) -> Result<QList<Tenant>> {
        QList<Tenant> out;
        if (ids.isEmpty())
            return out;
        pqxx::nontransaction tx(conn);
        const pqxx::result rows = tx.exec_params(pg::sql::tenantsByIds, pg::uuidArrayLiteral(ids));
        out.reserve(int(rows.size()));
        for (const auto &row : rows)
            out.append(pg::tenantFromRow(row));
        return out;
    });
}

QFuture<Result<Tenant>> PgStore::tenant(const QUuid &id)
{
    return tenants({id}).then([id](const Result<QList<Tenant>> &r) -> Result<Tenant> {
        if (!r.ok())
            return r.error();
        if (r->isEmpty())
            return Error{ErrorKind::NotFound,
                         QStringLiteral("Tenant %1 does not exist (any more).").arg(id.toString(QUuid::WithoutBraces))};
        return r->first();
    });
}

QFuture<Result<SearchResult>> PgStore::search(const QString &text, int limit, bool includeDeleted)
{
    return d->run<SearchResult>(QStringLiteral("searching tenants"),
                                [text, limit, includeDeleted](pqxx::connection &conn) -> Result<SearchResult> {
        SearchResult result;
        result.text = text;
        const QString needle = text.trimmed().toLower();
        if (needle.isEmpty())
            return result;
        pqxx::read_transaction tx(conn);
        const std::string pattern = (QStringLiteral("%") + likeEscaped(needle) + QStringLiteral("%")).toStdString();
        const pqxx::result idRows = tx.exec_params(pg::sql::searchIds, pattern, limit + 1, includeDeleted);

        QList<QUuid> ids;
        QSet<QUuid> matchIds;
        for (const auto &row : idRows) {
            const QUuid id = QUuid::fromString(pg::qstr(row[0]));
            ids.append(id);
            if (row[1].as<bool>())
                matchIds.insert(id);
        }
        const pqxx::result rows = tx.exec_params(pg::sql::tenantsByIds, pg::uuidArrayLiteral(ids));
        QHash<QUuid, Tenant> byId;
        for (const auto &row : rows) {
            Tenant t = pg::tenantFromRow(row);
            byId.insert(t.id, std::move(t));
        }

        QList<Tenant> matches;
        for (const QUuid &id : std::as_const(matchIds)) {
            if (byId.contains(id))
                matches.append(byId.value(id));
        }
        std::sort(matches.begin(), matches.end(), [](const Tenant &a, const Tenant &b) {
            return a.slug != b.slug ? a.slug < b.slug : a.id < b.id;
        });
        result.truncated = matches.size() > limit;
        if (result.truncated)
            matches.resize(limit);
        for (const Tenant &m : std::as_const(matches)) {
            TenantMatch match{m, {}};
            for (QUuid p = m.parentId; !p.isNull() && byId.contains(p); p = byId.value(p).parentId)
                match.ancestors.prepend(byId.value(p));
            result.matches.append(std::move(match));
        }
        return result;
    });
}

QFuture<Result<qint64>> PgStore::tenantCount()
{
    return d->run<qint64>(QStringLiteral("counting tenants"), [](pqxx::connection &conn) -> Result<qint64> {
        pqxx::nontransaction tx(conn);
        return tx.exec1(pg::sql::tenantCount)[0].as<qint64>();
    });
}

QFuture<Result<Tenant>> PgStore::createTenant(const TenantDraft &draft)
{
    return d->run<Tenant>(QStringLiteral("creating a tenant"),
                          [draft](pqxx::connection &conn) { return pg::createTenant(conn, draft); });
}

QFuture<Result<Tenant>> PgStore::updateTenant(const TenantEdit &edit)
{
    return d->run<Tenant>(QStringLiteral("saving a tenant"),
                          [edit](pqxx::connection &conn) { return pg::updateTenant(conn, edit); });
}

QFuture<Result<Tenant>> PgStore::moveTenant(const QUuid &id, const QUuid &expectedParent, const QUuid &newParent)
{
    return d->run<Tenant>(QStringLiteral("moving a tenant"), [=](pqxx::connection &conn) {
        return pg::moveTenant(conn, id, expectedParent, newParent);
    });
}

QFuture<Result<QList<Quota>>> PgStore::quotas(const QUuid &tenant)
{
    return d->run<QList<Quota>>(QStringLiteral("loading quotas"),
                                [tenant](pqxx::connection &conn) { return pg::quotas(conn, tenant); });
}

QFuture<Result<QuotaWriteReport>> PgStore::writeQuotas(const QList<QuotaChange> &changes)
{
    return d->run<QuotaWriteReport>(QStringLiteral("saving quotas"),
                                    [changes](pqxx::connection &conn) { return pg::writeQuotas(conn, changes); });
}

QFuture<Result<BulkQuotaReport>> PgStore::bulkQuotas(const BulkQuotaRequest &request)
{
    return d->runWithProgress<BulkQuotaReport>(
        QStringLiteral("applying a bulk quota edit"),
        [request](pqxx::connection &conn, const pg::ProgressFn &progress) {
            return pg::bulkQuotas(conn, request, progress);
        });
}

QFuture<Result<LifecycleReport>> PgStore::previewLifecycle(const LifecycleRequest &request)
{
    return d->run<LifecycleReport>(QStringLiteral("previewing a lifecycle change"),
                                   [request](pqxx::connection &conn) {
                                       return pg::changeLifecycle(conn, request, pg::LifecycleMode::DryRun, {});
                                   });
}

QFuture<Result<LifecycleReport>> PgStore::changeLifecycle(const LifecycleRequest &request)
{
    return d->runWithProgress<LifecycleReport>(
        QStringLiteral("changing lifecycle states"),
        [request](pqxx::connection &conn, const pg::ProgressFn &progress) {
            return pg::changeLifecycle(conn, request, pg::LifecycleMode::Commit, progress);
        });
}

QFuture<Result<QList<LifecycleEvent>>> PgStore::lifecycleHistory(const QUuid &tenant)
{
    return d->run<QList<LifecycleEvent>>(QStringLiteral("loading the lifecycle history"),
                                         [tenant](pqxx::connection &conn) { return pg::lifecycleHistory(conn, tenant); });
}

QFuture<Result<DeletionAllowance>> PgStore::deletionAllowance()
{
    return d->run<DeletionAllowance>(QStringLiteral("reading the deletion cap"),
                                     [](pqxx::connection &conn) { return pg::deletionAllowance(conn); });
}

QFuture<Result<DeletionAllowance>> PgStore::setDeletionCap(double percent)
{
    return d->run<DeletionAllowance>(QStringLiteral("setting the deletion cap"),
                                     [percent](pqxx::connection &conn) { return pg::setDeletionCap(conn, percent); });
}

QFuture<Result<PurgeReport>> PgStore::purgeDue(int batchRows)
{
    return d->runWithProgress<PurgeReport>(
        QStringLiteral("purging deleted tenants"),
        [batchRows](pqxx::connection &conn, const pg::ProgressFn &progress) {
            return pg::purgeDue(conn, batchRows, progress);
        });
}

QFuture<Result<UsageSeriesSet>> PgStore::usageSeries(const UsageQuery &query)
{
    return d->run<UsageSeriesSet>(QStringLiteral("loading usage history"),
                                  [query](pqxx::connection &conn) { return pg::usageSeries(conn, query); });
}

QFuture<Result<UsageBreakdown>> PgStore::usageBreakdown(const UsageBreakdownQuery &query)
{
    return d->run<UsageBreakdown>(QStringLiteral("loading the usage breakdown"),
                                  [query](pqxx::connection &conn) { return pg::usageBreakdown(conn, query); });
}

QFuture<Result<QList<TopConsumer>>> PgStore::topConsumers(const TopConsumersQuery &query)
{
    return d->run<QList<TopConsumer>>(QStringLiteral("loading the top consumers"),
                                      [query](pqxx::connection &conn) { return pg::topConsumers(conn, query); });
}

QFuture<Result<MigrationPlan>> PgStore::planMigration(const MigrationRequest &request)
{
    return d->run<MigrationPlan>(QStringLiteral("planning a data migration"),
                                 [request](pqxx::connection &conn) { return pg::planMigration(conn, request); });
}

QFuture<Result<MigrationJob>> PgStore::createMigrationJob(const MigrationRequest &request)
{
    return d->run<MigrationJob>(QStringLiteral("creating a migration job"),
                                [request](pqxx::connection &conn) { return pg::createMigrationJob(conn, request); });
}

QFuture<Result<MigrationJob>> PgStore::runMigrationJob(qint64 id, int batchRows)
{
    return d->runWithProgress<MigrationJob>(
        d->longJobWorker(), QStringLiteral("running migration job %1").arg(id),
        [id, batchRows](pqxx::connection &conn, const pg::ProgressFn &progress) {
            return pg::runMigrationJob(conn, id, batchRows, progress);
        });
}

QFuture<Result<MigrationJob>> PgStore::cancelMigrationJob(qint64 id)
{
    return d->run<MigrationJob>(QStringLiteral("cancelling migration job %1").arg(id),
                                [id](pqxx::connection &conn) { return pg::cancelMigrationJob(conn, id); });
}

QFuture<Result<QList<MigrationJob>>> PgStore::migrationJobs(int limit)
{
    return d->run<QList<MigrationJob>>(QStringLiteral("loading migration jobs"),
                                       [limit](pqxx::connection &conn) { return pg::migrationJobs(conn, limit); });
}

QFuture<Result<MigrationJob>> PgStore::migrationJob(qint64 id)
{
    return d->run<MigrationJob>(QStringLiteral("loading migration job %1").arg(id),
                                [id](pqxx::connection &conn) { return pg::migrationJob(conn, id); });
}

QFuture<Result<QList<QPair<QUuid, QUuid>>>> PgStore::migrationIdMap(qint64 id)
{
    return d->run<QList<QPair<QUuid, QUuid>>>(QStringLiteral("loading the id map of migration job %1").arg(id),
                                             [id](pqxx::connection &conn) { return pg::migrationIdMap(conn, id); });
}

QFuture<Result<AuditVerification>> PgStore::verifyAuditLog()
{
    return d->run<AuditVerification>(QStringLiteral("verifying the audit log"),
                                     [](pqxx::connection &conn) -> Result<AuditVerification> {
        pqxx::read_transaction tx(conn);
        const pqxx::row r = tx.exec1(pg::sql::auditVerify);
        return AuditVerification{r[0].as<qint64>(), r[1].is_null() ? 0 : r[1].as<qint64>()};
    });
}

QFuture<Result<int>> PgStore::migrateSchema()
{
    return d->run<int>(d->workers.front(), QStringLiteral("migrating the schema"),
                       [](pqxx::connection &conn) { return pg::applyMigrations(conn); });
}

QFuture<Result<QList<MigrationStatus>>> PgStore::migrationStatus()
{
    return d->run<QList<MigrationStatus>>(d->workers.front(), QStringLiteral("reading the schema status"),
                                          [](pqxx::connection &conn) { return pg::migrationStatus(conn); });
}

QFuture<Result<DemoSeedReport>> PgStore::seedDemo(const DemoSeedOptions &options)
{
    return d->run<DemoSeedReport>(d->workers.front(), QStringLiteral("seeding demo data"),
                                  [options, conninfo = d->conninfo](pqxx::connection &) {
                                      return pg::seedDemo(conninfo, options);
                                  });
}

} // namespace tc

#include "pgstore.moc"
