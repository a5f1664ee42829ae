#pragma once

#include "models/domain/tenant.h"

#include <QList>
#include <QWidget>

class QAction;
class QFormLayout;
class QHBoxLayout;
class QMenu;
class QToolButton;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabWidget;

namespace tc {
class TenantStore;
class UsageSource;
}

namespace tc::ui {

class LifecycleTimeline;
class QuotaEditor;
class UsageTab;

// The selected tenant: a "Details" tab (identity, lifecycle, hierarchy, settings, usage next
// to the limit), a "Quotas" tab with the quota editor, a "Lifecycle" tab with the state
// history and the transitions that apply, and a "Usage" tab with the usage charts.
class TenantDetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit TenantDetailsPane(QWidget *parent = nullptr);

    void setTenant(const Tenant &tenant, const QString &path);
    void setPlaceholder(const QString &text);
    // The connection the quota editor reads and writes through (null: none), and where the
    // Usage tab reads history (null: the store's database; not owned).
    void setStore(TenantStore *store, UsageSource *usageSource = nullptr);
    // Auditors see quotas but can't edit them.
    void setReadOnly(bool readOnly);

    // The lifecycle transitions (TenantActions::lifecycleActions()): a "Lifecycle" menu button
    // next to the state, and buttons above the timeline for those the state allows.
    void setLifecycleActions(const QList<QAction *> &actions);

    QuotaEditor *quotaEditor() const { return m_quotas; }
    LifecycleTimeline *lifecycleTimeline() const { return m_timeline; }
    UsageTab *usageTab() const { return m_usage; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    struct UsageRow
    {
        QLabel *text = nullptr;
        QProgressBar *bar = nullptr;
    };
    UsageRow addUsageRow(QFormLayout *form, const QString &label);
    void showUsage(UsageRow &row, const UsageLimit &usage, bool bytes);
    void updateLifecycleButtons();

    QStackedWidget *m_stack = nullptr;
    QTabWidget *m_tabs = nullptr;
    QuotaEditor *m_quotas = nullptr;
    LifecycleTimeline *m_timeline = nullptr;
    UsageTab *m_usage = nullptr;
    Tenant m_tenant;
    QList<QAction *> m_lifecycleActions;
    QList<QToolButton *> m_lifecycleButtons;
    QHBoxLayout *m_lifecycleButtonRow = nullptr;
    QToolButton *m_lifecycleMenuButton = nullptr;
    QMenu *m_lifecycleMenu = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_path = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_slug = nullptr;
    QLabel *m_id = nullptr;
    QLabel *m_tier = nullptr;
    QLabel *m_stateSince = nullptr;
    QLabel *m_purgeAfter = nullptr;
    QLabel *m_children = nullptr;
    QLabel *m_features = nullptr;
    QLabel *m_retention = nullptr;
    QLabel *m_protection = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_updated = nullptr;
    UsageRow m_items;
    UsageRow m_storage;
};

} // namespace tc::ui
