#pragma once

#include "models/domain/error.h"
#include "models/domain/migration.h"
#include "models/domain/result.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace tc {

class TenantStore;

// The wizard's preview: what moving a request would do now (TenantStore::planMigration):
// the exact count and size, the target's quota check, and the sample rows as the table.
//
// Columns: id, size (bytes; DisplayRole formatted, SortRole the number), created (local
// time), metadata (compact JSON; the whole text as ToolTipRole). load() drops the rows at once
// and reads; an answer for an earlier request is dropped; cancel() abandons the read.
class MigrationPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, SizeColumn, CreatedColumn, MetadataColumn, ColumnCount };
    enum Role : int {
        SortRole = Qt::UserRole + 1,
        SampleRole, // tc::MemorySample
    };
    Q_ENUM(Role)
    enum class Status { Idle, Loading, Ready, Failed };
    Q_ENUM(Status)

    explicit MigrationPreviewModel(TenantStore *store, QObject *parent = nullptr);
    ~MigrationPreviewModel() override;

    void load(const MigrationRequest &request);
    void cancel();   // back to Idle (the plan is dropped)
    void clear();

    Status status() const { return m_status; }
    MigrationRequest request() const { return m_request; }
    // Valid when Ready.
    const MigrationPlan &plan() const { return m_plan; }
    std::optional<Error> error() const { return m_error; }
    // Ready and the target's limits would be exceeded.
    bool isBlocked() const { return m_status == Status::Ready && m_plan.blocked(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void statusChanged(tc::MigrationPreviewModel::Status status);

private:
    void setStatus(Status status);
    void dropPlan();

    QPointer<TenantStore> m_store;
    MigrationRequest m_request;
    MigrationPlan m_plan;
    QStringList m_metadata; // the sample's metadata without blanks, made once per plan
    std::optional<Error> m_error;
    Status m_status = Status::Idle;
    quint64 m_generation = 0;
    QFuture<Result<MigrationPlan>> m_pending;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::MemorySample)
