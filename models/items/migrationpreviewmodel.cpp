#include "models/items/migrationpreviewmodel.h"

#include "models/domain/resourceunit.h"
#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"
#include "models/store/tenantstore.h"

#include <QLocale>

namespace tc {

namespace {

// A table cell shows the start of long metadata; the tooltip has all of it.
constexpr int kMetadataDisplayChars = 200;

// jsonb's text (`{"a": 1, "b": [1, 2]}`) without the blanks between tokens. Not a JSON
// round trip: key order and number spelling stay exactly as stored.
QString compactJson(const QString &json)
{
    QString out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const QChar c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
        } else if (c == u'"') {
            inString = true;
        } else if (c == u' ' || c == u'\n' || c == u'\r' || c == u'\t') {
            continue;
        }
        out.append(c);
    }
    return out;
}

} // namespace

MigrationPreviewModel::MigrationPreviewModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

MigrationPreviewModel::~MigrationPreviewModel()
{
    m_pending.cancel();
}

void MigrationPreviewModel::load(const MigrationRequest &request)
{
    // Any answer still on its way belongs to an older request now.
    ++m_generation;
    m_pending.cancel();
    m_pending = {};
    dropPlan();
    m_request = request;
    m_error.reset();
    if (!m_store) {
        m_error = Error{ErrorKind::Internal, QStringLiteral("There is no database connection to plan the migration with.")};
        setStatus(Status::Failed);
        return;
    }
    setStatus(Status::Loading);
    const quint64 generation = m_generation;
    m_pending = m_store->planMigration(request);
    detail::deliver(m_pending, this, [this, generation](const Result<MigrationPlan> &result) {
        if (generation != m_generation) {
            qCDebug(lcItems) << "dropping the plan of a migration request no longer shown";
            return;
        }
        m_pending = {};
        if (!result.ok()) {
            m_error = result.error();
            setStatus(Status::Failed);
            return;
        }
        const MigrationPlan &plan = result.value();
        QStringList metadata;
        metadata.reserve(plan.sample.size());
        for (const MemorySample &sample : plan.sample)
            metadata.append(compactJson(sample.metadataJson));
        if (plan.sample.isEmpty()) {
            m_plan = plan;
        } else {
            beginInsertRows({}, 0, int(plan.sample.size()) - 1);
            m_plan = plan;
            m_metadata = std::move(metadata);
            endInsertRows();
        }
        setStatus(Status::Ready);
    });
}

void MigrationPreviewModel::cancel()
{
    ++m_generation;
    m_pending.cancel();
    m_pending = {};
    dropPlan();
    m_error.reset();
    setStatus(Status::Idle);
}

void MigrationPreviewModel::dropPlan()
{
    if (!m_plan.sample.isEmpty()) {
        beginResetModel();
        m_plan = {};
        m_metadata.clear();
        endResetModel();
    }
    m_plan = {};
}

void MigrationPreviewModel::clear()
{
    cancel();
    m_request = {};
}

void MigrationPreviewModel::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

int MigrationPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.sample.size());
}

int MigrationPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MigrationPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MemorySample &s = m_plan.sample.at(index.row());
    if (role == SampleRole)
        return QVariant::fromValue(s);
    switch (index.column()) {
    case IdColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return s.id.toString(QUuid::WithoutBraces);
        return {};
    case SizeColumn:
        switch (role) {
        case Qt::DisplayRole: return formatQuantity(s.sizeBytes, ResourceUnit::Bytes);
        case Qt::ToolTipRole: return tr("%1 bytes").arg(QLocale().toString(s.sizeBytes));
        case SortRole: return s.sizeBytes;
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    case CreatedColumn:
        switch (role) {
        case Qt::DisplayRole: return QLocale().toString(s.createdAt.toLocalTime(), QLocale::ShortFormat);
        case Qt::ToolTipRole: return QLocale().toString(s.createdAt.toLocalTime(), QLocale::LongFormat);
        case SortRole: return s.createdAt;
        default: return {};
        }
    case MetadataColumn: {
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortRole)
            return {};
        const QString &compact = m_metadata.at(index.row());
        if (role == Qt::DisplayRole && compact.size() > kMetadataDisplayChars)
            return compact.left(kMetadataDisplayChars - 1) + QChar(0x2026);
        return compact;
    }
    }
    return {};
}

QHash<int, QByteArray> MigrationPreviewModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{SortRole, "sort"}, {SampleRole, "sample"}});
    return names;
}

QVariant MigrationPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("ID");
    case SizeColumn: return tr("Size");
    case CreatedColumn: return tr("Created");
    case MetadataColumn: return tr("Metadata");
    }
    return {};
}

} // namespace tc
