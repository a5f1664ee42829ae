#include "ui/migrationwizard.h"

#include "models/items/migrationrunner.h"
#include "ui/migrationoptionspage.h"
#include "ui/migrationpreviewpage.h"
#include "ui/migrationreportpage.h"
#include "ui/migrationrunpage.h"
#include "ui/migrationselectorpage.h"
#include "ui/migrationsourcepage.h"
#include "ui/migrationtargetpage.h"

#include <QMessageBox>
#include <QTimer>

namespace tc::ui {

MigrationRequest MigrationDraft::request() const
{
    MigrationRequest r;
    r.source = source ? source->tenant.id : QUuid();
    r.target = target ? target->tenant.id : QUuid();
    r.selectorJson = wholeTenant ? QStringLiteral("{}") : selectorJson;
    r.preserveIds = preserveIds;
    r.includeMetadata = includeMetadata;
    return r;
}

MigrationWizard::MigrationWizard(TenantStore *store, QWidget *parent) : QWizard(parent), m_store(store)
{
    setObjectName(QStringLiteral("migrationWizard"));
    setWindowTitle(tr("Move Data"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(760, 560);

    setPage(SourcePage, new MigrationSourcePage(this));
    setPage(TargetPage, new MigrationTargetPage(this));
    setPage(SelectorPage, new MigrationSelectorPage(this));
    setPage(OptionsPage, new MigrationOptionsPage(this));
    setPage(PreviewPage, new MigrationPreviewPage(this));
    setPage(RunPage, new MigrationRunPage(this));
    setPage(ReportPage, new MigrationReportPage(this));
    page(RunPage)->setButtonText(QWizard::CancelButton, tr("&Close"));
    setStartId(SourcePage);
}

MigrationWizard::~MigrationWizard() = default;

void MigrationWizard::setSource(const TenantMatch &source, bool wholeTenant)
{
    m_draft.source = source;
    m_draft.wholeTenant = wholeTenant;
    if (wholeTenant)
        setWindowTitle(tr("Merge Data of %1").arg(source.tenant.slug));
    // The source is chosen: go on to the target once shown, so Back still leads to the source.
    QTimer::singleShot(0, this, [this] {
        if (currentId() == SourcePage && m_draft.source && currentPage()->isComplete())
            next();
    });
}

void MigrationWizard::resumeJob(const MigrationJob &job)
{
    m_draft.jobId = job.id;
    m_draft.preserveIds = job.preserveIds;
    m_draft.includeMetadata = job.includeMetadata;
    m_draft.selectorJson = job.selectorJson;
    setJob(job);
    setWindowTitle(tr("Migration Job #%1").arg(job.id));
    setStartId(RunPage);
}

void MigrationWizard::setJob(const MigrationJob &job)
{
    m_job = job;
    Q_EMIT jobChanged(job);
}

bool MigrationWizard::isRunning() const
{
    const auto *run = qobject_cast<const MigrationRunPage *>(page(RunPage));
    return run && run->runner()->isRunning();
}

void MigrationWizard::reject()
{
    auto *run = qobject_cast<MigrationRunPage *>(page(RunPage));
    if (run && run->runner()->isRunning()) {
        const QMessageBox::StandardButton answer = QMessageBox::question(
            this, tr("Pause the Move?"),
            tr("Job #%1 is still moving rows. Close this window and pause the job after its current batch? Resume "
               "it from the Jobs panel of any console.")
                .arg(m_job.id),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes)
            return;
        run->pauseIfRunning();
    }
    QWizard::reject();
}

void MigrationWizard::done(int result)
{
    auto *run = qobject_cast<MigrationRunPage *>(page(RunPage));
    if (run)
        run->pauseIfRunning();
    QWizard::done(result);
}

} // namespace tc::ui
