// The migration wizard and the Jobs panel on a real database, offscreen: a move by selector
// with new ids from the tree's selection to the report, the target page's refusals, the JSON
// side of the selector (errors with their position, $or kept as JSON only), the quota block
// and Refresh after raising the limit, a whole-tenant merge, a job resumed from the Jobs panel,
// and an auditor who sees the jobs but may start none.

#include "models/items/migrationjobsmodel.h"
#include "models/items/migrationpreviewmodel.h"
#include "models/items/selectorrowsmodel.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"
#include "ui/mainwindow.h"
#include "ui/migrationjobspanel.h"
#include "ui/migrationpreviewpage.h"
#include "ui/migrationreportpage.h"
#include "ui/migrationrunpage.h"
#include "ui/migrationselectorpage.h"
#include "ui/migrationtargetpage.h"
#include "ui/migrationwizard.h"
#include "ui/tenantactions.h"
#include "ui/tenantpicker.h"
#include "ui/tenanttreepanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;

namespace {

const QString kOperator = QStringLiteral("tst_migrationwizard_operator");
const QString kAuditor = QStringLiteral("tst_migrationwizard_auditor");
constexpr int kWaitMs = 20000;

} // namespace

class TstMigrationWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void movesBySelectorWithNewIds();
    void targetPageRefusesSourceAndInactive();
    void jsonSideOfTheSelector();
    void quotaBlocksUntilRaised();
    void mergesAWholeTenant();
    void resumesFromTheJobsPanel();
    void auditorSeesJobsButStartsNone();

private:
    bool connectAs(const QString &login);
    QString sql(const QString &query) const { return m_db->scalar(query).toString(); }
    bool select(const QString &slug);
    ui::MigrationWizard *openWizard(QAction *action);
    bool pickTarget(ui::MigrationWizard *wizard, const QString &slug);
    void setRow(SelectorRowsModel *rows, int row, const QString &field, SelectorOperator op, const QString &value);
    void saveShot(QWidget *widget, const QString &name);

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TstMigrationWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("TenantConsoleTests"));
    QSettings().clear();
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_migrationwizard"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
}

void TstMigrationWizard::init()
{
    // src: 1000 rows, 600 of marketing (n % 5 < 3); tgt: 3 rows of its own; frozen: suspended.
    QCOMPARE(m_db->exec(QStringLiteral(
                 "SET session_replication_role = replica; DELETE FROM tenancy.migration_id_map; "
                 "DELETE FROM tenancy.migration_jobs; DELETE FROM tenancy.memories; DELETE FROM tenancy.quotas; "
                 "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('src', 'Source'), ('tgt', 'Target'), "
                 "('frozen', 'Frozen'), ('other', 'Other'); "
                 "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'frozen'; "
                 "SET session_replication_role = origin; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' "
                 "ELSE 'sales' END, 'n', i) FROM tenancy.tenants t, generate_series(1, 1000) i WHERE t.slug = 'src'; "
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'own-' || i, '{}' FROM tenancy.tenants t, generate_series(1, 3) i WHERE t.slug = 'tgt'")),
             QString());
    m_window = std::make_unique<ui::MainWindow>(&PgStore::forProfile);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TstMigrationWizard::cleanup()
{
    m_window.reset();
}

bool TstMigrationWizard::connectAs(const QString &login)
{
    QSignalSpy finished(m_window.get(), &ui::MainWindow::connectionFinished);
    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(login);
    m_window->connectTo(profile);
    if (!finished.wait(kWaitMs) || !finished.first().first().toBool())
        return false;
    return QTest::qWaitFor([&] { return m_window->treeModel()->rowCount() == 4; }, kWaitMs);
}

bool TstMigrationWizard::select(const QString &slug)
{
    const QUuid id = QUuid::fromString(sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug)));
    QModelIndex index;
    if (!QTest::qWaitFor([&] { return (index = m_window->treeModel()->indexOf(id)).isValid(); }, kWaitMs))
        return false;
    m_window->treePanel()->view()->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

ui::MigrationWizard *TstMigrationWizard::openWizard(QAction *action)
{
    if (!action->isEnabled())
        return nullptr;
    action->trigger();
    ui::MigrationWizard *wizard = nullptr;
    (void)QTest::qWaitFor([&] {
        for (ui::MigrationWizard *w : m_window->findChildren<ui::MigrationWizard *>()) {
            if (w->isVisible())
                wizard = w;
        }
        return wizard != nullptr;
    }, kWaitMs);
    return wizard;
}

bool TstMigrationWizard::pickTarget(ui::MigrationWizard *wizard, const QString &slug)
{
    if (!QTest::qWaitFor([wizard] { return wizard->currentId() == ui::MigrationWizard::TargetPage; }, kWaitMs))
        return false;
    auto *page = qobject_cast<ui::MigrationTargetPage *>(wizard->currentPage());
    if (!page)
        return false;
    ui::TenantPicker *picker = page->picker();
    QSignalSpy listed(picker, &ui::TenantPicker::listed);
    QTest::keyClicks(picker->searchEdit(), slug);
    if (!QTest::qWaitFor([&] { return !listed.isEmpty() && listed.last().first().toString() == slug; }, kWaitMs))
        return false;
    const QList<QListWidgetItem *> items = picker->list()->findItems(slug, Qt::MatchExactly);
    if (items.size() != 1)
        return false;
    // Clicked as a person does: the new list keeps row 0 current, so the click only selects it.
    QListWidget *list = picker->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.first()).center());
    return items.first()->isSelected() && wizard->button(QWizard::NextButton)->isEnabled();
}

void TstMigrationWizard::setRow(SelectorRowsModel *rows, int row, const QString &field, SelectorOperator op,
                                const QString &value)
{
    while (rows->rowCount() <= row)
        rows->addRow();
    QVERIFY(rows->setData(rows->index(row, SelectorRowsModel::FieldColumn), field));
    QVERIFY(rows->setData(rows->index(row, SelectorRowsModel::OperatorColumn), int(op)));
    QVERIFY(rows->setData(rows->index(row, SelectorRowsModel::ValueColumn), value));
}

void TstMigrationWizard::saveShot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("screenshots"));
    widget->grab().save(QStringLiteral("screenshots/%1.png").arg(name));
}

void TstMigrationWizard::movesBySelectorWithNewIds()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("src")));
    ui::MigrationWizard *wizard = openWizard(m_window->tenantActions()->moveDataAction());
    QVERIFY(wizard);
    // The tree's selection is the source: the wizard opens on the target.
    QTRY_COMPARE(wizard->currentId(), int(ui::MigrationWizard::TargetPage));
    QCOMPARE(wizard->draft().source->tenant.slug, QStringLiteral("src"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(pickTarget(wizard, QStringLiteral("tgt")));
    saveShot(wizard, QStringLiteral("migration-target"));
    wizard->next();

    auto *selector = qobject_cast<ui::MigrationSelectorPage *>(wizard->currentPage());
    QVERIFY(selector);
    QVERIFY(selector->matchingButton()->isChecked());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // no condition yet: not everything by accident
    setRow(selector->rowsModel(), 0, QStringLiteral("department"), SelectorOperator::Eq, QStringLiteral("marketing"));
    setRow(selector->rowsModel(), 1, QStringLiteral("n"), SelectorOperator::Gt, QStringLiteral("100"));
    QCOMPARE(selector->jsonEdit()->toPlainText(), QStringLiteral(R"({"department":"marketing","n":{"$gt":100}})"));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    saveShot(wizard, QStringLiteral("migration-selector"));
    wizard->next();

    QCOMPARE(wizard->currentId(), int(ui::MigrationWizard::OptionsPage));
    wizard->findChild<QCheckBox *>(QStringLiteral("preserveIds"))->setChecked(false);
    wizard->next();

    auto *preview = qobject_cast<ui::MigrationPreviewPage *>(wizard->currentPage());
    QVERIFY(preview);
    QTRY_COMPARE_WITH_TIMEOUT(preview->previewModel()->status(), MigrationPreviewModel::Status::Ready, kWaitMs);
    // n in 101..1000 with n % 5 < 3: 540 rows.
    const qint64 expected = sql(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON "
                                               "t.id = m.tenant_id WHERE t.slug = 'src' AND m.metadata->>'department' "
                                               "= 'marketing' AND (m.metadata->>'n')::int > 100")).toLongLong();
    QCOMPARE(expected, 540);
    QCOMPARE(preview->previewModel()->plan().rows, expected);
    QVERIFY2(preview->summaryLabel()->text().contains(QStringLiteral("540")), qPrintable(preview->summaryLabel()->text()));
    QCOMPARE(preview->previewModel()->rowCount(), MigrationPlan::kSampleRows);
    QVERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    saveShot(wizard, QStringLiteral("migration-preview"));
    wizard->next(); // Start Move: creates the job, then runs it

    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ui::MigrationWizard::ReportPage), 60000);
    QCOMPARE(wizard->job().state, MigrationJob::State::Finished);
    QCOMPARE(wizard->job().movedRows, expected);
    auto *report = qobject_cast<ui::MigrationReportPage *>(wizard->currentPage());
    QVERIFY(report->summaryLabel()->text().contains(QStringLiteral("540")));
    QVERIFY(report->exportButton()->isVisible());
    saveShot(wizard, QStringLiteral("migration-report"));

    // The rows are in the target with new ids, the source kept the others, the mapping is kept.
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = 'src'")).toLongLong(), 1000 - expected);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = 'tgt'")).toLongLong(), 3 + expected);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.migration_id_map m JOIN tenancy.memories r "
                                "ON r.id = m.new_id")).toLongLong(), expected);

    // The Jobs panel shows it, finished, without waiting for its poll.
    ui::MigrationJobsPanel *panel = m_window->jobsPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->model() && panel->model()->rowOfJob(wizard->job().id) >= 0, kWaitMs);
    const int row = panel->model()->rowOfJob(wizard->job().id);
    QCOMPARE(panel->model()->jobAt(row).state, MigrationJob::State::Finished);
    QCOMPARE(panel->model()->jobAt(row).movedRows, expected);
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(m_window->findChildren<ui::MigrationWizard *>().isEmpty());
}

void TstMigrationWizard::targetPageRefusesSourceAndInactive()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("src")));
    ui::MigrationWizard *wizard = openWizard(m_window->tenantActions()->moveDataAction());
    QVERIFY(wizard);
    QTRY_COMPARE(wizard->currentId(), int(ui::MigrationWizard::TargetPage));
    auto *page = qobject_cast<ui::MigrationTargetPage *>(wizard->currentPage());
    QVERIFY(page);
    ui::TenantPicker *picker = page->picker();
    QTRY_COMPARE_WITH_TIMEOUT(picker->list()->count(), 4, kWaitMs);
    const auto item = [picker](const QString &slug) {
        const QList<QListWidgetItem *> found = picker->list()->findItems(slug, Qt::MatchExactly);
        return found.size() == 1 ? found.first() : nullptr;
    };
    QVERIFY(item(QStringLiteral("src")) && item(QStringLiteral("frozen")) && item(QStringLiteral("tgt")));
    QVERIFY(!(item(QStringLiteral("src"))->flags() & Qt::ItemIsEnabled));
    QVERIFY(item(QStringLiteral("src"))->toolTip().contains(QStringLiteral("is the source")));
    QVERIFY(!(item(QStringLiteral("frozen"))->flags() & Qt::ItemIsEnabled));
    QVERIFY(item(QStringLiteral("frozen"))->toolTip().contains(QStringLiteral("suspended")));
    QVERIFY(item(QStringLiteral("tgt"))->flags() & Qt::ItemIsEnabled);
    picker->list()->setCurrentItem(item(QStringLiteral("frozen")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

    // Back on the source page, choosing the target as the source drops the target again.
    QVERIFY(pickTarget(wizard, QStringLiteral("tgt")));
    wizard->back();
    QCOMPARE(wizard->currentId(), int(ui::MigrationWizard::SourcePage));
    wizard->draft().source->tenant.id = wizard->draft().target->tenant.id; // as if tgt were picked as the source
    wizard->next();
    QVERIFY(!wizard->draft().target);
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
}

void TstMigrationWizard::jsonSideOfTheSelector()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("src")));
    ui::MigrationWizard *wizard = openWizard(m_window->tenantActions()->moveDataAction());
    QVERIFY(wizard && pickTarget(wizard, QStringLiteral("tgt")));
    wizard->next();
    auto *selector = qobject_cast<ui::MigrationSelectorPage *>(wizard->currentPage());
    QVERIFY(selector);
    auto *status = wizard->findChild<QLabel *>(QStringLiteral("selectorStatus"));

    // A broken JSON: the error has its position, Next stays off.
    selector->jsonEdit()->setPlainText(QStringLiteral("{\"department\": }"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("line 1, column 16")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

    // Plain conditions come back as rows.
    selector->jsonEdit()->setPlainText(QStringLiteral(R"({"department": {"$in": ["marketing", "sales"]}, "n": {"$lte": 5}})"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QCOMPARE(selector->rowsModel()->rowCount(), 2);
    QCOMPARE(selector->rowsModel()->index(0, SelectorRowsModel::FieldColumn).data().toString(), QStringLiteral("department"));
    QVERIFY(selector->rowsView()->isEnabled());

    // $or can't be rows: the JSON is the selector, the rows are off with the reason.
    selector->jsonEdit()->setPlainText(QStringLiteral(R"({"$or": [{"n": 1}, {"n": 2}]})"));
    QTRY_VERIFY(!selector->rowsView()->isEnabled());
    QVERIFY(wizard->findChild<QLabel *>(QStringLiteral("rowsNote"))->isVisible());
    QCOMPARE(selector->rowsModel()->rowCount(), 0); // no stale rows beside it
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    saveShot(wizard, QStringLiteral("migration-selector-json"));
    // Back to the target and on again: the $or stays (no empty row turns it into {}).
    wizard->back();
    wizard->next();
    QCOMPARE(wizard->currentPage(), selector);
    QCOMPARE(selector->jsonEdit()->toPlainText(), QStringLiteral(R"({"$or": [{"n": 1}, {"n": 2}]})"));
    QVERIFY(!selector->rowsView()->isEnabled());
    wizard->next();
    QCOMPARE(wizard->draft().selectorJson, QStringLiteral(R"({"$or":[{"n":1},{"n":2}]})"));
    wizard->next();
    auto *preview = qobject_cast<ui::MigrationPreviewPage *>(wizard->currentPage());
    QTRY_COMPARE_WITH_TIMEOUT(preview->previewModel()->status(), MigrationPreviewModel::Status::Ready, kWaitMs);
    QCOMPARE(preview->previewModel()->plan().rows, 2);
}

void TstMigrationWizard::quotaBlocksUntilRaised()
{
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) SELECT id, 'items', "
                                       "100 FROM tenancy.tenants WHERE slug = 'tgt'")),
             QString());
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("src")));
    ui::MigrationWizard *wizard = openWizard(m_window->tenantActions()->mergeDataAction());
    QVERIFY(wizard && pickTarget(wizard, QStringLiteral("tgt")));
    wizard->next();
    auto *selector = qobject_cast<ui::MigrationSelectorPage *>(wizard->currentPage());
    QVERIFY(selector->everythingButton()->isChecked()); // Merge Data Into…
    wizard->next();
    wizard->next();
    auto *preview = qobject_cast<ui::MigrationPreviewPage *>(wizard->currentPage());
    QVERIFY(preview);
    QTRY_COMPARE_WITH_TIMEOUT(preview->previewModel()->status(), MigrationPreviewModel::Status::Ready, kWaitMs);
    // Metered usage of the target (usage_current) is 0 here: 1,000 rows against 100.
    QVERIFY(preview->previewModel()->isBlocked());
    QVERIFY(!wizard->button(QWizard::CommitButton)->isEnabled());
    QVERIFY2(preview->quotaLabel()->text().contains(QStringLiteral("exceeds the limit by 900")),
             qPrintable(preview->quotaLabel()->text()));
    saveShot(wizard, QStringLiteral("migration-preview-blocked"));

    // Raised elsewhere; Refresh reads again and the move may go.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 5000 WHERE resource = 'items'")), QString());
    wizard->findChild<QPushButton *>(QStringLiteral("previewRefresh"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(preview->previewModel()->status() == MigrationPreviewModel::Status::Ready
                                 && !preview->previewModel()->isBlocked(),
                             kWaitMs);
    QVERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
}

void TstMigrationWizard::mergesAWholeTenant()
{
    QVERIFY(connectAs(kOperator));
    QVERIFY(select(QStringLiteral("src")));
    ui::MigrationWizard *wizard = openWizard(m_window->tenantActions()->mergeDataAction());
    QVERIFY(wizard && pickTarget(wizard, QStringLiteral("tgt")));
    wizard->next();
    wizard->next();
    wizard->next();
    auto *preview = qobject_cast<ui::MigrationPreviewPage *>(wizard->currentPage());
    QTRY_COMPARE_WITH_TIMEOUT(preview->previewModel()->status(), MigrationPreviewModel::Status::Ready, kWaitMs);
    QCOMPARE(preview->previewModel()->plan().rows, 1000);
    const QString checksum = QStringLiteral("SELECT md5(string_agg(m.id::text || m.content || m.metadata::text, ',' "
                                            "ORDER BY m.id)) FROM tenancy.memories m JOIN tenancy.tenants t ON "
                                            "t.id = m.tenant_id WHERE t.slug = '%1'");
    const QString before = sql(checksum.arg(QStringLiteral("src")));
    wizard->next();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ui::MigrationWizard::ReportPage), 60000);
    QCOMPARE(wizard->job().movedRows, 1000);
    QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = 'src'")), QStringLiteral("0"));
    // Ids kept: the moved rows are the same rows (the target's own three aside).
    QCOMPARE(sql(QStringLiteral("SELECT md5(string_agg(m.id::text || m.content || m.metadata::text, ',' ORDER BY m.id)) "
                                "FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
                                "WHERE t.slug = 'tgt' AND m.content LIKE 'row-%'")),
             before);
    QVERIFY(!qobject_cast<ui::MigrationReportPage *>(wizard->currentPage())->exportButton()->isVisible());
}

void TstMigrationWizard::resumesFromTheJobsPanel()
{
    QVERIFY(connectAs(kOperator));
    // A job planned by another console (never started).
    PgStore other(m_db->conninfo(kOperator));
    MigrationRequest request;
    request.source = QUuid::fromString(sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'src'")));
    request.target = QUuid::fromString(sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'tgt'")));
    request.selectorJson = QStringLiteral(R"({"department": "sales"})");
    QFuture<Result<MigrationJob>> created = other.createMigrationJob(request);
    QTRY_VERIFY_WITH_TIMEOUT(created.isFinished(), kWaitMs);
    QVERIFY(created.result().ok());
    const qint64 id = created.result().value().id;

    m_window->findChild<QAction *>(QStringLiteral("actionMigrationJobs"))->trigger();
    ui::MigrationJobsPanel *panel = m_window->jobsPanel();
    QTRY_VERIFY(panel->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowOfJob(id) >= 0, kWaitMs);
    QCOMPARE(panel->model()->jobAt(panel->model()->rowOfJob(id)).createdBy, kOperator);
    panel->view()->setCurrentIndex(panel->model()->index(panel->model()->rowOfJob(id), 0));
    QVERIFY(panel->resumeButton()->isEnabled());
    QVERIFY(panel->cancelButton()->isEnabled());
    saveShot(m_window.get(), QStringLiteral("migration-jobs-panel"));
    panel->resumeButton()->click();

    ui::MigrationWizard *wizard = nullptr;
    QTRY_VERIFY((wizard = m_window->findChild<ui::MigrationWizard *>()));
    QCOMPARE(wizard->job().id, id);
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ui::MigrationWizard::ReportPage), 60000);
    QCOMPARE(wizard->job().movedRows, 400);
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->jobAt(panel->model()->rowOfJob(id)).state, MigrationJob::State::Finished,
                              kWaitMs);
    panel->view()->setCurrentIndex(panel->model()->index(panel->model()->rowOfJob(id), 0));
    QVERIFY(!panel->resumeButton()->isEnabled());
    QVERIFY(!panel->cancelButton()->isEnabled());
}

void TstMigrationWizard::auditorSeesJobsButStartsNone()
{
    {
        PgStore other(m_db->conninfo(kOperator));
        MigrationRequest request;
        request.source = QUuid::fromString(sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'src'")));
        request.target = QUuid::fromString(sql(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = 'tgt'")));
        request.selectorJson = QStringLiteral(R"({"n": 7})");
        QFuture<Result<MigrationJob>> created = other.createMigrationJob(request);
        QTRY_VERIFY_WITH_TIMEOUT(created.isFinished(), kWaitMs);
        QVERIFY(created.result().ok());
    }
    QVERIFY(connectAs(kAuditor));
    QVERIFY(select(QStringLiteral("src")));
    QVERIFY(!m_window->tenantActions()->moveDataAction()->isEnabled());
    QVERIFY(!m_window->tenantActions()->mergeDataAction()->isEnabled());
    QVERIFY(!m_window->openMigrationWizard({}, false));
    m_window->findChild<QAction *>(QStringLiteral("actionMigrationJobs"))->trigger();
    ui::MigrationJobsPanel *panel = m_window->jobsPanel();
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, kWaitMs);
    panel->view()->setCurrentIndex(panel->model()->index(0, 0));
    QVERIFY(!panel->resumeButton()->isVisible());
    QVERIFY(!panel->cancelButton()->isVisible());
}

QTEST_MAIN(TstMigrationWizard)
#include "tst_migrationwizard.moc"
