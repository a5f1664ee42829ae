// The tenant actions on a real database, offscreen: create (top level and under a parent),
// rename, edit with a conflict, move by dialog and by drop, moves the database refuses,
// a bulk tier change with its progress and summary, and an auditor who may do none of it.

#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "models/store/tiercatalog.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/bulkquotadialog.h"
#include "ui/lifecycledialog.h"
#include "ui/mainwindow.h"
#include "ui/movetenantdialog.h"
#include "ui/tenantactions.h"
#include "ui/tenantdialog.h"
#include "ui/tenantpicker.h"
#include "ui/tenanttreepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_tenantactions_operator");
const QString kAuditor = QStringLiteral("tst_tenantactions_auditor");

} // namespace

class TstTenantActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void createsATenant();
    void invalidSlugKeepsOkDisabled();
    void takenSlugIsExplainedInTheDialog();
    void createsASubTenant();
    void renamesWithF2();
    void conflictingEditOffersReload();
    void movesThroughTheDialog();
    void ownSubtreeIsNotATarget();
    void moveConflictIsExplained();
    void databaseRefusesAMove_data();
    void databaseRefusesAMove();
    void dropAsksThenMoves();
    void contextMenuHasTheActions();
    void bulkAppliesATierWithProgressAndSummary();
    void bulkStopRollsBack();
    void bulkSetResourceExplainsBadInput();
    void bulkErrorChangesNothing();
    void lifecycleActionsFollowTheState_data();
    void lifecycleActionsFollowTheState();
    void auditorGetsNoActions();
    void otherConsolesFollow();

private:
    bool connectAs(const QString &login);
    QString sql(const QString &query) const { return m_db->scalar(query).toString(); }
    QString idOf(const QString &slug) const
    {
        return sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
    }
    QString parentSlugOf(const QString &slug) const
    {
        return sql(QStringLiteral("SELECT coalesce(p.slug, '') FROM tenancy.tenants t LEFT JOIN tenancy.tenants p "
                                  "ON p.id = t.parent_id WHERE t.slug = '%1'")
                       .arg(slug));
    }
    QModelIndex indexOfSlug(const QString &slug) const
    {
        return m_window->treeModel()->indexOf(QUuid::fromString(idOf(slug)));
    }
    bool select(const QString &slug, QItemSelectionModel::SelectionFlags how = QItemSelectionModel::ClearAndSelect);
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    template<typename T>
    T *visible() const
    {
        for (T *w : m_window->findChildren<T *>()) {
            if (w->isVisible())
                return w;
        }
        return nullptr;
    }
    template<typename T>
    static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }
    // Searches in a picker and puts the cursor on the row showing `path`; null if not listed.
    QListWidgetItem *pick(ui::TenantPicker *picker, const QString &search, const QString &path);
    void saveShot(QWidget *widget, const QString &name);

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstTenantActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tenantactions"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));

    // A small hierarchy named for what each test does with it.
    const auto add = [this](const QString &slug, const QString &parent = {}, const QString &settings = QStringLiteral("{}")) {
        const QString parentId = parent.isEmpty() ? QStringLiteral("NULL")
                                                  : QStringLiteral("(SELECT id FROM tenancy.tenants WHERE slug = '%1')").arg(parent);
        return m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name, parent_id, settings) "
                                         "VALUES ('%1', initcap(replace('%1', '-', ' ')), %2, '%3')")
                              .arg(slug, parentId, settings));
    };
    for (const char *slug : {"beta", "mover", "target", "rename-me", "conflict-me", "dnd", "dnd-target", "bulk-a",
                             "bulk-b", "big", "small", "deep", "stale-mover", "elsewhere", "seen-elsewhere"})
        QCOMPARE(add(QLatin1String(slug)), QString());
    QCOMPARE(add(QStringLiteral("alpha"), {}, QStringLiteral(R"({"features": ["sso"]})")), QString());
    QCOMPARE(add(QStringLiteral("alpha-kid"), QStringLiteral("alpha")), QString());
    QCOMPARE(add(QStringLiteral("alpha-grandkid"), QStringLiteral("alpha-kid")), QString());
    QCOMPARE(add(QStringLiteral("small-kid"), QStringLiteral("small")), QString());
    QCOMPARE(add(QStringLiteral("deep-kid"), QStringLiteral("deep")), QString());
    QCOMPARE(add(QStringLiteral("chain1")), QString());
    for (int i = 2; i <= 7; ++i)
        QCOMPARE(add(QStringLiteral("chain%1").arg(i), QStringLiteral("chain%1").arg(i - 1)), QString());
    const auto limit = [this](const QString &slug, const QString &resource, qint64 value) {
        return m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                         "SELECT id, '%2', %3 FROM tenancy.tenants WHERE slug = '%1'")
                              .arg(slug, resource)
                              .arg(value));
    };
    QCOMPARE(limit(QStringLiteral("big"), QStringLiteral("items"), 1000000), QString());
    QCOMPARE(limit(QStringLiteral("small"), QStringLiteral("items"), 10), QString());

    // A tenant in every lifecycle situation the actions tell apart. State changes need a
    // reason in their transaction; dates in the past come from the schema's settable clock.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());
    for (const char *slug : {"lc-active", "lc-suspended", "lc-archived", "lc-deleted", "lc-expired", "lc-purged", "lc-parent"})
        QCOMPARE(add(QLatin1String(slug)), QString());
    QCOMPARE(add(QStringLiteral("lc-protected"), {}, QStringLiteral(R"({"prevent_deletion": true})")), QString());
    QCOMPARE(add(QStringLiteral("lc-held"), QStringLiteral("lc-parent")), QString());
    const auto transition = [this](const QString &slug, const QString &state, const QString &clockOffset = QStringLiteral("0")) {
        return m_db->exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '%3 days'; "
                                         "SELECT set_config('tenancy.reason', 'set up', true); "
                                         "UPDATE tenancy.tenants SET state = '%2' WHERE slug = '%1'; "
                                         "UPDATE tenancy.clock SET offset_by = interval '0'")
                              .arg(slug, state, clockOffset));
    };
    QCOMPARE(transition(QStringLiteral("lc-suspended"), QStringLiteral("suspended")), QString());
    QCOMPARE(transition(QStringLiteral("lc-archived"), QStringLiteral("suspended")), QString());
    QCOMPARE(transition(QStringLiteral("lc-archived"), QStringLiteral("archived")), QString());
    QCOMPARE(transition(QStringLiteral("lc-deleted"), QStringLiteral("deleted")), QString());
    QCOMPARE(transition(QStringLiteral("lc-parent"), QStringLiteral("suspended")), QString());
    // Deleted 100 and 200 days ago (90 days' retention): both past it; the older one purged.
    QCOMPARE(transition(QStringLiteral("lc-expired"), QStringLiteral("deleted"), QStringLiteral("-100")), QString());
    QCOMPARE(transition(QStringLiteral("lc-purged"), QStringLiteral("deleted"), QStringLiteral("-200")), QString());
    QCOMPARE(m_db->rows(QStringLiteral("SELECT slug, finished FROM tenancy.purge_step(100000)")),
             QStringList{QStringLiteral("lc-purged|t")});
}

void TstTenantActions::init()
{
    m_window = std::make_unique<ui::MainWindow>(&PgStore::forProfile);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TstTenantActions::cleanup()
{
    m_tester.reset();
    m_window.reset();
}

bool TstTenantActions::connectAs(const QString &login)
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

bool TstTenantActions::select(const QString &slug, QItemSelectionModel::SelectionFlags how)
{
    QModelIndex index;
    if (!QTest::qWaitFor([&] { return (index = indexOfSlug(slug)).isValid(); }, 10000))
        return false;
    QTreeView *view = m_window->treePanel()->view();
    view->selectionModel()->setCurrentIndex(index, how | QItemSelectionModel::Rows);
    return true;
}

void TstTenantActions::press(int key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(m_window->treePanel()->view(), Qt::Key(key), modifiers);
}

QListWidgetItem *TstTenantActions::pick(ui::TenantPicker *picker, const QString &search, const QString &path)
{
    QSignalSpy listed(picker, &ui::TenantPicker::listed);
    QTest::keyClicks(picker->searchEdit(), search);
    if (!QTest::qWaitFor([&] { return !listed.isEmpty() && listed.last().first().toString() == search; }, 10000))
        return nullptr;
    const QList<QListWidgetItem *> items = picker->list()->findItems(path, Qt::MatchExactly);
    if (items.size() != 1)
        return nullptr;
    picker->list()->setCurrentItem(items.first());
    return items.first();
}

void TstTenantActions::saveShot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("screenshots"));
    widget->grab().save(QStringLiteral("screenshots/%1.png").arg(name));
}

void TstTenantActions::createsATenant()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(m_window->tenantActions()->newTenantAction()->isEnabled());
    press(Qt::Key_N, Qt::ControlModifier);
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    QCOMPARE(dialog->mode(), ui::TenantDialog::Mode::NewTenant);
    auto *ok = child<QPushButton>(dialog, "okButton");
    QVERIFY(!ok->isEnabled());
    QVERIFY(child<QRadioButton>(dialog, "quotasFromPreset")->isChecked());
    QVERIFY(!child<QCheckBox>(dialog, "inheritFeatures")->isVisible()); // no parent to inherit from

    QTest::keyClicks(child<QLineEdit>(dialog, "slug"), QStringLiteral("omega"));
    QTest::keyClicks(child<QLineEdit>(dialog, "displayName"), QStringLiteral("Omega Corp"));
    auto *features = child<QListWidget>(dialog, "features");
    QCOMPARE(features->item(1)->text(), QStringLiteral("Analytics"));
    features->item(1)->setCheckState(Qt::Checked);
    auto *retention = child<QSpinBox>(dialog, "retentionDays");
    retention->setValue(30);
    saveShot(dialog, QStringLiteral("tenantdialog-new"));
    QVERIFY(ok->isEnabled());
    QPointer<ui::TenantDialog> guard(dialog);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!guard || !guard->isVisible());

    // It is in the database with the tier's quotas, and the tree shows and selects it.
    QCOMPARE(m_db->rows(QStringLiteral("SELECT display_name, tier, settings->'features', settings->'retention_days' "
                                       "FROM tenancy.tenants WHERE slug = 'omega' AND parent_id IS NULL")),
             QStringList{QStringLiteral("Omega Corp|starter|[\"analytics\"]|30")});
    const TierPreset *starter = TierCatalog::preset(Tier::Starter);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.quotas q JOIN tenancy.tenants t ON t.id = q.tenant_id "
                                "WHERE t.slug = 'omega' AND q.hard_limit IS NOT NULL")).toInt(),
             int(starter->quotas.size()));
    QCOMPARE(sql(QStringLiteral("SELECT q.hard_limit FROM tenancy.quotas q JOIN tenancy.tenants t ON t.id = q.tenant_id "
                                "WHERE t.slug = 'omega' AND q.resource = 'items'")),
             QStringLiteral("100000"));
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE tenant_id = '%1'").arg(idOf(QStringLiteral("omega")))).toInt() > 0);
    QTreeView *view = m_window->treePanel()->view();
    QTRY_COMPARE(view->currentIndex().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("omega"));
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
}

void TstTenantActions::invalidSlugKeepsOkDisabled()
{
    QVERIFY(connectAs(kOperator));
    m_window->tenantActions()->newTenantAction()->trigger();
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    auto *ok = child<QPushButton>(dialog, "okButton");
    auto *message = child<QLabel>(dialog, "validationMessage");
    auto *slug = child<QLineEdit>(dialog, "slug");
    QVERIFY(!message->isVisible()); // nothing typed yet: no scolding
    QTest::keyClicks(slug, QStringLiteral("bad slug"));
    QTest::keyClicks(child<QLineEdit>(dialog, "displayName"), QStringLiteral("Bad"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), QStringLiteral("The slug can't contain a space; use letters a–z, digits, '_', '.' and '-'."));
    saveShot(dialog, QStringLiteral("tenantdialog-invalid"));
    // Enter does nothing either.
    QTest::keyClick(slug, Qt::Key_Return);
    QVERIFY(dialog->isVisible());

    for (int i = 0; i < 5; ++i)
        QTest::keyClick(slug, Qt::Key_Backspace);
    QTest::sendKeyEvent(QTest::Click, slug, Qt::Key_unknown, QStringLiteral("ä"), Qt::NoModifier);
    QCOMPARE(message->text(), QStringLiteral("The slug can't contain 'ä'; use letters a–z, digits, '_', '.' and '-'."));
    QTest::keyClick(slug, Qt::Key_Backspace);
    QTest::keyClicks(slug, QStringLiteral("-slug"));
    QCOMPARE(slug->text(), QStringLiteral("bad-slug"));
    QVERIFY(ok->isEnabled());
    QVERIFY(!message->isVisible());

    // An empty display name is refused the same way.
    auto *name = child<QLineEdit>(dialog, "displayName");
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Delete);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(message->text(), QStringLiteral("Enter a display name."));
    dialog->reject();
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug LIKE 'bad%'")), QStringLiteral("0"));
}

void TstTenantActions::takenSlugIsExplainedInTheDialog()
{
    QVERIFY(connectAs(kOperator));
    m_window->tenantActions()->newTenantAction()->trigger();
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    QTest::keyClicks(child<QLineEdit>(dialog, "slug"), QStringLiteral("beta"));
    QTest::keyClicks(child<QLineEdit>(dialog, "displayName"), QStringLiteral("Another Beta"));
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "errorMessage");
    QTRY_VERIFY(error->isVisible());
    // The translated title, then the database's own sentence; what was typed stays.
    QVERIFY2(error->text().startsWith(QLatin1String("<b>Invalid input.</b> ")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("beta")), qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLineEdit>(dialog, "displayName")->text(), QStringLiteral("Another Beta"));
    QVERIFY(!child<QPushButton>(dialog, "reloadButton")->isVisible());
    saveShot(dialog, QStringLiteral("tenantdialog-error"));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug = 'beta'")), QStringLiteral("1"));
    dialog->reject();
}

void TstTenantActions::createsASubTenant()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("alpha")));
    QTRY_VERIFY(m_window->tenantActions()->newSubTenantAction()->isEnabled());
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    QCOMPARE(dialog->mode(), ui::TenantDialog::Mode::NewSubTenant);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("New Sub-tenant of alpha"));
    QVERIFY(child<QCheckBox>(dialog, "inheritFeatures")->isChecked());
    QCOMPARE(child<QLabel>(dialog, "inheritedFeatures")->text(), QStringLiteral("From alpha: Single sign-on"));
    QVERIFY(child<QRadioButton>(dialog, "quotasInherit")->isChecked());
    QTest::keyClicks(child<QLineEdit>(dialog, "slug"), QStringLiteral("alpha-new"));
    QTest::keyClicks(child<QLineEdit>(dialog, "displayName"), QStringLiteral("Alpha New"));
    saveShot(dialog, QStringLiteral("tenantdialog-sub"));
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);

    // Selected in the tree, under its parent (which opened to show it).
    QTreeView *view = m_window->treePanel()->view();
    QTRY_COMPARE(view->currentIndex().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("alpha-new"));
    QCOMPARE(view->currentIndex().parent().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("alpha"));
    QVERIFY(view->isExpanded(view->currentIndex().parent()));
    QCOMPARE(parentSlugOf(QStringLiteral("alpha-new")), QStringLiteral("alpha"));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT settings->'inherit_features', settings->'features' FROM tenancy.tenants "
                                       "WHERE slug = 'alpha-new'")),
             QStringList{QStringLiteral("true|[]")});
    // Inherits the parent's limits: no own ones.
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.quotas q JOIN tenancy.tenants t ON t.id = q.tenant_id "
                                "WHERE t.slug = 'alpha-new' AND q.hard_limit IS NOT NULL")),
             QStringLiteral("0"));
}

void TstTenantActions::renamesWithF2()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("rename-me")));
    press(Qt::Key_F2);
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    QCOMPARE(dialog->mode(), ui::TenantDialog::Mode::Edit);
    auto *slug = child<QLineEdit>(dialog, "slug");
    QCOMPARE(slug->text(), QStringLiteral("rename-me"));
    QCOMPARE(slug->selectedText(), QStringLiteral("rename-me")); // ready to type over
    QVERIFY(!child<QComboBox>(dialog, "tier")->isEnabled());      // tiers change through Apply tier
    QVERIFY(!child<QWidget>(dialog, "quotasFromPreset"));
    auto *ok = child<QPushButton>(dialog, "okButton");
    QVERIFY(!ok->isEnabled()); // nothing changed yet
    QTest::keyClicks(slug, QStringLiteral("zz-renamed"));
    QVERIFY(ok->isEnabled());
    saveShot(dialog, QStringLiteral("tenantdialog-edit"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug = 'zz-renamed'")), QStringLiteral("1"));
    QCOMPARE(sql(QStringLiteral("SELECT display_name FROM tenancy.tenants WHERE slug = 'zz-renamed'")), QStringLiteral("Rename Me"));
    // Every console's tree follows the notification: the row has its new name, in slug order.
    TenantTreeModel *model = m_window->treeModel();
    QTRY_COMPARE(indexOfSlug(QStringLiteral("zz-renamed")).data(TenantTreeModel::SlugRole).toString(), QStringLiteral("zz-renamed"));
    QCOMPARE(indexOfSlug(QStringLiteral("zz-renamed")).row(), model->rowCount() - 1);
    QCOMPARE(m_window->treePanel()->view()->currentIndex().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("zz-renamed"));
}

void TstTenantActions::conflictingEditOffersReload()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("conflict-me")));
    press(Qt::Key_E, Qt::ControlModifier);
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    auto *name = child<QLineEdit>(dialog, "displayName");
    QVERIFY(name->hasSelectedText()); // Edit starts at the display name
    // Someone else edits it meanwhile.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Changed Elsewhere', "
                                       "settings = settings || '{\"retention_days\": 33}' WHERE slug = 'conflict-me'")),
             QString());
    QTest::keyClicks(name, QStringLiteral("Mine"));
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "errorMessage");
    auto *reload = child<QPushButton>(dialog, "reloadButton");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QLatin1String("Someone else changed this tenant meanwhile.")), qPrintable(error->text()));
    QVERIFY(reload->isVisible());
    saveShot(dialog, QStringLiteral("tenantdialog-conflict"));
    QCOMPARE(sql(QStringLiteral("SELECT display_name FROM tenancy.tenants WHERE slug = 'conflict-me'")), QStringLiteral("Changed Elsewhere"));

    // Reload keeps what the operator typed on top of theirs and says what they changed.
    QTest::mouseClick(reload, Qt::LeftButton);
    QTRY_VERIFY2(error->text().contains(QLatin1String("display name (now &quot;Changed Elsewhere&quot;), deletion settings")),
                 qPrintable(error->text()));
    QCOMPARE(name->text(), QStringLiteral("Mine"));
    QCOMPARE(child<QSpinBox>(dialog, "retentionDays")->value(), 33);
    QVERIFY(!reload->isVisible());
    // Saving again works against the version just read.
    QPointer<ui::TenantDialog> guard(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    QTRY_VERIFY(!guard || !guard->isVisible());
    QCOMPARE(sql(QStringLiteral("SELECT display_name || ':' || (settings ->> 'retention_days') FROM tenancy.tenants "
                                "WHERE slug = 'conflict-me'")),
             QStringLiteral("Mine:33"));
}

void TstTenantActions::movesThroughTheDialog()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("mover")));
    press(Qt::Key_M, Qt::ControlModifier);
    ui::MoveTenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::MoveTenantDialog>()));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Move mover To"));
    auto *ok = child<QPushButton>(dialog, "okButton");
    QVERIFY(!ok->isEnabled());
    QVERIFY(pick(dialog->picker(), QStringLiteral("target"), QStringLiteral("target")));
    QVERIFY(ok->isEnabled());
    saveShot(dialog, QStringLiteral("movedialog"));
    QPointer<ui::MoveTenantDialog> guard(dialog);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!guard || !guard->isVisible());
    QCOMPARE(parentSlugOf(QStringLiteral("mover")), QStringLiteral("target"));
    // The tree moves the row when the notification arrives, and keeps it selected.
    QTreeView *view = m_window->treePanel()->view();
    QTRY_COMPARE(view->currentIndex().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("mover"));
    QCOMPARE(view->currentIndex().parent().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("target"));
    QVERIFY(sql(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE tenant_id = '%1' AND after->>'parent_id' = '%2'")
                    .arg(idOf(QStringLiteral("mover")), idOf(QStringLiteral("target"))))
                .toInt()
            == 1);
}

void TstTenantActions::ownSubtreeIsNotATarget()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("alpha")));
    m_window->tenantActions()->moveAction()->trigger();
    ui::MoveTenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::MoveTenantDialog>()));
    QListWidget *list = dialog->picker()->list();
    // The first listing: the top level, where alpha already is.
    QTRY_VERIFY(list->count() > 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Top level (no parent)"));
    QVERIFY(!(list->item(0)->flags() & Qt::ItemIsEnabled));
    QCOMPARE(list->item(0)->toolTip(), QStringLiteral("alpha is already at the top level."));

    QSignalSpy listed(dialog->picker(), &ui::TenantPicker::listed);
    QTest::keyClicks(dialog->picker()->searchEdit(), QStringLiteral("alpha"));
    QTRY_VERIFY(!listed.isEmpty() && listed.last().first().toString() == QLatin1String("alpha"));
    const auto row = [list](const char *path) {
        const QList<QListWidgetItem *> items = list->findItems(QLatin1String(path), Qt::MatchExactly);
        return items.size() == 1 ? items.first() : nullptr;
    };
    QListWidgetItem *self = row("alpha");
    QListWidgetItem *grandkid = row("alpha / alpha-kid / alpha-grandkid");
    QVERIFY(self && grandkid);
    QVERIFY(!(self->flags() & Qt::ItemIsEnabled));
    QCOMPARE(self->toolTip(), QStringLiteral("A tenant can't be moved under itself."));
    QVERIFY(!(grandkid->flags() & Qt::ItemIsEnabled));
    QCOMPARE(grandkid->toolTip(), QStringLiteral("alpha-grandkid is inside alpha's own subtree: moving alpha there would create a cycle."));
    list->setCurrentItem(grandkid);
    QVERIFY(!dialog->picker()->hasChoice());
    QVERIFY(!child<QPushButton>(dialog, "okButton")->isEnabled());
    saveShot(dialog, QStringLiteral("movedialog-own-subtree"));
    dialog->reject();
}

void TstTenantActions::moveConflictIsExplained()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("stale-mover")));
    m_window->tenantActions()->moveAction()->trigger();
    ui::MoveTenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::MoveTenantDialog>()));
    QVERIFY(pick(dialog->picker(), QStringLiteral("target"), QStringLiteral("target")));
    // Someone else moves it first.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants WHERE "
                                       "slug = 'elsewhere') WHERE slug = 'stale-mover'")),
             QString());
    QSignalSpy listed(dialog->picker(), &ui::TenantPicker::listed);
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "moveError");
    QTRY_VERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("stale-mover was moved by someone else meanwhile. Its new place is read again; "
                                           "choose the parent again."));
    QCOMPARE(parentSlugOf(QStringLiteral("stale-mover")), QStringLiteral("elsewhere"));
    // A second try is checked against where it is now (read again, the list with it), and works.
    QTRY_VERIFY(!listed.isEmpty());
    const QList<QListWidgetItem *> items = dialog->picker()->list()->findItems(QStringLiteral("target"), Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    dialog->picker()->list()->setCurrentItem(items.first());
    QPointer<ui::MoveTenantDialog> guard(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    QTRY_VERIFY(!guard || !guard->isVisible());
    QCOMPARE(parentSlugOf(QStringLiteral("stale-mover")), QStringLiteral("target"));
}

void TstTenantActions::databaseRefusesAMove_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("limit above the new parent's")
        << QStringLiteral("big") << QStringLiteral("small") << QStringLiteral("small")
        << QStringLiteral("Moving tenant \"big\" is refused: its subtree has a items limit of 1000000, above the new "
                          "parent's limit of 10.");
    QTest::newRow("deeper than 8 levels")
        << QStringLiteral("deep") << QStringLiteral("chain7")
        << QStringLiteral("chain1 / chain2 / chain3 / chain4 / chain5 / chain6 / chain7")
        << QStringLiteral("Tenant \"deep\" would be at depth 8 with a subtree 1 levels deep; the hierarchy allows at "
                          "most 8 levels.");
}

void TstTenantActions::databaseRefusesAMove()
{
    QFETCH(QString, tenant);
    QFETCH(QString, search);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(tenant));
    m_window->tenantActions()->moveAction()->trigger();
    ui::MoveTenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::MoveTenantDialog>()));
    QVERIFY(pick(dialog->picker(), search, path));
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "moveError");
    QTRY_VERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("<b>The move was refused.</b> %1").arg(reason.toHtmlEscaped()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(parentSlugOf(tenant), QString());
    if (tenant == QLatin1String("big"))
        saveShot(dialog, QStringLiteral("movedialog-refused"));
    dialog->reject();
}

void TstTenantActions::dropAsksThenMoves()
{
    QVERIFY(connectAs(kOperator));
    TenantTreeModel *model = m_window->treeModel();
    QVERIFY(select(QStringLiteral("dnd")));
    // What the view does on a drop (a real drag needs a window system's drag loop).
    std::unique_ptr<QMimeData> data(model->mimeData({indexOfSlug(QStringLiteral("dnd"))}));
    const QModelIndex target = indexOfSlug(QStringLiteral("dnd-target"));
    QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, target));
    QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, target));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visible<QMessageBox>()));
    QCOMPARE(box->objectName(), QStringLiteral("moveConfirmation"));
    QCOMPARE(box->text(), QStringLiteral("Move dnd under dnd-target?"));
    saveShot(box, QStringLiteral("move-confirmation"));
    // Nothing happens before the operator agrees.
    QCOMPARE(parentSlugOf(QStringLiteral("dnd")), QString());
    QPushButton *move = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::AcceptRole)
            move = qobject_cast<QPushButton *>(b);
    }
    QVERIFY(move);
    QTest::mouseClick(move, Qt::LeftButton);
    QTRY_COMPARE(parentSlugOf(QStringLiteral("dnd")), QStringLiteral("dnd-target"));
    QTreeView *view = m_window->treePanel()->view();
    // It was selected where it was; it is selected where it landed.
    QTRY_COMPARE(view->currentIndex().parent().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("dnd-target"));
    QCOMPARE(view->currentIndex().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("dnd"));

    // A second drop that the database refuses (a stale parent: moved meanwhile) is explained.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = NULL WHERE slug = 'dnd'")), QString());
    QTRY_VERIFY(indexOfSlug(QStringLiteral("dnd")).isValid() && !indexOfSlug(QStringLiteral("dnd")).parent().isValid()); // the tree caught up ...
    std::unique_ptr<QMimeData> stale(model->mimeData({indexOfSlug(QStringLiteral("dnd"))}));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants WHERE "
                                       "slug = 'beta') WHERE slug = 'dnd'")),
             QString()); // ... and it moves again before the drop lands
    QVERIFY(model->dropMimeData(stale.get(), Qt::MoveAction, -1, -1, indexOfSlug(QStringLiteral("dnd-target"))));
    QTRY_VERIFY((box = visible<QMessageBox>()) && box->objectName() == QLatin1String("moveConfirmation"));
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::AcceptRole)
            QTest::mouseClick(b, Qt::LeftButton);
    }
    QTRY_VERIFY((box = visible<QMessageBox>()) && box->objectName() == QLatin1String("moveFailed"));
    QCOMPARE(box->informativeText(), QStringLiteral("dnd was moved by someone else meanwhile."));
    QCOMPARE(parentSlugOf(QStringLiteral("dnd")), QStringLiteral("beta"));
    box->accept();
}

void TstTenantActions::contextMenuHasTheActions()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("beta")));
    QTreeView *view = m_window->treePanel()->view();
    const QRect rect = view->visualRect(view->currentIndex());
    QVERIFY(QMetaObject::invokeMethod(view, "customContextMenuRequested", Q_ARG(QPoint, rect.center())));
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = visible<QMenu>()));
    QCOMPARE(menu->objectName(), QStringLiteral("tenantContextMenu"));
    QStringList texts;
    for (QAction *a : menu->actions()) {
        if (!a->isSeparator())
            texts << a->text() + (a->isEnabled() ? QString() : QStringLiteral(" (disabled)"));
    }
    QCOMPARE(texts, QStringList({QStringLiteral("&New Tenant…"), QStringLiteral("New &Sub-tenant…"), QStringLiteral("&Rename…"),
                                 QStringLiteral("&Edit Tenant…"), QStringLiteral("&Move To…"),
                                 QStringLiteral("Apply Tier / &Bulk Quotas…"), QStringLiteral("Move &Data…"),
                                 QStringLiteral("Mer&ge Data Into…"), QStringLiteral("&Lifecycle")}));
    QMenu *lifecycle = menu->actions().constLast()->menu();
    QVERIFY(lifecycle);
    texts.clear();
    for (QAction *a : lifecycle->actions()) {
        if (!a->isSeparator())
            texts << a->text() + (a->isEnabled() ? QString() : QStringLiteral(" (disabled)"));
    }
    QCOMPARE(texts, QStringList({QStringLiteral("&Suspend…"), QStringLiteral("Res&ume… (disabled)"),
                                 QStringLiteral("&Archive… (disabled)"), QStringLiteral("Rest&ore… (disabled)"),
                                 QStringLiteral("&Delete…")}));
    saveShot(menu, QStringLiteral("context-menu"));
    menu->close();

    // Two selected: only what works on several.
    QVERIFY(select(QStringLiteral("mover"), QItemSelectionModel::Select));
    ui::TenantActions *actions = m_window->tenantActions();
    QVERIFY(actions->newTenantAction()->isEnabled());
    QVERIFY(!actions->newSubTenantAction()->isEnabled());
    QVERIFY(!actions->renameAction()->isEnabled());
    QVERIFY(!actions->moveAction()->isEnabled());
    QVERIFY(actions->bulkAction()->isEnabled());
    QCOMPARE(actions->bulkAction()->toolTip(), QStringLiteral("Apply a tier or change quotas of the selected tenants (Ctrl+B)"));
}

void TstTenantActions::bulkAppliesATierWithProgressAndSummary()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("bulk-a")));
    QVERIFY(select(QStringLiteral("bulk-b"), QItemSelectionModel::Select));
    QTRY_VERIFY(m_window->tenantActions()->bulkAction()->isEnabled());
    press(Qt::Key_B, Qt::ControlModifier);
    ui::BulkQuotaDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::BulkQuotaDialog>()));
    QCOMPARE(child<QLabel>(dialog, "selectionSummary")->text(), QStringLiteral("2 tenants selected"));
    QVERIFY(child<QRadioButton>(dialog, "actionApplyTier")->isChecked());
    auto *tier = child<QComboBox>(dialog, "tier");
    tier->setCurrentIndex(tier->findData(QStringLiteral("professional")));
    saveShot(dialog, QStringLiteral("bulkdialog"));
    auto *progress = child<QProgressBar>(dialog, "bulkProgress");
    QList<int> values;
    connect(progress, &QProgressBar::valueChanged, this, [&values](int v) { values << v; });
    QSignalSpy applied(dialog, &ui::BulkQuotaDialog::applied);
    QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
    QVERIFY(progress->isVisible()); // shown while it runs
    QVERIFY(applied.wait(20000));

    // What the database holds now.
    const QString ids = QStringLiteral("'%1', '%2'").arg(idOf(QStringLiteral("bulk-a")), idOf(QStringLiteral("bulk-b")));
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE id IN (%1) AND tier = 'professional'").arg(ids)),
             QStringLiteral("2"));
    const TierPreset *professional = TierCatalog::preset(Tier::Professional);
    int matching = 0;
    for (const auto &[resource, limit] : professional->quotas) {
        matching += sql(QStringLiteral("SELECT count(*) FROM tenancy.quotas WHERE tenant_id IN (%1) AND resource = '%2' "
                                       "AND hard_limit IS NOT DISTINCT FROM %3")
                            .arg(ids, resource, limit ? QString::number(*limit) : QStringLiteral("NULL")))
                        .toInt();
    }
    QCOMPARE(matching, 2 * int(professional->quotas.size()));
    const int rows = sql(QStringLiteral("SELECT count(*) FROM tenancy.quotas WHERE tenant_id IN (%1)").arg(ids)).toInt();

    // The summary says the same; the progress ran up to everything that was written.
    const BulkQuotaReport report = applied.first().first().value<BulkQuotaReport>();
    QCOMPARE(report.tenants, 2);
    QCOMPARE(report.tiersChanged, 2);
    QCOMPARE(report.written, rows);
    QCOMPARE(child<QLabel>(dialog, "summaryTenants")->text(), QStringLiteral("2"));
    QCOMPARE(child<QLabel>(dialog, "summaryTiers")->text(), QStringLiteral("2"));
    QCOMPARE(child<QLabel>(dialog, "summaryWritten")->text(), QString::number(rows));
    QCOMPARE(child<QLabel>(dialog, "summaryUnchanged")->text(), QString::number(report.unchanged));
    QCOMPARE(child<QLabel>(dialog, "summaryCapped")->text(), QStringLiteral("0"));
    auto *perResource = child<QTableWidget>(dialog, "summaryPerResource");
    QCOMPARE(perResource->rowCount(), int(report.perResource.size()));
    int sum = 0;
    for (int r = 0; r < perResource->rowCount(); ++r) {
        QCOMPARE(perResource->item(r, 1)->text().toInt(), 2); // each resource, both tenants
        sum += perResource->item(r, 1)->text().toInt();
    }
    QCOMPARE(sum, rows);
    QCOMPARE(perResource->item(0, 0)->text(), QStringLiteral("Memory items"));
    QCOMPARE(progress->maximum(), report.tiersChanged + report.written);
    QVERIFY(!values.isEmpty());
    QCOMPARE(values.last(), progress->maximum());
    QVERIFY(!progress->isVisible());
    saveShot(dialog, QStringLiteral("bulkdialog-summary"));

    // The tree shows the new tier (the notification reached this console too).
    QTRY_COMPARE(indexOfSlug(QStringLiteral("bulk-a")).data(TenantTreeModel::TierRole).toString(), QStringLiteral("professional"));
    QTRY_COMPARE(indexOfSlug(QStringLiteral("bulk-b")).data(TenantTreeModel::TierRole).toString(), QStringLiteral("professional"));
    auto *close = child<QPushButton>(dialog, "cancelButton");
    QCOMPARE(close->text(), QStringLiteral("&Close"));
    QPointer<ui::BulkQuotaDialog> guard(dialog);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(!guard || !guard->isVisible());
}

void TstTenantActions::bulkStopRollsBack()
{
    QVERIFY(connectAs(kOperator));
    // Another session holds the quotas table, so the edit is still waiting when Stop is pressed.
    const QString lockName = QStringLiteral("tst_tenantactions_lock");
    QProcess locker;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGAPPNAME"), lockName);
    locker.setProcessEnvironment(env);
    locker.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), m_db->conninfo(),
                                          QStringLiteral("-c"),
                                          QStringLiteral("BEGIN; LOCK TABLE tenancy.quotas IN EXCLUSIVE MODE; "
                                                         "SELECT pg_sleep(120); COMMIT;")});
    const QString sleeping = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1' "
                                            "AND wait_event = 'PgSleep'").arg(lockName);
    QTRY_COMPARE_WITH_TIMEOUT(sql(sleeping), QStringLiteral("1"), 10000);

    QVERIFY(select(QStringLiteral("target")));
    QVERIFY(select(QStringLiteral("dnd-target"), QItemSelectionModel::Select));
    const QString before = m_db->rows(QStringLiteral("SELECT slug, tier, version FROM tenancy.tenants WHERE slug IN "
                                                     "('target', 'dnd-target') ORDER BY slug")).join(u';')
                           + m_db->rows(QStringLiteral("SELECT count(*) FROM tenancy.quotas")).join(u';');
    m_window->tenantActions()->bulkAction()->trigger();
    ui::BulkQuotaDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::BulkQuotaDialog>()));
    auto *tier = child<QComboBox>(dialog, "tier");
    tier->setCurrentIndex(tier->findData(QStringLiteral("enterprise")));
    QTRY_VERIFY(child<QComboBox>(dialog, "resource")->isEnabled()); // reads aren't held up by the lock
    QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(!child<QPushButton>(dialog, "applyButton")->isEnabled());
    QVERIFY(!tier->isEnabled());
    auto *stop = child<QPushButton>(dialog, "cancelButton");
    QCOMPARE(stop->text(), QStringLiteral("&Stop"));
    QTRY_COMPARE_WITH_TIMEOUT(sql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                                 "AND datname = current_database()")),
                              QStringLiteral("1"), 10000); // the edit waits for the lock
    saveShot(dialog, QStringLiteral("bulkdialog-running"));
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(child<QLabel>(dialog, "bulkProgressText")->text(), QStringLiteral("Stopping…"));
    QVERIFY(dialog->isVisible()); // Stop stops; it doesn't close
    QCOMPARE(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '%1'")
                            .arg(lockName)),
             QString());
    auto *error = child<QLabel>(dialog, "bulkError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY(!dialog->isRunning());
    QCOMPARE(error->text(), QStringLiteral("Stopped. Nothing was changed."));
    QCOMPARE(stop->text(), QStringLiteral("Cancel"));
    QVERIFY(child<QPushButton>(dialog, "applyButton")->isEnabled()); // may be tried again
    const QString after = m_db->rows(QStringLiteral("SELECT slug, tier, version FROM tenancy.tenants WHERE slug IN "
                                                    "('target', 'dnd-target') ORDER BY slug")).join(u';')
                          + m_db->rows(QStringLiteral("SELECT count(*) FROM tenancy.quotas")).join(u';');
    QCOMPARE(after, before);
    locker.waitForFinished(10000);
    dialog->reject();
}

void TstTenantActions::bulkSetResourceExplainsBadInput()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("beta")));
    m_window->tenantActions()->bulkAction()->trigger();
    ui::BulkQuotaDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::BulkQuotaDialog>()));
    QCOMPARE(child<QLabel>(dialog, "selectionSummary")->text(), QStringLiteral("Beta (beta)"));
    QTest::mouseClick(child<QRadioButton>(dialog, "actionSetResource"), Qt::LeftButton);
    auto *resource = child<QComboBox>(dialog, "resource");
    QTRY_VERIFY(resource->isEnabled());
    resource->setCurrentIndex(resource->findData(QStringLiteral("storage_bytes")));
    auto *limit = child<QLineEdit>(dialog, "limit");
    auto *message = child<QLabel>(dialog, "limitMessage");
    auto *apply = child<QPushButton>(dialog, "applyButton");
    QTest::keyClicks(limit, QStringLiteral("5 parsecs"));
    QCOMPARE(message->text(), QStringLiteral("\"parsecs\" is not a unit of Storage."));
    QVERIFY(!apply->isEnabled());
    saveShot(dialog, QStringLiteral("bulkdialog-bad-input"));
    limit->clear();
    QTest::keyClicks(limit, QStringLiteral("1.5 TB"));
    QCOMPARE(message->text(), QStringLiteral("Sets Storage to 1.5 TB."));
    QVERIFY(apply->isEnabled());
    QCOMPARE(dialog->request().limit, QuotaLimit::of(1500000000000));
    QCOMPARE(dialog->request().resource, QStringLiteral("storage_bytes"));
    dialog->reject();
}

void TstTenantActions::bulkErrorChangesNothing()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("small")));
    m_window->treePanel()->view()->expand(indexOfSlug(QStringLiteral("small")));
    QVERIFY(select(QStringLiteral("small-kid")));
    QVERIFY(select(QStringLiteral("beta"), QItemSelectionModel::Select));
    m_window->tenantActions()->bulkAction()->trigger();
    ui::BulkQuotaDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::BulkQuotaDialog>()));
    QTest::mouseClick(child<QRadioButton>(dialog, "actionSetResource"), Qt::LeftButton);
    auto *resource = child<QComboBox>(dialog, "resource");
    QTRY_VERIFY(resource->isEnabled());
    resource->setCurrentIndex(resource->findData(QStringLiteral("items")));
    // Fine for beta, above small's limit of 10 for small-kid: all or nothing.
    QTest::keyClicks(child<QLineEdit>(dialog, "limit"), QStringLiteral("1000"));
    const QString before = m_db->rows(QStringLiteral("SELECT tenant_id, resource, hard_limit, version FROM tenancy.quotas ORDER BY 1, 2")).join(u'\n');
    QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "bulkError");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QLatin1String("<b>Nothing was changed.</b> ")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QLatin1String("small")), qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_db->rows(QStringLiteral("SELECT tenant_id, resource, hard_limit, version FROM tenancy.quotas ORDER BY 1, 2")).join(u'\n'),
             before);
    saveShot(dialog, QStringLiteral("bulkdialog-error"));
    dialog->reject();
}

void TstTenantActions::lifecycleActionsFollowTheState_data()
{
    QTest::addColumn<QString>("slug");
    // The enabled actions in menu order, '-' for a disabled one: S(uspend) (res)U(me)
    // A(rchive) (rest)O(re) D(elete).
    QTest::addColumn<QString>("enabled");
    // A disabled action, and a piece of its tooltip saying why.
    QTest::addColumn<LifecycleAction>("explained");
    QTest::addColumn<QString>("why");

    QTest::newRow("active") << "lc-active" << "S---D" << LifecycleAction::Archive
                            << "Only a suspended tenant can be archived; suspend lc-active first.";
    QTest::newRow("suspended") << "lc-suspended" << "-UA-D" << LifecycleAction::Suspend << "lc-suspended is already suspended.";
    QTest::newRow("archived") << "lc-archived" << "---OD" << LifecycleAction::Resume << "lc-archived is archived; use Restore.";
    QTest::newRow("deleted, restorable") << "lc-deleted" << "---O-" << LifecycleAction::Delete << "lc-deleted is already deleted.";
    QTest::newRow("deleted, retention over") << "lc-expired" << "-----" << LifecycleAction::Restore
                                             << "The retention period of lc-expired ended on";
    QTest::newRow("purged") << "lc-purged" << "-----" << LifecycleAction::Restore << "lc-purged was purged on";
    QTest::newRow("protected") << "lc-protected" << "S----" << LifecycleAction::Delete
                               << "lc-protected is protected from deletion; clear \"Prevent deletion\"";
    QTest::newRow("held by the parent") << "lc-held" << "--A-D" << LifecycleAction::Resume
                                        << "lc-held is suspended because lc-parent is; change lc-parent instead.";
}

void TstTenantActions::lifecycleActionsFollowTheState()
{
    QFETCH(QString, slug);
    QFETCH(QString, enabled);
    QFETCH(LifecycleAction, explained);
    QFETCH(QString, why);
    QVERIFY(connectAs(kOperator));
    m_window->treePanel()->showDeletedAction()->setChecked(true);
    QVERIFY(m_window->treeModel()->showDeleted());
    if (slug == QLatin1String("lc-held")) {
        QVERIFY(select(QStringLiteral("lc-parent")));
        m_window->treePanel()->view()->expand(indexOfSlug(QStringLiteral("lc-parent")));
    }
    QVERIFY(select(slug));
    ui::TenantActions *actions = m_window->tenantActions();
    const QList<LifecycleAction> order = lifecycleActions();
    const QString letters = QStringLiteral("SUAOD");
    QString actual;
    for (int i = 0; i < order.size(); ++i)
        actual += actions->lifecycleAction(order.at(i))->isEnabled() ? letters.at(i) : u'-';
    QCOMPARE(actual, enabled);
    QVERIFY(!actions->lifecycleAction(explained)->isEnabled());
    const QString tip = actions->lifecycleAction(explained)->toolTip();
    QVERIFY2(tip.contains(why), qPrintable(tip));
    if (slug == QLatin1String("lc-purged"))
        saveShot(m_window->centralWidget(), QStringLiteral("tree-deleted-and-purged"));
}

void TstTenantActions::auditorGetsNoActions()
{
    QVERIFY(connectAs(kAuditor));
    QCOMPARE(m_window->session().role, SessionRole::Auditor);
    QVERIFY(select(QStringLiteral("beta")));
    ui::TenantActions *actions = m_window->tenantActions();
    QList<QAction *> all = {actions->newTenantAction(), actions->newSubTenantAction(), actions->renameAction(),
                            actions->editAction(), actions->moveAction(), actions->bulkAction()};
    all << actions->lifecycleActions();
    for (QAction *a : std::as_const(all)) {
        QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
        QVERIFY2(a->toolTip().endsWith(QLatin1String("not available: this login is read-only.")), qPrintable(a->toolTip()));
    }
    // No drags, no drops, and the shortcuts open nothing.
    TenantTreeModel *model = m_window->treeModel();
    QVERIFY(model->isReadOnly());
    QVERIFY(!(model->flags(indexOfSlug(QStringLiteral("beta"))) & Qt::ItemIsDragEnabled));
    press(Qt::Key_N, Qt::ControlModifier);
    press(Qt::Key_F2);
    press(Qt::Key_Delete);
    QCoreApplication::processEvents();
    QVERIFY(!visible<ui::TenantDialog>());
    QVERIFY(!visible<ui::LifecycleDialog>());
}

void TstTenantActions::otherConsolesFollow()
{
    QVERIFY(connectAs(kOperator));
    // A second console, as another operator would have open.
    ui::MainWindow other(&PgStore::forProfile);
    QSignalSpy finished(&other, &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kOperator);
    other.connectTo(profile);
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(other.treeModel()->rowCount() > 0);
    QTRY_VERIFY(other.store()->isChangeFeedLive());
    const QUuid id = QUuid::fromString(idOf(QStringLiteral("seen-elsewhere")));
    QTRY_VERIFY(other.treeModel()->indexOf(id).isValid());

    // Renamed and re-tiered here ...
    QVERIFY(select(QStringLiteral("seen-elsewhere")));
    m_window->tenantActions()->editAction()->trigger();
    ui::TenantDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<ui::TenantDialog>()));
    auto *name = child<QLineEdit>(dialog, "displayName");
    QTest::keyClicks(name, QStringLiteral("Seen There Too"));
    QTest::mouseClick(child<QPushButton>(dialog, "okButton"), Qt::LeftButton);
    // ... shows there without a reload.
    QTRY_COMPARE(other.treeModel()->indexOf(id).data(TenantTreeModel::DisplayNameRole).toString(), QStringLiteral("Seen There Too"));
    // And the audit trail names who did it.
    QCOMPARE(m_db->rows(QStringLiteral("SELECT action, actor, before->>'display_name' FROM tenancy.audit_log WHERE "
                                       "tenant_id = '%1' AND after->>'display_name' = 'Seen There Too'")
                            .arg(id.toString(QUuid::WithoutBraces))),
             QStringList{QStringLiteral("tenants.update|%1|Seen Elsewhere").arg(kOperator)});
}

QTEST_MAIN(TstTenantActions)
#include "tst_tenantactions.moc"
