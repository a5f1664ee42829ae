// The lifecycle dialog on a real database, offscreen, opened the way an operator opens it
// (select in the tree, pick the action): the delete confirmation (exact slug, a reason, Enter
// never deletes), the preview's consequences, a deletion that really happens, refusals the
// database reports before anything runs (a protected sub-tenant, the deletion cap, a version
// that moved), a bulk suspend that leaves out what it can't change, and a restore from the
// "Show deleted" tree.

#include "models/items/lifecyclehistorymodel.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/lifecycledialog.h"
#include "ui/lifecycletimeline.h"
#include "ui/mainwindow.h"
#include "ui/tenantactions.h"
#include "ui/tenantdetailspane.h"
#include "ui/tenanttreepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_lifecycledialog_operator");

} // namespace

class TstLifecycleDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void deleteNeedsTheExactSlugAndAReason();
    void protectedSubTenantRefusesThePreview();
    void protectedTenantCannotBeChosen();
    void deletionCapRefusesThePreview();
    void movedVersionIsAConflict();
    void bulkSuspendLeavesOutWhatItCantChange();
    void stopRollsBackAndKeepsTheReason();
    void restoresADeletedTenantFromShowDeleted();
    void timelineShowsTheTransitions();

private:
    bool connectAs(const QString &login);
    QString sql(const QString &query) const { return m_db->scalar(query).toString(); }
    QString idOf(const QString &slug) const
    {
        return sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
    }
    QString stateOf(const QString &slug) const
    {
        return sql(QStringLiteral("SELECT state FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
    }
    bool select(const QString &slug, QItemSelectionModel::SelectionFlags how = QItemSelectionModel::ClearAndSelect);
    QAction *action(LifecycleAction which) const { return m_window->tenantActions()->lifecycleAction(which); }
    // Triggers the action and returns its dialog once the preview has answered.
    ui::LifecycleDialog *openDialog(LifecycleAction which);
    template<typename T>
    static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }
    void saveShot(QWidget *widget, const QString &name);

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstLifecycleDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_lifecycledialog"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));

    const auto add = [this](const QString &slug, const QString &parent = {}, const QString &settings = QStringLiteral("{}")) {
        const QString parentId = parent.isEmpty() ? QStringLiteral("NULL")
                                                  : QStringLiteral("(SELECT id FROM tenancy.tenants WHERE slug = '%1')").arg(parent);
        return m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name, parent_id, settings) "
                                         "VALUES ('%1', initcap(replace('%1', '-', ' ')), %2, '%3')")
                              .arg(slug, parentId, settings));
    };
    // doomed: three sub-tenants, two levels deep, and some data.
    QCOMPARE(add(QStringLiteral("doomed"), {}, QStringLiteral(R"({"retention_days": 30})")), QString());
    QCOMPARE(add(QStringLiteral("doomed-a"), QStringLiteral("doomed")), QString());
    QCOMPARE(add(QStringLiteral("doomed-b"), QStringLiteral("doomed")), QString());
    QCOMPARE(add(QStringLiteral("doomed-a-1"), QStringLiteral("doomed-a")), QString());
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content) SELECT t.id, repeat('x', 1000) "
                                       "FROM tenancy.tenants t, generate_series(1, 5) WHERE t.slug IN ('doomed', 'doomed-a-1')")),
             QString());
    QCOMPARE(add(QStringLiteral("guarded-parent")), QString());
    QCOMPARE(add(QStringLiteral("guarded-kid"), QStringLiteral("guarded-parent"), QStringLiteral(R"({"prevent_deletion": true})")),
             QString());
    QCOMPARE(add(QStringLiteral("guarded"), {}, QStringLiteral(R"({"prevent_deletion": true})")), QString());
    QCOMPARE(add(QStringLiteral("capped")), QString());
    QCOMPARE(add(QStringLiteral("racy")), QString());
    QCOMPARE(add(QStringLiteral("pausable")), QString());
    QCOMPARE(add(QStringLiteral("pausable-kid"), QStringLiteral("pausable")), QString());
    QCOMPARE(add(QStringLiteral("paused")), QString());
    QCOMPARE(add(QStringLiteral("stoppable")), QString());
    QCOMPARE(add(QStringLiteral("stoppable-kid"), QStringLiteral("stoppable")), QString());
    QCOMPARE(add(QStringLiteral("comeback")), QString());
    QCOMPARE(add(QStringLiteral("comeback-kid"), QStringLiteral("comeback")), QString());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'set up', true); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'paused'")),
             QString());
    // Enough room under the deletion cap for the deletions here (a test sets it to 0).
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());
}

void TstLifecycleDialog::init()
{
    m_window = std::make_unique<ui::MainWindow>(&PgStore::forProfile);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(connectAs(kOperator));
}

void TstLifecycleDialog::cleanup()
{
    m_tester.reset();
    m_window.reset();
}

bool TstLifecycleDialog::connectAs(const QString &login)
{
    QSignalSpy finished(m_window.get(), &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(login);
    m_window->connectTo(profile);
    if (!finished.wait(20000) || !finished.first().first().toBool())
        return false;
    m_tester = std::make_unique<QAbstractItemModelTester>(m_window->treeModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    // Deleted tenants are only listed with "Show deleted".
    const int topLevel = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE parent_id IS NULL "
                                                     "AND state <> 'deleted'")).toInt();
    return QTest::qWaitFor([&] { return m_window->treeModel()->rowCount() == topLevel; }, 10000);
}

bool TstLifecycleDialog::select(const QString &slug, QItemSelectionModel::SelectionFlags how)
{
    const QUuid id = QUuid::fromString(idOf(slug));
    QTreeView *view = m_window->treePanel()->view();
    // Sub-tenants load when their parent is expanded.
    QModelIndex index;
    const auto find = [&] {
        index = m_window->treeModel()->indexOf(id);
        if (index.isValid())
            return true;
        for (int row = 0; row < m_window->treeModel()->rowCount(); ++row)
            view->expand(m_window->treeModel()->index(row, 0));
        return false;
    };
    if (!QTest::qWaitFor(find, 10000))
        return false;
    view->selectionModel()->setCurrentIndex(index, how | QItemSelectionModel::Rows);
    return true;
}

ui::LifecycleDialog *TstLifecycleDialog::openDialog(LifecycleAction which)
{
    QAction *a = action(which);
    if (!a->isEnabled()) {
        qWarning("%s is disabled: %s", qPrintable(a->text()), qPrintable(a->toolTip()));
        return nullptr;
    }
    a->trigger();
    ui::LifecycleDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            for (auto *d : m_window->findChildren<ui::LifecycleDialog *>()) {
                if (d->isVisible())
                    dialog = d;
            }
            return dialog != nullptr;
        },
        10000);
    if (!shown || !QTest::qWaitFor([&] { return !dialog->isPreviewing(); }, 20000))
        return nullptr;
    return dialog;
}

void TstLifecycleDialog::saveShot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("screenshots"));
    widget->grab().save(QStringLiteral("screenshots/%1.png").arg(name));
}

void TstLifecycleDialog::deleteNeedsTheExactSlugAndAReason()
{
    QVERIFY(select(QStringLiteral("doomed")));
    QTRY_VERIFY(action(LifecycleAction::Delete)->isEnabled());
    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Delete);
    QVERIFY(dialog);
    QCOMPARE(dialog->expectedConfirmation(), QStringLiteral("doomed"));

    // The preview counts the subtree and the data, and says when the purge comes.
    const QString consequences = child<QLabel>(dialog, "consequences")->text();
    QVERIFY2(consequences.contains(QLatin1String("<b>4 tenants</b> change to deleted")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("<b>3 sub-tenants carried along</b>")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("<b>10 memories</b>")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("30-day retention period")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("deletions are left in the 30-day window")), qPrintable(consequences));
    QVERIFY(!child<QLabel>(dialog, "refusal")->isVisible());
    auto *changes = child<QTreeWidget>(dialog, "previewChanges");
    QVERIFY(changes->isVisible());
    QCOMPARE(changes->topLevelItemCount(), 4);
    QCOMPARE(changes->topLevelItem(0)->text(0), QStringLiteral("doomed"));
    QVERIFY(changes->topLevelItem(0)->text(3).isEmpty());
    QCOMPARE(changes->topLevelItem(1)->text(3), QStringLiteral("doomed"));

    auto *run = child<QPushButton>(dialog, "runButton");
    auto *reason = child<QPlainTextEdit>(dialog, "reason");
    auto *confirmation = child<QLineEdit>(dialog, "confirmation");
    QCOMPARE(run->text(), QStringLiteral("Delete doomed"));
    QVERIFY(!run->isDefault());
    QVERIFY(!run->autoDefault());
    QVERIFY(!run->isEnabled());
    QVERIFY(reason->hasFocus());

    // Slug without a reason: still disabled.
    QTest::keyClicks(confirmation, QStringLiteral("doomed"));
    QVERIFY(!run->isEnabled());
    confirmation->clear();

    QTest::keyClicks(reason, QStringLiteral("Contract ended"));
    QVERIFY(!run->isEnabled());
    // Wrong case, an extra character, a prefix: all refused.
    for (const QString &typed : {QStringLiteral("Doomed"), QStringLiteral("DOOMED"), QStringLiteral("doomed "),
                                 QStringLiteral("doomedx"), QStringLiteral("doome")}) {
        confirmation->clear();
        QTest::keyClicks(confirmation, typed);
        QVERIFY2(!run->isEnabled(), qPrintable(typed));
    }
    // A mistake is pointed out, a slug on its way isn't.
    QVERIFY(!child<QLabel>(dialog, "confirmationHint")->isVisible()); // "doome"
    QTest::keyClicks(confirmation, QStringLiteral("x"));
    QVERIFY(child<QLabel>(dialog, "confirmationHint")->isVisible());
    QCOMPARE(child<QLabel>(dialog, "confirmationHint")->text(), QStringLiteral("That is not the slug (letter case counts)."));
    confirmation->clear();
    QTest::keyClicks(confirmation, QStringLiteral("doomed"));
    QVERIFY(run->isEnabled());
    QVERIFY(!child<QLabel>(dialog, "confirmationHint")->isVisible());

    // A blank reason doesn't count.
    reason->clear();
    QTest::keyClicks(reason, QStringLiteral("   "));
    QVERIFY(!run->isEnabled());
    reason->clear();
    QTest::keyClicks(reason, QStringLiteral("Contract ended"));
    QVERIFY(run->isEnabled());
    saveShot(dialog, QStringLiteral("lifecycle-delete-ready"));

    // Enter in the confirmation field deletes nothing.
    QTest::keyClick(confirmation, Qt::Key_Return);
    QCoreApplication::processEvents();
    QVERIFY(dialog->isVisible());
    QCOMPARE(stateOf(QStringLiteral("doomed")), QStringLiteral("active"));

    QSignalSpy changed(dialog, &ui::LifecycleDialog::changed);
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(changed.wait(20000));
    const auto report = changed.first().first().value<LifecycleReport>();
    QVERIFY(report.committed);
    QCOMPARE(report.changes.size(), 4);
    QVERIFY(child<QLabel>(dialog, "summaryTitle")->isVisible());
    QCOMPARE(child<QLabel>(dialog, "summaryTitle")->text(),
             QStringLiteral("4 tenants are now deleted, 3 of them sub-tenants carried along."));
    QVERIFY(!run->isVisible());
    saveShot(dialog, QStringLiteral("lifecycle-delete-done"));

    // Really deleted, the whole subtree, with the purge 30 days out and the reason recorded.
    QCOMPARE(m_db->rows(QStringLiteral("SELECT slug, state, purge_after IS NOT NULL FROM tenancy.tenants "
                                       "WHERE slug LIKE 'doomed%' ORDER BY slug")),
             QStringList({QStringLiteral("doomed|deleted|t"), QStringLiteral("doomed-a|deleted|t"),
                          QStringLiteral("doomed-a-1|deleted|t"), QStringLiteral("doomed-b|deleted|t")}));
    QCOMPARE(sql(QStringLiteral("SELECT round(extract(epoch FROM purge_after - state_changed_at) / 86400) "
                                "FROM tenancy.tenants WHERE slug = 'doomed'")),
             QStringLiteral("30"));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT e.reason, e.actor, e.cascade_root IS NULL FROM tenancy.lifecycle_events e "
                                       "JOIN tenancy.tenants t ON t.id = e.tenant_id WHERE t.slug IN ('doomed', 'doomed-a-1') "
                                       "AND e.to_state = 'deleted' ORDER BY t.slug")),
             QStringList({QStringLiteral("Contract ended|%1|t").arg(kOperator),
                          QStringLiteral("Contract ended|%1|f").arg(kOperator)}));
    // And the tree lets go of it (deleted tenants aren't shown by default).
    QTRY_VERIFY(!m_window->treeModel()->indexOf(QUuid::fromString(idOf(QStringLiteral("doomed")))).isValid());
    dialog->reject();
}

void TstLifecycleDialog::protectedSubTenantRefusesThePreview()
{
    // The parent itself isn't protected, so Delete is offered; the database refuses because
    // of the sub-tenant, and the dialog says so before anything runs.
    QVERIFY(select(QStringLiteral("guarded-parent")));
    QTRY_VERIFY(action(LifecycleAction::Delete)->isEnabled());
    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Delete);
    QVERIFY(dialog);
    auto *refusal = child<QLabel>(dialog, "refusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().startsWith(QLatin1String("<b>The database would refuse this.</b>")), qPrintable(refusal->text()));
    QVERIFY2(refusal->text().contains(QLatin1String("guarded-kid")), qPrintable(refusal->text()));
    QVERIFY2(refusal->text().contains(QLatin1String("protected from deletion")), qPrintable(refusal->text()));
    auto *run = child<QPushButton>(dialog, "runButton");
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "reason"), QStringLiteral("Cleanup"));
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmation"), QStringLiteral("guarded-parent"));
    QVERIFY(!run->isEnabled());
    QCOMPARE(run->toolTip(), QStringLiteral("The database would refuse this; see above."));
    saveShot(dialog, QStringLiteral("lifecycle-delete-refused"));
    dialog->reject();
    QCOMPARE(stateOf(QStringLiteral("guarded-parent")), QStringLiteral("active"));
    QCOMPARE(stateOf(QStringLiteral("guarded-kid")), QStringLiteral("active"));
}

void TstLifecycleDialog::protectedTenantCannotBeChosen()
{
    // A protected tenant: Delete is off, and its tooltip says why and what to do.
    QVERIFY(select(QStringLiteral("guarded")));
    QAction *del = action(LifecycleAction::Delete);
    QTRY_VERIFY(!del->isEnabled());
    QVERIFY2(del->toolTip().contains(QLatin1String("guarded is protected from deletion; clear \"Prevent deletion\"")),
             qPrintable(del->toolTip()));
    QVERIFY(action(LifecycleAction::Suspend)->isEnabled());

    // Opened anyway (say, from a stale selection), the database's preview refuses it.
    const Tenant tenant = m_window->treeModel()->tenantAt(m_window->treePanel()->view()->currentIndex());
    ui::LifecycleDialog dialog(m_window->store(), LifecycleAction::Delete, {{tenant, QStringLiteral("guarded")}}, {},
                               m_window.get());
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewing(), 20000);
    auto *refusal = child<QLabel>(&dialog, "refusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(QLatin1String("Tenant &quot;guarded&quot; is protected from deletion.")),
             qPrintable(refusal->text()));
    QVERIFY(!child<QPushButton>(&dialog, "runButton")->isEnabled());
}

void TstLifecycleDialog::deletionCapRefusesThePreview()
{
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 0")), QString());
    QVERIFY(select(QStringLiteral("capped")));
    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Delete);
    QVERIFY(dialog);
    const QString consequences = child<QLabel>(dialog, "consequences")->text();
    QVERIFY2(consequences.contains(QLatin1String("Deletions are switched off")), qPrintable(consequences));
    auto *refusal = child<QLabel>(dialog, "refusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(QLatin1String("cap")), qPrintable(refusal->text()));
    QVERIFY(!child<QPushButton>(dialog, "runButton")->isEnabled());
    saveShot(dialog, QStringLiteral("lifecycle-delete-capped"));
    dialog->reject();
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());
    QCOMPARE(stateOf(QStringLiteral("capped")), QStringLiteral("active"));
}

void TstLifecycleDialog::movedVersionIsAConflict()
{
    QVERIFY(select(QStringLiteral("racy")));
    // Someone else edits it after the tree read it, before the dialog asks.
    const Tenant seen = m_window->treeModel()->tenantAt(m_window->treePanel()->view()->currentIndex());
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Racy Elsewhere' WHERE slug = 'racy'")),
             QString());
    ui::LifecycleDialog dialog(m_window->store(), LifecycleAction::Suspend, {{seen, QStringLiteral("racy")}}, {},
                               m_window.get());
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewing(), 20000);
    auto *refusal = child<QLabel>(&dialog, "refusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(QLatin1String("reload the tree (F5)")), qPrintable(refusal->text()));
    QVERIFY(!child<QPushButton>(&dialog, "runButton")->isEnabled());
    QCOMPARE(stateOf(QStringLiteral("racy")), QStringLiteral("active"));
}

void TstLifecycleDialog::bulkSuspendLeavesOutWhatItCantChange()
{
    QVERIFY(select(QStringLiteral("pausable")));
    QVERIFY(select(QStringLiteral("paused"), QItemSelectionModel::Select));
    QAction *suspend = action(LifecycleAction::Suspend);
    QTRY_VERIFY(suspend->isEnabled());
    QCOMPARE(suspend->toolTip(), QStringLiteral("Suspend 1 of the 2 selected tenants; the others can't be"));
    QVERIFY(action(LifecycleAction::Resume)->isEnabled()); // "paused" can be resumed
    QVERIFY(!action(LifecycleAction::Restore)->isEnabled());

    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Suspend);
    QVERIFY(dialog);
    QCOMPARE(dialog->request().tenants.size(), 1);
    auto *leftOut = child<QLabel>(dialog, "lifecycleLeftOut");
    QVERIFY(leftOut->isVisible());
    QVERIFY2(leftOut->text().contains(QLatin1String("paused is already suspended.")), qPrintable(leftOut->text()));
    const QString consequences = child<QLabel>(dialog, "consequences")->text();
    QVERIFY2(consequences.contains(QLatin1String("<b>1 sub-tenant carried along</b>")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("All data is kept")), qPrintable(consequences));
    auto *run = child<QPushButton>(dialog, "runButton");
    QCOMPARE(run->text(), QStringLiteral("Suspend pausable"));
    QVERIFY(run->isDefault()); // not a deletion: Enter may run it
    QVERIFY(!child<QLineEdit>(dialog, "confirmation")->isVisible());
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "reason"), QStringLiteral("Unpaid invoice"));
    QVERIFY(run->isEnabled());
    saveShot(dialog, QStringLiteral("lifecycle-suspend-bulk"));
    QSignalSpy changed(dialog, &ui::LifecycleDialog::changed);
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(changed.wait(20000));
    QCOMPARE(stateOf(QStringLiteral("pausable")), QStringLiteral("suspended"));
    QCOMPARE(stateOf(QStringLiteral("pausable-kid")), QStringLiteral("suspended"));
    QCOMPARE(sql(QStringLiteral("SELECT p.slug FROM tenancy.tenants t JOIN tenancy.tenants p ON p.id = t.held_by "
                                "WHERE t.slug = 'pausable-kid'")),
             QStringLiteral("pausable"));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible());

    // The held sub-tenant can't be resumed on its own; the tooltip names what holds it.
    QVERIFY(select(QStringLiteral("pausable-kid")));
    QTRY_COMPARE(m_window->treePanel()->view()->currentIndex().data(TenantTreeModel::StateRole).toString(),
                 QStringLiteral("suspended"));
    QAction *resume = action(LifecycleAction::Resume);
    QVERIFY(!resume->isEnabled());
    QVERIFY2(resume->toolTip().contains(QLatin1String("pausable-kid is suspended because pausable is")),
             qPrintable(resume->toolTip()));
}

void TstLifecycleDialog::stopRollsBackAndKeepsTheReason()
{
    QVERIFY(select(QStringLiteral("stoppable")));
    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Suspend);
    QVERIFY(dialog);
    // Another session holds the sub-tenant's row, so the transition is still waiting when
    // Stop is pressed.
    const QString lockName = QStringLiteral("tst_lifecycledialog_lock");
    QProcess locker;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGAPPNAME"), lockName);
    locker.setProcessEnvironment(env);
    locker.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), m_db->conninfo(),
                                          QStringLiteral("-c"),
                                          QStringLiteral("BEGIN; SELECT 1 FROM tenancy.tenants WHERE slug = 'stoppable-kid' "
                                                         "FOR UPDATE; SELECT pg_sleep(120); COMMIT;")});
    QTRY_COMPARE_WITH_TIMEOUT(sql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1' "
                                                 "AND wait_event = 'PgSleep'")
                                      .arg(lockName)),
                              QStringLiteral("1"), 10000);

    auto *reason = child<QPlainTextEdit>(dialog, "reason");
    QTest::keyClicks(reason, QStringLiteral("Maintenance window"));
    auto *run = child<QPushButton>(dialog, "runButton");
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(!run->isEnabled());
    QVERIFY(reason->isReadOnly());
    auto *stop = child<QPushButton>(dialog, "cancelButton");
    QCOMPARE(stop->text(), QStringLiteral("&Stop"));
    QVERIFY(child<QProgressBar>(dialog, "lifecycleProgress")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(sql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                                 "AND datname = current_database()")),
                              QStringLiteral("1"), 10000); // the transition waits for the row
    saveShot(dialog, QStringLiteral("lifecycle-running"));
    // Esc is Stop while it runs, not Close.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(child<QLabel>(dialog, "lifecycleProgressText")->text(), QStringLiteral("Stopping…"));
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '%1'")
                            .arg(lockName)),
             QString());
    auto *error = child<QLabel>(dialog, "lifecycleError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY(!dialog->isRunning());
    QCOMPARE(error->text(), QStringLiteral("Stopped. Nothing was changed."));
    QCOMPARE(stop->text(), QStringLiteral("Cancel"));
    // Nothing changed, and what was typed is still there to try again.
    QCOMPARE(stateOf(QStringLiteral("stoppable")), QStringLiteral("active"));
    QCOMPARE(stateOf(QStringLiteral("stoppable-kid")), QStringLiteral("active"));
    QCOMPARE(reason->toPlainText(), QStringLiteral("Maintenance window"));
    QVERIFY(!reason->isReadOnly());
    QVERIFY(run->isEnabled());
    locker.waitForFinished(10000);
    dialog->reject();
}

void TstLifecycleDialog::restoresADeletedTenantFromShowDeleted()
{
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'gone for now', true); "
                                       "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'comeback'")),
             QString());
    const QUuid id = QUuid::fromString(idOf(QStringLiteral("comeback")));
    QTRY_VERIFY(!m_window->treeModel()->indexOf(id).isValid());
    QAction *showDeleted = m_window->treePanel()->showDeletedAction();
    QVERIFY(!showDeleted->isChecked());
    showDeleted->trigger();
    QVERIFY(m_window->treeModel()->showDeleted());
    QVERIFY(select(QStringLiteral("comeback")));
    QTRY_VERIFY(action(LifecycleAction::Restore)->isEnabled());
    QVERIFY(!action(LifecycleAction::Delete)->isEnabled());
    QVERIFY(!action(LifecycleAction::Suspend)->isEnabled());

    ui::LifecycleDialog *dialog = openDialog(LifecycleAction::Restore);
    QVERIFY(dialog);
    const QString consequences = child<QLabel>(dialog, "consequences")->text();
    QVERIFY2(consequences.contains(QLatin1String("<b>2 tenants</b> change to active")), qPrintable(consequences));
    QVERIFY2(consequences.contains(QLatin1String("scheduled purge is cancelled")), qPrintable(consequences));
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "reason"), QStringLiteral("Customer is back"));
    QSignalSpy changed(dialog, &ui::LifecycleDialog::changed);
    QTest::mouseClick(child<QPushButton>(dialog, "runButton"), Qt::LeftButton);
    QVERIFY(changed.wait(20000));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT slug, state, purge_after IS NULL, held_by IS NULL FROM tenancy.tenants "
                                       "WHERE slug LIKE 'comeback%' ORDER BY slug")),
             QStringList({QStringLiteral("comeback|active|t|t"), QStringLiteral("comeback-kid|active|t|t")}));
    dialog->reject();
    QTRY_COMPARE(m_window->treeModel()->indexOf(id).data(TenantTreeModel::StateRole).toString(), QStringLiteral("active"));
}

void TstLifecycleDialog::timelineShowsTheTransitions()
{
    QVERIFY(select(QStringLiteral("paused")));
    ui::TenantDetailsPane *details = m_window->detailsPane();
    ui::LifecycleTimeline *timeline = details->lifecycleTimeline();
    details->tabs()->setCurrentIndex(2);
    QTRY_COMPARE(timeline->model()->rowCount(), 2); // created, suspended
    QCOMPARE(timeline->model()->index(0, LifecycleHistoryModel::ToColumn).data().toString(), QStringLiteral("Suspended"));
    QCOMPARE(timeline->model()->index(0, LifecycleHistoryModel::ReasonColumn).data().toString(), QStringLiteral("set up"));
    QVERIFY2(timeline->stateLine()->text().contains(QLatin1String("<b>Suspended</b> since")),
             qPrintable(timeline->stateLine()->text()));
    // The buttons above it are the transitions a suspended tenant allows.
    QVERIFY(details->findChild<QWidget *>(QStringLiteral("actionResumeButton"))->isVisible());
    QVERIFY(details->findChild<QWidget *>(QStringLiteral("actionArchiveButton"))->isVisible());
    QVERIFY(details->findChild<QWidget *>(QStringLiteral("actionDeleteButton"))->isVisible());
    QVERIFY(!details->findChild<QWidget *>(QStringLiteral("actionSuspendButton"))->isVisible());
    QVERIFY(!details->findChild<QWidget *>(QStringLiteral("actionRestoreButton"))->isVisible());
    saveShot(details, QStringLiteral("lifecycle-timeline"));
}

QTEST_MAIN(TstLifecycleDialog)
#include "tst_lifecycledialog.moc"
