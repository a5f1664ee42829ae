#include "ui/migrationreportpage.h"

#include "models/domain/resourceunit.h"
#include "ui/idmapexport.h"
#include "ui/migrationwizard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc::ui {

MigrationReportPage::MigrationReportPage(MigrationWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Report"));
    setFinalPage(true);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reportSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_export = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("&Export Id Mapping…"), this);
    m_export->setObjectName(QStringLiteral("exportIdMapButton"));
    m_export->setToolTip(tr("Save the old → new id of every moved row as CSV"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_export);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_export, &QPushButton::clicked, this,
            [this] { IdMapExport::run(this, m_wizard->store(), m_wizard->job()); });
}

void MigrationReportPage::initializePage()
{
    const MigrationJob &job = m_wizard->job();
    const QLocale locale;
    const bool finished = job.state == MigrationJob::State::Finished;
    setSubTitle(finished ? tr("Job #%1 finished.").arg(job.id) : tr("Job #%1 was cancelled.").arg(job.id));

    QString rows;
    const auto addRow = [&rows](const QString &name, const QString &value) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value);
    };
    addRow(tr("Moved"), tr("<b>%1 rows</b> (%2) from %3 to %4")
                            .arg(locale.toString(job.movedRows), formatQuantity(job.movedBytes, ResourceUnit::Bytes),
                                 job.sourceSlug.toHtmlEscaped(), job.targetSlug.toHtmlEscaped()));
    addRow(tr("Skipped"), job.skippedRows == 0
               ? tr("none")
               : tr("%1 rows whose id %2 already holds; they stay in %3")
                     .arg(locale.toString(job.skippedRows), job.targetSlug.toHtmlEscaped(), job.sourceSlug.toHtmlEscaped()));
    addRow(tr("Planned"), tr("%1 rows at the preview").arg(locale.toString(job.plannedRows)));
    addRow(tr("Batches"), locale.toString(job.batches));
    if (job.startedAt.isValid() && job.finishedAt.isValid()) {
        const qint64 seconds = std::max<qint64>(0, job.startedAt.secsTo(job.finishedAt));
        addRow(tr("Took"), tr("%1 s (%2 to %3)")
                               .arg(locale.toString(seconds),
                                    locale.toString(job.startedAt.toLocalTime(), QLocale::ShortFormat),
                                    locale.toString(job.finishedAt.toLocalTime(), QLocale::ShortFormat)));
    }
    addRow(tr("Started by"), job.createdBy.toHtmlEscaped());
    addRow(tr("Ids"), job.preserveIds ? tr("kept") : tr("new ids; the mapping is kept with the job"));
    addRow(tr("Metadata"), job.includeMetadata ? tr("kept") : tr("dropped"));
    m_summary->setText(QStringLiteral("<table cellspacing='0' cellpadding='3'>%1</table>").arg(rows));
    m_export->setVisible(!job.preserveIds);
    m_export->setEnabled(job.movedRows > 0);
}

} // namespace tc::ui
