#pragma once

#include "models/domain/error.h"
#include "models/domain/quota.h"
#include "models/domain/tenant.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUndoStack>

#include <optional>
#include <vector>

namespace tc {

class TenantStore;

// The quotas of one tenant, one row per resource of the catalog, with edits that are staged
// (shown as modified, undoable through undoStack()) until apply() writes them all in one
// transaction. Every staged edit remembers the row version it was made against: if another
// session moved the row meanwhile, the row is in conflict and apply() never overwrites it
// until the operator chose (keepTheirs / takeMine / reEdit). Rows refresh when any console
// changes quotas or tenants (inherited limits follow an ancestor's), keeping staged edits.
class QuotaTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ResourceColumn, LimitColumn, InheritedFromColumn, UsedColumn, PercentColumn, AlertsColumn, ColumnCount };

    enum Role : int {
        ResourceKeyRole = Qt::UserRole + 1, // QString "storage_bytes"
        UnitRole,                           // QString unit key ("bytes")
        QuotaRole,                          // tc::Quota as the database holds it now
        LimitRole,          // qint64 effective limit with the staged edit, or invalid = unlimited
        InheritsRole,       // bool: the row (with its staged edit) has no own limit
        InheritedFromRole,  // QString slug of the ancestor whose limit applies, or empty
        UsedRole,           // qint64 latest usage, or invalid
        FractionRole,       // double used / effective limit (may exceed 1), or invalid
        ThresholdsRole,     // QList<int> soft alert thresholds in percent (staged or stored)
        ModifiedRole,       // bool: this cell's value is staged (Resource column: any of the row)
        ConflictRole,       // tc::Quota: theirs, when the row moved under a staged edit; else invalid
    };
    Q_ENUM(Role)

    // Why an edit was refused. Only ui/ turns it into words.
    struct Rejection
    {
        enum class Kind {
            Unparsable,    // `parseError`
            Violation,     // `violation`: a rule of the hierarchy
            BadThresholds, // not 1..100 ascending, at most kMaxSoftThresholds
            ReadOnly,      // auditor session, or no tenant
            Busy,          // an apply is under way
        };
        Kind kind = Kind::Unparsable;
        QString resource;
        ResourceUnit unit = ResourceUnit::Count;
        QuantityParseError parseError;
        QuotaViolation violation;
    };

    // What applyTier() staged. `capped`: presets above the parent's limit, lowered to it.
    // `skipped`: resources whose preset is below a sub-tenant's own limit, left as they were.
    struct TierOutcome
    {
        int staged = 0;
        int capped = 0;
        QStringList skipped; // resource keys
    };

    explicit QuotaTableModel(TenantStore *store, QObject *parent = nullptr);
    ~QuotaTableModel() override;

    // Shows another tenant (null: none). Staged edits of the previous one are dropped.
    void setTenant(const QUuid &tenant);
    QUuid tenant() const { return m_tenant; }
    // Reads the rows again now, keeping staged edits.
    void reload();

    // Auditors: nothing is editable, every staging call is refused.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QUndoStack *undoStack() { return &m_undoStack; }

    bool isLoading() const { return m_loadInFlight; }
    bool isApplying() const { return m_applying; }
    int stagedCount() const;
    bool hasStagedChanges() const { return stagedCount() > 0; }
    int conflictCount() const;
    // The staged rows whose version moved, as apply() would report them.
    QList<QuotaConflict> conflicts() const;

    int rowOf(const QString &resource) const;
    Quota quotaAt(int row) const;

    // What setData() would say to a text, for editors that validate while the operator types.
    std::optional<Rejection> checkLimitText(int row, const QString &text) const;
    std::optional<Rejection> checkThresholdsText(int row, const QString &text) const;
    std::optional<Rejection> lastRejection() const { return m_lastRejection; }

    // Staging operations, each one undoable step.
    TierOutcome applyTier(Tier tier);
    bool resetToInherited(int row);
    // Drops every staged edit and the undo history.
    void revert();
    // Writes every staged edit in one transaction; false when there is nothing to write or
    // a write is already under way. Ends with applied(), conflictsDetected() or applyFailed().
    bool apply();

    // Resolving conflicts (resource keys): drop mine and take the row as it is now ...
    void keepTheirs(const QStringList &resources);
    // ... keep mine, made against their version, so the next apply() overwrites theirs ...
    void takeMine(const QStringList &resources);
    // ... or as takeMine, then editRequested() for the operator to change it first.
    void reEdit(const QStringList &resources);

    // Plain words for a limit as the row shows it: "500 GB", "inherit (500 GB)", "unlimited".
    static QString limitText(const Quota &quota, const QuotaLimit &limit);

    // QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void applyingChanged(bool applying);
    // The rows of the current tenant arrived (first read and every refresh).
    void loaded();
    // Staged edits or conflicts changed (count, values or versions).
    void stagedChanged();
    void editRejected(int row, const tc::QuotaTableModel::Rejection &rejection);
    void errorOccurred(const tc::Error &error);
    void applied(const tc::QuotaWriteReport &report);
    // Nothing was written: these rows moved since the edits were made.
    void conflictsDetected(const QList<tc::QuotaConflict> &conflicts);
    // Nothing was written: a rule refused a change (Validation) or the write failed.
    void applyFailed(const tc::Error &error);
    // reEdit(): a view should open an editor here.
    void editRequested(const QModelIndex &index);

private:
    class StageCommand;

    struct Staged
    {
        QuotaLimit limit;
        QList<int> thresholds;
        qint64 expectedVersion = 0; // the row version the edit was made against
        friend bool operator==(const Staged &, const Staged &) = default;
    };
    struct Row
    {
        Quota base; // as the database holds it now (theirs, when in conflict)
        std::optional<Staged> staged;

        QuotaLimit limit() const { return staged ? staged->limit : QuotaLimit::fromStored(base.hardLimit); }
        QList<int> thresholds() const { return staged ? staged->thresholds : base.softThresholds; }
        bool limitModified() const { return staged && staged->limit.stored() != base.hardLimit; }
        bool thresholdsModified() const { return staged && staged->thresholds != base.softThresholds; }
        bool conflicted() const { return staged && staged->expectedVersion != base.version; }
        std::optional<qint64> effectiveLimit() const;
    };
    struct StagedChange
    {
        QString resource;
        std::optional<Staged> before;
        std::optional<Staged> after;
    };

    std::optional<Rejection> refuseEdits(int row) const;
    std::variant<QuotaLimit, Rejection> parseLimit(int row, const QString &text) const;
    // The staged state a new value gives the row: nullopt when it equals the row as stored.
    std::optional<Staged> stagedFor(const Row &row, const QuotaLimit &limit, const QList<int> &thresholds) const;
    void push(const QString &text, const QList<StagedChange> &changes);
    void setStaged(const QString &resource, const std::optional<Staged> &staged);
    QuotaChange changeFor(const Row &row) const;
    void rebase(const QStringList &resources, const QString &text);
    void emitRowChanged(int row);

    void load();
    void merge(QList<Quota> quotas);
    void onTenantChanged(const TenantChange &change);
    void onRefreshTimer();
    void setLoadInFlight(bool inFlight);
    void setApplying(bool applying);

    QPointer<TenantStore> m_store;
    QUuid m_tenant;
    std::vector<Row> m_rows;
    QUndoStack m_undoStack;
    bool m_readOnly = false;
    bool m_loaded = false;       // the rows of m_tenant have arrived at least once
    bool m_loadInFlight = false; // a read of m_tenant is under way
    bool m_reloadPending = false; // read again once the current read or apply has finished
    bool m_applying = false;
    quint64 m_serial = 0;        // bumped per tenant: late results of another tenant are dropped
    std::optional<Rejection> m_lastRejection;
    // Change notifications arrive in bursts (a tier on a subtree): one read per burst.
    QTimer m_refreshTimer;
};

} // namespace tc

Q_DECLARE_METATYPE(tc::QuotaTableModel::Rejection)
