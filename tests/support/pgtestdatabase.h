#pragma once

#include "models/store/demoseeder.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace tc::test {

// A database of its own in the test cluster (the CTest `pg` fixture): created empty, dropped
// by the destructor. Raw SQL runs as the cluster's superuser, for setting up and for checking
// what the code under test wrote.
class PgTestDatabase
{
public:
    explicit PgTestDatabase(const QString &name);
    ~PgTestDatabase();

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }

    // libpq conninfo for this database, as `user` (default: the superuser).
    QString conninfo(const QString &user = {}) const;
    QString superuser() const { return m_superuser; }
    QString socketDirectory() const { return m_socketDir; }

    // Applies the bundled migrations (through PgStore, as the product does).
    bool migrate();
    bool seed(const DemoSeedOptions &options);

    // Runs SQL as the superuser (or `user`); returns "" on success, else the server's message.
    QString exec(const QString &sql, const QString &user = {}) const;
    // First column of the first row, or an invalid QVariant (and `error`) on failure.
    QVariant scalar(const QString &sql, QString *error = nullptr, const QString &user = {}) const;
    // All rows, columns joined with '|'.
    QStringList rows(const QString &sql, QString *error = nullptr, const QString &user = {}) const;

    // Creates a login role (idempotent) that is a member of `groupRole`.
    bool createLogin(const QString &name, const QString &groupRole, const QString &password = {});

    // The cluster's superuser conninfo on database "postgres".
    static QString clusterConninfo(QString *error = nullptr);

private:
    QString m_name;
    QString m_base;
    QString m_superuser;
    QString m_socketDir;
    QString m_error;
    bool m_valid = false;
};

} // namespace tc::test
