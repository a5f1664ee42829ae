#include "migrationbench.h"

#include "benchutil.h"

#include "models/domain/migration.h"
#include "models/domain/selector.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>

namespace tc::bench {

namespace {

// Five of the eight departments, from 2021 on: with the seed below it matches exactly the
// rows i % 8 < 5 (department outside the list for i % 8 in 5..6, a 2020 date for i % 8 = 7).
const char *const kSelector =
    R"({"department": {"$in": ["engineering", "marketing", "operations", "sales", "support"]}, "date": {"$gte": "2021-01-01"}})";

const QString kSource = QStringLiteral("migration-source");
const QString kTarget = QStringLiteral("migration-target");
const QString kRunDb = QStringLiteral("bench_migration_run");

struct Psql
{
    bool ok = false;
    QString output; // stdout and stderr
};

// tuplesOnly false: psql also prints command tags (UPDATE n) and \timing.
Psql psql(const QString &conninfo, const QStringList &commands, bool tuplesOnly = true)
{
    QStringList args{QStringLiteral("-X"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo};
    if (tuplesOnly)
        args << QStringLiteral("-q") << QStringLiteral("-At");
    for (const QString &c : commands)
        args << QStringLiteral("-c") << c;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("psql"), args);
    p.waitForFinished(1800000);
    return {p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, QString::fromUtf8(p.readAll()).trimmed()};
}

QString psqlValue(const QString &conninfo, const QString &sql) { return psql(conninfo, {sql}).output; }

// A field of /proc/self/status in KiB (VmRSS, VmHWM), -1 when unreadable.
qint64 statusKiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0).
bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

double mib(qint64 kib) { return double(kib) / 1024.0; }

// rows = 5a + b (b < 5) matching rows out of 8a + b: i % 8 < 5 matches.
qint64 totalRows(qint64 rows) { return rows / 5 * 8 + rows % 5; }

// The template: two enterprise tenants, the target with limits the move fits in, and the
// source's memories with metadata (8 departments, dates over 2020-2025, author, source,
// priority, confidential, tags) and 180..600 bytes of prose each. Ids are random uuids, so
// the job's id order is unrelated to the heap order, as in production. (VACUUM, FREEZE and
// ANALYZE follow as their own command, outside the transaction.)
QString seedSql(qint64 rows)
{
    const QString total = QString::number(totalRows(rows));
    return QStringLiteral(
               "BEGIN;"
               "INSERT INTO tenancy.tenants (slug, display_name, tier) VALUES"
               "  ('migration-source', 'Migration source', 'enterprise'),"
               "  ('migration-target', 'Migration target', 'enterprise');"
               "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit)"
               "  SELECT t.id, r.key, r.lim FROM tenancy.tenants t,"
               "         (VALUES ('items', 10000000::bigint), ('storage_bytes', 10000000000::bigint)) r (key, lim)"
               "   WHERE t.slug = 'migration-target';"
               "INSERT INTO tenancy.memories (tenant_id, content, metadata, created_at)"
               "  SELECT src.id,"
               "         (ARRAY['Meeting notes', 'Customer call', 'Design review', 'Incident report', 'Weekly summary'])[1 + i % 5]"
               "           || ' #' || i || ': ' || substr(p.text, (1 + (i * 37) % 200)::int, (180 + (i * 7919) % 420)::int),"
               "         jsonb_build_object('department', v.dept, 'date', to_char(v.day, 'YYYY-MM-DD'),"
               "           'author', 'user' || lpad(((i * 31) % 57)::text, 3, '0'),"
               "           'source', (ARRAY['email', 'chat', 'document', 'ticket', 'meeting'])[1 + (i * 13) % 5],"
               "           'priority', 1 + (i * 17) % 5, 'confidential', (i * 11) % 10 = 0,"
               "           'tags', jsonb_build_array('q' || extract(quarter FROM v.day)::int, 'batch-' || (i % 97))),"
               "         v.day + ((i * 7) % 86400) * interval '1 second'"
               "    FROM tenancy.tenants src,"
               "         (SELECT 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut"
               " labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut"
               " aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore"
               " eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt"
               " mollit anim id est laborum. Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium"
               " doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto"
               " beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugit.'"
               "          AS text) p,"
               "         generate_series(0::bigint, ")
        + total
        + QStringLiteral(
               " - 1) i,"
               "         LATERAL (SELECT i % 8 AS k, i / 8 AS q) kq,"
               "         LATERAL (SELECT CASE WHEN kq.k < 5 THEN (ARRAY['engineering', 'marketing', 'operations', 'sales', 'support'])[1 + kq.k]"
               "                              WHEN kq.k = 5 THEN 'finance'"
               "                              WHEN kq.k = 6 THEN (ARRAY['legal', 'research'])[1 + kq.q % 2]"
               "                              ELSE (ARRAY['engineering', 'marketing', 'operations', 'sales', 'support'])[1 + kq.q % 5] END AS dept,"
               "                         CASE WHEN kq.k < 5 THEN date '2021-01-01' + ((kq.q * 7919 + kq.k * 31) % 1826)::int"
               "                              WHEN kq.k < 7 THEN date '2020-01-01' + ((kq.q * 7919 + kq.k * 31) % 2192)::int"
               "                              ELSE date '2020-01-01' + ((kq.q * 7919) % 366)::int END AS day) v"
               "   WHERE src.slug = 'migration-source';"
               "COMMIT;");
}

// The seeded template database (created once, reused by later runs), or empty.
QString seedTemplate(const QString &server, qint64 rows, QTextStream &err)
{
    const QString db = QStringLiteral("bench_migration_%1").arg(rows);
    const QString conninfo = withDatabase(server, db);
    const QString sourceRows = QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                              "WHERE t.slug = 'migration-source'");
    if (psql(conninfo, {sourceRows}).output == QString::number(totalRows(rows)))
        return conninfo;
    psql(server, {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db), QStringLiteral("CREATE DATABASE %1").arg(db)});
    {
        PgStore store(conninfo, PgStore::Options{1, false});
        if (!test::await(store.migrateSchema()).ok()) {
            err << "tenant-bench: migration failed for " << db << Qt::endl;
            return {};
        }
    }
    QElapsedTimer t;
    t.start();
    const Psql seeded = psql(conninfo, {seedSql(rows), QStringLiteral("VACUUM (FREEZE, ANALYZE) tenancy.memories")});
    if (!seeded.ok || psql(conninfo, {sourceRows}).output != QString::number(totalRows(rows))) {
        err << "tenant-bench: seeding " << db << " failed: " << seeded.output << Qt::endl;
        return {};
    }
    err << "  seeded " << totalRows(rows) << " memories into " << db << " in " << msSince(t) / 1000 << " s" << Qt::endl;
    return conninfo;
}

// A fresh copy of the template for one run (a file copy: no WAL for the copied pages).
QString freshCopy(const QString &server, const QString &templateConninfo, QTextStream &err)
{
    static const QRegularExpression dbname(QStringLiteral("dbname=(\\S+)"));
    const QString templateDb = dbname.match(templateConninfo).captured(1);
    const Psql made = psql(server, {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kRunDb),
                                    QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 STRATEGY FILE_COPY").arg(kRunDb, templateDb),
                                    QStringLiteral("CHECKPOINT")});
    if (!made.ok) {
        err << "tenant-bench: could not copy " << templateDb << ": " << made.output << Qt::endl;
        return {};
    }
    return withDatabase(server, kRunDb);
}

// $1, $2, ... of a compiled selector replaced by its parameters as SQL literals (every
// placeholder carries its own cast, so the statement means the same as the bound one).
QString inlineParameters(const CompiledSelector &compiled, int firstParameter)
{
    static const QRegularExpression placeholder(QStringLiteral("\\$(\\d+)"));
    QString sql;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(compiled.sql);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        sql += QStringView(compiled.sql).mid(last, m.capturedStart() - last);
        sql += sqlLiteral(compiled.params.value(m.captured(1).toInt() - firstParameter));
        last = m.capturedEnd();
    }
    sql += QStringView(compiled.sql).mid(last);
    return sql;
}

struct Tenants
{
    QUuid source;
    QUuid target;
};

Tenants tenantsOf(const QString &conninfo)
{
    const QStringList ids = psqlValue(conninfo, QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY slug = 'migration-target') "
                                                               "FROM tenancy.tenants WHERE slug IN ('migration-source', 'migration-target')"))
                                .split(u',');
    return {QUuid::fromString(ids.value(0)), QUuid::fromString(ids.value(1))};
}

// Rows of each tenant and audit rows, after a run.
struct Counts
{
    qint64 source = -1;
    qint64 target = -1;
    qint64 audit = -1;
};

Counts countsOf(const QString &conninfo, const Tenants &t)
{
    const QStringList v = psqlValue(conninfo, QStringLiteral("SELECT (SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%1') || ',' ||"
                                                             "       (SELECT count(*) FROM tenancy.memories WHERE tenant_id = '%2') || ',' ||"
                                                             "       (SELECT count(*) FROM tenancy.audit_log)")
                                                  .arg(t.source.toString(QUuid::WithoutBraces), t.target.toString(QUuid::WithoutBraces)))
                              .split(u',');
    return {v.value(0, QStringLiteral("-1")).toLongLong(), v.value(1, QStringLiteral("-1")).toLongLong(),
            v.value(2, QStringLiteral("-1")).toLongLong()};
}

struct RunFigures
{
    QString label;
    double createSeconds = 0;  // plan (exact count) and job row
    double runSeconds = 0;     // the batches, start to finished
    qint64 planned = 0;
    qint64 moved = 0;
    qint64 skipped = 0;
    int batches = 0;
    Counts before;
    Counts after;
    qint64 rssBeforeKiB = 0;   // before the store was made
    qint64 rssAfterKiB = 0;    // after the job, store still open
    qint64 peakKiB = 0;        // VmHWM over store, create and run
    QString error;
    double rowsPerSecond() const { return runSeconds > 0 ? double(moved) / runSeconds : 0; }
};

RunFigures runJob(const QString &conninfo, const MigrationRequest &request, int batch)
{
    RunFigures f;
    const Tenants tenants{request.source, request.target};
    f.before = countsOf(conninfo, tenants);
    f.rssBeforeKiB = statusKiB("VmRSS");
    if (!resetPeak())
        f.error = QStringLiteral("cannot reset VmHWM (/proc/self/clear_refs)");
    {
        PgStore store(conninfo, PgStore::Options{1, false});
        if (!test::await(store.open()).ok()) {
            f.error = QStringLiteral("could not open ") + conninfo;
            return f;
        }
        QElapsedTimer t;
        t.start();
        const Result<MigrationJob> created = test::await(store.createMigrationJob(request));
        f.createSeconds = msSince(t) / 1000;
        if (!created.ok()) {
            f.error = created.error().message;
            return f;
        }
        t.restart();
        const Result<MigrationJob> ran = test::await(store.runMigrationJob(created->id, batch));
        f.runSeconds = msSince(t) / 1000;
        f.rssAfterKiB = statusKiB("VmRSS");
        f.peakKiB = statusKiB("VmHWM");
        if (!ran.ok()) {
            f.error = ran.error().message;
            return f;
        }
        if (ran->state != MigrationJob::State::Finished)
            f.error = QStringLiteral("the job ended %1").arg(migrationStateKey(ran->state));
        f.planned = ran->plannedRows;
        f.moved = ran->movedRows;
        f.skipped = ran->skippedRows;
        f.batches = ran->batches;
    }
    f.after = countsOf(conninfo, tenants);
    return f;
}

// What every run must show: the plan matched `rows`, all of them moved, none skipped, and the
// source lost exactly what the target gained.
QString verify(const RunFigures &f, qint64 rows)
{
    if (!f.error.isEmpty())
        return f.error;
    if (f.planned != rows || f.moved != rows || f.skipped != 0)
        return QStringLiteral("planned %1, moved %2, skipped %3; expected %4 moved").arg(f.planned).arg(f.moved).arg(f.skipped).arg(rows);
    if (f.before.source - f.after.source != rows || f.after.target - f.before.target != rows)
        return QStringLiteral("the source lost %1 rows and the target gained %2; expected %3")
            .arg(f.before.source - f.after.source)
            .arg(f.after.target - f.before.target)
            .arg(rows);
    return {};
}

} // namespace

int runMigrationBench(const QString &server, const MigrationBenchOptions &options, QTextStream &out, QTextStream &err)
{
    const qint64 rows = options.rows;
    const QString templateConninfo = seedTemplate(server, rows, err);
    if (templateConninfo.isEmpty())
        return 1;
    const Tenants tenants = tenantsOf(templateConninfo);
    const std::optional<Selector> selector = Selector::parse(QString::fromUtf8(kSelector));
    if (tenants.source.isNull() || tenants.target.isNull() || !selector) {
        err << "tenant-bench: the migration template has no source/target tenant" << Qt::endl;
        return 1;
    }
    const QString src = tenants.source.toString(QUuid::WithoutBraces);
    const QString dst = tenants.target.toString(QUuid::WithoutBraces);
    const QString predicate = inlineParameters(selector->compile(QStringLiteral("m.metadata"), 1), 1);
    const qint64 matched = psqlValue(templateConninfo, QStringLiteral("SELECT count(*) FROM tenancy.memories m WHERE m.tenant_id = '%1' AND (%2)")
                                                           .arg(src, predicate))
                               .toLongLong();
    const QStringList sizes = psqlValue(templateConninfo, QStringLiteral("SELECT avg(octet_length(content))::int || ',' || avg(size_bytes)::int || ',' || "
                                                                         "pg_size_pretty(pg_total_relation_size('tenancy.memories')) FROM tenancy.memories"))
                                  .split(u',');
    const QString userTriggers = psqlValue(templateConninfo, QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'tenancy.memories'::regclass "
                                                                            "AND NOT tgisinternal"));

    out << "\nmigration: move " << rows << " of " << totalRows(rows) << " memories from one tenant to another, one run each on a fresh copy\n"
        << "  selector " << kSelector << "\n"
        << QStringLiteral("  matched by the selector: %1 (content %2 bytes, row %3 bytes on average; table %4 with indexes)\n")
               .arg(matched)
               .arg(sizes.value(0), sizes.value(1), sizes.value(2));
    out.flush();
    if (matched != rows) {
        err << "tenant-bench: the selector matches " << matched << " rows, not " << rows << Qt::endl;
        return 1;
    }

    struct Planned
    {
        QString label;
        int batch;
        bool preserveIds;
    };
    QList<Planned> plannedRuns;
    for (int batch : options.batches)
        plannedRuns.append({QStringLiteral("job, batch %1, preserve ids").arg(batch), batch, true});
    if (options.newIdsBatch > 0)
        plannedRuns.append({QStringLiteral("job, batch %1, new ids").arg(options.newIdsBatch), options.newIdsBatch, false});

    int failures = 0;
    QList<RunFigures> results;
    for (const Planned &p : std::as_const(plannedRuns)) {
        const QString conninfo = freshCopy(server, templateConninfo, err);
        if (conninfo.isEmpty())
            return 1;
        MigrationRequest request;
        request.source = tenants.source;
        request.target = tenants.target;
        request.selectorJson = QString::fromUtf8(kSelector);
        request.preserveIds = p.preserveIds;
        RunFigures f = runJob(conninfo, request, p.batch);
        f.label = p.label;
        const QString problem = verify(f, rows);
        out << QStringLiteral("  %1 %2 s + plan %3 s  %4 rows/s  moved %5, source lost %6, %7 batches, %8 audit rows;"
                              " peak %9 MiB (RSS %10 -> %11 MiB, %12%13 MiB)\n")
                   .arg(f.label + u':', -32)
                   .arg(f.runSeconds, 7, 'f', 1)
                   .arg(f.createSeconds, 0, 'f', 1)
                   .arg(f.rowsPerSecond(), 8, 'f', 0)
                   .arg(f.moved)
                   .arg(f.before.source - f.after.source)
                   .arg(f.batches)
                   .arg(f.after.audit - f.before.audit)
                   .arg(mib(f.peakKiB), 0, 'f', 1)
                   .arg(mib(f.rssBeforeKiB), 0, 'f', 1)
                   .arg(mib(f.rssAfterKiB), 0, 'f', 1)
                   .arg(f.rssAfterKiB >= f.rssBeforeKiB ? QStringLiteral("+") : QString())
                   .arg(mib(f.rssAfterKiB - f.rssBeforeKiB), 0, 'f', 1);
        if (!problem.isEmpty()) {
            out << "    FAILED: " << problem << "\n";
            ++failures;
        }
        out.flush();
        results.append(f);
    }

    // The reference: one statement, the same predicate, as the owner.
    {
        const QString conninfo = freshCopy(server, templateConninfo, err);
        if (conninfo.isEmpty())
            return 1;
        const Counts before = countsOf(conninfo, tenants);
        const QString update = QStringLiteral("UPDATE tenancy.memories m SET tenant_id = '%1' WHERE m.tenant_id = '%2' AND (%3)")
                                   .arg(dst, src, predicate);
        QElapsedTimer t;
        t.start();
        const Psql r = psql(conninfo, {QStringLiteral("\\timing on"), update}, false);
        const double wallSeconds = msSince(t) / 1000;
        const Counts after = countsOf(conninfo, tenants);
        static const QRegularExpression updated(QStringLiteral("UPDATE (\\d+)"));
        static const QRegularExpression timing(QStringLiteral("Time: ([0-9.]+) ms"));
        const qint64 n = updated.match(r.output).captured(1).toLongLong();
        const double seconds = timing.match(r.output).captured(1).toDouble() / 1000;
        const double rate = seconds > 0 ? double(n) / seconds : 0;
        out << QStringLiteral("  %1 %2 s          %3 rows/s  moved %4, source lost %5, %6 audit rows"
                              " (psql wall %7 s; user triggers on tenancy.memories: %8)\n")
                   .arg(QStringLiteral("raw UPDATE ... SET tenant_id:"), -32)
                   .arg(seconds, 7, 'f', 1)
                   .arg(rate, 8, 'f', 0)
                   .arg(n)
                   .arg(before.source - after.source)
                   .arg(after.audit - before.audit)
                   .arg(wallSeconds, 0, 'f', 1)
                   .arg(userTriggers);
        if (!r.ok || n != rows || before.source - after.source != rows || after.target - before.target != rows) {
            out << "    FAILED: " << (r.ok ? QStringLiteral("moved %1, the source lost %2").arg(n).arg(before.source - after.source) : r.output)
                << "\n";
            ++failures;
        }
        for (const RunFigures &f : std::as_const(results)) {
            if (f.error.isEmpty() && rate > 0)
                out << QStringLiteral("  ratio job/raw, %1 %2  (raw is %3x faster)\n")
                           .arg(f.label + u':', -31)
                           .arg(f.rowsPerSecond() / rate, 0, 'f', 3)
                           .arg(rate / std::max(1.0, f.rowsPerSecond()), 0, 'f', 1);
        }
        psql(server, {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kRunDb)});
    }
    out << "  job = createMigrationJob (plan: exact count, quota check) then runMigrationJob to finished, one transaction per\n"
           "  batch (lock, keyset SELECT ... FOR UPDATE, migration_apply_batch; one audit row per batch); rows/s over the run.\n"
           "  raw = one UPDATE through psql (\\timing), no job, no audit (no trigger on tenancy.memories fires; the FK check\n"
           "  on tenant_id runs in both). peak = VmHWM of this process, reset before the store was opened.\n";
    out.flush();
    return failures == 0 ? 0 : 1;
}

} // namespace tc::bench
