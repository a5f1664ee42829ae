// TenantTreeModel's own logic (paging, change notifications, filtering) over an in-memory
// store. The same model against PostgreSQL is tests/integration/tst_tenanttreemodel_pg.

#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QDataStream>
#include <QFont>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace tc;

namespace {

// Answers from a list of tenants, asynchronously like a real store (ready futures still
// deliver through the event loop).
class FakeStore : public tc::test::UnsupportedStore
{
public:
    QList<Tenant> all;
    QStringList childrenCalls; // "<parent slug>/<after>" per request
    QList<bool> childrenIncludeDeleted; // per request
    QList<bool> searchIncludeDeleted;   // per request

    Tenant &add(const QString &slug, const QUuid &parent = {})
    {
        Tenant t;
        t.id = QUuid::createUuid();
        t.parentId = parent;
        t.slug = slug;
        t.displayName = slug.toUpper();
        all.append(t);
        recount();
        return all.last();
    }
    Tenant *find(const QString &slug)
    {
        for (Tenant &t : all) {
            if (t.slug == slug)
                return &t;
        }
        return nullptr;
    }
    void recount()
    {
        for (Tenant &t : all) {
            t.childCount = int(std::count_if(all.begin(), all.end(), [&](const Tenant &c) { return c.parentId == t.id; }));
            t.deletedChildCount = int(std::count_if(all.begin(), all.end(), [&](const Tenant &c) {
                return c.parentId == t.id && c.state == LifecycleState::Deleted;
            }));
        }
    }
    // A transition as the database makes it: the tenant and its subtree (cascade), then one
    // notification per changed row.
    void transition(const QString &slug, LifecycleState to)
    {
        QList<QUuid> changed{find(slug)->id};
        for (qsizetype i = 0; i < changed.size(); ++i) {
            for (const Tenant &t : std::as_const(all)) {
                if (t.parentId == changed.at(i))
                    changed.append(t.id);
            }
        }
        for (Tenant &t : all) {
            if (changed.contains(t.id))
                t.state = to;
        }
        recount();
        for (const QUuid &id : std::as_const(changed)) {
            const Tenant &t = *std::find_if(all.begin(), all.end(), [&](const Tenant &a) { return a.id == id; });
            announce(TenantChange::Operation::Update, t, t.parentId);
        }
    }
    void announce(TenantChange::Operation op, const Tenant &t, const QUuid &oldParent)
    {
        Q_EMIT tenantChanged({op, QStringLiteral("tenants"), t.id, t.parentId, oldParent});
    }

    QFuture<Result<TenantPage>> children(const QUuid &parent, const QString &afterSlug, int limit,
                                         bool includeDeleted) override
    {
        QString parentSlug = QStringLiteral("<root>");
        for (const Tenant &t : std::as_const(all)) {
            if (t.id == parent)
                parentSlug = t.slug;
        }
        childrenCalls << parentSlug + u'/' + afterSlug;
        childrenIncludeDeleted << includeDeleted;
        QList<Tenant> kids;
        for (const Tenant &t : std::as_const(all)) {
            if (t.parentId == parent && (includeDeleted || t.state != LifecycleState::Deleted))
                kids.append(t);
        }
        std::sort(kids.begin(), kids.end(), [](const Tenant &a, const Tenant &b) { return a.slug < b.slug; });
        TenantPage page{parent, {}, int(kids.size()), false};
        for (const Tenant &t : std::as_const(kids)) {
            if (t.slug <= afterSlug && !afterSlug.isEmpty())
                continue;
            if (page.tenants.size() == limit) {
                page.hasMore = true;
                break;
            }
            page.tenants.append(t);
        }
        return QtFuture::makeReadyFuture(Result<TenantPage>(page));
    }
    QFuture<Result<Tenant>> tenant(const QUuid &id) override
    {
        for (const Tenant &t : std::as_const(all)) {
            if (t.id == id)
                return QtFuture::makeReadyFuture(Result<Tenant>(t));
        }
        return QtFuture::makeReadyFuture(Result<Tenant>(Error{ErrorKind::NotFound, QStringLiteral("gone")}));
    }
    QFuture<Result<QList<Tenant>>> tenants(const QList<QUuid> &ids) override
    {
        QList<Tenant> out;
        for (const Tenant &t : std::as_const(all)) {
            if (ids.contains(t.id))
                out.append(t);
        }
        return QtFuture::makeReadyFuture(Result<QList<Tenant>>(out));
    }
    QFuture<Result<SearchResult>> search(const QString &text, int, bool includeDeleted) override
    {
        searchIncludeDeleted << includeDeleted;
        SearchResult r{text, {}, false};
        for (const Tenant &t : std::as_const(all)) {
            if (!t.slug.contains(text) || (!includeDeleted && t.state == LifecycleState::Deleted))
                continue;
            TenantMatch m{t, {}};
            for (QUuid p = t.parentId; !p.isNull();) {
                auto it = std::find_if(all.begin(), all.end(), [&](const Tenant &a) { return a.id == p; });
                m.ancestors.prepend(*it);
                p = it->parentId;
            }
            r.matches.append(m);
        }
        return QtFuture::makeReadyFuture(Result<SearchResult>(r));
    }
    QFuture<Result<qint64>> tenantCount() override { return QtFuture::makeReadyFuture(Result<qint64>(qint64(all.size()))); }
};

QStringList words(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(u' ');
}

QStringList slugsUnder(const TenantTreeModel &model, const QModelIndex &parent)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out << model.index(row, 0, parent).data(TenantTreeModel::SlugRole).toString();
    return out;
}

QModelIndex find(const TenantTreeModel &model, const QString &slug, const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex idx = model.index(row, 0, parent);
        if (idx.data(TenantTreeModel::SlugRole).toString() == slug)
            return idx;
        const QModelIndex deeper = find(model, slug, idx);
        if (deeper.isValid())
            return deeper;
    }
    return {};
}

} // namespace

class TstTenantTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loadsTopLevelAndEveryPageOnce();
    void childrenArriveInContiguousPages();
    void dataRolesAndColumns();
    void updateRefreshesTheRow();
    void quotaChangeRefreshesLoadedSubTenants();
    void insertLandsInSortedPosition();
    void insertUnderCollapsedParentOnlyCounts();
    void deleteRemovesTheSubtree();
    void moveLeavesOldParent();
    void filterShowsMatchesWithAncestors();
    void clearingFilterRestoresLazyTree();
    void staleSearchResultsAreDropped();
    void rowThatMovedMeanwhileIsReparented();
    void renameMovesTheRowToItsPlace();
    void renamePastTheLoadedPageWaitsForPaging();
    void dragCarriesIdsAndParents();
    void dropAsksForAMoveWithoutChangingTheModel();
    void dropOnEmptyAreaMeansTopLevel();
    void dropOntoOwnSubtreeIsRefused();
    void readOnlyModelRefusesDragAndDrop();
    void showDeleted_data();
    void showDeleted();
    void rowThatBecomesDeletedLeavesTheTree();
    void restoredRowComesBack();
    void restoredOnlyChildReappearsUnderExpandedParent();
    void restoredChildMakesCollapsedParentExpandable();
    void deletedRowStaysWhileShown();
    void searchHonoursShowDeleted();
    void alertRoles_data();
    void alertRoles();
    void alertArrivesWithAChangeNotification();
    // Without the tester: it calls fetchMore() on every node it walks, which is exactly the
    // eagerness these two tests must be able to see the absence of.
    void nothingLoadsUntilAsked();
    void insertBeyondLoadedPageWaitsForPaging();

private:
    void settle();
    void loadAll(const QModelIndex &parent);
    // delta (top level), charlie-y (beside charlie-x) and echo-1 (echo's only child) deleted,
    // foxtrot a purged tombstone. In the store only: the model still shows what it read.
    void addDeletedTenants();

    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<TenantTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstTenantTreeModel::init()
{
    m_store = std::make_unique<FakeStore>();
    for (const char *slug : {"alpha", "bravo", "charlie", "delta", "echo"})
        m_store->add(QString::fromLatin1(slug));
    const QUuid bravo = m_store->find(QStringLiteral("bravo"))->id;
    for (int i = 0; i < 450; ++i)
        m_store->add(QStringLiteral("c%1").arg(i, 3, 10, QLatin1Char('0')), bravo);
    const QUuid x = m_store->add(QStringLiteral("charlie-x"), m_store->find(QStringLiteral("charlie"))->id).id;
    m_store->add(QStringLiteral("charlie-x-1"), x);
    m_store->find(QStringLiteral("alpha"))->items = {50, 200};

    m_model = std::make_unique<TenantTreeModel>(m_store.get());
    m_model->setPageSize(200);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstTenantTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

// Until no read is pending (results always arrive through the event loop).
void TstTenantTreeModel::settle()
{
    QTRY_VERIFY(!m_model->isLoading());
}

void TstTenantTreeModel::addDeletedTenants()
{
    m_store->find(QStringLiteral("delta"))->state = LifecycleState::Deleted;
    m_store->add(QStringLiteral("charlie-y"), m_store->find(QStringLiteral("charlie"))->id).state = LifecycleState::Deleted;
    m_store->add(QStringLiteral("echo-1"), m_store->find(QStringLiteral("echo"))->id).state = LifecycleState::Deleted;
    Tenant &foxtrot = m_store->add(QStringLiteral("foxtrot"));
    foxtrot.state = LifecycleState::Deleted;
    foxtrot.purgeAfter = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
    foxtrot.purgedAt = QDateTime(QDate(2024, 3, 2), QTime(1, 30), Qt::UTC);
    m_store->recount();
}

void TstTenantTreeModel::loadAll(const QModelIndex &parent)
{
    settle();
    while (m_model->canFetchMore(parent)) {
        m_model->fetchMore(parent);
        settle();
    }
}

void TstTenantTreeModel::loadsTopLevelAndEveryPageOnce()
{
    m_model->reload();
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
    QVERIFY(!m_model->canFetchMore({}));
    QVERIFY(m_model->hasChildren(m_model->index(1, 0)));
    QVERIFY(!m_model->hasChildren(m_model->index(0, 0)));
    QVERIFY(!m_model->hasChildren(m_model->index(1, 1))); // only column 0 has children
    // Whoever asked (the tester walks every node), no page was read twice: the top level once
    // for the tree init() made and once after reload(), every other page once.
    QCOMPARE(m_store->childrenCalls.count(QStringLiteral("<root>/")), 2);
    QStringList others = m_store->childrenCalls;
    others.removeAll(QStringLiteral("<root>/"));
    QCOMPARE(QSet<QString>(others.begin(), others.end()).size(), others.size());
    QVERIFY(others.contains(QStringLiteral("bravo/")));
}

void TstTenantTreeModel::childrenArriveInContiguousPages()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    settle();
    const QModelIndex bravo = m_model->index(1, 0);
    loadAll(bravo);
    QCOMPARE(m_model->rowCount(bravo), 450);
    QList<int> firsts, lasts;
    for (const QList<QVariant> &args : std::as_const(inserted)) {
        if (args.at(0).value<QModelIndex>() == bravo) {
            firsts << args.at(1).toInt();
            lasts << args.at(2).toInt();
        }
    }
    QCOMPARE(firsts, QList<int>({0, 200, 400}));
    QCOMPARE(lasts, QList<int>({199, 399, 449}));
    const QStringList slugs = slugsUnder(*m_model, bravo);
    QCOMPARE(slugs.first(), QStringLiteral("c000"));
    QCOMPARE(slugs.at(200), QStringLiteral("c200"));
    QCOMPARE(slugs.last(), QStringLiteral("c449"));
    QCOMPARE(QSet<QString>(slugs.begin(), slugs.end()).size(), 450);
    QVERIFY(!m_model->canFetchMore(bravo));
    QCOMPARE(m_model->parent(m_model->index(449, 3, bravo)), bravo);
}

void TstTenantTreeModel::dataRolesAndColumns()
{
    settle();
    const QModelIndex alpha = m_model->index(0, 0);
    QCOMPARE(alpha.data().toString(), QStringLiteral("ALPHA"));
    QCOMPARE(alpha.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("alpha"));
    QCOMPARE(alpha.siblingAtColumn(TenantTreeModel::TierColumn).data().toString(), QStringLiteral("Starter"));
    QCOMPARE(alpha.siblingAtColumn(TenantTreeModel::StateColumn).data().toString(), QStringLiteral("Active"));
    const QModelIndex items = alpha.siblingAtColumn(TenantTreeModel::ItemsColumn);
    QCOMPARE(items.data().toString(), QStringLiteral("50 / 200"));
    QCOMPARE(items.data(TenantTreeModel::UsedRole).toLongLong(), 50);
    QCOMPARE(items.data(TenantTreeModel::LimitRole).toLongLong(), 200);
    QCOMPARE(items.data(TenantTreeModel::UsageFractionRole).toDouble(), 0.25);
    QVERIFY(!alpha.siblingAtColumn(TenantTreeModel::StorageColumn).data(TenantTreeModel::LimitRole).isValid());
    QCOMPARE(m_model->index(1, 0).data(TenantTreeModel::ChildCountRole).toInt(), 450);
    QCOMPARE(m_model->headerData(TenantTreeModel::ItemsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Items (used / limit)"));
    QCOMPARE(m_model->roleNames().value(TenantTreeModel::SlugRole), QByteArray("slug"));
    QCOMPARE(m_model->indexOf(m_store->find(QStringLiteral("echo"))->id), m_model->index(4, 0));
}

void TstTenantTreeModel::updateRefreshesTheRow()
{
    settle();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    Tenant *delta = m_store->find(QStringLiteral("delta"));
    delta->displayName = QStringLiteral("Delta Renamed");
    delta->state = LifecycleState::Suspended;
    // A burst of notifications for one row becomes one read and one dataChanged.
    for (int i = 0; i < 50; ++i)
        m_store->announce(TenantChange::Operation::Update, *delta, delta->parentId);
    settle();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), m_model->index(3, 0));
    QCOMPARE(changed.first().at(1).value<QModelIndex>(), m_model->index(3, TenantTreeModel::ColumnCount - 1));
    QCOMPARE(m_model->index(3, 0).data().toString(), QStringLiteral("Delta Renamed"));
    QCOMPARE(m_model->index(3, 0).data(TenantTreeModel::StateRole).toString(), QStringLiteral("suspended"));
    // Rows under a parent the tree hasn't loaded cost nothing.
    Tenant stranger;
    stranger.id = QUuid::createUuid();
    stranger.parentId = QUuid::createUuid();
    m_store->announce(TenantChange::Operation::Update, stranger, stranger.parentId);
    QVERIFY(!m_model->isLoading());
}

// Sub-tenants that inherit show the parent's limit: a quota change of the parent refreshes the
// loaded rows below it too, and nothing outside.
void TstTenantTreeModel::quotaChangeRefreshesLoadedSubTenants()
{
    settle();
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"), charlie);
    loadAll(x);
    m_store->find(QStringLiteral("charlie"))->items = {1, 500};
    m_store->find(QStringLiteral("charlie-x"))->items = {2, 500};
    m_store->find(QStringLiteral("charlie-x-1"))->items = {3, 500};
    m_store->find(QStringLiteral("delta"))->items = {4, 500}; // not below charlie: stays as read
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    Q_EMIT m_store->tenantChanged({TenantChange::Operation::Update, QStringLiteral("quotas"),
                                   m_store->find(QStringLiteral("charlie"))->id, {}, {}});
    settle();
    QCOMPARE(changed.count(), 3);
    const QModelIndex leaf = find(*m_model, QStringLiteral("charlie-x-1"), x);
    QCOMPARE(leaf.siblingAtColumn(TenantTreeModel::ItemsColumn).data(TenantTreeModel::LimitRole).toLongLong(), 500);
    QCOMPARE(x.siblingAtColumn(TenantTreeModel::ItemsColumn).data(TenantTreeModel::UsedRole).toLongLong(), 2);
    QVERIFY(!find(*m_model, QStringLiteral("delta")).siblingAtColumn(TenantTreeModel::ItemsColumn)
                 .data(TenantTreeModel::LimitRole).isValid());
}

void TstTenantTreeModel::insertLandsInSortedPosition()
{
    settle();
    const QModelIndex bravo = m_model->index(1, 0);
    loadAll(bravo);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const Tenant fresh = m_store->add(QStringLiteral("c100a"), m_store->find(QStringLiteral("bravo"))->id);
    m_store->announce(TenantChange::Operation::Insert, fresh, {});
    settle();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(0).value<QModelIndex>(), bravo);
    QCOMPARE(inserted.first().at(1).toInt(), 101);
    QCOMPARE(m_model->index(101, 0, bravo).data(TenantTreeModel::SlugRole).toString(), QStringLiteral("c100a"));
    QCOMPARE(m_model->index(102, 0, bravo).data(TenantTreeModel::SlugRole).toString(), QStringLiteral("c101"));
    QCOMPARE(m_model->rowCount(bravo), 451);
    QCOMPARE(bravo.data(TenantTreeModel::ChildCountRole).toInt(), 451);
}

void TstTenantTreeModel::insertUnderCollapsedParentOnlyCounts()
{
    settle();
    const QModelIndex echo = m_model->index(4, 0);
    QVERIFY(!m_model->hasChildren(echo));
    const Tenant fresh = m_store->add(QStringLiteral("echo-1"), m_store->find(QStringLiteral("echo"))->id);
    m_store->announce(TenantChange::Operation::Insert, fresh, {});
    QCOMPARE(echo.data(TenantTreeModel::ChildCountRole).toInt(), 1);
    QVERIFY(m_model->hasChildren(echo));
    loadAll(echo);
    QCOMPARE(slugsUnder(*m_model, echo), QStringList{QStringLiteral("echo-1")});
}

void TstTenantTreeModel::deleteRemovesTheSubtree()
{
    settle();
    const QModelIndex charlie = m_model->index(2, 0);
    loadAll(charlie);
    loadAll(m_model->index(0, 0, charlie));
    QVERIFY(find(*m_model, QStringLiteral("charlie-x-1")).isValid());
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    const Tenant gone = *m_store->find(QStringLiteral("charlie"));
    m_store->announce(TenantChange::Operation::Delete, gone, {});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 2);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo delta echo"));
    QVERIFY(!m_model->indexOf(m_store->find(QStringLiteral("charlie-x-1"))->id).isValid());
}

void TstTenantTreeModel::moveLeavesOldParent()
{
    settle();
    Tenant *delta = m_store->find(QStringLiteral("delta"));
    delta->parentId = m_store->find(QStringLiteral("alpha"))->id;
    m_store->recount();
    m_store->announce(TenantChange::Operation::Update, *delta, QUuid());
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie echo"));
    const QModelIndex alpha = m_model->index(0, 0);
    QCOMPARE(alpha.data(TenantTreeModel::ChildCountRole).toInt(), 1);
    loadAll(alpha);
    QCOMPARE(slugsUnder(*m_model, alpha), QStringList{QStringLiteral("delta")});
}

void TstTenantTreeModel::filterShowsMatchesWithAncestors()
{
    settle();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy applied(m_model.get(), &TenantTreeModel::filterApplied);
    m_model->setFilter(QStringLiteral("charlie-x-1"));
    QVERIFY(applied.wait());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(applied.first().at(1).toInt(), 1);
    QCOMPARE(slugsUnder(*m_model, {}), QStringList{QStringLiteral("charlie")});
    const QModelIndex charlie = m_model->index(0, 0);
    const QModelIndex x = m_model->index(0, 0, charlie);
    QCOMPARE(x.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("charlie-x"));
    const QModelIndex match = m_model->index(0, 0, x);
    QCOMPARE(match.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("charlie-x-1"));
    QVERIFY(match.data(TenantTreeModel::MatchRole).toBool());
    QVERIFY(!x.data(TenantTreeModel::MatchRole).toBool());
    QVERIFY(!m_model->canFetchMore(charlie)); // the way to the match, not all children
    QCOMPARE(m_model->filterAncestors(), QModelIndexList({charlie, x}));

    // Several matches under one parent come sorted.
    m_model->setFilter(QStringLiteral("c44"));
    QVERIFY(applied.wait());
    QCOMPARE(slugsUnder(*m_model, m_model->index(0, 0)), words("c440 c441 c442 c443 c444 c445 c446 c447 c448 c449"));
}

void TstTenantTreeModel::clearingFilterRestoresLazyTree()
{
    settle();
    QSignalSpy applied(m_model.get(), &TenantTreeModel::filterApplied);
    m_model->setFilter(QStringLiteral("c12"));
    QVERIFY(applied.wait());
    QVERIFY(m_model->isFiltered());
    m_model->setFilter(QString());
    QVERIFY(!m_model->isFiltered());
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
}

void TstTenantTreeModel::staleSearchResultsAreDropped()
{
    settle();
    // Cleared before the result arrived: the full tree stays.
    m_model->setFilter(QStringLiteral("c12"));
    m_model->setFilter(QString());
    settle();
    QVERIFY(!m_model->isFiltered());
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
    // "c1" -> "c12" -> "c1" typed quickly: the tree shows "c1".
    QSignalSpy applied(m_model.get(), &TenantTreeModel::filterApplied);
    m_model->setFilter(QStringLiteral("c1"));
    m_model->setFilter(QStringLiteral("c12"));
    m_model->setFilter(QStringLiteral("c1"));
    settle();
    QCOMPARE(applied.count(), 1);
    QCOMPARE(m_model->filter(), QStringLiteral("c1"));
    QCOMPARE(applied.first().at(1).toInt(), 100); // c100..c199
}

void TstTenantTreeModel::rowThatMovedMeanwhileIsReparented()
{
    settle();
    // The store already has delta under alpha, but the notification that reached the model
    // still describes a plain update at the top level.
    Tenant *delta = m_store->find(QStringLiteral("delta"));
    delta->parentId = m_store->find(QStringLiteral("alpha"))->id;
    m_store->recount();
    Q_EMIT m_store->tenantChanged({TenantChange::Operation::Update, QStringLiteral("tenants"), delta->id, QUuid(), QUuid()});
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie echo"));
    const QModelIndex alpha = m_model->index(0, 0);
    QCOMPARE(slugsUnder(*m_model, alpha), QStringList{QStringLiteral("delta")});
    QCOMPARE(alpha.data(TenantTreeModel::ChildCountRole).toInt(), 1);
}

void TstTenantTreeModel::renameMovesTheRowToItsPlace()
{
    settle();
    const QModelIndex bravo = m_model->index(1, 0);
    loadAll(bravo);
    QCOMPARE(m_model->rowCount(bravo), 450);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    Tenant *renamed = m_store->find(QStringLiteral("bravo"));
    renamed->slug = QStringLiteral("dingo");
    m_store->announce(TenantChange::Operation::Update, *renamed, renamed->parentId);
    settle();
    QCOMPARE(moved.count(), 1);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha charlie delta dingo echo"));
    // It moved with its loaded children.
    const QModelIndex dingo = m_model->index(3, 0);
    QCOMPARE(dingo.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("dingo"));
    QCOMPARE(m_model->rowCount(dingo), 450);
    QCOMPARE(m_model->parent(m_model->index(5, 0, dingo)), dingo);
    // Among loaded children too.
    Tenant *child = m_store->find(QStringLiteral("c001"));
    child->slug = QStringLiteral("c448a");
    m_store->announce(TenantChange::Operation::Update, *child, child->parentId);
    settle();
    QCOMPARE(moved.count(), 2);
    const QStringList slugs = slugsUnder(*m_model, dingo);
    QCOMPARE(slugs.size(), 450);
    QCOMPARE(slugs.at(0), QStringLiteral("c000"));
    QCOMPARE(slugs.at(1), QStringLiteral("c002"));
    QCOMPARE(slugs.at(448), QStringLiteral("c448a"));
    QCOMPARE(slugs.at(449), QStringLiteral("c449"));
}

// Without the tester: it loads every page of every node, leaving no page unloaded.
void TstTenantTreeModel::renamePastTheLoadedPageWaitsForPaging()
{
    m_tester.reset();
    m_model->reload();
    settle();
    const QModelIndex bravo = m_model->index(1, 0);
    m_model->fetchMore(bravo);
    settle();
    QCOMPARE(m_model->rowCount(bravo), 200);
    Tenant *child = m_store->find(QStringLiteral("c005"));
    child->slug = QStringLiteral("c300x");
    m_store->announce(TenantChange::Operation::Update, *child, child->parentId);
    settle();
    QCOMPARE(m_model->rowCount(bravo), 199); // not among the loaded rows ...
    loadAll(bravo);                          // ... it arrives with its page, once
    const QStringList slugs = slugsUnder(*m_model, bravo);
    QCOMPARE(slugs.size(), 450);
    QCOMPARE(slugs.count(QStringLiteral("c300x")), 1);
    QCOMPARE(slugs.indexOf(QStringLiteral("c300x")), slugs.indexOf(QStringLiteral("c300")) + 1);
}

namespace {
QList<QPair<QUuid, QUuid>> decodeDrag(const QMimeData *data)
{
    QList<QPair<QUuid, QUuid>> pairs;
    QDataStream in(data->data(TenantTreeModel::mimeType()));
    in.setVersion(QDataStream::Qt_6_4);
    in >> pairs;
    return pairs;
}
} // namespace

void TstTenantTreeModel::dragCarriesIdsAndParents()
{
    settle();
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"));
    const QModelIndex alpha = find(*m_model, QStringLiteral("alpha"));
    QVERIFY(m_model->flags(x) & Qt::ItemIsDragEnabled);
    QVERIFY(m_model->flags(x) & Qt::ItemIsDropEnabled);
    QCOMPARE(m_model->supportedDropActions(), Qt::DropActions(Qt::MoveAction));
    QCOMPARE(m_model->mimeTypes(), QStringList{TenantTreeModel::mimeType()});
    // A view passes every column of a selected row: one entry per tenant.
    std::unique_ptr<QMimeData> data(m_model->mimeData({x, x.siblingAtColumn(TenantTreeModel::TierColumn), alpha}));
    QVERIFY(data);
    QCOMPARE(data->formats(), QStringList{TenantTreeModel::mimeType()});
    const QList<QPair<QUuid, QUuid>> pairs = decodeDrag(data.get());
    QCOMPARE(pairs.size(), 2);
    QCOMPARE(pairs.at(0).first, m_store->find(QStringLiteral("charlie-x"))->id);
    QCOMPARE(pairs.at(0).second, m_store->find(QStringLiteral("charlie"))->id);
    QCOMPARE(pairs.at(1).first, m_store->find(QStringLiteral("alpha"))->id);
    QCOMPARE(pairs.at(1).second, QUuid());
}

void TstTenantTreeModel::dropAsksForAMoveWithoutChangingTheModel()
{
    settle();
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"));
    const QModelIndex alpha = find(*m_model, QStringLiteral("alpha"));
    const QModelIndex delta = find(*m_model, QStringLiteral("delta"));
    std::unique_ptr<QMimeData> data(m_model->mimeData({x, alpha}));
    QSignalSpy requested(m_model.get(), &TenantTreeModel::moveRequested);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    // Onto a row in any column, or between its children: the row is the new parent.
    QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, delta.siblingAtColumn(2)));
    QVERIFY(!m_model->canDropMimeData(data.get(), Qt::CopyAction, -1, -1, delta));
    QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, delta));
    QCOMPARE(requested.count(), 1);
    const QList<QVariant> args = requested.first();
    const QList<QUuid> ids{m_store->find(QStringLiteral("charlie-x"))->id, m_store->find(QStringLiteral("alpha"))->id};
    QCOMPARE(args.at(0).value<QList<QUuid>>(), ids);
    QCOMPARE(args.at(1).value<QList<QUuid>>(), QList<QUuid>({m_store->find(QStringLiteral("charlie"))->id, QUuid()}));
    QCOMPARE(args.at(2).value<QUuid>(), m_store->find(QStringLiteral("delta"))->id);
    settle();
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
    QCOMPARE(slugsUnder(*m_model, charlie), QStringList{QStringLiteral("charlie-x")});
}

void TstTenantTreeModel::dropOnEmptyAreaMeansTopLevel()
{
    settle();
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"));
    std::unique_ptr<QMimeData> sub(m_model->mimeData({x}));
    QSignalSpy requested(m_model.get(), &TenantTreeModel::moveRequested);
    QVERIFY(m_model->canDropMimeData(sub.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(m_model->dropMimeData(sub.get(), Qt::MoveAction, -1, -1, {}));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).value<QList<QUuid>>(), QList<QUuid>{m_store->find(QStringLiteral("charlie-x"))->id});
    QCOMPARE(requested.first().at(2).value<QUuid>(), QUuid());
    // A top-level tenant dropped at the top level (or between its siblings) goes nowhere.
    std::unique_ptr<QMimeData> top(m_model->mimeData({find(*m_model, QStringLiteral("alpha"))}));
    QVERIFY(!m_model->canDropMimeData(top.get(), Qt::MoveAction, -1, -1, {}));
    QVERIFY(!m_model->canDropMimeData(top.get(), Qt::MoveAction, 2, 0, {}));
    QVERIFY(!m_model->dropMimeData(top.get(), Qt::MoveAction, -1, -1, {}));
    QCOMPARE(requested.count(), 1);
}

void TstTenantTreeModel::dropOntoOwnSubtreeIsRefused()
{
    settle();
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"));
    loadAll(x);
    const QModelIndex x1 = find(*m_model, QStringLiteral("charlie-x-1"));
    QVERIFY(x1.isValid());
    std::unique_ptr<QMimeData> data(m_model->mimeData({charlie}));
    QSignalSpy requested(m_model.get(), &TenantTreeModel::moveRequested);
    QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, charlie));
    QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, x));
    QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, x1.siblingAtColumn(3)));
    QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, x1));
    // One of several dragged tenants being an ancestor of the target refuses the whole drop.
    std::unique_ptr<QMimeData> mixed(m_model->mimeData({find(*m_model, QStringLiteral("alpha")), x}));
    QVERIFY(!m_model->canDropMimeData(mixed.get(), Qt::MoveAction, -1, -1, x1));
    QCOMPARE(requested.count(), 0);
    QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, find(*m_model, QStringLiteral("alpha"))));
    // Foreign data is not ours to drop.
    QMimeData text;
    text.setText(QStringLiteral("alpha"));
    QVERIFY(!m_model->canDropMimeData(&text, Qt::MoveAction, -1, -1, charlie));
}

void TstTenantTreeModel::readOnlyModelRefusesDragAndDrop()
{
    settle();
    const QModelIndex alpha = find(*m_model, QStringLiteral("alpha"));
    const QModelIndex bravo = find(*m_model, QStringLiteral("bravo"));
    std::unique_ptr<QMimeData> data(m_model->mimeData({alpha}));
    m_model->setReadOnly(true);
    QVERIFY(!(m_model->flags(alpha) & Qt::ItemIsDragEnabled));
    QVERIFY(!(m_model->flags(alpha) & Qt::ItemIsDropEnabled));
    QVERIFY(!(m_model->flags({}) & Qt::ItemIsDropEnabled));
    QVERIFY(m_model->flags(alpha) & Qt::ItemIsSelectable);
    QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, bravo));
    QSignalSpy requested(m_model.get(), &TenantTreeModel::moveRequested);
    QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, bravo));
    QCOMPARE(requested.count(), 0);
    m_model->setReadOnly(false);
    QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, bravo));
}

void TstTenantTreeModel::nothingLoadsUntilAsked()
{
    m_tester.reset();
    m_model->reload();
    settle();
    m_store->childrenCalls.clear();
    const QModelIndex bravo = m_model->index(1, 0);
    QCOMPARE(m_model->rowCount(bravo), 0);
    QVERIFY(m_model->canFetchMore(bravo));
    m_model->fetchMore(bravo);
    m_model->fetchMore(bravo); // ignored while the first page is on its way
    QVERIFY(!m_model->canFetchMore(bravo));
    settle();
    QCOMPARE(m_store->childrenCalls, QStringList{QStringLiteral("bravo/")});
    QCOMPARE(m_model->rowCount(bravo), 200);
    QVERIFY(m_model->canFetchMore(bravo));
}

void TstTenantTreeModel::insertBeyondLoadedPageWaitsForPaging()
{
    m_tester.reset();
    m_model->reload();
    settle();
    const QModelIndex bravo = m_model->index(1, 0);
    m_model->fetchMore(bravo);
    settle();
    QCOMPARE(m_model->rowCount(bravo), 200);
    const Tenant late = m_store->add(QStringLiteral("c300a"), m_store->find(QStringLiteral("bravo"))->id);
    m_store->announce(TenantChange::Operation::Insert, late, {});
    settle();
    QCOMPARE(m_model->rowCount(bravo), 200); // not placed among the loaded rows ...
    loadAll(bravo);                          // ... it arrives with its page, once
    const QStringList slugs = slugsUnder(*m_model, bravo);
    QCOMPARE(slugs.size(), 451);
    QCOMPARE(slugs.count(QStringLiteral("c300a")), 1);
}

void TstTenantTreeModel::showDeleted_data()
{
    QTest::addColumn<bool>("show");
    QTest::addColumn<QStringList>("topLevel");
    QTest::addColumn<QStringList>("underCharlie");
    QTest::addColumn<int>("echoChildren");
    QTest::newRow("hidden (default)") << false << words("alpha bravo charlie echo") << words("charlie-x") << 0;
    QTest::newRow("shown") << true << words("alpha bravo charlie delta echo foxtrot") << words("charlie-x charlie-y") << 1;
}

void TstTenantTreeModel::showDeleted()
{
    QFETCH(bool, show);
    QFETCH(QStringList, topLevel);
    QFETCH(QStringList, underCharlie);
    QFETCH(int, echoChildren);

    QVERIFY(!m_model->showDeleted());
    settle();
    addDeletedTenants();
    m_store->childrenIncludeDeleted.clear();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy toggled(m_model.get(), &TenantTreeModel::showDeletedChanged);
    m_model->setShowDeleted(show); // false: nothing to do, the tree stays as it was read
    if (!show)
        m_model->reload();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(toggled.count(), show ? 1 : 0);
    QCOMPARE(m_model->showDeleted(), show);
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), topLevel);
    const QModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    QCOMPARE(slugsUnder(*m_model, charlie), underCharlie);
    QCOMPARE(charlie.data(TenantTreeModel::ChildCountRole).toInt(), int(underCharlie.size()));
    const QModelIndex echo = find(*m_model, QStringLiteral("echo"));
    QCOMPARE(echo.data(TenantTreeModel::ChildCountRole).toInt(), echoChildren);
    QCOMPARE(m_model->hasChildren(echo), echoChildren > 0);
    // Every page was asked for as the toggle says.
    QVERIFY(!m_store->childrenIncludeDeleted.isEmpty());
    QCOMPARE(QSet<bool>(m_store->childrenIncludeDeleted.begin(), m_store->childrenIncludeDeleted.end()), QSet<bool>{show});
    if (!show)
        return;
    const QModelIndex delta = find(*m_model, QStringLiteral("delta"));
    QCOMPARE(delta.data(TenantTreeModel::StateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(delta.siblingAtColumn(TenantTreeModel::StateColumn).data().toString(), QStringLiteral("Deleted"));
    QCOMPARE(delta.data(TenantTreeModel::PurgedRole).toBool(), false);
    QCOMPARE(delta.data(Qt::FontRole).value<QFont>().italic(), true);
    const QModelIndex foxtrot = find(*m_model, QStringLiteral("foxtrot"));
    QCOMPARE(foxtrot.data(TenantTreeModel::StateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(foxtrot.data(TenantTreeModel::PurgedRole).toBool(), true);
    QVERIFY(foxtrot.siblingAtColumn(TenantTreeModel::StateColumn).data(Qt::ToolTipRole).toString().startsWith(
        QStringLiteral("Purged on 2024-03-0")));
    QCOMPARE(find(*m_model, QStringLiteral("alpha")).data(TenantTreeModel::PurgedRole).toBool(), false);
    QVERIFY(!find(*m_model, QStringLiteral("alpha")).data(Qt::FontRole).isValid());
    QCOMPARE(m_model->roleNames().value(TenantTreeModel::PurgedRole), QByteArray("purged"));

    // And back: hidden again, after one more reset.
    m_model->setShowDeleted(false);
    QCOMPARE(reset.count(), 2);
    settle();
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie echo"));
    QCOMPARE(m_store->childrenIncludeDeleted.last(), false);
}

void TstTenantTreeModel::rowThatBecomesDeletedLeavesTheTree()
{
    settle();
    const QPersistentModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    loadAll(find(*m_model, QStringLiteral("charlie-x"), charlie));
    QVERIFY(find(*m_model, QStringLiteral("charlie-x-1")).isValid());
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    // charlie-x and (the cascade) charlie-x-1: the row goes with its subtree, once.
    m_store->transition(QStringLiteral("charlie-x"), LifecycleState::Deleted);
    settle();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(0).value<QModelIndex>(), QModelIndex(charlie));
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(removed.first().at(2).toInt(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->rowCount(charlie), 0);
    QVERIFY(!m_model->indexOf(m_store->find(QStringLiteral("charlie-x-1"))->id).isValid());
    QCOMPARE(charlie.data(TenantTreeModel::ChildCountRole).toInt(), 0);
    QVERIFY(!m_model->hasChildren(charlie));
    QCOMPARE(m_model->tenantAt(charlie).deletedChildCount, 1);

    // At the top level.
    m_store->transition(QStringLiteral("delta"), LifecycleState::Deleted);
    settle();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.last().at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(removed.last().at(1).toInt(), 3);
    QCOMPARE(removed.last().at(2).toInt(), 3);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie echo"));
    QCOMPARE(inserted.count(), 0);
}

void TstTenantTreeModel::restoredRowComesBack()
{
    settle();
    addDeletedTenants();
    m_model->reload();
    settle();
    const QPersistentModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    QCOMPARE(slugsUnder(*m_model, charlie), words("charlie-x"));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_store->transition(QStringLiteral("charlie-y"), LifecycleState::Active);
    settle();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(0).value<QModelIndex>(), QModelIndex(charlie));
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(slugsUnder(*m_model, charlie), words("charlie-x charlie-y"));
    QCOMPARE(charlie.data(TenantTreeModel::ChildCountRole).toInt(), 2);
    QCOMPARE(find(*m_model, QStringLiteral("charlie-y")).data(TenantTreeModel::StateRole).toString(), QStringLiteral("active"));

    // At the top level, in its sorted place.
    m_store->transition(QStringLiteral("delta"), LifecycleState::Active);
    settle();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.last().at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(inserted.last().at(1).toInt(), 3);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
    QCOMPARE(removed.count(), 0);

    // A hidden row that changes but stays deleted (the purge) stays hidden.
    m_store->find(QStringLiteral("foxtrot"))->purgedAt = QDateTime(QDate(2024, 4, 1), QTime(0, 0), Qt::UTC);
    m_store->announce(TenantChange::Operation::Update, *m_store->find(QStringLiteral("foxtrot")), {});
    settle();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
}

// The parent was expanded and its only child deleted: restored, the child is back at once,
// with no fetch the view wouldn't ask for.
void TstTenantTreeModel::restoredOnlyChildReappearsUnderExpandedParent()
{
    settle();
    const QPersistentModelIndex charlie = find(*m_model, QStringLiteral("charlie"));
    loadAll(charlie);
    m_store->transition(QStringLiteral("charlie-x"), LifecycleState::Deleted);
    settle();
    QCOMPARE(m_model->rowCount(charlie), 0);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_store->transition(QStringLiteral("charlie-x"), LifecycleState::Active);
    settle();
    // Under charlie exactly once (the tester then fetches charlie-x's own sub-tenant).
    QList<int> rowsUnderCharlie;
    for (const QList<QVariant> &args : std::as_const(inserted)) {
        if (args.at(0).value<QModelIndex>() == charlie)
            rowsUnderCharlie << args.at(1).toInt() << args.at(2).toInt();
    }
    QCOMPARE(rowsUnderCharlie, QList<int>({0, 0}));
    QCOMPARE(slugsUnder(*m_model, charlie), words("charlie-x"));
    QCOMPARE(charlie.data(TenantTreeModel::ChildCountRole).toInt(), 1);
    const QModelIndex x = find(*m_model, QStringLiteral("charlie-x"), charlie);
    QVERIFY(m_model->hasChildren(x)); // its restored sub-tenant comes with a fetch
    loadAll(x);
    QCOMPARE(slugsUnder(*m_model, x), words("charlie-x-1"));
}

void TstTenantTreeModel::restoredChildMakesCollapsedParentExpandable()
{
    settle();
    addDeletedTenants();
    m_model->reload();
    settle();
    const QPersistentModelIndex echo = find(*m_model, QStringLiteral("echo"));
    QVERIFY(!m_model->hasChildren(echo));
    m_store->transition(QStringLiteral("echo-1"), LifecycleState::Active);
    settle();
    QCOMPARE(echo.data(TenantTreeModel::ChildCountRole).toInt(), 1);
    QVERIFY(m_model->hasChildren(echo));
    loadAll(echo);
    QCOMPARE(slugsUnder(*m_model, echo), words("echo-1"));
}

void TstTenantTreeModel::deletedRowStaysWhileShown()
{
    m_model->setShowDeleted(true);
    settle();
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_store->transition(QStringLiteral("delta"), LifecycleState::Deleted);
    settle();
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    const QModelIndex delta = m_model->index(3, 0);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), delta);
    QCOMPARE(delta.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("delta"));
    QCOMPARE(delta.data(TenantTreeModel::StateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(delta.data(TenantTreeModel::PurgedRole).toBool(), false);
    // Purged: the tombstone stays, marked.
    m_store->find(QStringLiteral("delta"))->purgedAt = QDateTime(QDate(2024, 4, 1), QTime(0, 0), Qt::UTC);
    m_store->announce(TenantChange::Operation::Update, *m_store->find(QStringLiteral("delta")), {});
    settle();
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_model->index(3, 0).data(TenantTreeModel::PurgedRole).toBool(), true);
    QCOMPARE(m_model->index(3, 0).data(TenantTreeModel::StateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(slugsUnder(*m_model, {}), words("alpha bravo charlie delta echo"));
}

void TstTenantTreeModel::searchHonoursShowDeleted()
{
    settle();
    addDeletedTenants();
    QSignalSpy applied(m_model.get(), &TenantTreeModel::filterApplied);
    m_model->setFilter(QStringLiteral("charlie-"));
    QVERIFY(applied.wait());
    QCOMPARE(applied.last().at(1).toInt(), 2); // charlie-x, charlie-x-1
    QCOMPARE(slugsUnder(*m_model, m_model->index(0, 0)), words("charlie-x"));
    m_model->setShowDeleted(true); // the same search again, with the deleted ones
    QVERIFY(applied.wait());
    QCOMPARE(applied.count(), 2);
    QCOMPARE(applied.last().at(0).toString(), QStringLiteral("charlie-"));
    QCOMPARE(applied.last().at(1).toInt(), 3);
    QCOMPARE(m_model->filter(), QStringLiteral("charlie-"));
    QCOMPARE(slugsUnder(*m_model, m_model->index(0, 0)), words("charlie-x charlie-y"));
    QCOMPARE(m_store->searchIncludeDeleted, QList<bool>({false, true}));
}

void TstTenantTreeModel::alertRoles_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("used");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("threshold"); // 0: no alert
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("line"); // the tooltip's alert line, empty: none

    QTest::newRow("no alert") << QString() << QString() << qint64(0) << qint64(0) << 0 << int(AlertLevel::None)
                              << QString();
    QTest::newRow("second threshold") << "storage_bytes" << "Storage" << qint64(930) << qint64(1000) << 90
                                      << int(AlertLevel::High)
                                      << QStringLiteral("Storage at 93 % of its limit (90 % threshold reached)");
    QTest::newRow("last threshold, rounded down") << "items" << "Items" << qint64(999) << qint64(1000) << 95
                                                  << int(AlertLevel::Critical)
                                                  << QStringLiteral("Items at 99 % of its limit (95 % threshold reached)");
    QTest::newRow("over the limit") << "storage_bytes" << "Storage" << qint64(1040) << qint64(1000) << 100
                                    << int(AlertLevel::Critical)
                                    << QStringLiteral("Storage at 104 % of its limit (limit reached)");
    QTest::newRow("no display name: the key") << "queries_per_minute" << "" << qint64(4800) << qint64(6000) << 80
                                              << int(AlertLevel::Warning)
                                              << QStringLiteral("queries_per_minute at 80 % of its limit (80 % threshold reached)");
}

void TstTenantTreeModel::alertRoles()
{
    QFETCH(QString, resource);
    QFETCH(QString, name);
    QFETCH(qint64, used);
    QFETCH(qint64, limit);
    QFETCH(int, threshold);
    QFETCH(int, level);
    QFETCH(QString, line);

    Tenant *alpha = m_store->find(QStringLiteral("alpha"));
    if (threshold > 0)
        alpha->alert = UsageAlert{resource, name, ResourceUnit::Count, used, limit, threshold, AlertLevel(level)};
    m_model->reload();
    settle();
    const QModelIndex idx = m_model->index(0, TenantTreeModel::NameColumn);
    QCOMPARE(idx.data(TenantTreeModel::SlugRole).toString(), QStringLiteral("alpha"));
    // Every column answers the row's alert; only the name column's tooltip says it.
    for (int column = 0; column < TenantTreeModel::ColumnCount; ++column)
        QCOMPARE(idx.siblingAtColumn(column).data(TenantTreeModel::AlertLevelRole).toInt(), level);
    const QVariant alert = idx.data(TenantTreeModel::AlertRole);
    QCOMPARE(alert.isValid(), threshold > 0);
    if (threshold > 0) {
        QCOMPARE(alert.value<UsageAlert>().resource, resource);
        QCOMPARE(alert.value<UsageAlert>().used, used);
        QCOMPARE(alert.value<UsageAlert>().threshold, threshold);
    }
    QString tooltip = QStringLiteral("alpha\n") + alpha->id.toString(QUuid::WithoutBraces);
    if (!line.isEmpty())
        tooltip += u'\n' + line;
    QCOMPARE(idx.data(Qt::ToolTipRole).toString(), tooltip);
    QVERIFY(!idx.siblingAtColumn(TenantTreeModel::StateColumn).data(Qt::ToolTipRole).isValid());
    QCOMPARE(m_model->roleNames().value(TenantTreeModel::AlertLevelRole), QByteArray("alertLevel"));
    QCOMPARE(m_model->roleNames().value(TenantTreeModel::AlertRole), QByteArray("alert"));
}

void TstTenantTreeModel::alertArrivesWithAChangeNotification()
{
    settle();
    const QModelIndex alpha = m_model->index(0, 0);
    QCOMPARE(alpha.data(TenantTreeModel::AlertLevelRole).toInt(), int(AlertLevel::None));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    Tenant *t = m_store->find(QStringLiteral("alpha"));
    t->alert = UsageAlert{QStringLiteral("items"), QStringLiteral("Items"), ResourceUnit::Count, 190, 200, 95,
                          AlertLevel::Critical};
    Q_EMIT m_store->tenantChanged({TenantChange::Operation::Update, QStringLiteral("quotas"), t->id, {}, {}});
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), alpha);
    QCOMPARE(alpha.data(TenantTreeModel::AlertLevelRole).toInt(), int(AlertLevel::Critical));
    QVERIFY(alpha.data(Qt::ToolTipRole).toString().endsWith(QStringLiteral("\nItems at 95 % of its limit (95 % threshold reached)")));
}

QTEST_GUILESS_MAIN(TstTenantTreeModel)
#include "tst_tenanttreemodel.moc"
