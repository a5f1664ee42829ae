#pragma once

#include "models/domain/migration.h"
#include "models/domain/tenant.h"
#include "models/store/tenantstore.h"

#include <QPointer>
#include <QWizard>

#include <optional>

namespace tc::ui {

// What the wizard's pages have chosen so far (the wizard owns it; pages read and write it).
struct MigrationDraft
{
    std::optional<TenantMatch> source;
    std::optional<TenantMatch> target;
    bool wholeTenant = false;        // everything of the source: selector {}
    QString selectorJson = QStringLiteral("{}");
    bool preserveIds = true;
    bool includeMetadata = true;
    int batchRows = 1000;
    qint64 jobId = 0;                // the job once created (or the one being resumed)

    MigrationRequest request() const;
};

// "Move Data": moves the memories of one tenant that match a selector (or all of them: a
// merge) into another tenant, as a resumable migration job. One page each: source, target,
// what to move (visual selector rows and the JSON), options, preview (exact count, size,
// sample rows, the target's quota check), run (progress, rate, time left, pause, cancel) and
// report (moved, skipped, id mapping export).
//
// The run page is the commit point: the job exists from then on and is listed in the Jobs
// panel of every console; closing the wizard while it runs pauses the job after its current
// batch, and any console can resume it (resumeJob()).
class MigrationWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { SourcePage, TargetPage, SelectorPage, OptionsPage, PreviewPage, RunPage, ReportPage };

    explicit MigrationWizard(TenantStore *store, QWidget *parent = nullptr);
    ~MigrationWizard() override;

    // Starts with `source` chosen (the tree's selection); `wholeTenant` preselects "all of its
    // data" (Merge Into…).
    void setSource(const TenantMatch &source, bool wholeTenant = false);
    // Opens straight on the run page for an existing job (Resume in the Jobs panel).
    void resumeJob(const MigrationJob &job);

    TenantStore *store() const { return m_store; }
    MigrationDraft &draft() { return m_draft; }
    const MigrationDraft &draft() const { return m_draft; }
    // The job as last read (after the run page has started it).
    const MigrationJob &job() const { return m_job; }
    void setJob(const MigrationJob &job);
    // True while the run page runs the job.
    bool isRunning() const;

    // Closing pauses a running job after its current batch (reject() asks first).
    void reject() override;
    void done(int result) override;

Q_SIGNALS:
    // The job was created or changed (the Jobs panel shows it at once).
    void jobChanged(const tc::MigrationJob &job);


private:
    QPointer<TenantStore> m_store;
    MigrationDraft m_draft;
    MigrationJob m_job;
};

} // namespace tc::ui
