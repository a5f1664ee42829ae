#include "models/store/sessioninfo.h"

namespace tc {

QString sessionRoleKey(SessionRole role)
{
    switch (role) {
    case SessionRole::None: return QStringLiteral("none");
    case SessionRole::App: return QStringLiteral("app");
    case SessionRole::Auditor: return QStringLiteral("auditor");
    case SessionRole::Operator: return QStringLiteral("operator");
    case SessionRole::Owner: return QStringLiteral("owner");
    }
    return QStringLiteral("none");
}

} // namespace tc
