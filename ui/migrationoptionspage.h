#pragma once

#include <QWizardPage>

class QCheckBox;
class QSpinBox;

namespace tc::ui {

class MigrationWizard;

// Step 4: how the rows move. Keep ids (a row whose id the target already holds is skipped and
// stays in the source) or give the moved rows new ids (the job keeps the old → new mapping,
// exported from the report); keep or drop the metadata; the batch size (one transaction each).
class MigrationOptionsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MigrationOptionsPage(MigrationWizard *wizard);

    void initializePage() override;
    bool validatePage() override;

    QCheckBox *preserveIdsBox() const { return m_preserveIds; }
    QCheckBox *includeMetadataBox() const { return m_includeMetadata; }
    QSpinBox *batchRowsBox() const { return m_batchRows; }

private:
    MigrationWizard *m_wizard = nullptr;
    QCheckBox *m_preserveIds = nullptr;
    QCheckBox *m_includeMetadata = nullptr;
    QSpinBox *m_batchRows = nullptr;
};

} // namespace tc::ui
