#include "models/items/usagebreakdownmodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"

#include "models/domain/resourceunit.h"
#include "models/store/tenantstore.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace tc {

namespace {

bool sameQuery(const UsageBreakdownQuery &a, const UsageBreakdownQuery &b)
{
    return a.tenant == b.tenant && a.resource == b.resource && a.window == b.window
           && a.bucketSeconds == b.bucketSeconds && a.maxGroups == b.maxGroups;
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

} // namespace

UsageBreakdownModel::UsageBreakdownModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

UsageBreakdownModel::~UsageBreakdownModel()
{
    m_pending.cancel();
}

void UsageBreakdownModel::load(const UsageBreakdownQuery &query)
{
    ++m_generation;
    m_pending.cancel();
    m_query = query;
    if (!m_store) {
        beginResetModel();
        m_data = {};
        m_loadedQuery.reset();
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        endResetModel();
        setLoading(false);
        Q_EMIT loaded();
        return;
    }
    setLoading(true);
    const quint64 generation = m_generation;
    m_pending = m_store->usageBreakdown(query);
    detail::deliver(m_pending, this, [this, generation](const Result<UsageBreakdown> &result) {
        if (generation != m_generation) {
            qCDebug(lcItems) << "dropping the breakdown of a query no longer shown";
            return;
        }
        m_pending = {};
        if (result.ok()) {
            beginResetModel();
            m_data = result.value();
            m_loadedQuery = m_query;
            m_error.reset();
            endResetModel();
        } else {
            m_error = result.error();
            // The rows of the same query stay (a refresh failed); another query's would mislead.
            if (!m_loadedQuery || !sameQuery(*m_loadedQuery, m_query)) {
                beginResetModel();
                m_data = {};
                m_loadedQuery.reset();
                endResetModel();
            }
        }
        setLoading(false);
        Q_EMIT loaded();
    });
}

void UsageBreakdownModel::clear()
{
    ++m_generation;
    m_pending.cancel();
    m_pending = {};
    beginResetModel();
    m_data = {};
    m_loadedQuery.reset();
    m_error.reset();
    endResetModel();
    setLoading(false);
}

void UsageBreakdownModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

qint64 UsageBreakdownModel::bucketEndMs(int row) const
{
    const qint64 end = m_data.bucketStartsMs.at(row) + m_data.bucketSeconds * 1000;
    // The last bucket ends with the window (now), not in the future.
    if (m_loadedQuery && m_loadedQuery->window.isValid())
        return std::min(end, m_loadedQuery->window.to.toMSecsSinceEpoch());
    return end;
}

QString UsageBreakdownModel::groupName(int group) const
{
    const UsageBreakdown::Group &g = m_data.groups.at(group);
    switch (g.kind) {
    case UsageBreakdown::Group::Kind::Own: return tr("Own usage");
    case UsageBreakdown::Group::Kind::Child: return g.slug;
    case UsageBreakdown::Group::Kind::Others: return tr("Others");
    }
    return {};
}

QByteArray UsageBreakdownModel::toCsv() const
{
    QByteArray out = "bucket_start_utc,bucket_end_utc";
    for (const UsageBreakdown::Group &g : m_data.groups) {
        switch (g.kind) {
        case UsageBreakdown::Group::Kind::Own: out += ",own"; break;
        case UsageBreakdown::Group::Kind::Child: out += ',' + csvField(g.slug); break;
        case UsageBreakdown::Group::Kind::Others: out += ",others"; break;
        }
    }
    out += "\r\n";
    for (int row = 0; row < m_data.bucketStartsMs.size(); ++row) {
        out += QDateTime::fromMSecsSinceEpoch(m_data.bucketStartsMs.at(row), Qt::UTC).toString(Qt::ISODate).toLatin1();
        out += ',';
        out += QDateTime::fromMSecsSinceEpoch(bucketEndMs(row), Qt::UTC).toString(Qt::ISODate).toLatin1();
        for (const UsageBreakdown::Group &g : m_data.groups) {
            out += ',';
            if (row < g.values.size())
                out += QString::number(g.values.at(row), 'f', QLocale::FloatingPointShortest).toLatin1();
        }
        out += "\r\n";
    }
    return out;
}

int UsageBreakdownModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_data.bucketStartsMs.size());
}

int UsageBreakdownModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + int(m_data.groups.size());
}

QVariant UsageBreakdownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 startMs = m_data.bucketStartsMs.at(index.row());
    if (role == BucketStartRole)
        return QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC);
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC).toLocalTime(), QLocale::ShortFormat);
        return {};
    }
    const UsageBreakdown::Group &g = m_data.groups.at(index.column() - 1);
    const double value = index.row() < g.values.size() ? g.values.at(index.row()) : 0.0;
    switch (role) {
    case Qt::DisplayRole: return formatQuantity(std::llround(value), m_unit);
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole: return value;
    case GroupKindRole: return int(g.kind);
    case GroupTenantRole: return g.tenantId;
    }
    return {};
}

QVariant UsageBreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return role == Qt::DisplayRole ? QVariant(tr("Time")) : QVariant();
    const UsageBreakdown::Group &g = m_data.groups.at(section - 1);
    switch (role) {
    case Qt::DisplayRole: return groupName(section - 1);
    case Qt::ToolTipRole:
        switch (g.kind) {
        case UsageBreakdown::Group::Kind::Own: return tr("The tenant's own usage, without its sub-tenants");
        case UsageBreakdown::Group::Kind::Child:
            return (g.tenants == 1 ? tr("%1 (no sub-tenants)").arg(g.slug) : tr("%1 and its sub-tenants (%2 tenants)").arg(g.slug).arg(g.tenants));
        case UsageBreakdown::Group::Kind::Others:
            return tr("The other sub-tenants' subtrees, summed (tenants: %1)").arg(g.tenants);
        }
        return {};
    case GroupKindRole: return int(g.kind);
    case GroupTenantRole: return g.tenantId;
    }
    return {};
}

QHash<int, QByteArray> UsageBreakdownModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{BucketStartRole, "bucketStart"},
                  {ValueRole, "value"},
                  {GroupKindRole, "groupKind"},
                  {GroupTenantRole, "groupTenant"}});
    return names;
}

} // namespace tc
