// tenant-bench: figures for the tenant tree at scale, printed, never asserted.
//
//   tenant-bench [--db CONNINFO] [--runs N] [--shapes demo,flat,100x100,10x10x10x10]
//                [--sections tree,edits,tiers,usage,migration]
//                [--migration-rows N] [--migration-batches 1000,5000] [--migration-new-ids BATCH]
//
// CONNINFO names a server and a superuser (its dbname is replaced); without it the bench starts
// a private cluster with scripts/pgcluster.sh under /tmp/tc-bench and leaves it running, so a
// second run reuses the seeded databases. For every shape it prints the median over N runs of:
// the first page of the top level and of the node with the most children, through PgStore and
// through TenantTreeModel (what the GUI waits for); a search for a substring with about 50
// matches; and the same top-level page fetched by psql as the reference.
// The quotas section (quotabench.cpp) prints the quota editor's and bulk edits' figures, the
// usage section (usagebench.cpp) the usage charts', the migration section (migrationbench.cpp)
// the migration job's against a raw UPDATE: it moves --migration-rows memories (default
// 1,000,000) with one preserve-ids job per --migration-batches size (default 1000,5000) and one
// new-ids job at --migration-new-ids BATCH (default none), each on a fresh copy of a seeded
// template database; about 90 s per job at 1,000,000 rows.

#include "models/items/tenanttreemodel.h"
#include "models/store/pgstatements_p.h"
#include "models/store/pgstore.h"
#include "benchutil.h"
#include "migrationbench.h"
#include "quotabench.h"
#include "usagebench.h"
#include "tests/support/await.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace tc;
using tc::bench::median;
using tc::bench::psqlMs;
using tc::bench::sqlLiteral;
using tc::bench::withDatabase;
using tc::test::await;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

struct Shape
{
    QString name;
    QString description;
    DemoSeedOptions options;
};


// Waits for the model's first top-level page (the GUI's "rows appear" moment).
double modelFirstPageMs(TenantStore *store)
{
    TenantTreeModel model(store);
    QEventLoop loop;
    QElapsedTimer timer;
    double ms = -1;
    QObject::connect(&model, &TenantTreeModel::pageLoaded, &loop, [&](const QModelIndex &index, int) {
        if (!index.isValid()) {
            ms = double(timer.nsecsElapsed()) / 1e6;
            loop.quit();
        }
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    timer.start();
    model.reload();
    loop.exec();
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    // The usage section paints charts: offscreen unless a platform was chosen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("tenant.*.debug=false"));
    QStringList args = app.arguments();
    auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const int runs = option(QStringLiteral("--runs"), QStringLiteral("15")).toInt();
    QString server = option(QStringLiteral("--db"), QString());
    const QStringList wanted = option(QStringLiteral("--shapes"), QStringLiteral("demo,flat,100x100,10x10x10x10")).split(u',');
    const QStringList sections = option(QStringLiteral("--sections"), QStringLiteral("tree,edits,tiers,usage,migration")).split(u',');
    bench::MigrationBenchOptions migration;
    migration.rows = option(QStringLiteral("--migration-rows"), QString::number(migration.rows)).toLongLong();
    migration.newIdsBatch = option(QStringLiteral("--migration-new-ids"), QString::number(migration.newIdsBatch)).toInt();
    if (const QString batches = option(QStringLiteral("--migration-batches"), QString()); !batches.isEmpty()) {
        migration.batches.clear();
        for (const QString &b : batches.split(u',', Qt::SkipEmptyParts))
            migration.batches.append(b.toInt());
    }

    if (server.isEmpty()) {
        const QString script = QStringLiteral(TC_SOURCE_DIR "/scripts/pgcluster.sh");
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(script, {QStringLiteral("start"), QStringLiteral("/tmp/tc-bench"), QStringLiteral("--conninfo")});
        p.waitForFinished(120000);
        if (p.exitCode() != 0) {
            err << "tenant-bench: could not start a PostgreSQL cluster with " << script << Qt::endl;
            return 1;
        }
        server = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

    QList<Shape> shapes;
    auto shape = [](const QString &name, const QString &description, int tenants, QList<int> fanout) {
        Shape s{name, description, {}};
        s.options.tenants = tenants;
        s.options.maxDepth = 3;
        s.options.days = 1;
        s.options.memoriesPerTenant = 0;
        s.options.seed = 2026;
        s.options.shape = fanout;
        return s;
    };
    shapes << shape(QStringLiteral("demo"), QStringLiteral("100,000 tenants, demo hierarchy"), 100000, {})
           << shape(QStringLiteral("flat"), QStringLiteral("10,000 flat under one parent"), 0, {1, 10000})
           << shape(QStringLiteral("100x100"), QStringLiteral("100 x 100"), 0, {100, 100})
           << shape(QStringLiteral("10x10x10x10"), QStringLiteral("10 x 10 x 10 x 10"), 0, {10, 10, 10, 10});

    const bool tree = sections.contains(QLatin1String("tree"));
    out << "tenant-bench: median of " << runs << " runs per figure, times in ms\n";
    if (tree)
        out << QStringLiteral("\n%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg(QStringLiteral("shape"), -30)
               .arg(QStringLiteral("tenants"), 8)
               .arg(QStringLiteral("root:store"), 11)
               .arg(QStringLiteral("root:model"), 11)
               .arg(QStringLiteral("root:psql"), 10)
               .arg(QStringLiteral("ratio"), 6)
               .arg(QStringLiteral("widest node (children)"), 24)
               .arg(QStringLiteral("ratio"), 6)
               .arg(QStringLiteral("search (matches)"), 22);

    for (const Shape &s : std::as_const(shapes)) {
        if (!wanted.contains(s.name) || !tree)
            continue;
        const QString dbName = QStringLiteral("bench_") + QString(s.name).replace(u'x', u'_');
        {
            PgStore admin(server, PgStore::Options{1, false});
            QProcess::execute(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), server,
                                                        QStringLiteral("-c"), QStringLiteral("CREATE DATABASE %1").arg(dbName)});
        }
        const QString conninfo = withDatabase(server, dbName);
        PgStore store(conninfo, PgStore::Options{2, false});
        if (!await(store.migrateSchema()).ok()) {
            err << "tenant-bench: migration failed for " << dbName << Qt::endl;
            return 1;
        }
        DemoSeedOptions options = s.options;
        options.ifEmpty = true;
        const Result<DemoSeedReport> seeded = await(store.seedDemo(options));
        if (!seeded.ok()) {
            err << "tenant-bench: " << seeded.error().message << Qt::endl;
            return 1;
        }
        if (!seeded->skipped)
            err << "  seeded " << s.description << " in " << seeded->seconds << " s" << Qt::endl;
        const qint64 tenants = await(store.tenantCount()).value();

        // Root: first page through the store and through the model, and psql's reference.
        QList<double> rootStore, rootModel, rootPsql, wideStore, widePsql, searchMs;
        await(store.children({}, {}, TenantStore::kDefaultPageSize)); // warm up both connections
        await(store.children({}, {}, TenantStore::kDefaultPageSize));
        const QString rootSql = QString::fromLatin1(pg::sql::topLevel)
                                    .replace(QStringLiteral("$1"), QStringLiteral("''"))
                                    .replace(QStringLiteral("$2"), QString::number(TenantStore::kDefaultPageSize + 1))
                                    .replace(QStringLiteral("$3"), QStringLiteral("false"));
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            const auto page = await(store.children({}, {}, TenantStore::kDefaultPageSize));
            rootStore << double(t.nsecsElapsed()) / 1e6;
            if (!page.ok() || page->tenants.isEmpty()) {
                err << "tenant-bench: no top level in " << dbName << Qt::endl;
                return 1;
            }
            rootModel << modelFirstPageMs(&store);
        }
        rootPsql << psqlMs(conninfo, rootSql, runs);

        // The node with the most children.
        QProcess q;
        q.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-d"), conninfo, QStringLiteral("-c"),
                                         QStringLiteral("SELECT parent_id, count(*) FROM tenancy.tenants WHERE parent_id IS NOT NULL "
                                                        "GROUP BY 1 ORDER BY 2 DESC LIMIT 1")});
        q.waitForFinished();
        const QStringList widest = QString::fromUtf8(q.readAllStandardOutput()).trimmed().split(u'|');
        const QUuid wideId = QUuid::fromString(widest.value(0));
        const QString wideSql = QString::fromLatin1(pg::sql::childrenOf)
                                    .replace(QStringLiteral("$1"), sqlLiteral(widest.value(0)))
                                    .replace(QStringLiteral("$2"), QStringLiteral("''"))
                                    .replace(QStringLiteral("$3"), QString::number(TenantStore::kDefaultPageSize + 1))
                                    .replace(QStringLiteral("$4"), QStringLiteral("false"));
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            await(store.children(wideId, {}, TenantStore::kDefaultPageSize));
            wideStore << double(t.nsecsElapsed()) / 1e6;
        }
        widePsql << psqlMs(conninfo, wideSql, runs);

        // A substring with about 50 matches: probe prefixes of sampled slugs.
        q.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-At"), QStringLiteral("-d"), conninfo, QStringLiteral("-c"),
                                         QStringLiteral("SELECT slug FROM tenancy.tenants ORDER BY md5(id::text) LIMIT 40")});
        q.waitForFinished();
        QString needle;
        int needleMatches = 0;
        for (const QString &slug : QString::fromUtf8(q.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
            for (int len = 3; len <= slug.size(); ++len) {
                const auto r = await(store.search(slug.left(len), 1000));
                const int n = r.ok() ? int(r->matches.size()) : 0;
                if (needle.isEmpty() || std::abs(n - 50) < std::abs(needleMatches - 50)) {
                    needle = slug.left(len);
                    needleMatches = n;
                }
                if (n < 50)
                    break;
            }
            if (std::abs(needleMatches - 50) <= 5)
                break;
        }
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            await(store.search(needle));
            searchMs << double(t.nsecsElapsed()) / 1e6;
        }

        const double rs = median(rootStore), rp = median(rootPsql), ws = median(wideStore), wp = median(widePsql);
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(s.description, -30)
                   .arg(tenants, 8)
                   .arg(rs, 11, 'f', 2)
                   .arg(median(rootModel), 11, 'f', 2)
                   .arg(rp, 10, 'f', 2)
                   .arg(rp > 0 ? rs / rp : 0, 6, 'f', 1)
                   .arg(QStringLiteral("%1 (%2)").arg(ws, 0, 'f', 2).arg(widest.value(1)), 24)
                   .arg(wp > 0 ? ws / wp : 0, 6, 'f', 1)
                   .arg(QStringLiteral("%1 (\"%2\": %3)").arg(median(searchMs), 0, 'f', 2).arg(needle).arg(needleMatches), 22);
        out.flush();
    }
    if (tree)
        out << "\nroot/widest: first page of " << TenantStore::kDefaultPageSize
            << " rows; store = PgStore future round trip (page query + count, autocommit);\n"
           "model = TenantTreeModel::reload() until the rows are inserted; psql = \\timing of the same page query.\n";
    if (sections.contains(QLatin1String("edits")) || sections.contains(QLatin1String("tiers"))) {
        if (const int rc = bench::runQuotaBench(server, runs, sections.contains(QLatin1String("edits")),
                                                sections.contains(QLatin1String("tiers")), out, err))
            return rc;
    }
    if (sections.contains(QLatin1String("usage"))) {
        if (const int rc = bench::runUsageBench(server, runs, out, err))
            return rc;
    }
    if (sections.contains(QLatin1String("migration")))
        return bench::runMigrationBench(server, migration, out, err);
    return 0;
}
