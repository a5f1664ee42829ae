#pragma once

#include "models/domain/lifecycle.h"
#include "models/domain/result.h"
#include "models/domain/tenant.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace tc {
class TenantStore;
}

namespace tc::ui {

class RollbackProgress;

// One lifecycle transition — suspend, resume, archive, restore or delete — of one tenant or
// many (bulk), each with its subtree. Asks the store what it would change (the database runs
// it and rolls it back) and says so in plain words: tenants and sub-tenants, the data they
// hold, when a deletion is purged, the deletion cap, or why the database would refuse it.
// Needs a reason and, to delete, a typed confirmation; then runs it with progress and Stop
// (which rolls everything back) and ends with a summary.
class LifecycleDialog : public QDialog
{
    Q_OBJECT

public:
    // A tenant the transition applies to, with its path for people ("acme/eu").
    struct Target
    {
        Tenant tenant;
        QString path;
    };
    // A selected tenant the transition doesn't apply to, and why (translated).
    struct LeftOut
    {
        QString path;
        QString why;
    };

    LifecycleDialog(TenantStore *store, LifecycleAction action, const QList<Target> &targets,
                    const QList<LeftOut> &leftOut = {}, QWidget *parent = nullptr);
    ~LifecycleDialog() override;

    LifecycleAction action() const { return m_action; }
    LifecycleRequest request() const;
    bool isPreviewing() const { return m_previewing; }
    bool isRunning() const { return m_watcher.isRunning(); }
    // What has to be typed to confirm (the slug, or for several tenants their number once the
    // preview has counted them); empty when the action needs no typed confirmation.
    QString expectedConfirmation() const;

    // Translated names for menus and buttons: "Suspend", "Resume", ...
    static QString actionName(LifecycleAction action);

    // Stops a running transition (rolled back) instead of closing; closes otherwise.
    void reject() override;

Q_SIGNALS:
    // The transition was committed (the summary is showing).
    void changed(const tc::LifecycleReport &report);

private:
    bool isDelete() const { return m_action == LifecycleAction::Delete; }
    bool isBulk() const { return m_targets.size() > 1; }
    QString subject() const;
    void startPreview();
    void onPreview(const Result<LifecycleReport> &result);
    QString consequencesHtml(const LifecycleReport &report) const;
    QString refusalHtml(const Error &error) const;
    void fillChanges(QTreeWidget *tree, const LifecycleReport &report) const;
    void updateConfirmationPrompt();
    void validate();
    void submit();
    void setRunning(bool running);
    void onFinished();
    void showSummary(const LifecycleReport &report);
    void showError(const QString &html, const QString &detail = {});
    void clearError();
    void fitContents();

    QPointer<TenantStore> m_store;
    LifecycleAction m_action = LifecycleAction::Suspend;
    QList<Target> m_targets;
    QList<LeftOut> m_leftOut;
    std::optional<LifecycleReport> m_preview;
    bool m_previewing = false;
    RollbackProgress *m_running = nullptr; // bar, text and Stop while the store call runs
    quint64 m_previewSerial = 0;
    QFutureWatcher<Result<LifecycleReport>> m_watcher;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_targetText = nullptr;
    QListWidget *m_targetList = nullptr;
    QLabel *m_leftOutText = nullptr;
    QGroupBox *m_consequencesBox = nullptr;
    QProgressBar *m_previewBusy = nullptr;
    QLabel *m_previewBusyText = nullptr;
    QLabel *m_consequences = nullptr;
    QTreeWidget *m_changes = nullptr;
    QLabel *m_refusal = nullptr;
    QPushButton *m_retryPreview = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLabel *m_reasonHint = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirmation = nullptr;
    QLabel *m_confirmHint = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_summaryTitle = nullptr;
    QLabel *m_summaryText = nullptr;
    QTreeWidget *m_summaryChanges = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace tc::ui
