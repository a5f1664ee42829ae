#include "models/items/quotatablemodel.h"

#include "models/domain/resourceunit.h"
#include "models/items/deliver.h"
#include "models/items/itemslog_p.h"
#include "models/store/tenantstore.h"
#include "models/store/tiercatalog.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace tc {

namespace {
// Quick enough that every console shows another's change within a second, slow enough that
// a burst of notifications (a tier applied to a subtree) becomes one read.
constexpr int kRefreshDelayMs = 250;

bool sameQuota(const Quota &a, const Quota &b)
{
    return a.tenantId == b.tenantId && a.resource == b.resource && a.displayName == b.displayName
           && a.unit == b.unit && a.sortOrder == b.sortOrder && a.metered == b.metered && a.hardLimit == b.hardLimit
           && a.softThresholds == b.softThresholds && a.version == b.version && a.parentLimit == b.parentLimit
           && a.parentLimitFromId == b.parentLimitFromId && a.parentLimitFromSlug == b.parentLimitFromSlug
           && a.descendantMax == b.descendantMax && a.descendantMaxSlug == b.descendantMaxSlug && a.used == b.used;
}

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

// Every role a row answers that depends on its stored or staged values: what a refresh or a
// staged edit may change.
const QList<int> &rowRoles()
{
    static const QList<int> roles{Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, Qt::FontRole,
                                  Qt::BackgroundRole, QuotaTableModel::QuotaRole, QuotaTableModel::LimitRole,
                                  QuotaTableModel::InheritsRole, QuotaTableModel::InheritedFromRole,
                                  QuotaTableModel::UsedRole, QuotaTableModel::FractionRole,
                                  QuotaTableModel::ThresholdsRole, QuotaTableModel::ModifiedRole,
                                  QuotaTableModel::ConflictRole};
    return roles;
}
} // namespace

// One undoable step over one or more rows: the staged state of each before and after.
class QuotaTableModel::StageCommand : public QUndoCommand
{
public:
    StageCommand(QuotaTableModel *model, const QString &text, QList<StagedChange> changes)
        : QUndoCommand(text), m_model(model), m_changes(std::move(changes))
    {
    }

    void redo() override
    {
        for (const StagedChange &c : std::as_const(m_changes))
            m_model->setStaged(c.resource, c.after);
        Q_EMIT m_model->stagedChanged();
    }
    void undo() override
    {
        for (auto it = m_changes.crbegin(); it != m_changes.crend(); ++it)
            m_model->setStaged(it->resource, it->before);
        Q_EMIT m_model->stagedChanged();
    }

private:
    QuotaTableModel *m_model = nullptr; // owns the stack that owns this command
    QList<StagedChange> m_changes;
};

std::optional<qint64> QuotaTableModel::Row::effectiveLimit() const
{
    const QuotaLimit l = limit();
    if (l.isValue())
        return l.value;
    return base.parentLimit;
}

QuotaTableModel::QuotaTableModel(TenantStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &QuotaTableModel::onRefreshTimer);
    if (store)
        connect(store, &TenantStore::tenantChanged, this, &QuotaTableModel::onTenantChanged);
}

QuotaTableModel::~QuotaTableModel()
{
    // Commands call back into the model while the stack is destroyed otherwise never; clear
    // them first anyway so no command outlives the rows it names.
    m_undoStack.clear();
}

void QuotaTableModel::setTenant(const QUuid &tenant)
{
    if (tenant == m_tenant)
        return;
    beginResetModel();
    m_rows.clear();
    m_tenant = tenant;
    ++m_serial;
    m_loaded = false;
    m_reloadPending = false;
    m_lastRejection.reset();
    m_refreshTimer.stop();
    endResetModel();
    m_undoStack.clear();
    setLoadInFlight(false); // a read of the previous tenant is now stale
    Q_EMIT stagedChanged();
    load();
}

void QuotaTableModel::reload()
{
    m_refreshTimer.stop();
    load();
}

void QuotaTableModel::setReadOnly(bool readOnly)
{
    if (readOnly == m_readOnly)
        return;
    m_readOnly = readOnly;
    if (readOnly && hasStagedChanges())
        revert();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ToolTipRole});
}

int QuotaTableModel::stagedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.staged.has_value(); }));
}

int QuotaTableModel::conflictCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.conflicted(); }));
}

QList<QuotaConflict> QuotaTableModel::conflicts() const
{
    QList<QuotaConflict> out;
    for (const Row &r : m_rows) {
        if (r.conflicted())
            out.append({changeFor(r), r.base});
    }
    return out;
}

int QuotaTableModel::rowOf(const QString &resource) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].base.resource == resource)
            return int(i);
    }
    return -1;
}

Quota QuotaTableModel::quotaAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return m_rows[size_t(row)].base;
}

// --- Staging ---

std::optional<QuotaTableModel::Rejection> QuotaTableModel::refuseEdits(int row) const
{
    Rejection r;
    if (row >= 0 && row < rowCount()) {
        r.resource = m_rows[size_t(row)].base.resource;
        r.unit = m_rows[size_t(row)].base.unit;
    }
    if (m_readOnly || m_tenant.isNull() || row < 0 || row >= rowCount()) {
        r.kind = Rejection::Kind::ReadOnly;
        return r;
    }
    if (m_applying) {
        r.kind = Rejection::Kind::Busy;
        return r;
    }
    return std::nullopt;
}

std::variant<QuotaLimit, QuotaTableModel::Rejection> QuotaTableModel::parseLimit(int row, const QString &text) const
{
    if (auto refused = refuseEdits(row))
        return *refused;
    const Row &r = m_rows[size_t(row)];
    Rejection rejection;
    rejection.resource = r.base.resource;
    rejection.unit = r.base.unit;
    const auto parsed = parseQuotaLimit(text, r.base.unit);
    if (const auto *error = std::get_if<QuantityParseError>(&parsed)) {
        rejection.kind = Rejection::Kind::Unparsable;
        rejection.parseError = *error;
        return rejection;
    }
    const QuotaLimit limit = std::get<QuotaLimit>(parsed);
    if (const auto violation = checkQuotaLimit(r.base, limit)) {
        rejection.kind = Rejection::Kind::Violation;
        rejection.violation = *violation;
        return rejection;
    }
    return limit;
}

std::optional<QuotaTableModel::Rejection> QuotaTableModel::checkLimitText(int row, const QString &text) const
{
    const auto parsed = parseLimit(row, text);
    if (const auto *rejection = std::get_if<Rejection>(&parsed))
        return *rejection;
    return std::nullopt;
}

std::optional<QuotaTableModel::Rejection> QuotaTableModel::checkThresholdsText(int row, const QString &text) const
{
    if (auto refused = refuseEdits(row))
        return refused;
    if (parseSoftThresholds(text))
        return std::nullopt;
    Rejection rejection;
    rejection.kind = Rejection::Kind::BadThresholds;
    rejection.resource = m_rows[size_t(row)].base.resource;
    rejection.unit = m_rows[size_t(row)].base.unit;
    return rejection;
}

std::optional<QuotaTableModel::Staged> QuotaTableModel::stagedFor(const Row &row, const QuotaLimit &limit,
                                                                  const QList<int> &thresholds) const
{
    // A row already in conflict stays made against the version the operator first saw, until
    // the conflict is resolved on purpose.
    Staged next{limit, thresholds, row.staged ? row.staged->expectedVersion : row.base.version};
    if (next.limit.stored() == row.base.hardLimit && next.thresholds == row.base.softThresholds
        && next.expectedVersion == row.base.version)
        return std::nullopt;
    return next;
}

void QuotaTableModel::push(const QString &text, const QList<StagedChange> &changes)
{
    if (changes.isEmpty())
        return;
    m_undoStack.push(new StageCommand(this, text, changes));
}

void QuotaTableModel::setStaged(const QString &resource, const std::optional<Staged> &staged)
{
    const int row = rowOf(resource);
    if (row < 0)
        return; // the resource left the catalog meanwhile
    m_rows[size_t(row)].staged = staged;
    emitRowChanged(row);
}

void QuotaTableModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), rowRoles());
}

bool QuotaTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::DoNotUseParent) || role != Qt::EditRole)
        return false;
    const int row = index.row();
    std::optional<Staged> next;
    QString text;
    if (index.column() == LimitColumn) {
        const auto parsed = parseLimit(row, value.toString());
        if (const auto *rejection = std::get_if<Rejection>(&parsed)) {
            m_lastRejection = *rejection;
            Q_EMIT editRejected(row, *rejection);
            return false;
        }
        const Row &r = m_rows[size_t(row)];
        const QuotaLimit limit = std::get<QuotaLimit>(parsed);
        next = stagedFor(r, limit, r.thresholds());
        text = tr("Set %1 to %2").arg(r.base.displayName, limitText(r.base, limit));
    } else if (index.column() == AlertsColumn) {
        if (const auto rejection = checkThresholdsText(row, value.toString())) {
            m_lastRejection = *rejection;
            Q_EMIT editRejected(row, *rejection);
            return false;
        }
        const Row &r = m_rows[size_t(row)];
        const QList<int> thresholds = *parseSoftThresholds(value.toString());
        next = stagedFor(r, r.limit(), thresholds);
        text = tr("Set the alerts of %1 to %2").arg(r.base.displayName, formatSoftThresholds(thresholds));
    } else {
        return false;
    }
    m_lastRejection.reset();
    const Row &r = m_rows[size_t(row)];
    if (next != r.staged)
        push(text, {{r.base.resource, r.staged, next}});
    return true;
}

QuotaTableModel::TierOutcome QuotaTableModel::applyTier(Tier tier)
{
    TierOutcome outcome;
    const TierPreset *preset = TierCatalog::preset(tier);
    if (!preset || refuseEdits(0))
        return outcome;
    QList<StagedChange> changes;
    for (const auto &[resource, presetLimit] : preset->quotas) {
        const int row = rowOf(resource);
        if (row < 0)
            continue;
        const Row &r = m_rows[size_t(row)];
        QuotaLimit limit = presetLimit ? QuotaLimit::of(*presetLimit) : QuotaLimit::unlimited();
        if (const auto violation = checkQuotaLimit(r.base, limit)) {
            // As a bulk tier does (capAtParent): a sub-tenant gets no more than its parent has.
            if (violation->reason == QuotaViolation::Reason::AboveParent)
                limit = QuotaLimit::of(violation->bound);
            else if (violation->reason == QuotaViolation::Reason::UnlimitedUnderLimit)
                limit = QuotaLimit::inherit();
            if (violation->reason == QuotaViolation::Reason::BelowDescendant || checkQuotaLimit(r.base, limit)) {
                outcome.skipped << resource;
                continue;
            }
            ++outcome.capped;
        }
        const std::optional<Staged> next = stagedFor(r, limit, r.thresholds());
        if (next != r.staged)
            changes.append({resource, r.staged, next});
    }
    outcome.staged = int(changes.size());
    push(tr("Apply the %1 tier").arg(preset->displayName), changes);
    return outcome;
}

bool QuotaTableModel::resetToInherited(int row)
{
    if (auto refused = refuseEdits(row)) {
        m_lastRejection = refused;
        Q_EMIT editRejected(row, *refused);
        return false;
    }
    const Row &r = m_rows[size_t(row)];
    const std::optional<Staged> next = stagedFor(r, QuotaLimit::inherit(), r.thresholds());
    if (next == r.staged)
        return true;
    push(tr("Reset %1 to inherited").arg(r.base.displayName), {{r.base.resource, r.staged, next}});
    return true;
}

void QuotaTableModel::revert()
{
    if (m_applying)
        return;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].staged) {
            m_rows[i].staged.reset();
            emitRowChanged(int(i));
        }
    }
    m_undoStack.clear();
    Q_EMIT stagedChanged();
}

QuotaChange QuotaTableModel::changeFor(const Row &row) const
{
    QuotaChange change;
    change.tenantId = m_tenant;
    change.resource = row.base.resource;
    if (!row.staged)
        return change;
    change.hardLimit = row.staged->limit.stored();
    if (row.staged->thresholds != row.base.softThresholds)
        change.softThresholds = row.staged->thresholds;
    change.expectedVersion = row.staged->expectedVersion;
    return change;
}

bool QuotaTableModel::apply()
{
    if (m_applying || m_readOnly || !m_store || !hasStagedChanges())
        return false;
    QList<QuotaChange> changes;
    QHash<QString, Staged> sent;
    for (const Row &r : m_rows) {
        if (r.staged) {
            changes.append(changeFor(r));
            sent.insert(r.base.resource, *r.staged);
        }
    }
    const quint64 serial = m_serial;
    setApplying(true);
    detail::deliver(m_store->writeQuotas(changes), this, [this, serial, sent](const Result<QuotaWriteReport> &result) {
        setApplying(false);
        if (serial != m_serial) {
            // Another tenant is shown now; its first read may have waited for this write.
        } else if (!result.ok()) {
            Q_EMIT applyFailed(result.error());
        } else if (!result->applied()) {
            // Nothing was written. The rows take theirs; the staged edits stay, now in conflict.
            for (const QuotaConflict &c : result->conflicts) {
                const int row = c.theirs.tenantId == m_tenant ? rowOf(c.theirs.resource) : -1;
                if (row >= 0) {
                    m_rows[size_t(row)].base = c.theirs;
                    emitRowChanged(row);
                }
            }
            Q_EMIT stagedChanged();
            Q_EMIT conflictsDetected(result->conflicts);
        } else {
            for (const Quota &q : result->after) {
                const int row = q.tenantId == m_tenant ? rowOf(q.resource) : -1;
                if (row >= 0)
                    m_rows[size_t(row)].base = q;
            }
            for (size_t i = 0; i < m_rows.size(); ++i) {
                Row &r = m_rows[i];
                const auto it = sent.constFind(r.base.resource);
                if (it == sent.cend())
                    continue;
                if (r.staged && !(*r.staged == *it)) {
                    // Changed again while the write ran (an undo): keep it, now against the
                    // version this write produced.
                    r.staged->expectedVersion = r.base.version;
                    r.staged = stagedFor(r, r.staged->limit, r.staged->thresholds);
                } else {
                    r.staged.reset();
                }
                emitRowChanged(int(i));
            }
            m_undoStack.clear();
            Q_EMIT stagedChanged();
            Q_EMIT applied(result.value());
            // No read here: `after` holds the written rows as committed, and this write's own
            // change notification brings the reload that anything else needs.
        }
        if (m_reloadPending) {
            m_reloadPending = false;
            load();
        }
    });
    return true;
}

void QuotaTableModel::rebase(const QStringList &resources, const QString &text)
{
    if (refuseEdits(0))
        return;
    QList<StagedChange> changes;
    for (const QString &resource : resources) {
        const int row = rowOf(resource);
        if (row < 0)
            continue;
        const Row &r = m_rows[size_t(row)];
        if (!r.conflicted())
            continue;
        // stagedFor() keeps the version an edit was made against; this is the one place that
        // moves it on, because the operator has seen theirs.
        Row rebased = r;
        rebased.staged->expectedVersion = r.base.version;
        changes.append({resource, r.staged, stagedFor(rebased, rebased.staged->limit, rebased.staged->thresholds)});
    }
    push(text, changes);
}

void QuotaTableModel::keepTheirs(const QStringList &resources)
{
    if (refuseEdits(0))
        return;
    QList<StagedChange> changes;
    for (const QString &resource : resources) {
        const int row = rowOf(resource);
        if (row >= 0 && m_rows[size_t(row)].staged)
            changes.append({resource, m_rows[size_t(row)].staged, std::nullopt});
    }
    push(tr("Keep their changes"), changes);
}

void QuotaTableModel::takeMine(const QStringList &resources)
{
    rebase(resources, tr("Keep my changes over theirs"));
}

void QuotaTableModel::reEdit(const QStringList &resources)
{
    rebase(resources, tr("Edit again after a conflict"));
    for (const QString &resource : resources) {
        const int row = rowOf(resource);
        if (row < 0 || !m_rows[size_t(row)].staged)
            continue;
        const bool limit = m_rows[size_t(row)].limitModified() || !m_rows[size_t(row)].thresholdsModified();
        Q_EMIT editRequested(index(row, limit ? LimitColumn : AlertsColumn));
        break;
    }
}

// --- Loading and refreshing ---

void QuotaTableModel::load()
{
    if (!m_store || m_tenant.isNull())
        return;
    if (m_loadInFlight || m_applying) {
        // One read at a time: a newer read must not be starved by a stream of notifications.
        m_reloadPending = true;
        return;
    }
    setLoadInFlight(true);
    const quint64 serial = m_serial;
    const QUuid tenant = m_tenant;
    detail::deliver(m_store->quotas(tenant), this, [this, serial](const Result<QList<Quota>> &result) {
        if (serial != m_serial) {
            qCDebug(lcItems) << "dropping quotas of a tenant no longer shown";
            return;
        }
        setLoadInFlight(false);
        if (!result.ok())
            Q_EMIT errorOccurred(result.error());
        else
            merge(result.value());
        if (m_reloadPending) {
            m_reloadPending = false;
            load();
        }
    });
}

void QuotaTableModel::merge(QList<Quota> quotas)
{
    std::stable_sort(quotas.begin(), quotas.end(),
                     [](const Quota &a, const Quota &b) { return a.sortOrder < b.sortOrder; });
    bool sameRows = m_loaded && size_t(quotas.size()) == m_rows.size();
    for (qsizetype i = 0; sameRows && i < quotas.size(); ++i)
        sameRows = quotas[i].resource == m_rows[size_t(i)].base.resource;

    const int conflictsBefore = conflictCount();
    const int stagedBefore = stagedCount();
    if (sameRows) {
        for (qsizetype i = 0; i < quotas.size(); ++i) {
            Row &r = m_rows[size_t(i)];
            if (sameQuota(r.base, quotas[i]))
                continue;
            r.base = quotas[i];
            // A staged edit that now equals the row adds nothing (unless it is in conflict).
            if (r.staged)
                r.staged = stagedFor(r, r.staged->limit, r.staged->thresholds);
            emitRowChanged(int(i));
        }
    } else {
        // The catalog itself changed (or this is the first read): staged edits follow their
        // resource by key.
        beginResetModel();
        std::vector<Row> rows;
        rows.reserve(size_t(quotas.size()));
        for (const Quota &q : std::as_const(quotas)) {
            Row r{q, std::nullopt};
            const int old = rowOf(q.resource);
            if (old >= 0 && m_rows[size_t(old)].staged)
                r.staged = stagedFor(r, m_rows[size_t(old)].staged->limit, m_rows[size_t(old)].staged->thresholds);
            rows.push_back(std::move(r));
        }
        m_rows = std::move(rows);
        m_loaded = true;
        endResetModel();
    }
    if (!sameRows || conflictCount() != conflictsBefore || stagedCount() != stagedBefore)
        Q_EMIT stagedChanged();
    Q_EMIT loaded();
}

void QuotaTableModel::onTenantChanged(const TenantChange &change)
{
    // Any tenant: a change of an ancestor's limit alters what this one inherits, and one of a
    // descendant's alters how low this one may go.
    if (m_tenant.isNull() || (change.table != QLatin1String("quotas") && change.table != QLatin1String("tenants")))
        return;
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void QuotaTableModel::onRefreshTimer()
{
    load();
}

void QuotaTableModel::setLoadInFlight(bool inFlight)
{
    if (inFlight == m_loadInFlight)
        return;
    m_loadInFlight = inFlight;
    Q_EMIT loadingChanged(inFlight);
}

void QuotaTableModel::setApplying(bool applying)
{
    if (applying == m_applying)
        return;
    m_applying = applying;
    Q_EMIT applyingChanged(applying);
}

// --- QAbstractItemModel ---

int QuotaTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QuotaTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QuotaTableModel::limitText(const Quota &quota, const QuotaLimit &limit)
{
    switch (limit.kind) {
    case QuotaLimit::Kind::Value: return formatQuantity(limit.value, quota.unit);
    case QuotaLimit::Kind::Unlimited: return tr("unlimited");
    case QuotaLimit::Kind::Inherit:
        if (quota.parentLimit)
            return tr("inherit (%1)").arg(formatQuantity(*quota.parentLimit, quota.unit));
        return tr("unlimited");
    }
    return {};
}

QVariant QuotaTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::DoNotUseParent))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const Quota &q = r.base;
    const QuotaLimit limit = r.limit();
    const bool inherits = !limit.isValue();
    const std::optional<qint64> effective = r.effectiveLimit();
    const std::optional<double> fraction = UsageLimit{q.used, effective}.fraction();
    const QList<int> thresholds = r.thresholds();
    const int column = index.column();
    const bool modified = column == LimitColumn ? r.limitModified()
                        : column == AlertsColumn ? r.thresholdsModified()
                                                 : r.staged.has_value();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ResourceColumn: return q.displayName;
        case LimitColumn: return limitText(q, limit);
        case InheritedFromColumn:
            if (!inherits)
                return tr("own");
            return q.parentLimit && !q.parentLimitFromSlug.isEmpty() ? q.parentLimitFromSlug : QStringLiteral("—");
        case UsedColumn: return q.used ? formatQuantity(*q.used, q.unit) : QStringLiteral("—");
        case PercentColumn:
            return fraction ? QStringLiteral("%1 %").arg(qRound(*fraction * 100)) : QStringLiteral("—");
        case AlertsColumn: return thresholds.isEmpty() ? tr("none") : formatSoftThresholds(thresholds);
        }
        return {};
    case Qt::EditRole:
        if (column == LimitColumn)
            return formatQuotaLimit(limit, q.unit);
        if (column == AlertsColumn)
            return formatSoftThresholds(thresholds);
        return {};
    case Qt::ToolTipRole:
        if (r.conflicted() && (column == LimitColumn || column == ResourceColumn))
            return tr("Changed by another session meanwhile: now %1. Apply to choose between theirs and yours.")
                .arg(limitText(q, QuotaLimit::fromStored(q.hardLimit)));
        if (modified && column == LimitColumn) {
            const QString staged = tr("Staged, not applied yet: was %1.").arg(limitText(q, QuotaLimit::fromStored(q.hardLimit)));
            if (q.used && effective && *q.used > *effective)
                return staged + QLatin1Char(' ')
                     + tr("Usage (%1) is already above the new limit.").arg(formatQuantity(*q.used, q.unit));
            return staged;
        }
        if (modified && column == AlertsColumn)
            return tr("Staged, not applied yet: was %1.")
                .arg(q.softThresholds.isEmpty() ? tr("none") : formatSoftThresholds(q.softThresholds));
        switch (column) {
        case ResourceColumn: return tr("%1 (%2), measured in %3").arg(q.displayName, q.resource, resourceUnitKey(q.unit));
        case LimitColumn:
            if (inherits && q.parentLimit)
                return tr("No own limit: %1's limit of %2 applies.")
                    .arg(q.parentLimitFromSlug, formatQuantity(*q.parentLimit, q.unit));
            if (inherits)
                return tr("No limit here or above.");
            if (q.parentLimit)
                return tr("Own limit; the parent allows at most %1.").arg(formatQuantity(*q.parentLimit, q.unit));
            return tr("Own limit.");
        case InheritedFromColumn:
            if (!inherits)
                return tr("This tenant's own limit.");
            if (q.parentLimit)
                return tr("The limit set on %1.").arg(q.parentLimitFromSlug);
            return tr("No ancestor limits this resource.");
        case UsedColumn: return q.metered ? (q.used ? QVariant() : tr("No usage reported yet")) : tr("Not metered");
        case AlertsColumn: return tr("Operators are alerted when usage passes these percentages of the limit.");
        }
        return {};
    case Qt::FontRole:
        // Only the values the operator changed; the row's tint marks the rest of it.
        if (modified && (column == LimitColumn || column == AlertsColumn)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        // Translucent, so the tint works on light and dark palettes alike.
        if (r.conflicted())
            return QBrush(QColor(0xd9, 0x30, 0x25, 48));
        if (r.staged)
            return QBrush(QColor(0xe8, 0x9a, 0x00, 40));
        return {};
    case Qt::TextAlignmentRole:
        if (column == UsedColumn || column == PercentColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ResourceKeyRole: return q.resource;
    case UnitRole: return resourceUnitKey(q.unit);
    case QuotaRole: return QVariant::fromValue(q);
    case LimitRole: return optionalValue(effective);
    case InheritsRole: return inherits;
    case InheritedFromRole: return inherits && q.parentLimit ? q.parentLimitFromSlug : QString();
    case UsedRole: return optionalValue(q.used);
    case FractionRole: return fraction ? QVariant(*fraction) : QVariant();
    case ThresholdsRole: return QVariant::fromValue(thresholds);
    case ModifiedRole: return modified;
    case ConflictRole: return r.conflicted() ? QVariant::fromValue(q) : QVariant();
    }
    return {};
}

QVariant QuotaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ResourceColumn: return tr("Resource");
        case LimitColumn: return tr("Limit");
        case InheritedFromColumn: return tr("Inherited from");
        case UsedColumn: return tr("Used");
        case PercentColumn: return tr("% used");
        case AlertsColumn: return tr("Alerts at %");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case LimitColumn: return tr("The tenant's own limit, or the one it inherits from an ancestor");
        case InheritedFromColumn: return tr("The ancestor whose limit applies, or \"own\"");
        case UsedColumn: return tr("Latest usage reported by the platform");
        case PercentColumn: return tr("Usage as a share of the effective limit");
        case AlertsColumn: return tr("Soft alert thresholds, in percent of the limit");
        }
    }
    return {};
}

Qt::ItemFlags QuotaTableModel::flags(const QModelIndex &index) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::DoNotUseParent));
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (!m_readOnly && (index.column() == LimitColumn || index.column() == AlertsColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

QHash<int, QByteArray> QuotaTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{ResourceKeyRole, "resourceKey"},
                  {UnitRole, "unit"},
                  {QuotaRole, "quota"},
                  {LimitRole, "limit"},
                  {InheritsRole, "inherits"},
                  {InheritedFromRole, "inheritedFrom"},
                  {UsedRole, "used"},
                  {FractionRole, "fraction"},
                  {ThresholdsRole, "thresholds"},
                  {ModifiedRole, "modified"},
                  {ConflictRole, "conflict"}});
    return names;
}

} // namespace tc
