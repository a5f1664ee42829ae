#pragma once

#include <QList>
#include <QString>

class QTextStream;

namespace tc::bench {

struct MigrationBenchOptions
{
    qint64 rows = 1000000;            // rows the selector matches (and the job moves)
    QList<int> batches{1000, 5000};   // one preserve-ids job per batch size
    int newIdsBatch = 0;              // one job with new ids at this batch size; 0: none
};

// Figures of issue 6: moving `rows` memories between two tenants with the resumable job
// (rows/s, peak memory of this process) against one raw UPDATE ... SET tenant_id with the same
// compiled predicate. Seeds a template database on `server` (a superuser conninfo) once and
// measures every run on a fresh copy of it.
int runMigrationBench(const QString &server, const MigrationBenchOptions &options, QTextStream &out, QTextStream &err);

} // namespace tc::bench
