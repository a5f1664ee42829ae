#include "models/domain/migration.h"

namespace tc {

QList<QuotaShortfall> MigrationPlan::shortfalls() const
{
    QList<QuotaShortfall> out;
    for (const MigrationQuotaCheck &c : quota) {
        if (c.exceeds())
            out.append(QuotaShortfall{c.resource, *c.limit, c.used, c.needed});
    }
    return out;
}

QString migrationStateKey(MigrationJob::State state)
{
    switch (state) {
    case MigrationJob::State::Planned: return QStringLiteral("planned");
    case MigrationJob::State::Running: return QStringLiteral("running");
    case MigrationJob::State::Paused: return QStringLiteral("paused");
    case MigrationJob::State::Cancelled: return QStringLiteral("cancelled");
    case MigrationJob::State::Failed: return QStringLiteral("failed");
    case MigrationJob::State::Finished: return QStringLiteral("finished");
    }
    return {};
}

std::optional<MigrationJob::State> migrationStateFromKey(QStringView key)
{
    for (auto s : {MigrationJob::State::Planned, MigrationJob::State::Running, MigrationJob::State::Paused,
                   MigrationJob::State::Cancelled, MigrationJob::State::Failed, MigrationJob::State::Finished}) {
        if (key == migrationStateKey(s))
            return s;
    }
    return std::nullopt;
}

} // namespace tc
