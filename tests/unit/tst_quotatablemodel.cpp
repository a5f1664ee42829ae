// QuotaTableModel over an in-memory store: rows and roles, staged edits with undo/redo, tier
// presets, revert, apply in one write, conflicts and their three resolutions, refreshes that
// keep staged edits, and the rules that refuse an edit.

#include "models/items/quotatablemodel.h"
#include "models/store/tenantstore.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QPromise>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace tc;
using Model = QuotaTableModel;

namespace {

constexpr qint64 kGB = 1000LL * 1000 * 1000;

// Quota rows per tenant, written with the semantics of the real store: all or nothing, a
// conflict for every row whose version moved, versions counting up per write.
class FakeStore : public tc::test::UnsupportedStore
{
public:
    QHash<QUuid, QList<Quota>> rows;
    QList<QList<QuotaChange>> writes; // every writeQuotas() call that got through
    int quotaReads = 0;
    std::optional<Error> refuseNextWrite;
    // Reads answered only when the test says so (settle a race on purpose).
    bool holdReads = false;
    QList<std::pair<QUuid, std::shared_ptr<QPromise<Result<QList<Quota>>>>>> heldReads;

    Quota *find(const QUuid &tenant, const QString &resource)
    {
        for (Quota &q : rows[tenant]) {
            if (q.resource == resource)
                return &q;
        }
        return nullptr;
    }
    void announce(const QUuid &tenant, const QString &table = QStringLiteral("quotas"))
    {
        Q_EMIT tenantChanged({TenantChange::Operation::Update, table, tenant, {}, {}});
    }
    void releaseRead(int i)
    {
        auto [tenant, promise] = heldReads.at(i);
        promise->start();
        promise->addResult(Result<QList<Quota>>(rows.value(tenant)));
        promise->finish();
    }

    QFuture<Result<QList<Quota>>> quotas(const QUuid &tenant) override
    {
        ++quotaReads;
        if (holdReads) {
            auto promise = std::make_shared<QPromise<Result<QList<Quota>>>>();
            heldReads.append({tenant, promise});
            return promise->future();
        }
        return ready(rows.value(tenant));
    }
    QFuture<Result<QuotaWriteReport>> writeQuotas(const QList<QuotaChange> &changes) override
    {
        if (refuseNextWrite) {
            const Error e = *refuseNextWrite;
            refuseNextWrite.reset();
            return QtFuture::makeReadyFuture(Result<QuotaWriteReport>(e));
        }
        QuotaWriteReport report;
        for (const QuotaChange &c : changes) {
            const Quota *q = find(c.tenantId, c.resource);
            if (q && c.expectedVersion && *c.expectedVersion != q->version)
                report.conflicts.append({c, *q});
        }
        if (!report.conflicts.isEmpty())
            return ready(report);
        writes.append(changes);
        for (const QuotaChange &c : changes) {
            Quota *q = find(c.tenantId, c.resource);
            q->hardLimit = c.hardLimit;
            if (c.softThresholds)
                q->softThresholds = *c.softThresholds;
            ++q->version;
            ++report.written;
            report.after.append(*q);
        }
        return ready(report);
    }
};

Quota quota(const QUuid &tenant, const char *resource, const char *name, ResourceUnit unit, int order)
{
    Quota q;
    q.tenantId = tenant;
    q.resource = QLatin1String(resource);
    q.displayName = QLatin1String(name);
    q.unit = unit;
    q.sortOrder = order;
    return q;
}

QList<int> ints(std::initializer_list<int> values)
{
    return QList<int>(values);
}

} // namespace

class TstQuotaTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsAndRoles();
    void stagedEditChangesOneRow();
    void undoAndRedoRestoreTheStagedValue();
    void editingBackToTheStoredValueUnstages();
    void thresholdsAreStagedToo();
    void nonsenseIsRefused_data();
    void nonsenseIsRefused();
    void tierPresetIsOneStep();
    void resetToInheritedStagesInherit();
    void revertDropsEverything();
    void applyWritesEverythingOnce();
    void applyConflictIsResolved_data();
    void applyConflictIsResolved();
    void databaseRefusalKeepsTheEdits();
    void refreshKeepsStagedEdits();
    void notificationsAreCoalesced();
    void staleTenantResultsAreDropped();
    void anotherTenantLoadsAfterAnApplyInFlight();
    void readOnlyRefusesEverything();

private:
    void load();
    QModelIndex cell(const char *resource, int column) const
    {
        return m_model->index(m_model->rowOf(QLatin1String(resource)), column);
    }
    QString text(const char *resource, int column) const { return cell(resource, column).data().toString(); }

    QUuid m_acme = QUuid::createUuid();
    QUuid m_child = QUuid::createUuid();
    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstQuotaTableModel::init()
{
    m_store = std::make_unique<FakeStore>();
    // Listed out of catalog order on purpose: the model sorts by sortOrder.
    Quota storage = quota(m_child, "storage_bytes", "Storage", ResourceUnit::Bytes, 20);
    storage.metered = true;
    storage.parentLimit = 500 * kGB;
    storage.parentLimitFromId = m_acme;
    storage.parentLimitFromSlug = QStringLiteral("acme");
    storage.used = 100 * kGB;
    Quota items = quota(m_child, "items", "Memory items", ResourceUnit::Count, 10);
    items.metered = true;
    items.hardLimit = 1000;
    items.version = 3;
    items.parentLimit = 5000;
    items.parentLimitFromId = m_acme;
    items.parentLimitFromSlug = QStringLiteral("acme");
    items.used = 850;
    Quota concurrent = quota(m_child, "concurrent_queries", "Concurrent queries", ResourceUnit::Count, 40);
    concurrent.hardLimit = 10;
    concurrent.version = 1;
    concurrent.descendantMax = 8;
    concurrent.descendantMaxSlug = QStringLiteral("kid");
    concurrent.softThresholds = {};
    m_store->rows.insert(m_child, {storage, items, concurrent});

    Quota other = quota(m_acme, "items", "Memory items", ResourceUnit::Count, 10);
    other.hardLimit = 5000;
    other.version = 7;
    m_store->rows.insert(m_acme, {other});

    m_model = std::make_unique<Model>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstQuotaTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstQuotaTableModel::load()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->setTenant(m_child);
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->rowCount(), 0); // results always arrive through the event loop
    QVERIFY(loaded.wait());
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_model->rowCount(), 3);
}

void TstQuotaTableModel::rowsAndRoles()
{
    load();
    QCOMPARE(m_model->columnCount(), int(Model::ColumnCount));
    QCOMPARE(m_model->index(0, 0).data(Model::ResourceKeyRole).toString(), QStringLiteral("items"));
    QCOMPARE(m_model->index(1, 0).data(Model::ResourceKeyRole).toString(), QStringLiteral("storage_bytes"));
    QCOMPARE(m_model->index(2, 0).data(Model::ResourceKeyRole).toString(), QStringLiteral("concurrent_queries"));

    QCOMPARE(text("items", Model::ResourceColumn), QStringLiteral("Memory items"));
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("1K"));
    QCOMPARE(cell("items", Model::LimitColumn).data(Qt::EditRole).toString(), QStringLiteral("1K"));
    QCOMPARE(text("items", Model::InheritedFromColumn), QStringLiteral("own"));
    QCOMPARE(text("items", Model::UsedColumn), QStringLiteral("850"));
    QCOMPARE(text("items", Model::PercentColumn), QStringLiteral("85 %"));
    QCOMPARE(cell("items", Model::PercentColumn).data(Model::FractionRole).toDouble(), 0.85);
    QCOMPARE(text("items", Model::AlertsColumn), QStringLiteral("80, 90, 95"));
    QCOMPARE(cell("items", Model::AlertsColumn).data(Model::ThresholdsRole).value<QList<int>>(), ints({80, 90, 95}));
    QCOMPARE(cell("items", Model::LimitColumn).data(Model::LimitRole).toLongLong(), 1000);
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::InheritsRole).toBool());

    QCOMPARE(text("storage_bytes", Model::LimitColumn), QStringLiteral("inherit (500 GB)"));
    QCOMPARE(cell("storage_bytes", Model::LimitColumn).data(Qt::EditRole).toString(), QStringLiteral("inherit"));
    QCOMPARE(text("storage_bytes", Model::InheritedFromColumn), QStringLiteral("acme"));
    QCOMPARE(cell("storage_bytes", 0).data(Model::InheritedFromRole).toString(), QStringLiteral("acme"));
    QCOMPARE(text("storage_bytes", Model::UsedColumn), QStringLiteral("100 GB"));
    QCOMPARE(text("storage_bytes", Model::PercentColumn), QStringLiteral("20 %"));
    QCOMPARE(cell("storage_bytes", 0).data(Model::LimitRole).toLongLong(), 500 * kGB);
    QCOMPARE(cell("storage_bytes", 0).data(Model::UnitRole).toString(), QStringLiteral("bytes"));

    QCOMPARE(text("concurrent_queries", Model::UsedColumn), QStringLiteral("—"));
    QVERIFY(!cell("concurrent_queries", Model::PercentColumn).data(Model::FractionRole).isValid());
    QCOMPARE(text("concurrent_queries", Model::AlertsColumn), QStringLiteral("none"));
    QCOMPARE(cell("concurrent_queries", 0).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Concurrent queries (concurrent_queries), measured in count"));

    const Quota q = cell("items", 3).data(Model::QuotaRole).value<Quota>();
    QCOMPARE(q.version, 3);
    QVERIFY(!cell("items", 0).data(Model::ConflictRole).isValid());
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(cell("items", Model::LimitColumn).flags() & Qt::ItemIsEditable);
    QVERIFY(cell("items", Model::AlertsColumn).flags() & Qt::ItemIsEditable);
    QVERIFY(!(cell("items", Model::UsedColumn).flags() & Qt::ItemIsEditable));
    QCOMPARE(m_model->roleNames().value(Model::FractionRole), QByteArray("fraction"));
    QCOMPARE(m_model->headerData(Model::InheritedFromColumn, Qt::Horizontal).toString(), QStringLiteral("Inherited from"));
}

void TstQuotaTableModel::stagedEditChangesOneRow()
{
    load();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy staged(m_model.get(), &Model::stagedChanged);
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));

    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), m_model->index(0, 0));
    QCOMPARE(changed.first().at(1).value<QModelIndex>(), m_model->index(0, Model::ColumnCount - 1));
    const QList<int> roles = changed.first().at(2).value<QList<int>>();
    for (int role : {int(Qt::DisplayRole), int(Qt::EditRole), int(Qt::FontRole), int(Qt::BackgroundRole),
                     int(Model::ModifiedRole), int(Model::LimitRole), int(Model::FractionRole), int(Model::ConflictRole)})
        QVERIFY2(roles.contains(role), qPrintable(QString::number(role)));
    QCOMPARE(staged.size(), 1);

    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QCOMPARE(text("items", Model::PercentColumn), QStringLiteral("43 %")); // 850 of the staged 2000
    QVERIFY(cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(cell("items", Model::ResourceColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(!cell("items", Model::AlertsColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(cell("items", Model::LimitColumn).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(cell("items", Model::LimitColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(!cell("storage_bytes", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QCOMPARE(cell("items", 0).data(Model::QuotaRole).value<Quota>().hardLimit, 1000); // not written
    QCOMPARE(m_model->stagedCount(), 1);
    QCOMPARE(m_model->undoStack()->count(), 1);
    QVERIFY(m_store->writes.isEmpty());

    // The same value again is no new step.
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2000")));
    QCOMPARE(m_model->undoStack()->count(), 1);
    QCOMPARE(changed.size(), 1);
}

void TstQuotaTableModel::undoAndRedoRestoreTheStagedValue()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("3K")));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->undoStack()->undo();
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    m_model->undoStack()->undo();
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("1K"));
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QCOMPARE(m_model->stagedCount(), 0);
    QCOMPARE(changed.size(), 2);
    for (const auto &args : std::as_const(changed)) {
        QCOMPARE(args.at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(args.at(1).value<QModelIndex>().row(), 0);
    }

    m_model->undoStack()->redo();
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QCOMPARE(m_model->stagedCount(), 1);
    QCOMPARE(m_model->undoStack()->undoText(), QStringLiteral("Set Memory items to 2K"));
}

void TstQuotaTableModel::editingBackToTheStoredValueUnstages()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("1,000")));
    QCOMPARE(m_model->stagedCount(), 0);
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QCOMPARE(m_model->undoStack()->count(), 2);
    // "inherit" on a row that inherits already stages nothing.
    QVERIFY(m_model->setData(cell("storage_bytes", Model::LimitColumn), QStringLiteral("inherit")));
    QCOMPARE(m_model->undoStack()->count(), 2);
}

void TstQuotaTableModel::thresholdsAreStagedToo()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::AlertsColumn), QStringLiteral("85 70")));
    QCOMPARE(text("items", Model::AlertsColumn), QStringLiteral("70, 85"));
    QVERIFY(cell("items", Model::AlertsColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QVERIFY(!m_model->setData(cell("items", Model::AlertsColumn), QStringLiteral("90, 120")));
    QCOMPARE(m_model->lastRejection()->kind, Model::Rejection::Kind::BadThresholds);

    QSignalSpy applied(m_model.get(), &Model::applied);
    QVERIFY(m_model->apply());
    QVERIFY(applied.wait());
    QCOMPARE(m_store->writes.size(), 1);
    const QuotaChange c = m_store->writes.first().first();
    QCOMPARE(c.softThresholds, std::optional<QList<int>>(ints({70, 85})));
    QCOMPARE(c.hardLimit, std::optional<qint64>(1000)); // the limit as it was
    QCOMPARE(m_store->find(m_child, QStringLiteral("items"))->softThresholds, ints({70, 85}));
}

void TstQuotaTableModel::nonsenseIsRefused_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("reason"); // parse or violation reason
    QTest::addColumn<qint64>("bound");
    QTest::addColumn<QString>("boundSlug");

    using K = Model::Rejection::Kind;
    using P = QuantityParseError::Reason;
    using V = QuotaViolation::Reason;
    QTest::newRow("words") << "items" << "lots" << int(K::Unparsable) << int(P::NotANumber) << 0LL << QString();
    QTest::newRow("negative") << "items" << "-5" << int(K::Unparsable) << int(P::Negative) << 0LL << QString();
    QTest::newRow("empty") << "items" << " " << int(K::Unparsable) << int(P::Empty) << 0LL << QString();
    QTest::newRow("bytes for a count") << "items" << "5 GB" << int(K::Unparsable) << int(P::UnknownSuffix) << 0LL << QString();
    QTest::newRow("above the parent") << "items" << "6K" << int(K::Violation) << int(V::AboveParent) << 5000LL << "acme";
    QTest::newRow("unlimited under a limit") << "storage_bytes" << "unlimited" << int(K::Violation)
                                             << int(V::UnlimitedUnderLimit) << 500 * kGB << "acme";
    QTest::newRow("below a sub-tenant") << "concurrent_queries" << "3" << int(K::Violation)
                                        << int(V::BelowDescendant) << 8LL << "kid";
}

void TstQuotaTableModel::nonsenseIsRefused()
{
    QFETCH(QString, resource);
    QFETCH(QString, input);
    QFETCH(int, kind);
    QFETCH(int, reason);
    QFETCH(qint64, bound);
    QFETCH(QString, boundSlug);
    load();
    const int row = m_model->rowOf(resource);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy rejected(m_model.get(), &Model::editRejected);

    const auto checked = m_model->checkLimitText(row, input);
    QVERIFY(checked);
    QVERIFY(!m_model->setData(m_model->index(row, Model::LimitColumn), input));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().at(0).toInt(), row);
    const auto rejection = rejected.first().at(1).value<Model::Rejection>();
    QCOMPARE(int(rejection.kind), kind);
    QCOMPARE(rejection.resource, resource);
    QCOMPARE(int(m_model->lastRejection()->kind), kind);
    if (rejection.kind == Model::Rejection::Kind::Unparsable) {
        QCOMPARE(int(rejection.parseError.reason), reason);
    } else {
        QCOMPARE(int(rejection.violation.reason), reason);
        QCOMPARE(rejection.violation.bound, bound);
        QCOMPARE(rejection.violation.boundSlug, boundSlug);
    }
    QCOMPARE(int(checked->kind), kind);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_model->undoStack()->count(), 0);
    QCOMPARE(m_model->stagedCount(), 0);

    // A good value afterwards clears the last rejection.
    QVERIFY(m_model->setData(m_model->index(row, Model::LimitColumn), QStringLiteral("inherit")));
    QVERIFY(!m_model->lastRejection());
}

void TstQuotaTableModel::tierPresetIsOneStep()
{
    load();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const Model::TierOutcome outcome = m_model->applyTier(Tier::Starter);
    // Starter: items 100K (above acme's 5K: lowered to it), storage 10 GB, concurrent 5 (below
    // the sub-tenant kid's 8: left alone).
    QCOMPARE(outcome.staged, 2);
    QCOMPARE(outcome.capped, 1);
    QCOMPARE(outcome.skipped, QStringList{QStringLiteral("concurrent_queries")});
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("5K"));
    QCOMPARE(text("storage_bytes", Model::LimitColumn), QStringLiteral("10 GB"));
    QCOMPARE(text("storage_bytes", Model::InheritedFromColumn), QStringLiteral("own"));
    QCOMPARE(text("concurrent_queries", Model::LimitColumn), QStringLiteral("10"));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(m_model->undoStack()->count(), 1);
    QCOMPARE(m_model->stagedCount(), 2);

    m_model->undoStack()->undo();
    QCOMPARE(m_model->stagedCount(), 0);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("1K"));
    QCOMPARE(text("storage_bytes", Model::LimitColumn), QStringLiteral("inherit (500 GB)"));

    // Enterprise: unlimited concurrent queries where nothing above limits them.
    const Model::TierOutcome enterprise = m_model->applyTier(Tier::Enterprise);
    QCOMPARE(enterprise.skipped, QStringList());
    QCOMPARE(text("concurrent_queries", Model::LimitColumn), QStringLiteral("unlimited"));
    QCOMPARE(text("storage_bytes", Model::LimitColumn), QStringLiteral("500 GB"));
}

void TstQuotaTableModel::resetToInheritedStagesInherit()
{
    load();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->resetToInherited(m_model->rowOf(QStringLiteral("items"))));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("inherit (5K)"));
    QCOMPARE(text("items", Model::InheritedFromColumn), QStringLiteral("acme"));
    QCOMPARE(text("items", Model::PercentColumn), QStringLiteral("17 %"));
    QCOMPARE(cell("items", Model::LimitColumn).data(Qt::EditRole).toString(), QStringLiteral("inherit"));
    QCOMPARE(m_model->undoStack()->undoText(), QStringLiteral("Reset Memory items to inherited"));
    // Already inheriting: nothing to stage.
    QVERIFY(m_model->resetToInherited(m_model->rowOf(QStringLiteral("storage_bytes"))));
    QCOMPARE(m_model->undoStack()->count(), 1);
}

void TstQuotaTableModel::revertDropsEverything()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QVERIFY(m_model->setData(cell("storage_bytes", Model::LimitColumn), QStringLiteral("400 GB")));
    QCOMPARE(m_model->stagedCount(), 2);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->revert();
    QCOMPARE(m_model->stagedCount(), 0);
    QCOMPARE(m_model->undoStack()->count(), 0);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("1K"));
    QVERIFY(m_store->writes.isEmpty());
}

void TstQuotaTableModel::applyWritesEverythingOnce()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QVERIFY(m_model->setData(cell("storage_bytes", Model::LimitColumn), QStringLiteral("200 GB")));
    QSignalSpy applying(m_model.get(), &Model::applyingChanged);
    QSignalSpy applied(m_model.get(), &Model::applied);
    QVERIFY(m_model->apply());
    QVERIFY(m_model->isApplying());
    QVERIFY(!m_model->apply()); // one write at a time
    QVERIFY(!m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("3K")));
    QCOMPARE(m_model->lastRejection()->kind, Model::Rejection::Kind::Busy);
    QVERIFY(applied.wait());
    QCOMPARE(applying.size(), 2);
    QVERIFY(!m_model->isApplying());

    QCOMPARE(m_store->writes.size(), 1);
    const QList<QuotaChange> changes = m_store->writes.first();
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).tenantId, m_child);
    QCOMPARE(changes.at(0).resource, QStringLiteral("items"));
    QCOMPARE(changes.at(0).hardLimit, std::optional<qint64>(2000));
    QCOMPARE(changes.at(0).expectedVersion, std::optional<qint64>(3));
    QVERIFY(!changes.at(0).softThresholds);
    QCOMPARE(changes.at(1).resource, QStringLiteral("storage_bytes"));
    QCOMPARE(changes.at(1).hardLimit, std::optional<qint64>(200 * kGB));
    QCOMPARE(changes.at(1).expectedVersion, std::optional<qint64>(0)); // no row yet

    QCOMPARE(applied.first().first().value<QuotaWriteReport>().written, 2);
    QCOMPARE(m_model->stagedCount(), 0);
    QCOMPARE(m_model->undoStack()->count(), 0);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QVERIFY(!cell("items", Model::LimitColumn).data(Model::ModifiedRole).toBool());
    QCOMPARE(cell("items", 0).data(Model::QuotaRole).value<Quota>().version, 4);
    QCOMPARE(cell("storage_bytes", 0).data(Model::QuotaRole).value<Quota>().version, 1);
    QVERIFY(!m_model->apply()); // nothing left to write
}

void TstQuotaTableModel::applyConflictIsResolved_data()
{
    QTest::addColumn<QString>("choice");
    QTest::newRow("keep theirs") << "theirs";
    QTest::newRow("take mine") << "mine";
    QTest::newRow("re-edit") << "reedit";
}

void TstQuotaTableModel::applyConflictIsResolved()
{
    QFETCH(QString, choice);
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QVERIFY(m_model->setData(cell("storage_bytes", Model::LimitColumn), QStringLiteral("200 GB")));
    // Another operator changes items meanwhile; this console hasn't heard yet.
    Quota *theirs = m_store->find(m_child, QStringLiteral("items"));
    theirs->hardLimit = 1500;
    theirs->version = 4;

    QSignalSpy conflicts(m_model.get(), &Model::conflictsDetected);
    QSignalSpy applied(m_model.get(), &Model::applied);
    QVERIFY(m_model->apply());
    QVERIFY(conflicts.wait());
    QVERIFY(m_store->writes.isEmpty()); // nothing was written, not even storage
    const auto reported = conflicts.first().first().value<QList<QuotaConflict>>();
    QCOMPARE(reported.size(), 1);
    QCOMPARE(reported.first().theirs.hardLimit, std::optional<qint64>(1500));
    QCOMPARE(reported.first().mine.hardLimit, std::optional<qint64>(2000));
    QCOMPARE(m_model->stagedCount(), 2);
    QCOMPARE(m_model->conflictCount(), 1);
    QCOMPARE(m_model->conflicts().first().theirs.version, 4);
    QCOMPARE(cell("items", 0).data(Model::ConflictRole).value<Quota>().hardLimit, std::optional<qint64>(1500));
    QVERIFY(!cell("storage_bytes", 0).data(Model::ConflictRole).isValid());
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K")); // still mine
    QVERIFY(cell("items", Model::LimitColumn).data(Qt::ToolTipRole).toString().contains(QLatin1String("1.5K")));

    const QStringList resources{QStringLiteral("items")};
    QSignalSpy editRequested(m_model.get(), &Model::editRequested);
    if (choice == QLatin1String("theirs")) {
        m_model->keepTheirs(resources);
        QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("1.5K"));
        QCOMPARE(m_model->stagedCount(), 1);
    } else {
        if (choice == QLatin1String("mine"))
            m_model->takeMine(resources);
        else
            m_model->reEdit(resources);
        QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
        QCOMPARE(m_model->stagedCount(), 2);
    }
    QCOMPARE(editRequested.size(), choice == QLatin1String("reedit") ? 1 : 0);
    if (!editRequested.isEmpty())
        QCOMPARE(editRequested.first().first().value<QModelIndex>(), cell("items", Model::LimitColumn));
    QCOMPARE(m_model->conflictCount(), 0);
    QVERIFY(!cell("items", 0).data(Model::ConflictRole).isValid());

    // The choice is a step of its own: undo brings the conflict back.
    m_model->undoStack()->undo();
    QCOMPARE(m_model->conflictCount(), 1);
    m_model->undoStack()->redo();
    QCOMPARE(m_model->conflictCount(), 0);

    QVERIFY(m_model->apply());
    QVERIFY(applied.wait());
    QCOMPARE(m_store->writes.size(), 1);
    const QList<QuotaChange> written = m_store->writes.first();
    if (choice == QLatin1String("theirs")) {
        QCOMPARE(written.size(), 1);
        QCOMPARE(written.first().resource, QStringLiteral("storage_bytes"));
        QCOMPARE(m_store->find(m_child, QStringLiteral("items"))->hardLimit, std::optional<qint64>(1500));
    } else {
        QCOMPARE(written.size(), 2);
        QCOMPARE(written.first().expectedVersion, std::optional<qint64>(4)); // against theirs, on purpose
        QCOMPARE(m_store->find(m_child, QStringLiteral("items"))->hardLimit, std::optional<qint64>(2000));
    }
    QCOMPARE(m_model->stagedCount(), 0);
}

void TstQuotaTableModel::databaseRefusalKeepsTheEdits()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    m_store->refuseNextWrite = Error::validation(QStringLiteral("The limit of items on child exceeds its parent's limit."));
    QSignalSpy failed(m_model.get(), &Model::applyFailed);
    QVERIFY(m_model->apply());
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().value<Error>().kind, ErrorKind::Validation);
    QCOMPARE(m_model->stagedCount(), 1);
    QCOMPARE(m_model->undoStack()->count(), 1);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QVERIFY(!m_model->isApplying());
}

void TstQuotaTableModel::refreshKeepsStagedEdits()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));

    // acme lowers its storage limit: the child's inherited value follows, its staged edit stays.
    Quota *storage = m_store->find(m_child, QStringLiteral("storage_bytes"));
    storage->parentLimit = 400 * kGB;
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->announce(m_acme);
    QVERIFY(loaded.wait());
    QCOMPARE(text("storage_bytes", Model::LimitColumn), QStringLiteral("inherit (400 GB)"));
    QCOMPARE(text("storage_bytes", Model::PercentColumn), QStringLiteral("25 %"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QCOMPARE(m_model->conflictCount(), 0);

    // Someone changes the staged row itself: flagged at once, with theirs.
    Quota *items = m_store->find(m_child, QStringLiteral("items"));
    items->hardLimit = 1200;
    items->version = 4;
    QSignalSpy staged(m_model.get(), &Model::stagedChanged);
    m_store->announce(m_child);
    QVERIFY(loaded.wait());
    QCOMPARE(m_model->conflictCount(), 1);
    QCOMPARE(staged.size(), 1);
    QCOMPARE(cell("items", 0).data(Model::ConflictRole).value<Quota>().hardLimit, std::optional<qint64>(1200));
    QCOMPARE(text("items", Model::LimitColumn), QStringLiteral("2K"));
    QCOMPARE(m_model->stagedCount(), 1);
}

void TstQuotaTableModel::notificationsAreCoalesced()
{
    load();
    const int reads = m_store->quotaReads;
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    for (int i = 0; i < 5; ++i)
        m_store->announce(QUuid::createUuid(), i % 2 ? QStringLiteral("tenants") : QStringLiteral("quotas"));
    m_store->announce(m_child, QStringLiteral("usage_samples")); // not what the editor shows
    QVERIFY(loaded.wait());
    QCOMPARE(m_store->quotaReads, reads + 1);
    QTest::qWait(400);
    QCOMPARE(m_store->quotaReads, reads + 1);
}

void TstQuotaTableModel::staleTenantResultsAreDropped()
{
    m_store->holdReads = true;
    m_model->setTenant(m_child);
    m_model->setTenant(m_acme);
    QCOMPARE(m_store->heldReads.size(), 2);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->releaseRead(0); // the child's, late
    QTest::qWait(50);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->isLoading());
    m_store->releaseRead(1);
    QVERIFY(loaded.wait());
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->quotaAt(0).tenantId, m_acme);
    QCOMPARE(m_model->tenant(), m_acme);
}

void TstQuotaTableModel::anotherTenantLoadsAfterAnApplyInFlight()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    QSignalSpy applied(m_model.get(), &Model::applied);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QVERIFY(m_model->apply());
    m_model->setTenant(m_acme); // the write still lands, its result is not for these rows
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->quotaAt(0).tenantId, m_acme);
    QCOMPARE(applied.size(), 0);
    QCOMPARE(m_store->find(m_child, QStringLiteral("items"))->hardLimit, std::optional<qint64>(2000));
    QVERIFY(!m_model->isApplying());
    QVERIFY(!m_model->isLoading());
}

void TstQuotaTableModel::readOnlyRefusesEverything()
{
    load();
    QVERIFY(m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("2K")));
    m_model->setReadOnly(true);
    QCOMPARE(m_model->stagedCount(), 0); // an auditor has nothing to apply
    QVERIFY(!(cell("items", Model::LimitColumn).flags() & Qt::ItemIsEditable));
    QVERIFY(!m_model->setData(cell("items", Model::LimitColumn), QStringLiteral("3K")));
    QCOMPARE(m_model->lastRejection()->kind, Model::Rejection::Kind::ReadOnly);
    QCOMPARE(m_model->applyTier(Tier::Professional).staged, 0);
    QVERIFY(!m_model->resetToInherited(0));
    QVERIFY(!m_model->apply());
    QCOMPARE(m_model->undoStack()->count(), 0);
}

QTEST_MAIN(TstQuotaTableModel)
#include "tst_quotatablemodel.moc"
