#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace tc {

// A numbered SQL file of resources/sql, compiled into the binary.
struct Migration
{
    int version = 0;
    QString name;       // "0001_init"
    QByteArray sql;
    QByteArray checksum; // sha256 hex of the file
};

struct MigrationStatus
{
    int version = 0;
    QString name;
    bool applied = false;
    bool bundled = true;          // false: applied by a newer release this binary doesn't know
    bool checksumMatches = true;  // the applied file differs from the bundled one
    QDateTime appliedAt;
    QString appliedBy;
};

namespace SchemaMigrator {
QList<Migration> bundled();
int bundledVersion();
} // namespace SchemaMigrator

} // namespace tc
