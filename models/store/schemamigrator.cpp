#include "models/store/schemamigrator.h"

#include "models/domain/result.h"
#include "models/store/pgsupport_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace tc {

namespace SchemaMigrator {

QList<Migration> bundled()
{
    static const QList<Migration> migrations = [] {
        QList<Migration> list;
        static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_[a-z0-9_]+\\.sql$"));
        const QDir dir(QStringLiteral(":/sql"));
        for (const QString &file : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
            const auto match = pattern.match(file);
            if (!match.hasMatch())
                continue;
            QFile f(dir.filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            Migration m;
            m.version = match.captured(1).toInt();
            m.name = file.chopped(4);
            m.sql = f.readAll();
            m.checksum = QCryptographicHash::hash(m.sql, QCryptographicHash::Sha256).toHex();
            list.append(m);
        }
        return list;
    }();
    return migrations;
}

int bundledVersion()
{
    const QList<Migration> all = bundled();
    return all.isEmpty() ? 0 : all.last().version;
}

} // namespace SchemaMigrator

namespace pg {

namespace {

constexpr const char *kCreateBookkeeping =
    "CREATE SCHEMA IF NOT EXISTS tenancy;"
    "CREATE TABLE IF NOT EXISTS tenancy.schema_migrations ("
    "  version integer PRIMARY KEY,"
    "  name text NOT NULL,"
    "  checksum text NOT NULL,"
    "  applied_at timestamptz NOT NULL DEFAULT now(),"
    "  applied_by text NOT NULL DEFAULT session_user)";

// Serialises concurrent `db migrate` runs (two consoles confirming at once, CI jobs).
constexpr qint64 kMigrationLockKey = 0x74656e616e74; // "tenant"

struct Applied
{
    int version;
    QString name;
    QString checksum;
    QDateTime at;
    QString by;
};

QList<Applied> readApplied(pqxx::transaction_base &tx)
{
    QList<Applied> out;
    if (tx.exec1("SELECT to_regclass('tenancy.schema_migrations') IS NULL")[0].as<bool>())
        return out;
    for (const auto &row : tx.exec("SELECT version, name, checksum, (extract(epoch FROM applied_at) * 1000)::bigint,"
                                   " applied_by FROM tenancy.schema_migrations ORDER BY version")) {
        out.append({row[0].as<int>(), qstr(row[1]), qstr(row[2]),
                    QDateTime::fromMSecsSinceEpoch(row[3].as<qint64>(), Qt::UTC), qstr(row[4])});
    }
    return out;
}

} // namespace

Result<QList<MigrationStatus>> migrationStatus(pqxx::connection &conn)
{
    pqxx::read_transaction tx(conn);
    const QList<Applied> applied = readApplied(tx);
    QList<MigrationStatus> out;
    for (const Migration &m : SchemaMigrator::bundled()) {
        MigrationStatus s;
        s.version = m.version;
        s.name = m.name;
        for (const Applied &a : applied) {
            if (a.version == m.version) {
                s.applied = true;
                s.appliedAt = a.at;
                s.appliedBy = a.by;
                s.checksumMatches = a.checksum == QString::fromLatin1(m.checksum);
            }
        }
        out.append(s);
    }
    for (const Applied &a : applied) {
        if (a.version > SchemaMigrator::bundledVersion())
            out.append({a.version, a.name, true, false, true, a.at, a.by});
    }
    return out;
}

Result<int> applyMigrations(pqxx::connection &conn)
{
    // libpqxx allows one transaction object per connection at a time, so the session-level
    // lock is taken and released in short non-transactions of their own.
    {
        pqxx::nontransaction lock(conn);
        lock.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    }
    struct Unlock {
        pqxx::connection &conn;
        ~Unlock()
        {
            try {
                pqxx::nontransaction unlock(conn);
                unlock.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
            } catch (const std::exception &) {
                // The connection is gone; the server released the lock with it.
            }
        }
    } unlock{conn};

    {
        pqxx::work tx(conn);
        tx.exec("SET LOCAL client_min_messages = warning");
        const QList<Applied> applied = readApplied(tx);
        if (!applied.isEmpty() && applied.last().version > SchemaMigrator::bundledVersion()) {
            return Error{ErrorKind::SchemaTooNew,
                         QStringLiteral("The database schema is at version %1, newer than this release knows (%2); "
                                        "use the newer tenantctl that migrated it.")
                             .arg(applied.last().version)
                             .arg(SchemaMigrator::bundledVersion())};
        }
        tx.exec(kCreateBookkeeping);
        tx.commit();
    }

    int count = 0;
    for (const Migration &m : SchemaMigrator::bundled()) {
        pqxx::work tx(conn);
        tx.exec("SET LOCAL client_min_messages = warning");
        if (!tx.exec_params("SELECT 1 FROM tenancy.schema_migrations WHERE version = $1", m.version).empty())
            continue;
        tx.exec(std::string(m.sql.constData(), size_t(m.sql.size())));
        tx.exec_params("INSERT INTO tenancy.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                       m.version, str(m.name), m.checksum.toStdString());
        tx.commit();
        qCInfo(lcStore) << "applied migration" << m.name;
        ++count;
    }
    return count;
}

} // namespace pg

} // namespace tc
