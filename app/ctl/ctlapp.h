#pragma once

#include "models/domain/error.h"

#include <QJsonValue>
#include <QStringList>

#include <memory>

namespace tc {

class PgStore;

// tenantctl: parses the command line, runs one command, prints text or JSON, returns the exit
// code. Errors are one line on stderr ("tenantctl: ...").
class CtlApp
{
public:
    explicit CtlApp(QStringList args);
    ~CtlApp();
    int run();

private:
    int usage(const QString &problem = {});
    int fail(const Error &error);
    int failUsage(const QString &message);
    void print(const QString &text);
    void printJson(const QJsonValue &value);
    std::unique_ptr<PgStore> connectStore(Error *error);
    QString takeOption(const QString &name);
    bool takeFlag(const QString &name);

    int dbMigrate();
    int dbStatus();
    int demoSeed();
    int auditVerify();

    QStringList m_args;
    QString m_db;
    bool m_json = false;
};

} // namespace tc
