// TenantTreeModel over PgStore on a seeded database, under QAbstractItemModelTester: the
// tree matches the database, search opens the way to deep matches, changes made by another
// session show up without a reload, and deleted tenants are hidden until "Show deleted".

#include "models/items/tenanttreemodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;

class TstTenantTreeModelPg : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void treeMatchesTheDatabase();
    void searchOpensTheWayToADeepMatch();
    void otherSessionsUpdateIsShown();
    void otherSessionsInsertAndMoveAreShown();
    void quotaChangeRefreshesLimits();
    void showDeletedAddsTheDeletedTenants();
    void deletedAndRestoredInAnotherSession();

private:
    void settle() { QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), 30000); }
    QString idOf(const QString &where) const
    {
        return m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE %1 ORDER BY slug LIMIT 1").arg(where)).toString();
    }
    int countNodes(const QModelIndex &parent) const
    {
        int n = 0;
        for (int row = 0; row < m_model->rowCount(parent); ++row)
            n += 1 + countNodes(m_model->index(row, 0, parent));
        return n;
    }

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PgStore> m_store;
    std::unique_ptr<TenantTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstTenantTreeModelPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_tree_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    DemoSeedOptions options;
    options.tenants = 300;
    options.maxDepth = 4;
    options.days = 1;
    options.memoriesPerTenant = 0;
    options.seed = 3;
    QVERIFY2(m_db->seed(options), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(QStringLiteral("tst_tree_pg_operator"), QStringLiteral("tenancy_operator")));
    // The seed has deleted some within the last 30 days already; these tests delete more.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());
}

void TstTenantTreeModelPg::init()
{
    m_store = std::make_unique<PgStore>(m_db->conninfo(QStringLiteral("tst_tree_pg_operator")));
    QSignalSpy live(m_store.get(), &TenantStore::changeFeedChanged);
    auto opened = m_store->open();
    opened.waitForFinished();
    QVERIFY(opened.result().ok());
    QVERIFY(m_store->isChangeFeedLive() || live.wait(10000));
    m_model = std::make_unique<TenantTreeModel>(m_store.get());
    m_model->setPageSize(50); // several pages per level, even with 300 tenants
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_model->reload();
    settle();
}

void TstTenantTreeModelPg::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstTenantTreeModelPg::treeMatchesTheDatabase()
{
    // The tester walks (and so loads) every node; the result must be the whole hierarchy but
    // for the deleted tenants (and with them their subtrees: a cascade deleted those too).
    const int shown = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE state <> 'deleted'")).toInt();
    QVERIFY(shown < 300); // the demo deletes some
    QCOMPARE(countNodes({}), shown);
    QCOMPARE(m_model->rowCount(), m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE parent_id IS NULL "
                                                              "AND state <> 'deleted'")).toInt());
    // Spot-check the largest family: every child, in slug order.
    const QString parent = m_db->scalar(QStringLiteral(
        "SELECT parent_id FROM tenancy.tenants WHERE parent_id IS NOT NULL AND state <> 'deleted' GROUP BY 1 "
        "ORDER BY count(*) DESC, 1 LIMIT 1")).toString();
    const QModelIndex idx = m_model->indexOf(QUuid::fromString(parent));
    QVERIFY(idx.isValid());
    QStringList slugs;
    for (int row = 0; row < m_model->rowCount(idx); ++row)
        slugs << m_model->index(row, 0, idx).data(TenantTreeModel::SlugRole).toString();
    QCOMPARE(slugs.join(u','), m_db->scalar(QStringLiteral("SELECT string_agg(slug, ',' ORDER BY slug) FROM tenancy.tenants "
                                                          "WHERE parent_id = '%1' AND state <> 'deleted'").arg(parent)).toString());
    QCOMPARE(idx.data(TenantTreeModel::ChildCountRole).toInt(), slugs.size());
    // Usage next to the limit, as the database has it.
    const QModelIndex items = m_model->index(0, TenantTreeModel::ItemsColumn);
    const QString id = items.data(TenantTreeModel::TenantIdRole).toUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(items.data(TenantTreeModel::UsedRole).toLongLong(),
             m_db->scalar(QStringLiteral("SELECT value FROM tenancy.usage_current WHERE tenant_id = '%1' AND resource = 'items'").arg(id)).toLongLong());
    QCOMPARE(items.data(TenantTreeModel::LimitRole).toLongLong(),
             m_db->scalar(QStringLiteral("SELECT tenancy.effective_limit('%1', 'items')").arg(id)).toLongLong());
}

void TstTenantTreeModelPg::searchOpensTheWayToADeepMatch()
{
    const QString deep = idOf(QStringLiteral("tenancy.depth_of(id) = 3 AND state <> 'deleted'"));
    QVERIFY(!deep.isEmpty());
    const QString slug = m_db->scalar(QStringLiteral("SELECT slug FROM tenancy.tenants WHERE id = '%1'").arg(deep)).toString();
    const QString parentName = m_db->scalar(QStringLiteral("SELECT p.display_name FROM tenancy.tenants t JOIN tenancy.tenants p "
                                                           "ON p.id = t.parent_id WHERE t.id = '%1'").arg(deep)).toString();
    const QString orgName = m_db->scalar(QStringLiteral("SELECT g.display_name FROM tenancy.tenants t JOIN tenancy.tenants p "
                                                        "ON p.id = t.parent_id JOIN tenancy.tenants g ON g.id = p.parent_id "
                                                        "WHERE t.id = '%1'").arg(deep)).toString();
    QSignalSpy applied(m_model.get(), &TenantTreeModel::filterApplied);
    m_model->setFilter(slug);
    QVERIFY(applied.wait(10000));
    const int matches = applied.first().at(1).toInt();
    QCOMPARE(matches, m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE state <> 'deleted' AND "
                                                  "lower(slug || ' ' || display_name) LIKE '%%1%'").arg(slug)).toInt());
    const QModelIndex match = m_model->indexOf(QUuid::fromString(deep));
    QVERIFY(match.isValid());
    QVERIFY(match.data(TenantTreeModel::MatchRole).toBool());
    QCOMPARE(match.parent().data(TenantTreeModel::DisplayNameRole).toString(), parentName);
    QCOMPARE(match.parent().parent().data(TenantTreeModel::DisplayNameRole).toString(), orgName);
    QVERIFY(!match.parent().parent().parent().isValid());
    QVERIFY(m_model->filterAncestors().contains(match.parent()));
    settle();
}

void TstTenantTreeModelPg::otherSessionsUpdateIsShown()
{
    const QModelIndex first = m_model->index(0, 0);
    const QString id = first.data(TenantTreeModel::TenantIdRole).toUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Renamed Elsewhere' WHERE id = '%1'").arg(id)),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(0, 0).data().toString(), QStringLiteral("Renamed Elsewhere"), 10000);
    QCOMPARE(m_model->index(0, 0).data(TenantTreeModel::TenantRole).value<Tenant>().version, 2);
}

void TstTenantTreeModelPg::otherSessionsInsertAndMoveAreShown()
{
    const int topBefore = m_model->rowCount();
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('aaa-first', 'AAA First')")),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), topBefore + 1, 10000);
    QCOMPARE(m_model->index(0, 0).data(TenantTreeModel::SlugRole).toString(), QStringLiteral("aaa-first"));

    // Move an active leaf under the new tenant: it leaves its old parent, which is loaded.
    const QString leaf = idOf(QStringLiteral("parent_id IS NOT NULL AND state = 'active' AND NOT EXISTS "
                                             "(SELECT 1 FROM tenancy.tenants c WHERE c.parent_id = tenants.id) "
                                             "AND NOT EXISTS (SELECT 1 FROM tenancy.quotas q WHERE q.tenant_id = tenants.id)"));
    const QModelIndex before = m_model->indexOf(QUuid::fromString(leaf));
    QVERIFY(before.isValid());
    const QPersistentModelIndex oldParent = before.parent();
    const int siblingsBefore = m_model->rowCount(oldParent);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants WHERE slug = "
                                       "'aaa-first') WHERE id = '%1'").arg(leaf)),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(oldParent), siblingsBefore - 1, 10000);
    settle();
    const QModelIndex moved = m_model->indexOf(QUuid::fromString(leaf));
    QVERIFY(moved.isValid()); // the tester loaded the new parent's children
    QCOMPARE(moved.parent().data(TenantTreeModel::SlugRole).toString(), QStringLiteral("aaa-first"));
    QCOMPARE(moved.parent().data(TenantTreeModel::ChildCountRole).toInt(), 1);
}

void TstTenantTreeModelPg::quotaChangeRefreshesLimits()
{
    const QModelIndex items = m_model->index(1, TenantTreeModel::ItemsColumn);
    const QString id = items.data(TenantTreeModel::TenantIdRole).toUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES ('%1', 'items', "
                                       "987654321) ON CONFLICT (tenant_id, resource) DO UPDATE SET hard_limit = 987654321")
                            .arg(id)),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(1, TenantTreeModel::ItemsColumn).data(TenantTreeModel::LimitRole).toLongLong(),
                              987654321LL, 10000);
    QVERIFY(m_model->index(1, TenantTreeModel::ItemsColumn).data().toString().endsWith(QLatin1String("/ 988M")));
}

void TstTenantTreeModelPg::showDeletedAddsTheDeletedTenants()
{
    const int all = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt();
    const int deleted = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE state = 'deleted'")).toInt();
    QVERIFY(deleted > 0);
    QCOMPARE(countNodes({}), all - deleted);
    const QUuid gone = QUuid::fromString(idOf(QStringLiteral("state = 'deleted'")));
    QVERIFY(!m_model->indexOf(gone).isValid());

    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setShowDeleted(true);
    QCOMPARE(reset.count(), 1);
    settle();
    QCOMPARE(countNodes({}), all);
    const QModelIndex shown = m_model->indexOf(gone);
    QVERIFY(shown.isValid());
    QCOMPARE(shown.data(TenantTreeModel::StateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(shown.data(TenantTreeModel::PurgedRole).toBool(), false);
    QVERIFY(shown.data(TenantTreeModel::TenantRole).value<Tenant>().purgeAfter.isValid());

    m_model->setShowDeleted(false);
    settle();
    QCOMPARE(countNodes({}), all - deleted);
}

// Deleted in another session, the row leaves the tree; restored, it comes back in its place.
void TstTenantTreeModelPg::deletedAndRestoredInAnotherSession()
{
    const QString leaf = idOf(QStringLiteral("parent_id IS NOT NULL AND state = 'active' AND NOT EXISTS "
                                             "(SELECT 1 FROM tenancy.tenants c WHERE c.parent_id = tenants.id) "
                                             "AND NOT coalesce((settings ->> 'prevent_deletion')::boolean, false)"));
    const QUuid leafId = QUuid::fromString(leaf);
    const QModelIndex before = m_model->indexOf(leafId);
    QVERIFY(before.isValid());
    const QPersistentModelIndex parent = before.parent();
    const int siblings = m_model->rowCount(parent);
    QCOMPARE(parent.data(TenantTreeModel::ChildCountRole).toInt(), siblings);
    const QString childSlugs = QStringLiteral("SELECT string_agg(slug, ',' ORDER BY slug) FROM tenancy.tenants "
                                              "WHERE parent_id = '%1' AND state <> 'deleted'")
                                   .arg(parent.data(TenantTreeModel::TenantIdRole).toUuid().toString(QUuid::WithoutBraces));
    const QString op = QStringLiteral("tst_tree_pg_operator");
    const QString transition = QStringLiteral("SELECT set_config('tenancy.reason', 'tree test', true); "
                                              "UPDATE tenancy.tenants SET state = '%1' WHERE id = '%2'");

    QCOMPARE(m_db->exec(transition.arg(QStringLiteral("deleted"), leaf), op), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->indexOf(leafId).isValid(), 10000);
    settle();
    QCOMPARE(m_model->rowCount(parent), siblings - 1);
    QCOMPARE(parent.data(TenantTreeModel::ChildCountRole).toInt(), siblings - 1);

    QCOMPARE(m_db->exec(transition.arg(QStringLiteral("active"), leaf), op), QString());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->indexOf(leafId).isValid(), 10000);
    settle();
    QCOMPARE(m_model->rowCount(parent), siblings);
    QCOMPARE(parent.data(TenantTreeModel::ChildCountRole).toInt(), siblings);
    QStringList slugs;
    for (int row = 0; row < m_model->rowCount(parent); ++row)
        slugs << m_model->index(row, 0, parent).data(TenantTreeModel::SlugRole).toString();
    QCOMPARE(slugs.join(u','), m_db->scalar(childSlugs).toString());
    QCOMPARE(m_model->indexOf(leafId).data(TenantTreeModel::StateRole).toString(), QStringLiteral("active"));
}

QTEST_GUILESS_MAIN(TstTenantTreeModelPg)
#include "tst_tenanttreemodel_pg.moc"
