#include "ui/migrationoptionspage.h"

#include "ui/migrationwizard.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setIndent(24);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

MigrationOptionsPage::MigrationOptionsPage(MigrationWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Options"));
    setSubTitle(tr("How the rows arrive in the target."));

    m_preserveIds = new QCheckBox(tr("&Keep the rows' ids"), this);
    m_preserveIds->setObjectName(QStringLiteral("preserveIds"));
    m_includeMetadata = new QCheckBox(tr("Keep the rows' &metadata"), this);
    m_includeMetadata->setObjectName(QStringLiteral("includeMetadata"));
    m_batchRows = new QSpinBox(this);
    m_batchRows->setObjectName(QStringLiteral("batchRows"));
    m_batchRows->setRange(100, 50000);
    m_batchRows->setSingleStep(500);
    m_batchRows->setGroupSeparatorShown(true);
    m_batchRows->setSuffix(tr(" rows"));
    m_batchRows->setToolTip(tr("Rows per transaction. Larger batches move faster; smaller ones hold locks for "
                               "less time and lose less work to an interruption (nothing is ever lost: the job "
                               "resumes after the last committed batch)."));

    auto *batchForm = new QFormLayout;
    batchForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    batchForm->addRow(tr("&Batch size:"), m_batchRows);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_preserveIds);
    layout->addWidget(explanation(tr("References to these rows elsewhere stay valid. A row whose id the target "
                                     "already holds is skipped: it stays in the source and the report counts it. "
                                     "Unchecked, the moved rows get new ids and the job keeps the mapping from "
                                     "old to new ids, exported from the report."),
                                  this));
    layout->addSpacing(8);
    layout->addWidget(m_includeMetadata);
    layout->addWidget(explanation(tr("Unchecked, the rows arrive with empty metadata ({}); the content always "
                                     "moves."),
                                  this));
    layout->addSpacing(8);
    layout->addLayout(batchForm);
    layout->addStretch(1);
}

void MigrationOptionsPage::initializePage()
{
    const MigrationDraft &draft = m_wizard->draft();
    m_preserveIds->setChecked(draft.preserveIds);
    m_includeMetadata->setChecked(draft.includeMetadata);
    m_batchRows->setValue(draft.batchRows);
}

bool MigrationOptionsPage::validatePage()
{
    MigrationDraft &draft = m_wizard->draft();
    draft.preserveIds = m_preserveIds->isChecked();
    draft.includeMetadata = m_includeMetadata->isChecked();
    draft.batchRows = m_batchRows->value();
    return true;
}

} // namespace tc::ui
