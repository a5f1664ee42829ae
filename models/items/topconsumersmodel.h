#pragma once

#include "models/domain/error.h"
#include "models/domain/result.h"
#include "models/domain/usage.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFuture>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace tc {

class TenantStore;
struct TenantChange;

// Tenants by share of their limit used, for one resource: the "top consumers" view. Sorting
// other than the server's order goes through a QSortFilterProxyModel (SortRole gives
// numbers).
//
// Freshness: while active (the default) it reloads, debounced, when quotas or tenants change
// in any console, and polls every pollInterval() (new usage samples send no notification).
// The view drives setActive() from whether anyone sees it (the Top Consumers dock's
// visibility): inactive, it reads nothing on its own — a change only marks it stale, and so
// does setResource()/setLimit() — and becoming active reloads if it is stale or its last read
// is older than a poll interval. reload() always reads at once.
//
// Columns: tenant (slug, path in the tooltip), state, used, limit, share used, projected date
// of reaching the limit (linear fit over the last kTrendDays days), growth per day, subtree
// usage (the tenant and its descendants) with the number of tenants.
class TopConsumersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TenantColumn, StateColumn, UsedColumn, LimitColumn, ShareColumn, ProjectionColumn,
        GrowthColumn, SubtreeColumn, ColumnCount
    };
    enum Role : int {
        TenantIdRole = Qt::UserRole + 1, // QUuid
        SortRole,                        // a number (or date) to sort the column by
        FractionRole,                    // double used/limit, invalid when unlimited
        AlertLevelRole,                  // int tc::AlertLevel
        ProjectionRole,                  // QDateTime of reaching the limit, invalid if none
        ProjectionKindRole,              // int LimitProjection::Kind
        ConsumerRole,                    // tc::TopConsumer
    };
    Q_ENUM(Role)

    explicit TopConsumersModel(TenantStore *store, QObject *parent = nullptr);
    ~TopConsumersModel() override;

    // Shows another resource (the rows go at once) and loads it; the first call loads.
    void setResource(const QString &resource, ResourceUnit unit);
    QString resource() const { return m_query.resource; }
    // At most this many tenants (reloads if loaded before).
    void setLimit(int rows);
    // Tests pin "now" for the projection.
    void setClock(std::function<QDateTime()> clock);
    // Reads now, active or not (a read under way is dropped when it arrives).
    void reload();

    // Whether anyone looks at the rows: only an active model reacts to changes and polls.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // How often an active model re-reads (default 5 minutes; usage is metered hourly).
    void setPollInterval(int msec);
    int pollInterval() const { return m_pollTimer.interval(); }
    // True while the poll timer runs (active, and loaded or asked to load once).
    bool isPolling() const { return m_pollTimer.isActive(); }
    // The rows may be out of date: a change noted while inactive, a resource or limit set
    // while inactive, or a failed last read. Becoming active reads again.
    bool isStale() const { return m_stale; }

    // A read is under way or about to start (coalesced change notifications).
    bool isLoading() const { return m_loading || m_reloadTimer.isActive(); }
    std::optional<Error> error() const { return m_error; }
    TopConsumer consumerAt(int row) const;
    LimitProjection projectionAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded();

private:
    void load();
    void apply(QList<TopConsumer> rows);
    void onTenantChanged(const TenantChange &change);
    void onPollTimer();
    void updatePolling();
    void setLoading(bool loading);
    QDateTime now() const;

    QPointer<TenantStore> m_store;
    TopConsumersQuery m_query;
    ResourceUnit m_unit = ResourceUnit::Bytes;
    std::function<QDateTime()> m_clock;
    QList<TopConsumer> m_rows;
    QList<LimitProjection> m_projections;
    std::optional<Error> m_error;
    bool m_loading = false;
    bool m_requested = false; // loaded (or asked to) once: only then do changes reload it
    bool m_active = true;
    bool m_stale = false;     // see isStale()
    QDateTime m_loadedAt;     // the last read's answer, by now()
    quint64 m_generation = 0;
    QFuture<Result<QList<TopConsumer>>> m_pending; // cancelled when replaced
    // Quota changes come in bursts (a tier applied to a subtree): one read per burst.
    QTimer m_reloadTimer;
    QTimer m_pollTimer;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::TopConsumer)
