#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"
#include "models/store/prometheususagesource.h"
#include "models/store/usagesource.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

// Usage history for a profile: its Prometheus server when it names one, else the database.
// The connect dialog checks the same settings before they get here; a profile given on the
// command line or saved by an older version may still be unusable (null and why).
std::unique_ptr<tc::UsageSource> usageSourceFor(const tc::ConnectionProfile &profile, tc::TenantStore *store,
                                                tc::Error *error)
{
    const QString urlText = profile.prometheusUrl.trimmed();
    if (urlText.isEmpty())
        return std::make_unique<tc::StoreUsageSource>(store);
    const tc::Result<QUrl> url = tc::PrometheusUsageSource::parseBaseUrl(urlText);
    if (!url.ok()) {
        if (error)
            *error = url.error();
        return nullptr;
    }
    const QString metric = profile.prometheusMetric.trimmed();
    if (!metric.isEmpty()) {
        const tc::Status checked = tc::PrometheusUsageSource::checkMetricName(metric);
        if (!checked.ok()) {
            if (error)
                *error = checked.error();
            return nullptr;
        }
    }
    tc::PrometheusUsageSource::Options options;
    options.baseUrl = url.value();
    if (!metric.isEmpty())
        options.metric = metric;
    return std::make_unique<tc::PrometheusUsageSource>(options);
}

} // namespace

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

    tc::ui::MainWindow window(&tc::PgStore::forProfile, &usageSourceFor);
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
