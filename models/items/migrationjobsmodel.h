#pragma once

#include "models/domain/error.h"
#include "models/domain/migration.h"
#include "models/domain/result.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace tc {

class TenantStore;

// The Jobs panel's rows: migration jobs, newest first (TenantStore::migrationJobs), from every
// console. Rows are keyed by job id: a re-read updates rows in place (dataChanged), inserts new
// jobs and removes vanished ones, never a reset, so selection and scrolling survive polling.
//
// While active it re-reads every pollInterval() (default 2 s while any job is running, else
// 15 s; job rows send no change notification); inactive it reads nothing. updateJob() puts a
// newer read of one job (from a MigrationRunner in this console) in at once.
//
// Columns: id, source (slug), target (slug), state, progress (moved/planned rows;
// FractionRole 0..1), moved bytes, skipped rows, started by, created, last update (the error
// text as the state's tooltip when failed).
class MigrationJobsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn, SourceColumn, TargetColumn, StateColumn, ProgressColumn, BytesColumn, SkippedColumn,
        CreatedByColumn, CreatedColumn, UpdatedColumn, ColumnCount
    };
    enum Role : int {
        JobIdRole = Qt::UserRole + 1, // qint64
        JobRole,                      // tc::MigrationJob
        StateRole,                    // int MigrationJob::State
        FractionRole,                 // double moved/planned rows in 0..1 (1 when finished)
        SortRole,                     // a number or date to sort the column by
    };
    Q_ENUM(Role)

    explicit MigrationJobsModel(TenantStore *store, QObject *parent = nullptr);
    ~MigrationJobsModel() override;

    // Reads the list; polling starts with the first reload().
    void reload();
    // Inactive (the panel hidden): no polling; becoming active reads at once.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    void setPollInterval(int runningMsec, int idleMsec);
    bool isPolling() const { return m_pollTimer.isActive(); }
    bool isLoading() const { return m_loading; }
    std::optional<Error> error() const { return m_error; }

    MigrationJob jobAt(int row) const;
    int rowOfJob(qint64 id) const;   // -1 when not listed
    // A newer read of one job: updates its row (inserted at its place if new). Older versions
    // (by MigrationJob::version) than the row's are ignored.
    void updateJob(const MigrationJob &job);

    // "Planned", "Running", ... (translated), for this model and the runner's status.
    static QString stateDisplayName(MigrationJob::State state);

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
    void apply(const QList<MigrationJob> &jobs);
    void replaceRow(int row, const MigrationJob &job);
    void updatePolling();
    void setLoading(bool loading);

    QPointer<TenantStore> m_store;
    QList<MigrationJob> m_jobs;
    std::optional<Error> m_error;
    bool m_active = true;
    bool m_loading = false;
    bool m_requested = false;  // reload() was called: polling may run
    int m_runningInterval = 2000;
    int m_idleInterval = 15000;
    quint64 m_generation = 0;
    QFuture<Result<QList<MigrationJob>>> m_pending;
    QTimer m_pollTimer;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::MigrationJob)
