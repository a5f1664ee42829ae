#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace tc {
class MigrationRunner;
}

namespace tc::ui {

class MigrationWizard;

// Step 6: the job runs here, batch after batch, each committed on its own. Shows rows and
// bytes moved of the planned ones, the rate, the time left; Pause stops after the current
// batch (Resume, here or from the Jobs panel of any console, goes on from the checkpoint);
// Cancel Job stops for good (rows already moved stay moved). Finished, it goes on to the report.
class MigrationRunPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit MigrationRunPage(MigrationWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    MigrationRunner *runner() const { return m_runner; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_bar; }
    // Pauses a running job (the wizard closing); true if one was running.
    bool pauseIfRunning();

private:
    void start();
    void togglePause();
    void cancelJob();
    void showProgress();
    void onStopped();

    MigrationWizard *m_wizard = nullptr;
    MigrationRunner *m_runner = nullptr;
    QLabel *m_heading = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_rows = nullptr;
    QLabel *m_bytes = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_left = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace tc::ui
