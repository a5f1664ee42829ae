#include "models/items/migrationjobsmodel.h"

#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"

#include "models/domain/resourceunit.h"
#include "models/store/tenantstore.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace tc {

namespace {

using State = MigrationJob::State;

bool sameJob(const MigrationJob &a, const MigrationJob &b)
{
    return a.id == b.id && a.version == b.version && a.state == b.state && a.plannedRows == b.plannedRows
           && a.plannedBytes == b.plannedBytes && a.movedRows == b.movedRows && a.movedBytes == b.movedBytes
           && a.skippedRows == b.skippedRows && a.batches == b.batches && a.updatedAt == b.updatedAt
           && a.error == b.error && a.sourceSlug == b.sourceSlug && a.targetSlug == b.targetSlug;
}

double fraction(const MigrationJob &job)
{
    if (job.state == State::Finished)
        return 1.0;
    if (job.plannedRows <= 0)
        return 0.0;
    return std::clamp(double(job.movedRows) / double(job.plannedRows), 0.0, 1.0);
}

QString localDateTime(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

// Newest first: job ids grow with creation.
bool newerThan(const MigrationJob &a, const MigrationJob &b)
{
    return a.id > b.id;
}

} // namespace

MigrationJobsModel::MigrationJobsModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(&m_pollTimer, &QTimer::timeout, this, [this]() {
        if (!m_loading) // a read under way answers for this one
            load();
    });
}

MigrationJobsModel::~MigrationJobsModel()
{
    m_pending.cancel();
}

QString MigrationJobsModel::stateDisplayName(MigrationJob::State state)
{
    switch (state) {
    //: A migration job's state
    case State::Planned: return tr("Planned");
    //: A migration job's state
    case State::Running: return tr("Running");
    //: A migration job's state
    case State::Paused: return tr("Paused");
    //: A migration job's state
    case State::Cancelled: return tr("Cancelled");
    //: A migration job's state
    case State::Failed: return tr("Failed");
    //: A migration job's state
    case State::Finished: return tr("Finished");
    }
    return {};
}

void MigrationJobsModel::reload()
{
    m_requested = true;
    load();
}

void MigrationJobsModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    updatePolling();
    // Job rows send no notifications: whatever happened while hidden is read now.
    if (active && m_requested && !m_loading)
        load();
}

void MigrationJobsModel::setPollInterval(int runningMsec, int idleMsec)
{
    m_runningInterval = std::max(1, runningMsec);
    m_idleInterval = std::max(1, idleMsec);
    updatePolling();
}

void MigrationJobsModel::updatePolling()
{
    if (!m_active || !m_requested) {
        m_pollTimer.stop();
        return;
    }
    const bool running = std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                                     [](const MigrationJob &j) { return j.state == State::Running; });
    const int interval = running ? m_runningInterval : m_idleInterval;
    if (!m_pollTimer.isActive() || m_pollTimer.interval() != interval)
        m_pollTimer.start(interval);
}

void MigrationJobsModel::load()
{
    ++m_generation;
    m_pending.cancel();
    if (!m_store) {
        m_error = Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected to a tenant database.")};
        setLoading(false);
        Q_EMIT loaded();
        return;
    }
    setLoading(true);
    const quint64 generation = m_generation;
    m_pending = m_store->migrationJobs();
    detail::deliver(m_pending, this, [this, generation](const Result<QList<MigrationJob>> &result) {
        if (generation != m_generation) {
            qCDebug(lcItems) << "dropping migration jobs of an earlier read";
            return;
        }
        m_pending = {};
        if (result.ok()) {
            m_error.reset();
            apply(result.value());
        } else {
            m_error = result.error(); // the rows of the read before stay
        }
        setLoading(false);
        // The next poll counts from this read, at the interval its rows call for.
        m_pollTimer.stop();
        updatePolling();
        Q_EMIT loaded();
    });
}

void MigrationJobsModel::apply(const QList<MigrationJob> &jobs)
{
    QSet<qint64> ids;
    for (const MigrationJob &j : jobs)
        ids.insert(j.id);

    // Gone (beyond the list's limit, or deleted): removed, contiguous runs at once.
    for (int row = int(m_jobs.size()) - 1; row >= 0;) {
        if (ids.contains(m_jobs.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !ids.contains(m_jobs.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_jobs.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // In the read's order: rows in place are updated, new ones inserted, moved ones moved.
    for (int i = 0; i < jobs.size(); ++i) {
        const MigrationJob &job = jobs.at(i);
        if (i < m_jobs.size() && m_jobs.at(i).id == job.id) {
            // An older read than the row (a runner's updateJob got there first) changes nothing.
            if (job.version > m_jobs.at(i).version)
                replaceRow(i, job);
            continue;
        }
        const int at = rowOfJob(job.id);
        if (at < 0) {
            beginInsertRows({}, i, i);
            m_jobs.insert(i, job);
            endInsertRows();
            continue;
        }
        beginMoveRows({}, at, at, {}, i);
        m_jobs.move(at, i);
        endMoveRows();
        if (job.version > m_jobs.at(i).version)
            replaceRow(i, job);
    }
}

void MigrationJobsModel::replaceRow(int row, const MigrationJob &job)
{
    if (sameJob(m_jobs.at(row), job))
        return;
    m_jobs[row] = job;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, SortRole, JobRole, StateRole, FractionRole});
}

void MigrationJobsModel::updateJob(const MigrationJob &job)
{
    if (job.id == 0)
        return;
    const int row = rowOfJob(job.id);
    if (row >= 0) {
        // The same version may carry a runner's fresher progress; an older one is stale.
        if (job.version >= m_jobs.at(row).version)
            replaceRow(row, job);
    } else {
        const auto at = std::find_if(m_jobs.cbegin(), m_jobs.cend(),
                                     [&job](const MigrationJob &j) { return newerThan(job, j); });
        const int insertAt = int(at - m_jobs.cbegin());
        beginInsertRows({}, insertAt, insertAt);
        m_jobs.insert(insertAt, job);
        endInsertRows();
    }
    updatePolling();
}

void MigrationJobsModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

MigrationJob MigrationJobsModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? m_jobs.at(row) : MigrationJob{};
}

int MigrationJobsModel::rowOfJob(qint64 id) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).id == id)
            return row;
    }
    return -1;
}

int MigrationJobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int MigrationJobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MigrationJobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MigrationJob &j = m_jobs.at(index.row());
    const QLocale locale;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return QString::number(j.id);
        case SourceColumn: return j.sourceSlug;
        case TargetColumn: return j.targetSlug;
        case StateColumn: return stateDisplayName(j.state);
        case ProgressColumn: {
            // Rounded down: "100.0%" only once every planned row is moved.
            const double percent = j.plannedRows > 0
                ? std::floor(double(j.movedRows) * 1000.0 / double(j.plannedRows)) / 10.0
                : (j.state == State::Finished ? 100.0 : 0.0);
            //: Migration progress, e.g. "12,345 of 1,000,000 rows (1.2%)"
            return tr("%1 of %2 rows (%3%)")
                .arg(locale.toString(j.movedRows), locale.toString(j.plannedRows), locale.toString(percent, 'f', 1));
        }
        case BytesColumn: return formatQuantity(j.movedBytes, ResourceUnit::Bytes);
        case SkippedColumn: return locale.toString(j.skippedRows);
        case CreatedByColumn: return j.createdBy;
        case CreatedColumn: return localDateTime(j.createdAt);
        case UpdatedColumn: return localDateTime(j.updatedAt);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case IdColumn:
            //: A migration job's selector (JSON) and options
            return tr("Selector: %1\n%2, %3")
                .arg(j.selectorJson,
                     j.preserveIds ? tr("ids preserved") : tr("new ids in the target"),
                     j.includeMetadata ? tr("metadata moved") : tr("metadata dropped"));
        case StateColumn:
            if (j.state == State::Failed && !j.error.isEmpty())
                return j.error;
            return {};
        case BytesColumn:
            //: Bytes moved of the planned bytes, e.g. "of 1.2 GB planned"
            return tr("of %1 planned").arg(formatQuantity(j.plannedBytes, ResourceUnit::Bytes));
        case SkippedColumn:
            return tr("Rows the target already holds with the same id; they stay in the source");
        case CreatedColumn:
            return j.startedAt.isValid() ? tr("Started %1").arg(localDateTime(j.startedAt)) : QVariant();
        case UpdatedColumn:
            return j.finishedAt.isValid() ? tr("Ended %1").arg(localDateTime(j.finishedAt)) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case IdColumn:
        case ProgressColumn:
        case BytesColumn:
        case SkippedColumn: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case IdColumn: return QVariant::fromValue(j.id);
        case SourceColumn: return j.sourceSlug;
        case TargetColumn: return j.targetSlug;
        case StateColumn: return int(j.state);
        case ProgressColumn: return fraction(j);
        case BytesColumn: return QVariant::fromValue(j.movedBytes);
        case SkippedColumn: return QVariant::fromValue(j.skippedRows);
        case CreatedByColumn: return j.createdBy;
        case CreatedColumn: return j.createdAt;
        case UpdatedColumn: return j.updatedAt;
        }
        return {};
    case JobIdRole: return QVariant::fromValue(j.id);
    case JobRole: return QVariant::fromValue(j);
    case StateRole: return int(j.state);
    case FractionRole: return fraction(j);
    }
    return {};
}

QVariant MigrationJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    //: Column of the migration jobs: the job's number
    case IdColumn: return tr("Job");
    case SourceColumn: return tr("Source");
    case TargetColumn: return tr("Target");
    case StateColumn: return tr("State");
    case ProgressColumn: return tr("Progress");
    case BytesColumn: return tr("Moved");
    case SkippedColumn: return tr("Skipped");
    case CreatedByColumn: return tr("Started by");
    case CreatedColumn: return tr("Created");
    case UpdatedColumn: return tr("Last update");
    }
    return {};
}

QHash<int, QByteArray> MigrationJobsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{JobIdRole, "jobId"},
                  {JobRole, "job"},
                  {StateRole, "state"},
                  {FractionRole, "fraction"},
                  {SortRole, "sort"}});
    return names;
}

} // namespace tc
