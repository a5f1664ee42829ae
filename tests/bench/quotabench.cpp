#include "quotabench.h"

#include "benchutil.h"

#include "models/items/quotatablemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace tc::bench {

namespace {

// Runs the event loop until `done` holds (checked whenever `signal` fires), or 30 s pass.
template<typename Sender, typename Signal, typename Done>
bool waitFor(const Sender *sender, Signal signal, Done done)
{
    if (done())
        return true;
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

int rowOf(const QuotaTableModel &model, const QString &resource)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(QuotaTableModel::ResourceKeyRole).toString() == resource)
            return row;
    }
    return -1;
}

std::optional<qint64> storedLimit(const QuotaTableModel &model, int row)
{
    return model.index(row, 0).data(QuotaTableModel::QuotaRole).value<Quota>().hardLimit;
}

QString seeded(const QString &server, const QString &name, const QList<int> &shape, QTextStream &err)
{
    const QString db = QStringLiteral("bench_quota_") + name;
    QProcess::execute(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), server,
                                               QStringLiteral("-c"), QStringLiteral("CREATE DATABASE %1").arg(db)});
    QString conninfo = server;
    conninfo.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=") + db);
    PgStore store(conninfo, PgStore::Options{1, false});
    if (!test::await(store.migrateSchema()).ok())
        return {};
    DemoSeedOptions options;
    options.tenants = 0;
    options.shape = shape;
    options.days = 1;
    options.memoriesPerTenant = 0;
    options.seed = 2026;
    options.ifEmpty = true;
    const auto report = test::await(store.seedDemo(options));
    if (!report.ok()) {
        err << "tenant-bench: " << report.error().message << Qt::endl;
        return {};
    }
    if (!report->skipped)
        err << "  seeded " << db << " in " << report->seconds << " s" << Qt::endl;
    return conninfo;
}

QUuid rootOf(PgStore &store)
{
    const auto page = test::await(store.children({}, {}, 1));
    return page.ok() && !page->tenants.isEmpty() ? page->tenants.first().id : QUuid();
}

} // namespace

int runQuotaBench(const QString &server, int runs, bool edits, bool tiers, QTextStream &out, QTextStream &err)
{
    out << "\nquota writes: median of " << runs << " runs, times in ms\n";

    // One edit, as an operator makes it: the editor's model stages and applies it; a second
    // console (its own connection, listening) shows it in its own editor. On a team (a leaf
    // four levels down) and on a parent of 10,000 direct children, the worst case: its editor
    // reads the limits of all 10,000 to know how low it may go.
    const QString flat = seeded(server, QStringLiteral("flat"), {1, 10000}, err);
    const QString deep = seeded(server, QStringLiteral("deep"), {1, 10, 10, 100}, err);
    if (flat.isEmpty() || deep.isEmpty())
        return 1;
    const QList<std::tuple<QString, QString, int>> editTargets{
        {QStringLiteral("a team, 4 levels down"), deep, 3},
        {QStringLiteral("a parent of 10,000"), flat, 0},
    };
    for (const auto &[label, conninfo, depth] : editTargets) {
        if (!edits)
            break;
        PgStore mine(conninfo, PgStore::Options{2, false});
        PgStore theirs(conninfo, PgStore::Options{2, true});
        if (!test::await(mine.open()).ok() || !test::await(theirs.open()).ok())
            return 1;
        QUuid tenant = rootOf(mine);
        for (int level = 0; level < depth; ++level) {
            const auto page = test::await(mine.children(tenant, {}, 1));
            if (page.ok() && !page->tenants.isEmpty())
                tenant = page->tenants.first().id;
        }
        QuotaTableModel editor(&mine);
        QuotaTableModel watcher(&theirs);
        editor.setTenant(tenant);
        watcher.setTenant(tenant);
        // A count resource no sub-tenant or ancestor bounds in this range.
        const QString resource = QStringLiteral("api_keys");
        if (!waitFor(&editor, &QuotaTableModel::loaded, [&] { return rowOf(editor, resource) >= 0; })
            || !waitFor(&watcher, &QuotaTableModel::loaded, [&] { return rowOf(watcher, resource) >= 0; })
            || !waitFor(&theirs, &TenantStore::changeFeedChanged, [&] { return theirs.isChangeFeedLive(); })) {
            err << "tenant-bench: the quota editors did not load" << Qt::endl;
            return 1;
        }
        const int editorRow = rowOf(editor, resource), watcherRow = rowOf(watcher, resource);
        const Quota start = editor.index(editorRow, 0).data(QuotaTableModel::QuotaRole).value<Quota>();
        const qint64 low = start.descendantMax.value_or(0) + 1;
        const qint64 high = start.parentLimit.value_or(low + 1000);
        QList<double> committed, notified, visible;
        for (int i = 0; i < runs; ++i) {
            const qint64 value = low + i % std::max<qint64>(1, high - low);
            if (storedLimit(editor, editorRow) == value)
                continue;
            bool gotNotification = false;
            bool done = false;
            QElapsedTimer t;
            const auto feed = QObject::connect(&theirs, &TenantStore::tenantChanged, &theirs, [&](const TenantChange &c) {
                if (!gotNotification && c.table == QLatin1String("quotas") && c.tenantId == tenant) {
                    gotNotification = true;
                    notified << msSince(t);
                }
            });
            const auto applied = QObject::connect(&editor, &QuotaTableModel::applied, &editor, [&] {
                committed << msSince(t);
                done = true;
            });
            t.start();
            if (!editor.setData(editor.index(editorRow, QuotaTableModel::LimitColumn), QString::number(value))
                || !editor.apply()) {
                err << "tenant-bench: the editor refused " << value << Qt::endl;
                return 1;
            }
            waitFor(&editor, &QuotaTableModel::applied, [&] { return done; });
            if (!waitFor(&watcher, &QuotaTableModel::loaded,
                         [&] { return storedLimit(watcher, watcherRow) == std::optional<qint64>(value); }))
                err << "tenant-bench: the second editor did not show " << value << Qt::endl;
            visible << msSince(t);
            QObject::disconnect(feed);
            QObject::disconnect(applied);
        }
        out << QStringLiteral("  one quota edit on %1:\n").arg(label)
            << QStringLiteral("    apply to committed:                                %1\n").arg(median(committed), 9, 'f', 1)
            << QStringLiteral("    ... to the notification in a second session:      %1\n").arg(median(notified), 9, 'f', 1)
            << QStringLiteral("    ... to visible in the second session's editor:    %1  (includes its 250 ms coalescing)\n")
                   .arg(median(visible), 9, 'f', 1);
    }

    // A tier applied to a whole subtree, alternating so every run changes every row.
    const QList<QPair<QString, QList<int>>> subtrees{
        {QStringLiteral("flat"), {1, 10000}},
        {QStringLiteral("deep"), {1, 10, 10, 100}},
    };
    for (const auto &[name, shape] : subtrees) {
        if (!tiers)
            break;
        const QString db = seeded(server, name, shape, err);
        if (db.isEmpty())
            return 1;
        PgStore store(db, PgStore::Options{1, false});
        BulkQuotaRequest request;
        request.action = BulkQuotaRequest::Action::ApplyTier;
        request.tenants = {rootOf(store)};
        request.includeSubtrees = true;
        QList<double> times;
        BulkQuotaReport last;
        const int tierRuns = std::max(1, runs / 5);
        for (int i = 0; i < tierRuns; ++i) {
            request.tier = i % 2 ? Tier::Starter : Tier::Professional;
            QElapsedTimer t;
            t.start();
            const auto r = test::await(store.bulkQuotas(request));
            if (!r.ok()) {
                err << "tenant-bench: applying a tier failed: " << r.error().message << Qt::endl;
                return 1;
            }
            times << msSince(t);
            last = r.value();
        }
        out << QStringLiteral("  apply a tier to a %1-tenant subtree (%2): %3  (%4 quota rows + %5 tiers written, "
                              "one transaction, %6 runs)\n")
                   .arg(last.tenants)
                   .arg(shape.size() == 2 ? QStringLiteral("1 x 10,000") : QStringLiteral("1 x 10 x 10 x 100"))
                   .arg(median(times), 9, 'f', 1)
                   .arg(last.written)
                   .arg(last.tiersChanged)
                   .arg(tierRuns);
    }
    return 0;
}

} // namespace tc::bench
