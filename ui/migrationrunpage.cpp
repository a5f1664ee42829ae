#include "ui/migrationrunpage.h"

#include "models/domain/resourceunit.h"
#include "models/items/migrationrunner.h"
#include "ui/errortext.h"
#include "ui/migrationwizard.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tc::ui {

namespace {

constexpr int kBarRange = 1000;

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return MigrationRunPage::tr("less than a minute");
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return MigrationRunPage::tr("about %1 min").arg(minutes);
    return MigrationRunPage::tr("about %1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString bytes(double value)
{
    return formatQuantity(qint64(std::llround(value)), ResourceUnit::Bytes);
}

QLabel *valueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MigrationRunPage::MigrationRunPage(MigrationWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Moving"));
    setButtonText(QWizard::NextButton, tr("Re&port >"));

    m_runner = new MigrationRunner(wizard->store(), this);

    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::RichText);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("runProgress"));
    m_bar->setRange(0, kBarRange);
    m_bar->setFormat(QStringLiteral("%p%"));

    m_rows = valueLabel(QStringLiteral("runRows"), this);
    m_bytes = valueLabel(QStringLiteral("runBytes"), this);
    m_rate = valueLabel(QStringLiteral("runRate"), this);
    m_left = valueLabel(QStringLiteral("runTimeLeft"), this);
    m_state = valueLabel(QStringLiteral("runState"), this);
    m_state->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Rows:"), m_rows);
    form->addRow(tr("Data:"), m_bytes);
    form->addRow(tr("Rate:"), m_rate);
    form->addRow(tr("Time left:"), m_left);
    form->addRow(tr("State:"), m_state);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();

    m_pause = new QPushButton(this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("Cancel &Job…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_cancel->setToolTip(tr("Stop for good: rows already moved stay moved, the rest stay in the source"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addSpacing(6);
    layout->addWidget(m_bar);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addStretch(1);
    auto *note = new QLabel(tr("Each batch is committed on its own. Closing this window pauses the move after the "
                               "current batch; resume it from the Jobs panel of any console."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);

    connect(m_runner, &MigrationRunner::progressChanged, this, &MigrationRunPage::showProgress);
    connect(m_runner, &MigrationRunner::stopped, this, &MigrationRunPage::onStopped);
    connect(m_pause, &QPushButton::clicked, this, &MigrationRunPage::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &MigrationRunPage::cancelJob);
}

void MigrationRunPage::initializePage()
{
    const MigrationJob &job = m_wizard->job();
    setSubTitle(tr("Batch after batch, each committed on its own; nothing moves twice and nothing is lost."));
    m_heading->setText(tr("Job <b>#%1</b>: rows of <b>%2</b> into <b>%3</b>.")
                           .arg(job.id)
                           .arg(job.sourceSlug.toHtmlEscaped(), job.targetSlug.toHtmlEscaped()));
    showProgress();
    if (job.state == MigrationJob::State::Finished || job.state == MigrationJob::State::Cancelled)
        return;
    start();
}

void MigrationRunPage::start()
{
    m_error->hide();
    m_runner->start(m_wizard->job().id, m_wizard->draft().batchRows);
    showProgress();
}

bool MigrationRunPage::pauseIfRunning()
{
    if (!m_runner->isRunning())
        return false;
    m_runner->pause();
    return true;
}

void MigrationRunPage::togglePause()
{
    if (m_runner->isRunning())
        m_runner->pause();
    else
        start();
    showProgress();
}

void MigrationRunPage::cancelJob()
{
    const MigrationJob &job = m_wizard->job();
    const QMessageBox::StandardButton answer = QMessageBox::question(
        this, tr("Cancel Job"),
        tr("Cancel job #%1? The %2 rows already moved stay in %3; the others stay in %4. A cancelled job can't be "
           "resumed: moving the rest takes a new job.")
            .arg(job.id)
            .arg(QLocale().toString(job.movedRows))
            .arg(job.targetSlug, job.sourceSlug),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    m_runner->cancelJob();
    showProgress();
}

void MigrationRunPage::showProgress()
{
    MigrationJob job = m_wizard->job();
    if (m_runner->job().id == job.id && m_runner->job().version >= job.version) {
        job = m_runner->job();
        m_wizard->setJob(job);
    }
    const QLocale locale;
    const qint64 planned = std::max(job.plannedRows, job.movedRows);
    const bool done = job.state == MigrationJob::State::Finished;
    m_bar->setValue(done ? kBarRange : planned > 0 ? int(kBarRange * double(job.movedRows) / double(planned)) : 0);
    QString rows = tr("%1 of %2 moved").arg(locale.toString(job.movedRows), locale.toString(job.plannedRows));
    if (job.skippedRows > 0)
        rows += tr(", %1 skipped (id already in the target)").arg(locale.toString(job.skippedRows));
    m_rows->setText(rows);
    m_bytes->setText(tr("%1 of %2").arg(bytes(double(job.movedBytes)), bytes(double(job.plannedBytes))));
    const bool running = m_runner->isRunning();
    if (running && m_runner->rowsPerSecond() > 0) {
        m_rate->setText(tr("%1 rows/s · %2/s")
                            .arg(locale.toString(qint64(std::llround(m_runner->rowsPerSecond()))),
                                 bytes(m_runner->bytesPerSecond())));
    } else {
        m_rate->setText(running ? tr("measuring…") : QStringLiteral("–"));
    }
    const std::optional<qint64> left = running ? m_runner->secondsLeft() : std::nullopt;
    m_left->setText(left ? duration(*left) : QStringLiteral("–"));

    QString state;
    switch (job.state) {
    case MigrationJob::State::Planned: state = tr("Starting…"); break;
    case MigrationJob::State::Running:
        state = running ? tr("Running, batch %1").arg(job.batches + 1) : tr("Pausing after the current batch…");
        break;
    case MigrationJob::State::Paused: state = tr("Paused. Resume goes on after the last committed batch."); break;
    case MigrationJob::State::Cancelled: state = tr("Cancelled. Rows already moved stay moved."); break;
    case MigrationJob::State::Failed: state = tr("Failed. Fix the cause, then resume."); break;
    case MigrationJob::State::Finished: state = tr("Finished."); break;
    }
    m_state->setText(state);

    const bool stoppable = job.state != MigrationJob::State::Finished && job.state != MigrationJob::State::Cancelled;
    m_pause->setVisible(stoppable);
    m_cancel->setVisible(stoppable);
    if (running) {
        m_pause->setText(tr("&Pause"));
        m_pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause")));
        m_pause->setToolTip(tr("Stop after the current batch; resume later from here or the Jobs panel"));
        m_pause->setEnabled(job.state == MigrationJob::State::Running || job.state == MigrationJob::State::Planned);
    } else {
        m_pause->setText(job.state == MigrationJob::State::Failed ? tr("&Retry") : tr("&Resume"));
        m_pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
        m_pause->setToolTip(tr("Go on after the last committed batch"));
        m_pause->setEnabled(true);
    }
    Q_EMIT completeChanged();
}

void MigrationRunPage::onStopped()
{
    showProgress();
    const MigrationJob &job = m_runner->job();
    if (const std::optional<Error> error = m_runner->error()) {
        m_error->setText(tr("The move stopped: %1").arg(errorSummary(*error)));
        m_error->setToolTip(error->detail);
        m_error->show();
    }
    if (job.state == MigrationJob::State::Finished)
        m_wizard->next();
}

bool MigrationRunPage::isComplete() const
{
    const MigrationJob::State state = m_wizard->job().state;
    return !m_runner->isRunning()
        && (state == MigrationJob::State::Finished || state == MigrationJob::State::Cancelled);
}

int MigrationRunPage::nextId() const
{
    return MigrationWizard::ReportPage;
}

} // namespace tc::ui
