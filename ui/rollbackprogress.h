#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QFutureWatcherBase;
class QLabel;
class QProgressBar;
class QPushButton;

namespace tc::ui {

// The progress of a store call that runs in one transaction and rolls back when stopped (bulk
// quotas, lifecycle changes): a bar, a line of text, and the dialog's Cancel button that turns
// into Stop while it runs and is disabled once everything is written and the commit begins.
class RollbackProgress : public QObject
{
    Q_OBJECT

public:
    // What the text says while it runs, e.g. "Writing quotas: 3 of 10 rows".
    using Describe = std::function<QString(int done, int total)>;

    RollbackProgress(QFutureWatcherBase *watcher, QProgressBar *bar, QLabel *text, QPushButton *stop,
                     Describe describe, QObject *parent);

    // Shows or hides the bar and the text and makes the button Stop or Cancel again.
    void setRunning(bool running);
    // Asks the store call to stop (it rolls back); the button waits for it to finish.
    void stop();
    bool isStopping() const { return m_stopping; }

private:
    void onProgress(int value);

    QPointer<QFutureWatcherBase> m_watcher;
    QPointer<QProgressBar> m_bar;
    QPointer<QLabel> m_text;
    QPointer<QPushButton> m_stop;
    Describe m_describe;
    bool m_stopping = false;
};

} // namespace tc::ui
