#include "ui/rollbackprogress.h"

#include <QFutureWatcherBase>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace tc::ui {

RollbackProgress::RollbackProgress(QFutureWatcherBase *watcher, QProgressBar *bar, QLabel *text, QPushButton *stop,
                                   Describe describe, QObject *parent)
    : QObject(parent), m_watcher(watcher), m_bar(bar), m_text(text), m_stop(stop), m_describe(std::move(describe))
{
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, bar, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, &RollbackProgress::onProgress);
}

void RollbackProgress::setRunning(bool running)
{
    m_bar->setVisible(running);
    m_text->setVisible(running);
    if (running) {
        m_stopping = false;
        m_bar->setRange(0, 0); // until the store knows how much there is
        m_text->setText(tr("Working… Stop undoes everything."));
    }
    m_stop->setText(running ? tr("&Stop") : tr("Cancel"));
    m_stop->setToolTip(running ? tr("Stop and roll back: nothing is changed.") : QString());
    m_stop->setEnabled(true);
}

void RollbackProgress::stop()
{
    m_stopping = true;
    m_text->setText(tr("Stopping…"));
    m_stop->setEnabled(false);
    m_watcher->cancel();
}

void RollbackProgress::onProgress(int value)
{
    m_bar->setValue(value);
    if (m_bar->maximum() <= 0 || m_stopping)
        return;
    if (value >= m_bar->maximum()) {
        // Everything is written and the store commits next; a Stop could no longer be
        // honoured reliably.
        m_text->setText(tr("Committing…"));
        m_stop->setEnabled(false);
        m_stop->setToolTip(tr("Too late to stop: the change is being committed."));
    } else {
        m_text->setText(m_describe(value, m_bar->maximum()));
    }
}

} // namespace tc::ui
