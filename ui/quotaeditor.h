#pragma once

#include "models/domain/error.h"
#include "models/domain/quota.h"
#include "models/domain/tenant.h"
#include "models/items/quotatablemodel.h"

#include <QPointer>
#include <QUndoGroup>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace tc {
class TenantStore;
}

namespace tc::ui {

class QuotaConflictDialog;
class QuotaDelegate;

// The quotas of one tenant in a table with inline editing: edits are staged and undoable,
// then applied together; a conflict with another session opens QuotaConflictDialog. While
// edits are staged the editor stays on its tenant (a banner names it) until they are applied
// or reverted, so selecting another tenant never throws work away.
class QuotaEditor : public QWidget
{
    Q_OBJECT

public:
    explicit QuotaEditor(QWidget *parent = nullptr);
    ~QuotaEditor() override;

    // A new store (or none) starts over: staged edits of the previous connection are dropped.
    void setStore(TenantStore *store);
    void setTenant(const Tenant &tenant);
    void setReadOnly(bool readOnly);

    QuotaTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The tenant whose quotas are shown; differs from the selected one while edits are staged.
    QUuid shownTenant() const { return m_shown.id; }
    QString statusText() const;

private:
    void createActions();
    void showTenant(const Tenant &tenant);
    void followSelection();
    void updateActions();
    void updateStatus();
    void showMessage(const QString &text, bool error);
    void editCurrent();
    void resetCurrent();
    void applyTier(Tier tier);
    void apply();
    void onStagedChanged();
    void onRejected(int row, const QuotaTableModel::Rejection &rejection);
    void onConflicts(const QList<QuotaConflict> &conflicts);
    void onApplied(const QuotaWriteReport &report);
    void onApplyFailed(const Error &error);
    void onEditRequested(const QModelIndex &index);
    void resolve(QuotaConflictDialog *dialog);
    void configureHeader();

    QPointer<TenantStore> m_store;
    QuotaTableModel *m_model = nullptr;
    QUndoGroup m_undoGroup;
    Tenant m_shown;  // whose quotas the table holds
    Tenant m_wanted; // the selection, shown once nothing is staged
    bool m_readOnly = false;
    QString m_message;
    bool m_messageIsError = false;
    int m_rejections = 0; // counts refused edits, to notice one while committing an open editor

    QTableView *m_view = nullptr;
    QuotaDelegate *m_delegate = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_tierButton = nullptr;
    QToolButton *m_resetButton = nullptr;
    QToolButton *m_undoButton = nullptr;
    QToolButton *m_redoButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_revertAction = nullptr;
    QPointer<QuotaConflictDialog> m_conflictDialog;
};

} // namespace tc::ui
