#pragma once

#include "models/domain/error.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace tc {
class MigrationPreviewModel;
}

namespace tc::ui {

class MigrationWizard;

// Step 5: what the move would do now — the exact number of rows and their size, the target's
// limits against them (a move that would exceed one is blocked until the target's limit is
// raised; Refresh reads again), and the first rows as a sample. "Start Move" creates the job
// (the database plans again and refuses what no longer fits) and goes on to the run page.
class MigrationPreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MigrationPreviewPage(MigrationWizard *wizard);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    MigrationPreviewModel *previewModel() const { return m_model; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *quotaLabel() const { return m_quota; }
    QLabel *errorLabel() const { return m_error; }

private:
    void load();
    void onStatusChanged();
    void showQuota();
    void showError(const QString &lead, const Error &error);
    void createJob();

    MigrationWizard *m_wizard = nullptr;
    MigrationPreviewModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_quota = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_busy = nullptr;
    QPushButton *m_refresh = nullptr;
    QTableView *m_sample = nullptr;
    bool m_creating = false;
    bool m_abandoned = false; // Back was pressed while the job was being created
};

} // namespace tc::ui
