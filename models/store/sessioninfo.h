#pragma once

#include <QString>

namespace tc {

// What the console may do, detected from the login's memberships when it connects.
enum class SessionRole { None, App, Auditor, Operator, Owner };

QString sessionRoleKey(SessionRole role);

struct SessionInfo
{
    QString server;        // "host:port/database" as libpq resolved it
    QString serverVersion; // "15.18"
    QString user;          // the login
    SessionRole role = SessionRole::None;
    int schemaVersion = 0; // highest applied migration; 0 = no schema
    int bundledSchemaVersion = 0;

    bool canWrite() const { return role == SessionRole::Operator || role == SessionRole::Owner; }
    bool schemaMissing() const { return schemaVersion == 0; }
    bool schemaOutdated() const { return schemaVersion > 0 && schemaVersion < bundledSchemaVersion; }
    bool schemaTooNew() const { return schemaVersion > bundledSchemaVersion; }
};

} // namespace tc
