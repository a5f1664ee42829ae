#pragma once

#include "models/domain/migration.h"
#include "models/domain/result.h"

#include <QString>

#include <memory>
#include <optional>

namespace tc {

class CtlApp;
class PgStore;

// tenantctl migrate ...: plan, run, resume, status, cancel and idmap of the resumable data
// migration jobs (0005_migration_jobs.sql). Uses its CtlApp's command line, output and
// connection helpers, so these commands parse, print and fail like every other one.
class MigrateCommands
{
public:
    explicit MigrateCommands(CtlApp &app) : m_app(app) {}

    // Runs "migrate VERB" with the rest of the command line; nullopt when VERB is none of the
    // migrate commands.
    std::optional<int> run(const QString &verb);

private:
    int plan();
    int runJob();
    int resume();
    int status();
    int cancel();
    int idMap();

    // SOURCE TARGET and the selector options into a request (tenants resolved on `store`'s
    // connection, which is opened here); on failure (also a usage `problem` found before)
    // returns the exit code.
    std::optional<int> takeRequest(const QString &command, std::unique_ptr<PgStore> *store,
                                   MigrationRequest *request, QString *sourcePath, QString *targetPath,
                                   QString *problem);
    // Takes --batch-rows N; nullopt and a usage problem when it is not a sensible number.
    std::optional<int> takeBatchRows(QString *problem);
    // The JOB argument: a job number.
    std::optional<qint64> takeJobId(QString *problem);
    // Runs `job` to its end on `store`, with progress lines and Ctrl+C/SIGTERM pausing it.
    int drive(PgStore &store, const MigrationJob &job, int batchRows);

    CtlApp &m_app;
};

} // namespace tc
