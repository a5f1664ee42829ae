// The quota editor offscreen on a real database, driven with the keyboard and mouse: edit a
// limit in the table, undo, apply and read it back through another connection; a refused
// value says why; a row changed by another session meanwhile opens the conflict dialog; a
// change from another session shows up by itself; the main window wires it to the selection.

#include "models/items/quotatablemodel.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/mainwindow.h"
#include "ui/quotaconflictdialog.h"
#include "ui/quotaeditor.h"
#include "ui/tenantdetailspane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

using namespace tc;
using tc::test::await;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_quotaeditor_operator");
const QString kAuditor = QStringLiteral("tst_quotaeditor_auditor");
constexpr qint64 kGB = 1000LL * 1000 * 1000;

} // namespace

class TstQuotaEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editUndoEditAgainApply();
    void refusedValueSaysWhy();
    void conflictShowsTheirsAndYours_data();
    void conflictShowsTheirsAndYours();
    void anotherSessionsChangeShowsUp();
    void stagedEditsKeepTheirTenant();
    void auditorCannotEdit();
    void mainWindowShowsTheSelectedTenantsQuotas();

private:
    int rowOf(const char *resource) const { return model()->rowOf(QLatin1String(resource)); }
    QString text(const char *resource, int column) const
    {
        return model()->index(rowOf(resource), column).data().toString();
    }
    QuotaTableModel *model() const { return m_editor->model(); }
    QLineEdit *openEditor(const char *resource);
    void typeLimit(const char *resource, const QString &value);
    qint64 storedLimit(const QUuid &tenant, const char *resource);
    QString status() const { return m_editor->findChild<QLabel *>(QStringLiteral("quotaStatus"))->text(); }
    template<typename T>
    T *child(const char *name) const
    {
        return m_editor->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<PgTestDatabase> m_db;
    int m_serial = 0;
    QString m_acmeSlug;
    QUuid m_acme;
    QUuid m_child;
    std::unique_ptr<PgStore> m_store;
    std::unique_ptr<PgStore> m_other; // another operator's console
    std::unique_ptr<ui::QuotaEditor> m_editor;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstQuotaEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_quotaeditor"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
}

void TstQuotaEditor::init()
{
    // A fresh pair per test: acme<N> limits storage to 200 GB, its child eu has no own limits.
    QString error;
    m_acmeSlug = QStringLiteral("acme%1").arg(m_serial + 1);
    m_acme = QUuid(m_db->scalar(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name, tier) "
                                               "VALUES ('acme%1', 'Acme', 'professional') RETURNING id")
                                    .arg(++m_serial),
                                &error)
                       .toString());
    QVERIFY2(!m_acme.isNull(), qPrintable(error));
    m_child = QUuid(m_db->scalar(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                                                "VALUES ('%1', 'eu', 'Acme Europe') RETURNING id")
                                     .arg(m_acme.toString(QUuid::WithoutBraces)),
                                 &error)
                        .toString());
    QVERIFY2(!m_child.isNull(), qPrintable(error));
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES "
                                       "('%1', 'storage_bytes', 200000000000), ('%1', 'items', 2000000)")
                            .arg(m_acme.toString(QUuid::WithoutBraces))),
             QString());

    m_store = std::make_unique<PgStore>(m_db->conninfo(kOperator));
    m_other = std::make_unique<PgStore>(m_db->conninfo(kOperator));
    QVERIFY(await(m_store->open()).ok());
    QVERIFY(await(m_other->open()).ok());

    m_editor = std::make_unique<ui::QuotaEditor>();
    m_editor->resize(760, 480);
    m_editor->setStore(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const Result<Tenant> child = await(m_store->tenant(m_child));
    QVERIFY(child.ok());
    m_editor->setTenant(child.value());
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    QTRY_VERIFY(model()->rowCount() > 5);
    QTRY_VERIFY(!model()->isLoading());
}

void TstQuotaEditor::cleanup()
{
    m_tester.reset();
    m_editor.reset();
    m_other.reset();
    m_store.reset();
}

QLineEdit *TstQuotaEditor::openEditor(const char *resource)
{
    QTableView *view = m_editor->view();
    view->setFocus();
    view->setCurrentIndex(model()->index(rowOf(resource), QuotaTableModel::ResourceColumn));
    QTest::keyClick(view, Qt::Key_F2); // the limit opens whichever cell of the row is current
    return view->findChild<QLineEdit *>(QStringLiteral("quotaCellEditor"));
}

void TstQuotaEditor::typeLimit(const char *resource, const QString &value)
{
    QLineEdit *edit = openEditor(resource);
    QVERIFY(edit);
    QVERIFY(edit->hasSelectedText() || edit->text().isEmpty()); // typing replaces the old value
    QTest::keyClicks(edit, value);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!m_editor->view()->findChild<QLineEdit *>(QStringLiteral("quotaCellEditor")));
}

qint64 TstQuotaEditor::storedLimit(const QUuid &tenant, const char *resource)
{
    // Through the other console's connection: what the database holds, not what this one shows.
    const Result<QList<Quota>> quotas = await(m_other->quotas(tenant));
    if (!quotas.ok())
        return -2;
    for (const Quota &q : quotas.value()) {
        if (q.resource == QLatin1String(resource))
            return q.hardLimit.value_or(-1); // -1: no own limit
    }
    return -3;
}

void TstQuotaEditor::editUndoEditAgainApply()
{
    QCOMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("inherit (200 GB)"));
    QCOMPARE(text("storage_bytes", QuotaTableModel::InheritedFromColumn), m_acmeSlug);

    typeLimit("storage_bytes", QStringLiteral("50 GB"));
    QCOMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("50 GB"));
    QVERIFY(model()->index(rowOf("storage_bytes"), QuotaTableModel::LimitColumn).data(QuotaTableModel::ModifiedRole).toBool());
    QCOMPARE(status(), QStringLiteral("1 change staged. Apply (Ctrl+S) writes it; Ctrl+Z undoes."));
    QVERIFY(child<QPushButton>("quotaApplyButton")->isEnabled());

    QTest::keyClick(m_editor->view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("inherit (200 GB)"));
    QCOMPARE(model()->stagedCount(), 0);
    QVERIFY(!child<QPushButton>("quotaApplyButton")->isEnabled());
    QTest::keyClick(m_editor->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("50 GB"));
    QTest::keyClick(m_editor->view(), Qt::Key_Z, Qt::ControlModifier);

    typeLimit("storage_bytes", QStringLiteral("75GB"));
    typeLimit("items", QStringLiteral("1.5M"));
    QCOMPARE(model()->stagedCount(), 2);
    QCOMPARE(storedLimit(m_child, "storage_bytes"), -1); // nothing written while staged

    QTest::mouseClick(child<QPushButton>("quotaApplyButton"), Qt::LeftButton);
    QTRY_VERIFY(!model()->isApplying());
    QCOMPARE(model()->stagedCount(), 0);
    QCOMPARE(status(), QStringLiteral("Applied 2 changes."));
    QCOMPARE(storedLimit(m_child, "storage_bytes"), 75 * kGB);
    QCOMPARE(storedLimit(m_child, "items"), 1500000);
    QCOMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("75 GB"));
    QCOMPARE(text("storage_bytes", QuotaTableModel::InheritedFromColumn), QStringLiteral("own"));
    QCOMPARE(model()->undoStack()->count(), 0);

    // Delete resets to inherited; Ctrl+S applies.
    m_editor->view()->setCurrentIndex(model()->index(rowOf("items"), QuotaTableModel::UsedColumn));
    QTest::keyClick(m_editor->view(), Qt::Key_Delete);
    QCOMPARE(text("items", QuotaTableModel::LimitColumn), QStringLiteral("inherit (2M)"));
    QTest::keyClick(m_editor->view(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(storedLimit(m_child, "items"), -1);
    QTRY_COMPARE(model()->stagedCount(), 0);

    QDir().mkpath(QStringLiteral("screenshots"));
    QVERIFY(m_editor->grab().save(QStringLiteral("screenshots/quotaeditor.png")));
}

void TstQuotaEditor::refusedValueSaysWhy()
{
    QLineEdit *edit = openEditor("storage_bytes");
    QVERIFY(edit);
    QTest::keyClicks(edit, QStringLiteral("300 GB"));
    QCOMPARE(edit->toolTip(), QStringLiteral("Above the parent's limit of 200 GB (set on %1). Raise %1's limit "
                                             "first or enter at most 200 GB.")
                                  .arg(m_acmeSlug));
    QVERIFY(edit->styleSheet().contains(QLatin1String("border")));
    QCOMPARE(status(), edit->toolTip());
    // Enter doesn't take it: the editor stays open with what was typed.
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_editor->view()->findChild<QLineEdit *>(QStringLiteral("quotaCellEditor")), edit);
    QCOMPARE(edit->text(), QStringLiteral("300 GB"));

    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("lots"));
    QCOMPARE(edit->toolTip(), QStringLiteral("\"lots\" is not a number. Enter a limit such as 500 GB, or \"inherit\" "
                                             "or \"unlimited\"."));
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("150 GB"));
    QVERIFY(edit->styleSheet().isEmpty());
    QTest::keyClick(edit, Qt::Key_Escape); // changed my mind
    QTRY_VERIFY(!m_editor->view()->findChild<QLineEdit *>(QStringLiteral("quotaCellEditor")));
    QCOMPARE(model()->stagedCount(), 0);

    // The database is the last word even where the console didn't check: acme goes below it
    // through another session while this one has its value staged.
    typeLimit("storage_bytes", QStringLiteral("150 GB"));
    QuotaChange lower{m_acme, QStringLiteral("storage_bytes"), 100 * kGB, std::nullopt, std::nullopt};
    QVERIFY(await(m_other->writeQuotas({lower})).ok());
    // The refresh brings acme's new limit; the staged 150 GB is now above it.
    QTRY_COMPARE(model()->quotaAt(rowOf("storage_bytes")).parentLimit, std::optional<qint64>(100 * kGB));
    QSignalSpy failed(model(), &QuotaTableModel::applyFailed);
    QTest::mouseClick(child<QPushButton>("quotaApplyButton"), Qt::LeftButton);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<Error>().kind, ErrorKind::Validation);
    QVERIFY2(status().startsWith(QLatin1String("Nothing was applied: ")), qPrintable(status()));
    QCOMPARE(model()->stagedCount(), 1);
    QCOMPARE(storedLimit(m_child, "storage_bytes"), -1);
}

void TstQuotaEditor::conflictShowsTheirsAndYours_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("take mine") << "takeMineButton" << 40 * kGB;
    QTest::newRow("keep theirs") << "keepTheirsButton" << 60 * kGB;
}

void TstQuotaEditor::conflictShowsTheirsAndYours()
{
    QFETCH(QString, button);
    QFETCH(qint64, expected);
    // The child has an own limit to start from, so both sessions edit an existing row.
    QuotaChange start{m_child, QStringLiteral("storage_bytes"), 20 * kGB, std::nullopt, std::nullopt};
    QVERIFY(await(m_other->writeQuotas({start})).ok());
    QTRY_COMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("20 GB"));

    typeLimit("storage_bytes", QStringLiteral("40 GB"));
    typeLimit("items", QStringLiteral("1M"));
    // Another operator changes the same row meanwhile.
    QuotaChange theirs{m_child, QStringLiteral("storage_bytes"), 60 * kGB, std::nullopt, std::nullopt};
    QVERIFY(await(m_other->writeQuotas({theirs})).ok());

    QTest::keyClick(m_editor->view(), Qt::Key_S, Qt::ControlModifier);
    ui::QuotaConflictDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_editor->findChild<ui::QuotaConflictDialog *>(QStringLiteral("quotaConflictDialog")))
                && dialog->isVisible());
    QCOMPARE(storedLimit(m_child, "items"), -1); // nothing of the batch was written
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("conflictTable"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Storage"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("60 GB"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("40 GB"));
    QVERIFY(model()->index(rowOf("storage_bytes"), 0).data(QuotaTableModel::ConflictRole).isValid());

    QTest::mouseClick(dialog->findChild<QPushButton *>(button), Qt::LeftButton);
    // Either way the rest of the batch is applied after the choice.
    QTRY_COMPARE(storedLimit(m_child, "items"), 1000000);
    QCOMPARE(storedLimit(m_child, "storage_bytes"), expected);
    QTRY_COMPARE(model()->stagedCount(), 0);
    QCOMPARE(model()->conflictCount(), 0);
    QTRY_COMPARE(model()->quotaAt(rowOf("storage_bytes")).hardLimit, std::optional<qint64>(expected));
}

void TstQuotaEditor::anotherSessionsChangeShowsUp()
{
    // acme raises its storage limit elsewhere: what the child inherits follows by itself.
    QuotaChange raise{m_acme, QStringLiteral("storage_bytes"), 300 * kGB, std::nullopt, std::nullopt};
    QVERIFY(await(m_other->writeQuotas({raise})).ok());
    QTRY_COMPARE_WITH_TIMEOUT(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("inherit (300 GB)"), 10000);
}

void TstQuotaEditor::stagedEditsKeepTheirTenant()
{
    typeLimit("items", QStringLiteral("1M"));
    const Result<Tenant> acme = await(m_store->tenant(m_acme));
    QVERIFY(acme.ok());
    m_editor->setTenant(acme.value());
    // Still the child's rows, with a banner saying why.
    QCOMPARE(m_editor->shownTenant(), m_child);
    auto *banner = child<QLabel>("quotaBanner");
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QLatin1String("Acme Europe")));
    QCOMPARE(text("items", QuotaTableModel::LimitColumn), QStringLiteral("1M"));
    // Reverting lets the selection through.
    QTest::mouseClick(child<QPushButton>("quotaRevertButton"), Qt::LeftButton);
    QTRY_COMPARE(m_editor->shownTenant(), m_acme);
    QTRY_COMPARE(text("storage_bytes", QuotaTableModel::LimitColumn), QStringLiteral("200 GB"));
    QVERIFY(!banner->isVisible());
}

void TstQuotaEditor::auditorCannotEdit()
{
    m_editor->setReadOnly(true);
    QVERIFY(!child<QPushButton>("quotaApplyButton")->isVisible());
    QVERIFY(!child<QToolButton>("quotaTierButton")->isVisible());
    QVERIFY(!openEditor("items"));
    QTest::keyClick(m_editor->view(), Qt::Key_Delete);
    QCOMPARE(model()->stagedCount(), 0);
    QCOMPARE(status(), QStringLiteral("Read-only session: quotas can't be changed here."));
}

void TstQuotaEditor::mainWindowShowsTheSelectedTenantsQuotas()
{
    for (const QString &login : {kOperator, kAuditor}) {
        ui::MainWindow window(&PgStore::forProfile);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(&window, &ui::MainWindow::connectionFinished);
        ConnectionProfile profile;
        profile.conninfo = m_db->conninfo(login);
        window.connectTo(profile);
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().first().toBool());
        ui::QuotaEditor *editor = window.detailsPane()->quotaEditor();
        QVERIFY(editor->model());
        // The first tenant is selected after connecting; its quotas are in the tab.
        QTRY_VERIFY(window.treeModel() && window.treeModel()->rowCount() > 0);
        const QUuid first = window.treeModel()->index(0, 0).data(TenantTreeModel::TenantIdRole).toUuid();
        QTRY_COMPARE(editor->shownTenant(), first);
        QTRY_VERIFY(editor->model()->rowCount() > 5);
        QCOMPARE(editor->model()->isReadOnly(), login == kAuditor);
        window.detailsPane()->tabs()->setCurrentWidget(editor);
        if (login == kOperator) {
            QDir().mkpath(QStringLiteral("screenshots"));
            QVERIFY(window.grab().save(QStringLiteral("screenshots/mainwindow-quotas.png")));
        }
    }
}

QTEST_MAIN(TstQuotaEditor)
#include "tst_quotaeditor.moc"
