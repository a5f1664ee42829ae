#include "ui/migrationjobspanel.h"

#include "models/items/deliver.h"
#include "models/items/migrationjobsmodel.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/idmapexport.h"
#include "ui/jobprogressdelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QDateTime>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

bool resumable(const MigrationJob &job)
{
    using S = MigrationJob::State;
    return job.state == S::Planned || job.state == S::Paused || job.state == S::Failed || job.state == S::Running;
}

bool cancellable(const MigrationJob &job)
{
    return job.state != MigrationJob::State::Finished && job.state != MigrationJob::State::Cancelled;
}

QPushButton *button(const QString &icon, const QString &text, const QString &name, const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(QIcon::fromTheme(icon), text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

} // namespace

MigrationJobsPanel::MigrationJobsPanel(QWidget *parent) : QWidget(parent)
{
    m_new = button(QStringLiteral("document-new"), tr("&New Move…"), QStringLiteral("newMigrationButton"),
                   tr("Move data of the selected tenant to another tenant"), this);
    m_resume = button(QStringLiteral("media-playback-start"), tr("&Resume"), QStringLiteral("resumeJobButton"),
                      tr("Go on after the job's last committed batch, in a window of this console"), this);
    m_cancel = button(QStringLiteral("process-stop"), tr("&Cancel Job…"), QStringLiteral("cancelJobButton"),
                      tr("Stop the job for good; rows already moved stay moved"), this);
    m_export = button(QStringLiteral("document-save-as"), tr("&Export Id Mapping…"), QStringLiteral("exportIdMapButton"),
                      tr("Save the old → new ids of a job that gave rows new ids, as CSV"), this);
    m_refresh = button(QStringLiteral("view-refresh"), tr("Re&fresh"), QStringLiteral("refreshJobsButton"),
                       tr("Read the jobs again"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegateForColumn(MigrationJobsModel::ProgressColumn, new JobProgressDelegate(m_view));

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("jobDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("jobsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_detail);
    layout->addWidget(m_status);

    connect(m_new, &QPushButton::clicked, this, &MigrationJobsPanel::newMigrationRequested);
    connect(m_resume, &QPushButton::clicked, this, &MigrationJobsPanel::resumeSelected);
    connect(m_cancel, &QPushButton::clicked, this, &MigrationJobsPanel::cancelSelected);
    connect(m_export, &QPushButton::clicked, this,
            [this] { IdMapExport::run(this, m_store, selectedJob()); });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (m_model)
            m_model->reload();
    });
    connect(m_view, &QTableView::activated, this, [this] {
        if (m_canWrite && resumable(selectedJob()))
            resumeSelected();
    });
    updateActions();
    updateStatus();
}

MigrationJobsPanel::~MigrationJobsPanel() = default;

void MigrationJobsPanel::setStore(TenantStore *store, bool canWrite)
{
    m_view->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    m_store = store;
    m_canWrite = canWrite;
    m_requested = false;
    if (store) {
        m_model = new MigrationJobsModel(store, this);
        m_model->setActive(isVisible());
        if (isVisible()) {
            m_requested = true;
            m_model->reload();
        }
        m_view->setModel(m_model);
        QHeaderView *header = m_view->horizontalHeader();
        const int unit = fontMetrics().averageCharWidth();
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->resizeSection(MigrationJobsModel::IdColumn, unit * 7);
        header->resizeSection(MigrationJobsModel::SourceColumn, unit * 18);
        header->resizeSection(MigrationJobsModel::TargetColumn, unit * 18);
        header->resizeSection(MigrationJobsModel::StateColumn, unit * 12);
        header->resizeSection(MigrationJobsModel::ProgressColumn, unit * 36);
        header->resizeSection(MigrationJobsModel::SkippedColumn, unit * 10);
        header->resizeSection(MigrationJobsModel::BytesColumn, unit * 11);
        header->resizeSection(MigrationJobsModel::CreatedByColumn, unit * 18);
        // Dates in the locale's short format, whole.
        const int dateWidth = fontMetrics().horizontalAdvance(
                                  QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59, 59)), QLocale::ShortFormat))
            + unit * 3;
        header->resizeSection(MigrationJobsModel::CreatedColumn, dateWidth);
        header->setStretchLastSection(true);
        connect(m_model, &MigrationJobsModel::loadingChanged, this, &MigrationJobsPanel::updateStatus);
        connect(m_model, &MigrationJobsModel::loaded, this, &MigrationJobsPanel::updateStatus);
        connect(m_model, &QAbstractItemModel::dataChanged, this, &MigrationJobsPanel::updateActions);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &MigrationJobsPanel::updateActions);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MigrationJobsPanel::updateActions);
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &MigrationJobsPanel::updateActions);
    }
    updateActions();
    updateStatus();
}

void MigrationJobsPanel::updateJob(const MigrationJob &job)
{
    if (m_model)
        m_model->updateJob(job);
}

MigrationJob MigrationJobsPanel::selectedJob() const
{
    if (!m_model || !m_view->selectionModel())
        return {};
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_model->jobAt(current.row()) : MigrationJob{};
}

void MigrationJobsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_model)
        return;
    m_model->setActive(true);
    if (!m_requested) {
        m_requested = true;
        m_model->reload();
    }
}

void MigrationJobsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_model)
        m_model->setActive(false);
}

void MigrationJobsPanel::updateActions()
{
    const MigrationJob job = selectedJob();
    const bool chosen = job.id != 0;
    m_new->setVisible(m_canWrite);
    m_resume->setVisible(m_canWrite);
    m_cancel->setVisible(m_canWrite);
    m_new->setEnabled(m_store != nullptr);
    m_resume->setEnabled(chosen && resumable(job));
    m_cancel->setEnabled(chosen && cancellable(job));
    m_export->setEnabled(chosen && !job.preserveIds && job.movedRows > 0);
    m_refresh->setEnabled(m_model != nullptr);
    m_resume->setToolTip(job.state == MigrationJob::State::Running
                             ? tr("Shown as running: if the console that ran it was closed or killed, resume it here. "
                                  "Two consoles running one job take turns batch by batch; nothing moves twice.")
                             : tr("Go on after the job's last committed batch, in a window of this console"));
    if (!chosen) {
        m_detail->setText(tr("Select a job to see what it moves."));
        return;
    }
    QString detail = tr("Job #%1 moves the rows of %2 matching %3 into %4.")
                         .arg(job.id)
                         .arg(job.sourceSlug, job.selectorJson == QLatin1String("{}") ? tr("anything") : job.selectorJson,
                              job.targetSlug);
    if (!job.error.isEmpty())
        detail += QLatin1Char('\n') + tr("Stopped by: %1").arg(job.error);
    m_detail->setText(detail);
}

void MigrationJobsPanel::updateStatus()
{
    if (!m_model) {
        m_status->setText(tr("Not connected."));
        return;
    }
    if (const std::optional<Error> error = m_model->error()) {
        m_status->setText(tr("The jobs could not be read: %1").arg(errorText(*error)));
        return;
    }
    if (m_model->isLoading() && m_model->rowCount() == 0) {
        m_status->setText(tr("Loading…"));
        return;
    }
    m_status->setText(tr("Jobs: %1 · read at %2")
                          .arg(QLocale().toString(m_model->rowCount()),
                               QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
}

void MigrationJobsPanel::resumeSelected()
{
    const MigrationJob job = selectedJob();
    if (job.id != 0 && m_canWrite && resumable(job))
        Q_EMIT resumeRequested(job);
}

void MigrationJobsPanel::cancelSelected()
{
    const MigrationJob job = selectedJob();
    if (job.id == 0 || !m_store || !cancellable(job))
        return;
    const QMessageBox::StandardButton answer = QMessageBox::question(
        this, tr("Cancel Job"),
        tr("Cancel job #%1 (%2 → %3)? The %4 rows already moved stay in %3; the others stay in %2. A cancelled job "
           "can't be resumed.")
            .arg(job.id)
            .arg(job.sourceSlug, job.targetSlug, QLocale().toString(job.movedRows)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    detail::deliver(m_store->cancelMigrationJob(job.id), this, [this](const Result<MigrationJob> &result) {
        if (!result.ok()) {
            QMessageBox::warning(this, tr("Cancel Job"), errorSummary(result.error()));
            return;
        }
        updateJob(result.value());
        Q_EMIT statusMessage(tr("Job #%1 cancelled.").arg(result.value().id));
    });
}

} // namespace tc::ui
