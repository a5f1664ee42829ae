#pragma once

#include "models/domain/tenant.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QProgressBar;
class QStackedWidget;

namespace tc::ui {

// Read-only details of the selected tenant: identity, lifecycle, hierarchy, settings, and
// usage next to the limit.
class TenantDetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit TenantDetailsPane(QWidget *parent = nullptr);

    void setTenant(const Tenant &tenant, const QString &path);
    void setPlaceholder(const QString &text);

private:
    struct UsageRow
    {
        QLabel *text = nullptr;
        QProgressBar *bar = nullptr;
    };
    UsageRow addUsageRow(QFormLayout *form, const QString &label);
    void showUsage(UsageRow &row, const UsageLimit &usage, bool bytes);

    QStackedWidget *m_stack = nullptr;
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
