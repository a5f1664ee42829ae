#pragma once

#include "models/domain/migration.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace tc {
class MigrationJobsModel;
class TenantStore;
}

namespace tc::ui {

// The Jobs panel (a dock): the migration jobs of every console, newest first, with state,
// progress, bytes and who started them, re-read every few seconds while shown. A paused,
// failed, planned — or abandoned running — job can be resumed from here (the console that
// resumes it runs it in a wizard window on its run page); any unfinished job can be
// cancelled; a job that gave rows new ids exports its mapping. Read-only sessions only see.
class MigrationJobsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MigrationJobsPanel(QWidget *parent = nullptr);
    ~MigrationJobsPanel() override;

    // A new model for a new connection (null: none); `canWrite` offers the actions.
    void setStore(TenantStore *store, bool canWrite);
    // A newer read of one job (from a wizard of this console).
    void updateJob(const MigrationJob &job);

    MigrationJobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *exportButton() const { return m_export; }
    // The selected job (id 0 when none).
    MigrationJob selectedJob() const;

Q_SIGNALS:
    void newMigrationRequested();
    void resumeRequested(const tc::MigrationJob &job);
    void statusMessage(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateActions();
    void updateStatus();
    void resumeSelected();
    void cancelSelected();

    QPointer<TenantStore> m_store;
    MigrationJobsModel *m_model = nullptr;
    bool m_canWrite = false;
    bool m_requested = false; // the model was asked to read once (it polls only after that)
    QTableView *m_view = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace tc::ui
