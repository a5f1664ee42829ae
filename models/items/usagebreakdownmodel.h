#pragma once

#include "models/domain/error.h"
#include "models/domain/result.h"
#include "models/domain/usage.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QPointer>
#include <QUuid>

#include <optional>

namespace tc {

class TenantStore;

// One resource of a tenant, broken down by sub-tenant, for a stacked chart: a row per bucket,
// column 0 the bucket start, then one column per group (the tenant's own usage, each of the
// largest direct children's subtrees, "others"). Header data names the groups; the chart
// stacks the columns in order. Loads from TenantStore::usageBreakdown (database only).
class UsageBreakdownModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role : int {
        BucketStartRole = Qt::UserRole + 1, // QDateTime UTC (every column)
        ValueRole,                          // double (group columns)
        GroupKindRole,                      // int UsageBreakdown::Group::Kind (group columns; also header data)
        GroupTenantRole,                    // QUuid (group columns; also header data)
    };
    Q_ENUM(Role)

    explicit UsageBreakdownModel(TenantStore *store, QObject *parent = nullptr);
    ~UsageBreakdownModel() override;

    // Loads `query` (replacing a load under way; its answer is dropped).
    void load(const UsageBreakdownQuery &query);
    void clear();
    bool isLoading() const { return m_loading; }
    std::optional<Error> error() const { return m_error; }
    const UsageBreakdown &breakdown() const { return m_data; }
    ResourceUnit unit() const { return m_unit; }
    void setUnit(ResourceUnit unit) { m_unit = unit; }

    // CSV (RFC 4180): bucket_start_utc,bucket_end_utc, then a column per group ("own", each
    // child's slug, "others"); one line per bucket, ISO 8601 UTC, '.' decimals, CRLF.
    QByteArray toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded();

private:
    void setLoading(bool loading);
    QString groupName(int group) const;
    qint64 bucketEndMs(int row) const;

    QPointer<TenantStore> m_store;
    UsageBreakdown m_data;
    std::optional<UsageBreakdownQuery> m_loadedQuery; // what m_data answers
    UsageBreakdownQuery m_query;                      // the load under way
    QFuture<Result<UsageBreakdown>> m_pending;        // cancelled when replaced
    ResourceUnit m_unit = ResourceUnit::Count;
    std::optional<Error> m_error;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace tc
