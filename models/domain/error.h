#pragma once

#include <QString>

namespace tc {

// What went wrong, in terms a caller can act on. Only ui/ turns a kind into translated words;
// `message` is a precise English sentence for logs and the command line.
enum class ErrorKind {
    Validation,              // input breaks a rule (name, quota, hierarchy)
    Conflict,                // the row changed since it was read (version moved)
    PermissionDenied,        // the login's role may not do this
    NotFound,
    QuotaExceeded,
    InvalidConnectionString, // the conninfo could not be parsed
    Unreachable,             // no server answered (host, port, socket, timeout)
    AuthenticationFailed,    // wrong user or password
    ConnectionLost,          // the connection broke during a call; a write may or may not have happened
    SchemaMissing,           // the database has no tenancy schema yet
    SchemaOutdated,          // migrations are pending
    SchemaTooNew,            // the database was migrated by a newer release
    Cancelled,
    Internal,
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;      // one sentence: what is wrong and what to do
    QString detail = {};  // the server's own text, for a "details" expander and logs

    static Error validation(const QString &message) { return {ErrorKind::Validation, message}; }
};

// Stable identifier for scripts (`tenantctl --json`) and logs.
QString errorKindName(ErrorKind kind);

// Exit codes of tenantctl, one per kind family, so scripts can branch on them.
int exitCodeFor(ErrorKind kind);

} // namespace tc
