#pragma once

#include "models/domain/error.h"
#include "models/domain/lifecycle.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <optional>

namespace tc {

class TenantStore;
struct TenantChange;

// The lifecycle timeline of one tenant: who changed its state, when, from what to what, and
// why, newest first. Reloads (debounced) when the tenant changes in any console.
//
// Columns: when (local time, minutes), from ("created" for the first event), to, by whom,
// reason (with "(via <slug>)" when an ancestor's transition carried the tenant along).
class LifecycleHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { AtColumn, FromColumn, ToColumn, ActorColumn, ReasonColumn, ColumnCount };

    enum Role : int {
        EventRole = Qt::UserRole + 1, // tc::LifecycleEvent
        FromStateRole,                // QString key, empty for "created"
        ToStateRole,                  // QString key
        CascadedRole,                 // bool: carried along by an ancestor's transition
        CascadeRootSlugRole,          // QString slug of that ancestor, or empty
        AtRole,                       // QDateTime (UTC) of the event
        ReasonRole,                   // QString reason as recorded, without the "via" part
    };
    Q_ENUM(Role)

    explicit LifecycleHistoryModel(TenantStore *store, QObject *parent = nullptr);
    ~LifecycleHistoryModel() override;

    // Shows another tenant (null: none) and loads its events; a read of the previous tenant
    // still under way is dropped when it arrives.
    void setTenant(const QUuid &tenant);
    QUuid tenant() const { return m_tenant; }
    // Reads the events again now (after the read under way, if there is one).
    void reload();

    // A read is under way or about to start (coalesced change notifications).
    bool isLoading() const { return m_loading || m_reloadTimer.isActive(); }
    // The last load's error, if it failed (the rows are then those of the load before).
    std::optional<Error> lastError() const { return m_error; }
    LifecycleEvent eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The events of the current tenant arrived (first read and every refresh).
    void loaded();
    void loadFailed(const tc::Error &error);

private:
    void load();
    void apply(QList<LifecycleEvent> events);
    void onTenantChanged(const TenantChange &change);
    void setLoading(bool loading);

    QPointer<TenantStore> m_store;
    QUuid m_tenant;
    QList<LifecycleEvent> m_events; // newest first
    bool m_loading = false;
    bool m_reloadPending = false; // read again once the read under way has arrived
    quint64 m_generation = 0;     // bumped per tenant: a result for an older setTenant() is dropped
    std::optional<Error> m_error;
    // Change notifications come in bursts: one read per burst.
    QTimer m_reloadTimer;
};

} // namespace tc
