#pragma once

#include <QString>

class QTextStream;

namespace tc::bench {

// Figures of issue 3: one quota edit from apply to visible in a second console, and a tier
// applied to a 10,000-tenant subtree. Seeds its own databases on `server` (a superuser conninfo).
int runQuotaBench(const QString &server, int runs, bool edits, bool tiers, QTextStream &out, QTextStream &err);

} // namespace tc::bench
