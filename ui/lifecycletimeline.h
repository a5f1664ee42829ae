#pragma once

#include "models/domain/tenant.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeView;

namespace tc {
class LifecycleHistoryModel;
class TenantStore;
}

namespace tc::ui {

// A tenant's lifecycle at a glance: a line with its state, since when, what holds it there
// and when a deletion is purged; below it the timeline of every state change (who, when,
// from, to, why), newest first, cascaded ones naming the tenant that carried them along.
class LifecycleTimeline : public QWidget
{
    Q_OBJECT

public:
    explicit LifecycleTimeline(QWidget *parent = nullptr);
    ~LifecycleTimeline() override;

    // The connection the history is read through (null: none).
    void setStore(TenantStore *store);
    // The tenant as the tree has it (null id: none).
    void setTenant(const Tenant &tenant);

    QTreeView *view() const { return m_view; }
    LifecycleHistoryModel *model() const { return m_model; }
    QLabel *stateLine() const { return m_stateLine; }
    QLabel *statusLabel() const { return m_status; }

private:
    void updateStateLine();
    void updateStatus();
    void resolveHolder();
    void sizeColumns();

    QPointer<TenantStore> m_store;
    LifecycleHistoryModel *m_model = nullptr;
    Tenant m_tenant;
    QString m_holderSlug; // of m_tenant.heldBy, once read
    quint64 m_holderSerial = 0;

    QLabel *m_stateLine = nullptr;
    QLabel *m_status = nullptr;
    QTreeView *m_view = nullptr;
};

} // namespace tc::ui
