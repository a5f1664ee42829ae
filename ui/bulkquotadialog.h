#pragma once

#include "models/domain/quota.h"
#include "models/domain/tenant.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QPointer>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTableWidget;

namespace tc {
class TenantStore;
}

namespace tc::ui {

class RollbackProgress;

class TenantPicker;

// One quota edit over many tenants (optionally with their subtrees): apply a tier, set one
// resource, or copy every limit from another tenant. The store applies it in one transaction;
// the dialog shows its progress, lets the operator stop it (nothing is then changed), and
// ends with a summary of what changed.
class BulkQuotaDialog : public QDialog
{
    Q_OBJECT

public:
    BulkQuotaDialog(TenantStore *store, const QList<Tenant> &tenants, QWidget *parent = nullptr);
    ~BulkQuotaDialog() override;

    BulkQuotaRequest request() const;
    bool isRunning() const { return m_watcher.isRunning(); }
    TenantPicker *sourcePicker() const { return m_source; }

    // Stops a running edit instead of closing; closes otherwise.
    void reject() override;

Q_SIGNALS:
    // The edit was committed (the summary is showing).
    void applied(const tc::BulkQuotaReport &report);

private:
    struct Resource
    {
        QString key;
        QString displayName;
        ResourceUnit unit = ResourceUnit::Count;
    };

    void loadResources();
    void setResources(const QList<Resource> &resources);
    QString resourceName(const QString &key) const;
    void updateSelectionText();
    void updateTierPreview();
    void validate();
    QString limitProblem(const QuantityParseError &error) const;
    void submit();
    void setRunning(bool running);
    void onFinished();
    void showSummary(const BulkQuotaReport &report);
    void showError(const QString &html, const QString &detail = {});

    QPointer<TenantStore> m_store;
    QList<Tenant> m_tenants;
    QList<Resource> m_resources;
    QFutureWatcher<Result<BulkQuotaReport>> m_watcher;
    RollbackProgress *m_running = nullptr; // bar, text and Stop while the store call runs

    QStackedWidget *m_pages = nullptr;
    QLabel *m_selection = nullptr;
    QCheckBox *m_includeSubtrees = nullptr;
    QButtonGroup *m_actions = nullptr;
    QRadioButton *m_applyTier = nullptr;
    QRadioButton *m_setResource = nullptr;
    QRadioButton *m_copyFrom = nullptr;
    QStackedWidget *m_options = nullptr;
    QComboBox *m_tier = nullptr;
    QCheckBox *m_capAtParent = nullptr;
    QLabel *m_tierPreview = nullptr;
    QComboBox *m_resource = nullptr;
    QLineEdit *m_limit = nullptr;
    QLabel *m_limitMessage = nullptr;
    TenantPicker *m_source = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_summaryTitle = nullptr;
    QFormLayout *m_figures = nullptr;
    QLabel *m_summaryTenants = nullptr;
    QLabel *m_summaryTiers = nullptr;
    QLabel *m_summaryWritten = nullptr;
    QLabel *m_summaryUnchanged = nullptr;
    QLabel *m_summaryCapped = nullptr;
    QTableWidget *m_perResource = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace tc::ui
