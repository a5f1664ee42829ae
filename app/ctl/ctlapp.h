#pragma once

#include "models/domain/error.h"

#include <QJsonValue>
#include <QStringList>

#include <memory>
#include <optional>

namespace tc {

class PgStore;
struct SessionInfo;
struct ResolvedTenant;

// tenantctl: parses the command line, runs one command, prints text or JSON, returns the exit
// code. Errors are one line on stderr ("tenantctl: ...").
class CtlApp
{
public:
    explicit CtlApp(QStringList args);
    ~CtlApp();
    int run();

private:
    friend class LifecycleCommands; // the lifecycle group shares the command line and connection helpers
    friend class MigrateCommands;   // so does the migrate group

    int usage(const QString &problem = {});
    int fail(const Error &error);
    int failUsage(const QString &message);
    void print(const QString &text);
    void printJson(const QJsonValue &value);
    std::unique_ptr<PgStore> connectStore(Error *error, SessionInfo *session = nullptr);
    // Connects for reading or writing tenant data: the schema must be there and current.
    std::unique_ptr<PgStore> connectData(Error *error);
    // connectData() and the tenant that `name` (id, path or unique slug) names.
    std::unique_ptr<PgStore> connectResolved(const QString &name, ResolvedTenant *resolved, Error *error);
    QString takeOption(const QString &name);
    bool takeFlag(const QString &name);
    // An option's value; nullopt when the option is not given. A given option without a value
    // (the last argument) sets `problem`.
    std::optional<QString> takeValue(const QString &name, QString *problem);
    // The positional arguments left after the options: exactly `names` of them, or a usage
    // problem naming what is missing or unexpected.
    bool takePositional(const QStringList &names, QStringList *values, QString *problem);

    int dbMigrate();
    int dbStatus();
    int demoSeed();
    int auditVerify();
    int tenantCreate();
    int tenantRename();
    int tenantMove();
    int tenantShow();
    int tenantList();
    int quotaGet();
    int quotaSet();
    int quotaApplyTier();

    QStringList m_args;
    QString m_command; // "tenant create", for usage messages
    QString m_db;
    bool m_json = false;
};

} // namespace tc
