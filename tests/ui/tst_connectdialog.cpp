// The connect dialog's optional Prometheus fields: what is accepted (and how it is kept in
// the profile), what is refused before any connection is attempted, and why.

#include "ui/connectdialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace tc;

class TstConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prometheusFields_data();
    void prometheusFields();
    void profileRoundTrip();

private:
    static QPushButton *connectButton(ui::ConnectDialog &dialog)
    {
        for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("&Connect"))
                return b;
        }
        return nullptr;
    }
};

void TstConnectDialog::prometheusFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("keptUrl");    // in the profile, when accepted
    QTest::addColumn<QString>("keptMetric"); // in the profile, when accepted
    QTest::addColumn<QString>("says");       // part of the error, when refused

    QTest::newRow("none") << QString() << QString() << true << QString() << QString() << QString();
    QTest::newRow("metric without a url is dropped")
        << QString() << QStringLiteral("platform_usage") << true << QString() << QString() << QString();
    QTest::newRow("host and port") << QStringLiteral("prometheus:9090") << QString() << true
                                   << QStringLiteral("http://prometheus:9090") << QString() << QString();
    QTest::newRow("https with a prefix") << QStringLiteral(" https://mon.example/prom/ ") << QStringLiteral("tenancy_usage")
                                         << true << QStringLiteral("https://mon.example/prom")
                                         << QStringLiteral("tenancy_usage") << QString();
    QTest::newRow("other scheme") << QStringLiteral("ftp://mon.example") << QString() << false << QString() << QString()
                                  << QStringLiteral("The Prometheus URL is not usable.");
    QTest::newRow("credentials in the url") << QStringLiteral("http://user:secret@mon.example") << QString() << false
                                            << QString() << QString() << QStringLiteral("The Prometheus URL is not usable.");
    QTest::newRow("bad metric") << QStringLiteral("http://127.0.0.1:9090") << QStringLiteral("tenancy usage") << false
                                << QString() << QString() << QStringLiteral("is not a Prometheus metric name");
    QTest::newRow("metric starting with a digit") << QStringLiteral("http://127.0.0.1:9090") << QStringLiteral("9lives")
                                                  << false << QString() << QString()
                                                  << QStringLiteral("is not a Prometheus metric name");
}

void TstConnectDialog::prometheusFields()
{
    QFETCH(QString, url);
    QFETCH(QString, metric);
    QFETCH(bool, accepted);
    QFETCH(QString, keptUrl);
    QFETCH(QString, keptMetric);
    QFETCH(QString, says);

    ui::ConnectDialog dialog;
    ConnectionProfile start;
    start.conninfo = QStringLiteral("host=/nonexistent dbname=x");
    dialog.setProfile(start);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *urlEdit = dialog.findChild<QLineEdit *>(QStringLiteral("prometheusUrl"));
    auto *metricEdit = dialog.findChild<QLineEdit *>(QStringLiteral("prometheusMetric"));
    QVERIFY(urlEdit && metricEdit);
    QVERIFY(!urlEdit->toolTip().isEmpty() && !metricEdit->toolTip().isEmpty());
    urlEdit->setText(url);
    metricEdit->setText(metric);
    QCOMPARE(metricEdit->isEnabled(), !url.trimmed().isEmpty());

    QSignalSpy requested(&dialog, &ui::ConnectDialog::connectRequested);
    QPushButton *connect = connectButton(dialog);
    QVERIFY(connect);
    QTest::mouseClick(connect, Qt::LeftButton);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("connectError"));
    QVERIFY(error);
    if (accepted) {
        QCOMPARE(requested.size(), 1);
        const auto profile = requested.first().first().value<ConnectionProfile>();
        QCOMPARE(profile.prometheusUrl, keptUrl);
        QCOMPARE(profile.prometheusMetric, keptMetric);
        QVERIFY(error->isHidden());
    } else {
        QCOMPARE(requested.size(), 0); // refused before anything is attempted
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(says), qPrintable(error->text()));
        QVERIFY(urlEdit->hasFocus());
    }
}

void TstConnectDialog::profileRoundTrip()
{
    ui::ConnectDialog dialog;
    ConnectionProfile p;
    p.conninfo = QStringLiteral("host=/tmp dbname=x");
    p.prometheusUrl = QStringLiteral("http://127.0.0.1:9090");
    p.prometheusMetric = QStringLiteral("platform_usage");
    dialog.setProfile(p);
    const ConnectionProfile back = dialog.profile();
    QCOMPARE(back.prometheusUrl, p.prometheusUrl);
    QCOMPARE(back.prometheusMetric, p.prometheusMetric);
    QCOMPARE(back.conninfo, p.conninfo);
}

QTEST_MAIN(TstConnectDialog)
#include "tst_connectdialog.moc"
