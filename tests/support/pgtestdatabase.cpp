#include "tests/support/pgtestdatabase.h"

#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>

#include <pqxx/pqxx>

namespace tc::test {

namespace {

QString conninfoValue(const QString &conninfo, const QString &key)
{
    const QRegularExpression re(QStringLiteral("(?:^|\\s)%1=(\\S+)").arg(key));
    return re.match(conninfo).captured(1);
}

QString withDatabase(QString conninfo, const QString &database, const QString &user)
{
    conninfo.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=") + database);
    if (!user.isEmpty())
        conninfo.replace(QRegularExpression(QStringLiteral("user=\\S+")), QStringLiteral("user=") + user);
    return conninfo;
}

} // namespace

QString PgTestDatabase::clusterConninfo(QString *error)
{
    const QString script = qEnvironmentVariable("TC_PGCLUSTER");
    const QString dir = qEnvironmentVariable("TC_TEST_PG_DIR");
    if (script.isEmpty() || dir.isEmpty()) {
        if (error)
            *error = QStringLiteral("TC_PGCLUSTER/TC_TEST_PG_DIR not set: run the test through ctest");
        return {};
    }
    QProcess p;
    p.start(script, {QStringLiteral("conninfo"), dir});
    p.waitForFinished(30000);
    if (p.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

PgTestDatabase::PgTestDatabase(const QString &name)
    : m_name(QStringLiteral("%1_%2").arg(name).arg(QCoreApplication::applicationPid()))
{
    m_base = clusterConninfo(&m_error);
    if (m_base.isEmpty())
        return;
    m_superuser = conninfoValue(m_base, QStringLiteral("user"));
    m_socketDir = conninfoValue(m_base, QStringLiteral("host"));
    try {
        pqxx::connection conn(m_base.toStdString());
        pqxx::nontransaction tx(conn);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name.toStdString()) + " WITH (FORCE)");
        tx.exec("CREATE DATABASE " + tx.quote_name(m_name.toStdString()));
        m_valid = true;
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
    }
}

PgTestDatabase::~PgTestDatabase()
{
    if (!m_valid)
        return;
    try {
        pqxx::connection conn(m_base.toStdString());
        pqxx::nontransaction tx(conn);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name.toStdString()) + " WITH (FORCE)");
    } catch (const std::exception &) {
        // The cluster is removed by the fixture anyway.
    }
}

QString PgTestDatabase::conninfo(const QString &user) const
{
    return withDatabase(m_base, m_name, user);
}

bool PgTestDatabase::migrate()
{
    PgStore store(conninfo(), PgStore::Options{1, false});
    auto future = store.migrateSchema();
    future.waitForFinished();
    if (!future.result().ok()) {
        m_error = future.result().error().message;
        return false;
    }
    return true;
}

bool PgTestDatabase::seed(const DemoSeedOptions &options)
{
    PgStore store(conninfo(), PgStore::Options{1, false});
    auto future = store.seedDemo(options);
    future.waitForFinished();
    if (!future.result().ok()) {
        m_error = future.result().error().message;
        return false;
    }
    return true;
}

QString PgTestDatabase::exec(const QString &sql, const QString &user) const
{
    try {
        pqxx::connection conn(conninfo(user).toStdString());
        pqxx::work tx(conn);
        tx.exec(sql.toStdString());
        tx.commit();
        return {};
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what()).trimmed();
    }
}

QStringList PgTestDatabase::rows(const QString &sql, QString *error, const QString &user) const
{
    QStringList out;
    try {
        pqxx::connection conn(conninfo(user).toStdString());
        pqxx::work tx(conn);
        for (const auto &row : tx.exec(sql.toStdString())) {
            QStringList cols;
            for (const auto &field : row)
                cols << (field.is_null() ? QStringLiteral("NULL") : QString::fromUtf8(field.c_str()));
            out << cols.join(u'|');
        }
        tx.commit();
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what()).trimmed();
    }
    return out;
}

QVariant PgTestDatabase::scalar(const QString &sql, QString *error, const QString &user) const
{
    QString err;
    const QStringList r = rows(sql, &err, user);
    if (error)
        *error = err;
    if (!err.isEmpty() || r.isEmpty())
        return {};
    return r.first().section(u'|', 0, 0);
}

bool PgTestDatabase::createLogin(const QString &name, const QString &groupRole, const QString &password)
{
    const QString pw = password.isEmpty() ? QString() : QStringLiteral(" PASSWORD '%1'").arg(password);
    m_error = exec(QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
                                  "CREATE ROLE %1 LOGIN%2; END IF; END $$; GRANT %3 TO %1;")
                       .arg(name, pw, groupRole));
    return m_error.isEmpty();
}

} // namespace tc::test
