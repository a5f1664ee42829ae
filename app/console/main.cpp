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
    parser.process(app);

    tc::ui::MainWindow window(&tc::PgStore::forProfile);
    window.show();
    if (parser.isSet(db)) {
        tc::ConnectionProfile profile;
        profile.conninfo = parser.value(db);
        window.connectTo(profile);
    } else {
        window.showConnectDialog();
    }
    return QApplication::exec();
}
