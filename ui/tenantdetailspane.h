#pragma once

#include "models/domain/tenant.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabWidget;

namespace tc {
class TenantStore;
}

namespace tc::ui {

class QuotaEditor;

// The selected tenant: a "Details" tab (identity, lifecycle, hierarchy, settings, usage next
// to the limit) and a "Quotas" tab with the quota editor.
class TenantDetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit TenantDetailsPane(QWidget *parent = nullptr);

    void setTenant(const Tenant &tenant, const QString &path);
    void setPlaceholder(const QString &text);
    // The connection the quota editor reads and writes through (null: none).
    void setStore(TenantStore *store);
    // Auditors see quotas but can't edit them.
    void setReadOnly(bool readOnly);

    QuotaEditor *quotaEditor() const { return m_quotas; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    struct UsageRow
    {
        QLabel *text = nullptr;
        QProgressBar *bar = nullptr;
    };
    UsageRow addUsageRow(QFormLayout *form, const QString &label);
    void showUsage(UsageRow &row, const UsageLimit &usage, bool bytes);

    QStackedWidget *m_stack = nullptr;
    QTabWidget *m_tabs = nullptr;
    QuotaEditor *m_quotas = nullptr;
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
