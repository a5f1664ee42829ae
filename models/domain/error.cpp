#include "models/domain/error.h"

namespace tc {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation: return QStringLiteral("validation");
    case ErrorKind::Conflict: return QStringLiteral("conflict");
    case ErrorKind::PermissionDenied: return QStringLiteral("permission_denied");
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::QuotaExceeded: return QStringLiteral("quota_exceeded");
    case ErrorKind::InvalidConnectionString: return QStringLiteral("invalid_connection_string");
    case ErrorKind::Unreachable: return QStringLiteral("unreachable");
    case ErrorKind::AuthenticationFailed: return QStringLiteral("authentication_failed");
    case ErrorKind::ConnectionLost: return QStringLiteral("connection_lost");
    case ErrorKind::SchemaMissing: return QStringLiteral("schema_missing");
    case ErrorKind::SchemaOutdated: return QStringLiteral("schema_outdated");
    case ErrorKind::SchemaTooNew: return QStringLiteral("schema_too_new");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ErrorKind::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

int exitCodeFor(ErrorKind kind)
{
    // 1 is left for usage errors of the command line itself.
    switch (kind) {
    case ErrorKind::Validation: return 3;
    case ErrorKind::Conflict: return 4;
    case ErrorKind::PermissionDenied: return 5;
    case ErrorKind::NotFound: return 6;
    case ErrorKind::QuotaExceeded: return 7;
    case ErrorKind::InvalidConnectionString:
    case ErrorKind::Unreachable:
    case ErrorKind::AuthenticationFailed:
    case ErrorKind::ConnectionLost: return 8;
    case ErrorKind::SchemaMissing:
    case ErrorKind::SchemaOutdated:
    case ErrorKind::SchemaTooNew: return 9;
    case ErrorKind::Cancelled: return 10;
    case ErrorKind::Internal: return 2;
    }
    return 2;
}

} // namespace tc
