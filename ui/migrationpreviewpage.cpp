#include "ui/migrationpreviewpage.h"

#include "models/domain/resourceunit.h"
#include "models/items/deliver.h"
#include "models/items/migrationpreviewmodel.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/migrationwizard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

bool isBytes(const MigrationQuotaCheck &check) { return check.resource != QLatin1String("items"); }

QString amount(qint64 value, bool bytes)
{
    return bytes ? formatQuantity(value, ResourceUnit::Bytes) : QLocale().toString(value);
}

} // namespace

MigrationPreviewPage::MigrationPreviewPage(MigrationWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Preview"));
    setSubTitle(tr("What the move would do now. Nothing has changed yet."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Start Move"));

    m_model = new MigrationPreviewModel(wizard->store(), this);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_refresh = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Re&fresh"), this);
    m_refresh->setObjectName(QStringLiteral("previewRefresh"));
    m_refresh->setToolTip(tr("Count again (after raising the target's limits, or when the source changed)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh, 0, Qt::AlignTop);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->hide();

    m_quota = new QLabel(this);
    m_quota->setObjectName(QStringLiteral("previewQuota"));
    m_quota->setTextFormat(Qt::RichText);
    m_quota->setWordWrap(true);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("previewError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();

    auto *sampleLabel = new QLabel(tr("First rows that would move:"), this);
    m_sample = new QTableView(this);
    m_sample->setObjectName(QStringLiteral("previewSample"));
    m_sample->setModel(m_model);
    m_sample->verticalHeader()->hide();
    m_sample->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sample->setWordWrap(false);
    m_sample->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sample->horizontalHeader()->setStretchLastSection(true);
    sampleLabel->setBuddy(m_sample);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_busy);
    layout->addWidget(m_quota);
    layout->addWidget(m_error);
    layout->addWidget(sampleLabel);
    layout->addWidget(m_sample, 1);

    connect(m_model, &MigrationPreviewModel::statusChanged, this, &MigrationPreviewPage::onStatusChanged);
    connect(m_refresh, &QPushButton::clicked, this, &MigrationPreviewPage::load);
}

void MigrationPreviewPage::initializePage()
{
    load();
}

void MigrationPreviewPage::cleanupPage()
{
    m_model->cancel();
    m_error->hide();
    // Back while "Start Move" creates the job: the job that arrives is cancelled, not run.
    if (m_creating)
        m_abandoned = true;
}

void MigrationPreviewPage::load()
{
    m_error->hide();
    m_model->load(m_wizard->draft().request());
}

bool MigrationPreviewPage::isComplete() const
{
    return !m_creating && m_model->status() == MigrationPreviewModel::Status::Ready && !m_model->isBlocked()
        && m_model->plan().rows > 0;
}

bool MigrationPreviewPage::validatePage()
{
    // "Start Move": the job is created first (asynchronously); the wizard moves on once it
    // exists.
    if (m_wizard->draft().jobId != 0)
        return true;
    createJob();
    return false;
}

void MigrationPreviewPage::createJob()
{
    if (m_creating || !m_wizard->store())
        return;
    m_creating = true;
    m_abandoned = false;
    m_busy->show();
    m_refresh->setEnabled(false);
    Q_EMIT completeChanged();
    detail::deliver(m_wizard->store()->createMigrationJob(m_wizard->draft().request()), this,
                    [this](const Result<MigrationJob> &result) {
                        m_creating = false;
                        m_busy->hide();
                        m_refresh->setEnabled(true);
                        if (m_abandoned) {
                            m_abandoned = false;
                            if (result.ok() && m_wizard->store())
                                m_wizard->store()->cancelMigrationJob(result.value().id);
                            return;
                        }
                        if (!result.ok()) {
                            Q_EMIT completeChanged();
                            showError(tr("The job was not created."), result.error());
                            // What changed is shown by a fresh plan (without hiding the error).
                            m_model->load(m_wizard->draft().request());
                            return;
                        }
                        m_wizard->draft().jobId = result.value().id;
                        m_wizard->setJob(result.value());
                        m_wizard->next();
                    });
}

void MigrationPreviewPage::onStatusChanged()
{
    const MigrationDraft &draft = m_wizard->draft();
    const QString source = draft.source ? draft.source->tenant.slug : QString();
    const QString target = draft.target ? draft.target->tenant.slug : QString();
    m_busy->setVisible(m_creating || m_model->status() == MigrationPreviewModel::Status::Loading);
    switch (m_model->status()) {
    case MigrationPreviewModel::Status::Idle:
        m_summary->clear();
        m_quota->clear();
        break;
    case MigrationPreviewModel::Status::Loading:
        m_summary->setText(tr("Counting the rows of %1 that would move…").arg(source.toHtmlEscaped()));
        m_quota->clear();
        break;
    case MigrationPreviewModel::Status::Failed:
        m_summary->clear();
        m_quota->clear();
        if (const std::optional<Error> error = m_model->error())
            showError(tr("The preview failed."), *error);
        break;
    case MigrationPreviewModel::Status::Ready: {
        const MigrationPlan &plan = m_model->plan();
        if (plan.rows == 0) {
            m_summary->setText(tr("<b>No rows of %1 match.</b> Go back and change what to move.").arg(source.toHtmlEscaped()));
        } else {
            m_summary->setText(tr("<b>%1 rows (%2)</b> would move from <b>%3</b> to <b>%4</b>%5.")
                                   .arg(QLocale().toString(plan.rows), formatQuantity(plan.bytes, ResourceUnit::Bytes),
                                        source.toHtmlEscaped(), target.toHtmlEscaped(),
                                        draft.preserveIds ? QString() : tr(" with new ids")));
        }
        showQuota();
        break;
    }
    }
    Q_EMIT completeChanged();
}

void MigrationPreviewPage::showQuota()
{
    const MigrationPlan &plan = m_model->plan();
    const QString target = m_wizard->draft().target ? m_wizard->draft().target->tenant.slug : QString();
    QString rows;
    for (const MigrationQuotaCheck &check : plan.quota) {
        const bool bytes = isBytes(check);
        const QString name = bytes ? tr("Storage") : tr("Items");
        QString verdict;
        if (!check.limit)
            verdict = tr("no limit");
        else if (check.exceeds())
            verdict = QStringLiteral("<span style='color:#b3261e'><b>%1</b></span>")
                          .arg(tr("exceeds the limit by %1").arg(amount(check.used + check.needed - *check.limit, bytes)));
        else
            verdict = tr("fits (%1 left)").arg(amount(*check.limit - check.used - check.needed, bytes));
        rows += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>+ %3</td>"
                               "<td align='right'>%4</td><td>&nbsp;&nbsp;%5</td></tr>")
                    .arg(name, amount(check.used, bytes), amount(check.needed, bytes),
                         check.limit ? amount(*check.limit, bytes) : QStringLiteral("∞"), verdict);
    }
    QString html = QStringLiteral("<p>%1</p><table cellspacing='0' cellpadding='3'><tr><th align='left'></th>"
                                  "<th align='right'>%2</th><th align='right'>%3</th><th align='right'>%4</th>"
                                  "<th></th></tr>%5</table>")
                       .arg(tr("Limits of %1:").arg(target.toHtmlEscaped()), tr("In use"), tr("Moving in"),
                            tr("Limit"), rows);
    if (plan.blocked())
        html += QStringLiteral("<p style='color:#b3261e'><b>%1</b> %2</p>")
                    .arg(tr("The move is blocked."),
                         tr("Raise %1's limits first (its Quotas tab, or tenantctl quota set), then Refresh.")
                             .arg(target.toHtmlEscaped()));
    m_quota->setText(html);
}

void MigrationPreviewPage::showError(const QString &lead, const Error &error)
{
    m_error->setText(QStringLiteral("<b>%1</b> %2").arg(lead.toHtmlEscaped(), errorSummary(error).toHtmlEscaped()));
    m_error->setToolTip(error.detail);
    m_error->show();
}

} // namespace tc::ui
