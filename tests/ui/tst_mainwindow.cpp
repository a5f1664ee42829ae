// The main window offscreen, driven by keyboard and mouse events, on a real seeded database:
// connect, browse, filter, details, status bar, and connections that fail.

#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"
#include "ui/tenanttreepanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTreeView>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_mainwindow_operator");

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void connectsAndShowsTheTree();
    void keyboardSelectionFillsDetails();
    void filterFindsADeepTenant();
    void unreachableServerKeepsTheDialogOpen();
    void malformedConnectionStringIsExplained();
    void cancellingAHangingAttemptLeavesTheWindowUsable();

private:
    bool connectWindow(const QString &conninfo);
    QString label(const char *name) const
    {
        auto *l = m_window->findChild<QLabel *>(QLatin1String(name));
        return l ? l->text() : QString();
    }

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of the test, not of the operator
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_mainwindow"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    DemoSeedOptions options;
    options.tenants = 120;
    options.days = 1;
    options.memoriesPerTenant = 0;
    options.seed = 9;
    QVERIFY2(m_db->seed(options), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
}

void TstMainWindow::init()
{
    m_window = std::make_unique<ui::MainWindow>(&PgStore::forProfile);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TstMainWindow::cleanup()
{
    m_tester.reset();
    m_window.reset();
}

bool TstMainWindow::connectWindow(const QString &conninfo)
{
    QSignalSpy finished(m_window.get(), &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = conninfo;
    m_window->connectTo(profile);
    if (!finished.wait(20000))
        return false;
    return finished.first().first().toBool();
}

void TstMainWindow::connectsAndShowsTheTree()
{
    QVERIFY(connectWindow(m_db->conninfo(kOperator)));
    m_tester = std::make_unique<QAbstractItemModelTester>(m_window->treeModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int topLevel = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE parent_id IS NULL")).toInt();
    QTRY_COMPARE(m_window->treeModel()->rowCount(), topLevel);
    QCOMPARE(m_window->session().role, SessionRole::Operator);
    QTRY_COMPARE(label("statusCount"), QStringLiteral("120 tenants"));
    QCOMPARE(label("statusRole"), QStringLiteral("Role: Operator"));
    QVERIFY(label("statusServer").endsWith(QLatin1String("/tst_mainwindow_") + QString::number(QCoreApplication::applicationPid())));
    QTRY_COMPARE(label("statusFeed"), QStringLiteral("● Live"));
    // The first tenant is selected, so the details pane is never empty after connecting.
    const QString firstName = m_window->treeModel()->index(0, 0).data().toString();
    QTRY_COMPARE(label("detailsTitle"), firstName);
    QVERIFY(m_window->windowTitle().contains(QLatin1String("tst_mainwindow_")));

    // Keep a picture of what an operator sees, for the record (not compared).
    QDir().mkpath(QStringLiteral("screenshots"));
    QVERIFY(m_window->grab().save(QStringLiteral("screenshots/mainwindow.png")));
}

void TstMainWindow::keyboardSelectionFillsDetails()
{
    QVERIFY(connectWindow(m_db->conninfo(kOperator)));
    QTreeView *view = m_window->treePanel()->view();
    QTRY_VERIFY(m_window->treeModel()->rowCount() > 3);
    QTRY_VERIFY(view->currentIndex().isValid());
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 2);
    const QModelIndex third = m_window->treeModel()->index(2, 0);
    QCOMPARE(label("detailsTitle"), third.data().toString());

    // Expand a tenant with sub-tenants with the keyboard: its children load.
    int row = 0;
    while (m_window->treeModel()->index(row, 0).data(TenantTreeModel::ChildCountRole).toInt() == 0)
        ++row;
    const QModelIndex parent = m_window->treeModel()->index(row, 0);
    view->setCurrentIndex(parent);
    QTest::keyClick(view, Qt::Key_Right);
    QTRY_COMPARE(m_window->treeModel()->rowCount(parent), parent.data(TenantTreeModel::ChildCountRole).toInt());
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().parent(), parent);
    QVERIFY(!label("detailsTitle").isEmpty());
    QCOMPARE(label("detailsTitle"), view->currentIndex().data().toString());
}

void TstMainWindow::filterFindsADeepTenant()
{
    QVERIFY(connectWindow(m_db->conninfo(kOperator)));
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const QStringList deep = m_db->rows(QStringLiteral(
        "SELECT t.slug, t.display_name, p.display_name FROM tenancy.tenants t JOIN tenancy.tenants p ON p.id = t.parent_id "
        "WHERE tenancy.depth_of(t.id) = 3 AND NOT EXISTS (SELECT 1 FROM tenancy.tenants o WHERE o.id <> t.id AND "
        "lower(o.slug || ' ' || o.display_name) LIKE '%' || t.slug || '%') ORDER BY t.slug LIMIT 1"));
    if (deep.isEmpty())
        QSKIP("the seed has no uniquely named tenant at depth 3");
    const QStringList parts = deep.first().split(u'|');

    QLineEdit *filter = m_window->treePanel()->filterEdit();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    QSignalSpy applied(m_window->treeModel(), &TenantTreeModel::filterApplied);
    QTest::keyClicks(filter, parts.at(0));
    QVERIFY(applied.wait(10000));
    QCOMPARE(applied.last().at(1).toInt(), 1);
    // The match is selected, its ancestors expanded, and the details show its path.
    QTreeView *view = m_window->treePanel()->view();
    QCOMPARE(view->currentIndex().data(TenantTreeModel::SlugRole).toString(), parts.at(0));
    QVERIFY(view->isExpanded(view->currentIndex().parent()));
    QCOMPARE(label("detailsTitle"), parts.at(1));

    // Escape clears the filter and brings the whole top level back.
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    const int topLevel = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE parent_id IS NULL")).toInt();
    QTRY_COMPARE(m_window->treeModel()->rowCount(), topLevel);
}

void TstMainWindow::unreachableServerKeepsTheDialogOpen()
{
    QVERIFY(!connectWindow(QStringLiteral("host=/tmp/tc-nowhere port=5432 dbname=x user=x")));
    auto *dialog = m_window->findChild<ui::ConnectDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("connectError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QLatin1String("Could not reach the database server.")), qPrintable(error->text()));
    // What was typed is still there, and the window is still usable.
    QCOMPARE(dialog->profile().conninfo, QStringLiteral("host=/tmp/tc-nowhere port=5432 dbname=x user=x"));
    QCOMPARE(label("statusServer"), QStringLiteral("Not connected"));

    // A good connection from the same dialog closes it.
    QSignalSpy finished(m_window.get(), &ui::MainWindow::connectionFinished);
    dialog->setProfile([&] {
        ConnectionProfile p;
        p.conninfo = m_db->conninfo(kOperator);
        return p;
    }());
    QMetaObject::invokeMethod(dialog, [dialog] { Q_EMIT dialog->connectRequested(dialog->profile(), QString()); });
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(!m_window->findChild<ui::ConnectDialog *>() || !m_window->findChild<ui::ConnectDialog *>()->isVisible());
}

void TstMainWindow::malformedConnectionStringIsExplained()
{
    QVERIFY(!connectWindow(QStringLiteral("host=localhost port")));
    auto *dialog = m_window->findChild<ui::ConnectDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    const QString text = dialog->findChild<QLabel *>(QStringLiteral("connectError"))->text();
    QCOMPARE(text, QStringLiteral("The connection settings are not valid. Check them and try again."));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("connectError"))->toolTip().contains(QLatin1String("missing \"=\"")));
}

void TstMainWindow::cancellingAHangingAttemptLeavesTheWindowUsable()
{
    // A server that accepts and never answers: libpq waits until its connect timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection())
            held << s;
    });
    QSignalSpy finished(m_window.get(), &ui::MainWindow::connectionFinished);
    ConnectionProfile hanging;
    hanging.conninfo = QStringLiteral("host=127.0.0.1 port=%1 dbname=x user=x connect_timeout=3").arg(silent.serverPort());
    m_window->connectTo(hanging);
    QTRY_VERIFY(!held.isEmpty()); // the attempt is under way on a worker thread

    // The operator gives up: the dialog's Cancel abandons the attempt without waiting for it.
    m_window->showConnectDialog();
    auto *dialog = m_window->findChild<ui::ConnectDialog *>();
    QVERIFY(dialog);
    dialog->reject();
    // Had Cancel waited for the attempt (libpq's 3 s timeout), libpq would have closed its
    // end by now; it is still waiting on a worker thread.
    QCoreApplication::processEvents();
    QCOMPARE(held.first()->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(label("statusServer"), QStringLiteral("Not connected"));
    QCOMPARE(finished.count(), 0);

    // The window works on: a real connection succeeds while the abandoned one times out.
    QVERIFY(connectWindow(m_db->conninfo(kOperator)));
    QTRY_VERIFY(m_window->treeModel()->rowCount() > 0);
    // The abandoned attempt ends quietly (no error dialog, no second result).
    QTest::qWait(3500);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!m_window->findChild<ui::ConnectDialog *>() || !m_window->findChild<ui::ConnectDialog *>()->isVisible());
    qDeleteAll(held);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
