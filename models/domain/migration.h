#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace tc {

// What to move: the memories of `source` whose metadata match `selectorJson` (Selector
// syntax, see selector.h), into `target`.
struct MigrationRequest
{
    QUuid source;
    QUuid target;
    QString selectorJson;
    bool preserveIds = true;      // false: the target gets new ids and the job keeps the mapping
    bool includeMetadata = true;  // false: moved rows get metadata {}
};

// One row of a plan's sample (never the content).
struct MemorySample
{
    QUuid id;
    qint64 sizeBytes = 0;
    QString metadataJson;
    QDateTime createdAt;
};

// A target limit the move would break.
struct QuotaShortfall
{
    QString resource;     // items or storage_bytes
    qint64 limit = 0;     // the target's effective limit
    qint64 used = 0;      // the target's current usage
    qint64 needed = 0;    // what the move adds
};

// The limit check of one resource of the target.
struct MigrationQuotaCheck
{
    QString resource;
    std::optional<qint64> limit;  // nullopt: unlimited
    qint64 used = 0;
    qint64 needed = 0;
    bool exceeds() const { return limit && used + needed > *limit; }
};

struct MigrationPlan
{
    qint64 rows = 0;
    qint64 bytes = 0;
    QList<MemorySample> sample;          // up to kSampleRows, in id order
    QList<MigrationQuotaCheck> quota;    // items and storage_bytes of the target
    QList<QuotaShortfall> shortfalls() const;
    bool blocked() const { return !shortfalls().isEmpty(); }

    static constexpr int kSampleRows = 20;
};

struct MigrationJob
{
    enum class State { Planned, Running, Paused, Cancelled, Failed, Finished };

    qint64 id = 0;
    QUuid source;
    QUuid target;
    QString sourceSlug;
    QString targetSlug;
    QString selectorJson;
    bool preserveIds = true;
    bool includeMetadata = true;
    State state = State::Planned;
    qint64 plannedRows = 0;
    qint64 plannedBytes = 0;
    qint64 movedRows = 0;
    qint64 movedBytes = 0;
    qint64 skippedRows = 0;
    int batches = 0;
    QString createdBy;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime updatedAt;
    QString error;
    qint64 version = 0;
};

// The database's keys ("planned", "running", ...) and back (nullopt for an unknown key).
QString migrationStateKey(MigrationJob::State state);
std::optional<MigrationJob::State> migrationStateFromKey(QStringView key);

} // namespace tc
