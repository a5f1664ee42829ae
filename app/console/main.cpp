#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tenant Console"));
    QApplication::setOrganizationName(QStringLiteral("TenantConsole"));
    QApplication::setApplicationVersion(QStringLiteral(TENANT_CONSOLE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tenant-console"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("tenant-console"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Administration console for tenants."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption db(QStringLiteral("db"),
                          QApplication::translate("main", "Connect at start with this libpq connection string."),
                          QStringLiteral("conninfo"));
    parser.addOption(db);
    QCommandLineOption prometheus(QStringLiteral("prometheus"),
                                  QApplication::translate("main", "With --db: read usage history from this Prometheus "
                                                                  "server (e.g. http://127.0.0.1:9090)."),
                                  QStringLiteral("url"));
    parser.addOption(prometheus);
    QCommandLineOption metric(QStringLiteral("prometheus-metric"),
                              QApplication::translate("main", "The Prometheus metric with the usage (default "
                                                              "tenancy_usage)."),
                              QStringLiteral("name"));
    parser.addOption(metric);
    parser.process(app);

    tc::ui::MainWindow window(&tc::PgStore::forProfile);
    window.show();
    if (parser.isSet(db)) {
        tc::ConnectionProfile profile;
        profile.conninfo = parser.value(db);
        profile.prometheusUrl = parser.value(prometheus);
        profile.prometheusMetric = parser.value(metric);
        window.connectTo(profile);
    } else {
        window.showConnectDialog();
    }
    return QApplication::exec();
}
