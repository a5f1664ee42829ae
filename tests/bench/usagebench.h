#pragma once

#include <QString>

class QTextStream;

namespace tc::bench {

// Figures of issue 4: a year of hourly usage, 10 series of one tenant (8,760 points each):
// the database's aggregation, client-side downsampling of the raw samples, request to painted
// chart (offscreen), points drawn, and psql fetching the raw year as the reference.
int runUsageBench(const QString &server, int runs, QTextStream &out, QTextStream &err);

} // namespace tc::bench
