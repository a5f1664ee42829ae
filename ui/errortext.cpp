#include "ui/errortext.h"

#include <QCoreApplication>

namespace tc::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("tc::ui::ErrorText", text);
}
} // namespace

QString errorTitle(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::InvalidConnectionString:
    case ErrorKind::Unreachable:
    case ErrorKind::AuthenticationFailed:
    case ErrorKind::ConnectionLost: return tr("Connection problem");
    case ErrorKind::SchemaMissing:
    case ErrorKind::SchemaOutdated:
    case ErrorKind::SchemaTooNew: return tr("Database schema");
    case ErrorKind::PermissionDenied: return tr("Not permitted");
    case ErrorKind::Validation: return tr("Invalid input");
    case ErrorKind::Conflict: return tr("Changed by someone else");
    case ErrorKind::NotFound: return tr("Not found");
    case ErrorKind::QuotaExceeded: return tr("Quota exceeded");
    case ErrorKind::Cancelled: return tr("Cancelled");
    case ErrorKind::Internal: return tr("Unexpected error");
    }
    return tr("Error");
}

QString errorText(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::InvalidConnectionString:
        return tr("The connection settings are not valid. Check them and try again.");
    case ErrorKind::Unreachable:
        return tr("Could not reach the database server. Check the host and port, and that PostgreSQL is "
                  "running and accepts connections from this computer.");
    case ErrorKind::AuthenticationFailed:
        return tr("The server refused the user name or password. Check them and try again.");
    case ErrorKind::ConnectionLost:
        return tr("The connection to the server was lost. It is re-opened on the next action; a change "
                  "that was being saved may or may not have been saved, so reload before trying again.");
    case ErrorKind::SchemaMissing:
        return tr("This database has no Tenant Console schema yet. Ask the database owner to run "
                  "\"tenantctl db migrate\", or connect as the owner to set it up from here.");
    case ErrorKind::SchemaOutdated:
        return tr("This database needs a schema upgrade before the console can use it. Ask the database "
                  "owner to run \"tenantctl db migrate\".");
    case ErrorKind::SchemaTooNew:
        return tr("This database was upgraded by a newer release of Tenant Console. Install the newer "
                  "release to use it.");
    case ErrorKind::NotFound:
        if (!error.message.isEmpty())
            break;
        return tr("The item no longer exists; another session may have removed it.");
    case ErrorKind::PermissionDenied:
        return tr("Your database role does not allow this. Ask an administrator for the operator role.");
    case ErrorKind::Conflict:
        return tr("Someone else changed this at the same time. Reload and try again.");
    case ErrorKind::Validation:
    case ErrorKind::QuotaExceeded:
    case ErrorKind::Cancelled:
    case ErrorKind::Internal:
        break;
    }
    // The store's sentence names the exact rule or object (e.g. which limit, which database).
    return error.message;
}

QString usageErrorText(const Error &error, bool fromPrometheus)
{
    if (!fromPrometheus)
        return errorText(error);
    // The source's sentence names the URL and what to check; a lead says what it is about.
    QString lead;
    switch (error.kind) {
    case ErrorKind::Unreachable: lead = tr("Could not get the usage from the Prometheus server."); break;
    case ErrorKind::PermissionDenied: lead = tr("The Prometheus server refused access."); break;
    case ErrorKind::Validation: lead = tr("The Prometheus server refused the usage query."); break;
    case ErrorKind::Internal: lead = tr("The Prometheus server's answer could not be read."); break;
    default: return errorText(error);
    }
    return error.message.isEmpty() ? lead : lead + u'\n' + error.message;
}

QString errorSummary(const Error &error)
{
    if (error.kind == ErrorKind::Validation || error.kind == ErrorKind::QuotaExceeded)
        return errorText(error);
    return errorTitle(error) + QStringLiteral(". ") + errorText(error);
}

QString errorBannerStyle()
{
    return QStringLiteral("QLabel { color: palette(bright-text); background: #b3261e; border-radius: 4px; padding: 6px; }");
}

} // namespace tc::ui
