#include "ctlapp.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenantctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("TenantConsole"));
    // Progress is printed by the commands themselves; library chatter stays out of scripts.
    QLoggingCategory::setFilterRules(QStringLiteral("tenant.*.info=false"));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return tc::CtlApp(args).run();
}
