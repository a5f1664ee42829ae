#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;

namespace tc::ui {

class MigrationWizard;

// Step 7: what the job did — rows and bytes moved, rows skipped (and why), batches, how long
// it took, who started it — and, when the rows got new ids, the export of the mapping.
class MigrationReportPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MigrationReportPage(MigrationWizard *wizard);

    void initializePage() override;

    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *exportButton() const { return m_export; }

private:
    MigrationWizard *m_wizard = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace tc::ui
