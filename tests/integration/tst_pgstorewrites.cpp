// PgStore's writes against a real PostgreSQL, as an operator: creating, editing and moving
// tenants, quota batches with optimistic locking, bulk edits, and the rules the database
// enforces on its own (written with raw SQL, the way psql users would).

#include "models/store/pgstore.h"
#include "models/store/tiercatalog.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace tc;
using tc::test::PgTestDatabase;
using tc::test::await;

namespace {

const QString kOperator = QStringLiteral("tst_writes_operator");
const QString kAuditor = QStringLiteral("tst_writes_auditor");

template<typename T>
QString why(const Result<T> &r)
{
    return r.ok() ? QString() : errorKindName(r.error().kind) + QStringLiteral(": ") + r.error().message;
}

std::optional<Quota> quotaOf(const QList<Quota> &quotas, const QString &resource)
{
    for (const Quota &q : quotas) {
        if (q.resource == resource)
            return q;
    }
    return std::nullopt;
}

} // namespace

class TstPgStoreWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void createTopLevelAppliesTheTierPreset();
    void createSubTenantCapsThePresetAtTheParent();
    void createRefusesBadInput_data();
    void createRefusesBadInput();
    void updateRenamesAndKeepsUnknownSettings();
    void updateWithAStaleVersionIsAConflict();
    void moveIsACompareAndSetOnTheParent();
    void moveToTheCurrentParentChangesNothing();
    void settingsEditKeepsFeaturesItDoesNotKnow();
    void moveRefusals_data();
    void moveRefusals();

    void quotasShowInheritanceAndDescendants();
    void writeQuotasAppliesABatchInOneTransaction();
    void writeQuotasReportsConflictsAndWritesNothing();
    void writeQuotasRefusesALimitAboveTheParent();
    void loweringAParentAndItsChildrenTogether();
    void rawSqlViolationsAreRejected_data();
    void rawSqlViolationsAreRejected();
    void auditorCannotWrite();

    void bulkApplyTierToASubtree();
    void bulkSetResourceAndCopyFrom();
    void bulkReportsProgress();
    void changesNotifyOncePerTenantAndStatement();

    void concurrentEditorsNeverLoseAnUpdate();
    void concurrentWritersOfEveryKindDoNotDeadlock();

private:
    std::unique_ptr<PgStore> store(const QString &user = kOperator) const
    {
        return std::make_unique<PgStore>(m_db->conninfo(user), PgStore::Options{1, false});
    }
    QUuid idOf(const QString &slug) const
    {
        return QUuid::fromString(
            m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug)).toString());
    }
    QVariant limitOf(const QString &slug, const QString &resource) const
    {
        return m_db->scalar(QStringLiteral("SELECT q.hard_limit FROM tenancy.quotas q JOIN tenancy.tenants t "
                                           "ON t.id = q.tenant_id WHERE t.slug = '%1' AND q.resource = '%2'")
                                .arg(slug, resource));
    }
    // No own limit: no row, or a row with a null limit.
    bool inherits(const QString &slug, const QString &resource) const
    {
        const QString v = limitOf(slug, resource).toString();
        return v.isEmpty() || v == QLatin1String("NULL");
    }
    Tenant create(PgStore &s, const QString &slug, const QUuid &parent = {}, Tier tier = Tier::Starter,
                  bool presets = true)
    {
        TenantDraft d;
        d.parentId = parent;
        d.slug = slug;
        d.displayName = slug.toUpper();
        d.tier = tier;
        d.applyTierQuotas = presets;
        const Result<Tenant> r = await(s.createTenant(d));
        if (!r.ok())
            qFatal("creating %s failed: %s", qPrintable(slug), qPrintable(r.error().message));
        return r.value();
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstPgStoreWrites::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_pgstorewrites"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
}

void TstPgStoreWrites::init()
{
    // Each test starts from no tenants (the owner may delete; audit rows stay).
    QCOMPARE(m_db->exec(QStringLiteral("SET session_replication_role = replica; DELETE FROM tenancy.quotas; "
                                       "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                                       "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants;")),
             QString());
}

void TstPgStoreWrites::createTopLevelAppliesTheTierPreset()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Professional);
    QCOMPARE(acme.slug, QStringLiteral("acme"));
    QCOMPARE(acme.tier, Tier::Professional);
    QCOMPARE(acme.version, 1);
    for (const auto &[resource, limit] : TierCatalog::preset(Tier::Professional)->quotas) {
        const QVariant stored = limitOf(QStringLiteral("acme"), resource);
        if (limit)
            QCOMPARE(stored.toLongLong(), *limit);
        else
            QVERIFY2(stored.isNull(), qPrintable(resource));
    }
    // The audit trail names the operator for the tenant and each quota row.
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE actor = '%1' "
                                         "AND tenant_id = '%2' AND action = 'quotas.insert'")
                              .arg(kOperator, acme.id.toString(QUuid::WithoutBraces)))
                 .toInt(),
             9);
}

void TstPgStoreWrites::createSubTenantCapsThePresetAtTheParent()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Enterprise);
    QCOMPARE(eu.parentId, acme.id);
    // Enterprise presets are above starter's: every limit is lowered to the parent's, and
    // enterprise's unlimited resources inherit.
    QCOMPARE(limitOf(QStringLiteral("eu"), QStringLiteral("items")).toLongLong(), 100000);
    QCOMPARE(limitOf(QStringLiteral("eu"), QStringLiteral("storage_bytes")).toLongLong(), 10000000000);
    QVERIFY(inherits(QStringLiteral("eu"), QStringLiteral("users")));
    // Without presets a sub-tenant has no rows of its own.
    const Tenant team = create(*s, QStringLiteral("team"), eu.id, Tier::Starter, false);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.quotas WHERE tenant_id = '%1'")
                              .arg(team.id.toString(QUuid::WithoutBraces)))
                 .toInt(),
             0);
    QCOMPARE(team.items.limit, std::optional<qint64>(100000)); // inherited, shown in the tree
}

void TstPgStoreWrites::createRefusesBadInput_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("underSuspended");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad slug") << QStringLiteral("a b") << QStringLiteral("A") << false << int(ErrorKind::Validation)
                              << QStringLiteral("letters");
    QTest::newRow("empty name") << QStringLiteral("ok") << QStringLiteral(" ") << false << int(ErrorKind::Validation)
                                << QStringLiteral("display name");
    QTest::newRow("duplicate sibling") << QStringLiteral("acme") << QStringLiteral("Acme") << false
                                       << int(ErrorKind::Validation)
                                       << QStringLiteral("A top-level tenant named \"acme\" already exists.");
    QTest::newRow("parent suspended") << QStringLiteral("child") << QStringLiteral("Child") << true
                                      << int(ErrorKind::Validation)
                                      << QStringLiteral("\"sleepy\" is suspended; sub-tenants can only be created "
                                                        "under an active tenant.");
}

void TstPgStoreWrites::createRefusesBadInput()
{
    QFETCH(QString, slug);
    QFETCH(QString, name);
    QFETCH(bool, underSuspended);
    QFETCH(int, kind);
    QFETCH(QString, message);
    auto s = store();
    create(*s, QStringLiteral("acme"));
    const Tenant sleepy = create(*s, QStringLiteral("sleepy"));
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'test', true); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'sleepy'")),
             QString());
    TenantDraft d;
    d.slug = slug;
    d.displayName = name;
    if (underSuspended)
        d.parentId = sleepy.id;
    const Result<Tenant> r = await(s->createTenant(d));
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error().kind), kind);
    QVERIFY2(r.error().message.contains(message, Qt::CaseInsensitive), qPrintable(r.error().message));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt(), 2);
}

void TstPgStoreWrites::updateRenamesAndKeepsUnknownSettings()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET settings = settings || '{\"platform_flag\": 7}'")),
             QString());
    const qint64 version = m_db->scalar(QStringLiteral("SELECT version FROM tenancy.tenants")).toLongLong();
    TenantEdit e;
    e.id = acme.id;
    e.expectedVersion = version;
    e.slug = QStringLiteral("acme-corp");
    e.displayName = QStringLiteral("Acme Corporation");
    TenantSettings settings;
    settings.features = {QStringLiteral("sso"), QStringLiteral("export")};
    settings.retentionDays = 30;
    settings.preventDeletion = true;
    e.settings = settings;
    const Result<Tenant> r = await(s->updateTenant(e));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->slug, QStringLiteral("acme-corp"));
    QCOMPARE(r->displayName, QStringLiteral("Acme Corporation"));
    QCOMPARE(r->version, version + 1);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT settings::text FROM tenancy.tenants")).toString(),
             QStringLiteral("{\"features\": [\"sso\", \"export\"], \"platform_flag\": 7, \"retention_days\": 30, "
                            "\"inherit_features\": false, \"prevent_deletion\": true}"));
}

void TstPgStoreWrites::updateWithAStaleVersionIsAConflict()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Theirs'")), QString());
    TenantEdit e;
    e.id = acme.id;
    e.expectedVersion = acme.version;
    e.displayName = QStringLiteral("Mine");
    const Result<Tenant> r = await(s->updateTenant(e));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT display_name FROM tenancy.tenants")).toString(), QStringLiteral("Theirs"));
}

void TstPgStoreWrites::moveIsACompareAndSetOnTheParent()
{
    auto s = store();
    const Tenant a = create(*s, QStringLiteral("a"));
    const Tenant b = create(*s, QStringLiteral("b"));
    const Tenant x = create(*s, QStringLiteral("x"), a.id, Tier::Starter, false);
    create(*s, QStringLiteral("y"), x.id, Tier::Starter, false);

    Result<Tenant> moved = await(s->moveTenant(x.id, a.id, b.id));
    QVERIFY2(moved.ok(), qPrintable(why(moved)));
    QCOMPARE(moved->parentId, b.id);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.descendants('%1')")
                              .arg(b.id.toString(QUuid::WithoutBraces)))
                 .toInt(),
             2);
    // A second operator still believes x is under a: refused, nothing moves.
    moved = await(s->moveTenant(x.id, a.id, QUuid()));
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().kind, ErrorKind::Conflict);
    QVERIFY2(moved.error().message.contains(QLatin1String("now under \"b\"")), qPrintable(moved.error().message));
    // To the top level.
    moved = await(s->moveTenant(x.id, b.id, QUuid()));
    QVERIFY2(moved.ok(), qPrintable(why(moved)));
    QVERIFY(moved->parentId.isNull());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'tenants.update' "
                                         "AND tenant_id = '%1'").arg(x.id.toString(QUuid::WithoutBraces))).toInt(),
             2);
}

void TstPgStoreWrites::moveToTheCurrentParentChangesNothing()
{
    auto s = store();
    const Tenant a = create(*s, QStringLiteral("a"));
    const Tenant x = create(*s, QStringLiteral("x"), a.id, Tier::Starter, false);
    const Result<Tenant> r = await(s->moveTenant(x.id, a.id, a.id));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->parentId, a.id);
    QCOMPARE(r->version, x.version);
}

void TstPgStoreWrites::settingsEditKeepsFeaturesItDoesNotKnow()
{
    auto s = store();
    const Tenant a = create(*s, QStringLiteral("a"));
    // The platform enabled a feature this release does not know.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"features\": [\"sso\", \"beta_x\"]}'")),
             QString());
    const Tenant now = await(s->tenant(a.id)).value();
    TenantEdit e;
    e.id = a.id;
    e.expectedVersion = now.version;
    TenantSettings settings = TenantSettings::fromJson(now.settings);
    settings.retentionDays = 14;
    e.settings = settings;
    Result<Tenant> r = await(s->updateTenant(e));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(TenantSettings::fromJson(r->settings).features, QStringList({QStringLiteral("sso"), QStringLiteral("beta_x")}));
    QCOMPARE(TenantSettings::fromJson(r->settings).retentionDays, 14);
    // A feature the operator adds must be a known one.
    settings.features << QStringLiteral("teleport");
    e.settings = settings;
    e.expectedVersion = r->version;
    r = await(s->updateTenant(e));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(QLatin1String("\"teleport\" is not a known feature")), qPrintable(r.error().message));
}

void TstPgStoreWrites::moveRefusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::newRow("into own subtree") << QStringLiteral("cycle") << QStringLiteral("would create a cycle");
    QTest::newRow("onto itself") << QStringLiteral("self") << QStringLiteral("cannot be its own parent");
    QTest::newRow("deeper than 8") << QStringLiteral("depth") << QStringLiteral("at most 8 levels");
    QTest::newRow("limits above the new parent's") << QStringLiteral("limits")
                                                   << QStringLiteral("above the new parent's limit of");
    QTest::newRow("slug taken under the new parent") << QStringLiteral("slug")
                                                     << QStringLiteral("\"low\" already has a sub-tenant named \"x\"");
}

void TstPgStoreWrites::moveRefusals()
{
    QFETCH(QString, what);
    QFETCH(QString, message);
    auto s = store();
    const Tenant big = create(*s, QStringLiteral("big"), {}, Tier::Enterprise);
    const Tenant low = create(*s, QStringLiteral("low"), {}, Tier::Starter);
    create(*s, QStringLiteral("x"), low.id, Tier::Starter, false);
    // x under big with enterprise limits, a chain of 7 below it (x at depth 2: 2 + 6 = 8 levels).
    Tenant x = create(*s, QStringLiteral("x"), big.id, Tier::Enterprise);
    Tenant leaf = x;
    for (int i = 1; i <= 6; ++i)
        leaf = create(*s, QStringLiteral("level-%1").arg(i), leaf.id, Tier::Starter, false);
    const Tenant deep = create(*s, QStringLiteral("deep"), low.id, Tier::Starter, false);
    const Tenant lowCap = create(*s, QStringLiteral("lowcap"), {}, Tier::Starter);

    Result<Tenant> r = Error{};
    if (what == QLatin1String("cycle"))
        r = await(s->moveTenant(x.id, big.id, leaf.id));
    else if (what == QLatin1String("self"))
        r = await(s->moveTenant(x.id, big.id, x.id));
    else if (what == QLatin1String("depth"))
        r = await(s->moveTenant(x.id, big.id, deep.id));
    else if (what == QLatin1String("limits"))
        r = await(s->moveTenant(x.id, big.id, lowCap.id));
    else if (what == QLatin1String("slug"))
        r = await(s->moveTenant(x.id, big.id, low.id));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT p.slug FROM tenancy.tenants t JOIN tenancy.tenants p ON p.id = t.parent_id "
                                         "WHERE t.id = '%1'").arg(x.id.toString(QUuid::WithoutBraces))).toString(),
             QStringLiteral("big"));
}

void TstPgStoreWrites::quotasShowInheritanceAndDescendants()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Professional);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter, false);
    const Tenant team = create(*s, QStringLiteral("team"), eu.id, Tier::Starter, false);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'items', 1500 FROM tenancy.tenants WHERE slug = 'team';"
                                       "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                                       "SELECT id, 'items', now(), 42 FROM tenancy.tenants WHERE slug = 'eu'")),
             QString());

    const Result<QList<Quota>> r = await(s->quotas(eu.id));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->size(), 9);
    QCOMPARE(r->first().resource, QStringLiteral("items")); // catalog order
    const Quota items = *quotaOf(*r, QStringLiteral("items"));
    QVERIFY(items.inherits());
    QCOMPARE(items.version, 0);
    QCOMPARE(items.parentLimit, std::optional<qint64>(2000000));
    QCOMPARE(items.parentLimitFromId, acme.id);
    QCOMPARE(items.parentLimitFromSlug, QStringLiteral("acme"));
    QCOMPARE(items.descendantMax, std::optional<qint64>(1500));
    QCOMPARE(items.descendantMaxSlug, QStringLiteral("team"));
    QCOMPARE(items.used, std::optional<qint64>(42));
    QCOMPARE(items.unit, ResourceUnit::Count);
    QVERIFY(items.metered);
    const Quota storage = *quotaOf(*r, QStringLiteral("storage_bytes"));
    QCOMPARE(storage.unit, ResourceUnit::Bytes);
    QVERIFY(!storage.descendantMax);
    QCOMPARE(storage.softThresholds, QList<int>({80, 90, 95}));

    const Result<QList<Quota>> top = await(s->quotas(acme.id));
    QVERIFY(top.ok());
    QCOMPARE(quotaOf(*top, QStringLiteral("items"))->hardLimit, std::optional<qint64>(2000000));
    QCOMPARE(quotaOf(*top, QStringLiteral("items"))->version, 1);
    QVERIFY(!quotaOf(*top, QStringLiteral("items"))->parentLimit);
    QVERIFY(!await(s->quotas(QUuid::createUuid())).ok());
    Q_UNUSED(team);
}

void TstPgStoreWrites::writeQuotasAppliesABatchInOneTransaction()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter, false);
    const QList<QuotaChange> changes{
        {acme.id, QStringLiteral("items"), 5000, QList<int>{50, 75}, 1},
        {acme.id, QStringLiteral("users"), 10, std::nullopt, 1}, // unchanged
        {eu.id, QStringLiteral("items"), 4000, std::nullopt, 0},  // new row
        {acme.id, QStringLiteral("api_keys"), std::nullopt, std::nullopt, 1}, // back to inherit
    };
    const Result<QuotaWriteReport> r = await(s->writeQuotas(changes));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->applied());
    QCOMPARE(r->written, 3);
    QCOMPARE(r->unchanged, 1);
    QCOMPARE(r->after.size(), 4);
    QCOMPARE(r->after[0].hardLimit, std::optional<qint64>(5000));
    QCOMPARE(r->after[0].version, 2);
    QCOMPARE(r->after[0].softThresholds, QList<int>({50, 75}));
    QCOMPARE(r->after[2].version, 1);
    QCOMPARE(r->after[2].parentLimit, std::optional<qint64>(5000));
    QVERIFY(r->after[3].inherits());
    QCOMPARE(limitOf(QStringLiteral("eu"), QStringLiteral("items")).toLongLong(), 4000);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT soft_thresholds::text FROM tenancy.quotas q JOIN tenancy.tenants t "
                                         "ON t.id = q.tenant_id WHERE t.slug = 'eu' AND resource = 'items'")).toString(),
             QStringLiteral("{80,90,95}"));
}

void TstPgStoreWrites::writeQuotasReportsConflictsAndWritesNothing()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    // Someone else edits items (version 1 -> 2) and creates the users row of a sub-tenant.
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter, false);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 777 WHERE resource = 'items';"
                                       "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'users', 3 FROM tenancy.tenants WHERE slug = 'eu'"),
                        kOperator),
             QString());
    const Result<QuotaWriteReport> r = await(s->writeQuotas({
        {acme.id, QStringLiteral("items"), 5000, std::nullopt, 1},
        {acme.id, QStringLiteral("storage_bytes"), 5000, std::nullopt, 1}, // fine on its own
        {eu.id, QStringLiteral("users"), 4, std::nullopt, 0},
    }));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(!r->applied());
    QCOMPARE(r->conflicts.size(), 2);
    QCOMPARE(r->conflicts[0].mine.hardLimit, std::optional<qint64>(5000));
    QCOMPARE(r->conflicts[0].theirs.hardLimit, std::optional<qint64>(777));
    QCOMPARE(r->conflicts[0].theirs.version, 2);
    QCOMPARE(r->conflicts[1].theirs.hardLimit, std::optional<qint64>(3));
    QCOMPARE(r->conflicts[1].theirs.version, 1);
    QCOMPARE(r->written, 0);
    QCOMPARE(limitOf(QStringLiteral("acme"), QStringLiteral("storage_bytes")).toLongLong(), 10000000000);

    // Take mine: write again against theirs' versions.
    const Result<QuotaWriteReport> again = await(s->writeQuotas({
        {acme.id, QStringLiteral("items"), 5000, std::nullopt, 2},
        {eu.id, QStringLiteral("users"), 4, std::nullopt, 1},
    }));
    QVERIFY2(again.ok() && again->applied(), qPrintable(why(again)));
    QCOMPARE(limitOf(QStringLiteral("acme"), QStringLiteral("items")).toLongLong(), 5000);
    QCOMPARE(limitOf(QStringLiteral("eu"), QStringLiteral("users")).toLongLong(), 4);
}

void TstPgStoreWrites::writeQuotasRefusesALimitAboveTheParent()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter, false);
    const Result<QuotaWriteReport> r = await(s->writeQuotas({
        {eu.id, QStringLiteral("items"), 100001, std::nullopt, 0},
        {eu.id, QStringLiteral("users"), 5, std::nullopt, 0},
    }));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);
    QCOMPARE(r.error().message, QStringLiteral("The items limit 100001 of \"eu\" is above the parent's effective limit "
                                               "of 100000 (set on \"acme\")."));
    QVERIFY(inherits(QStringLiteral("eu"), QStringLiteral("users"))); // nothing of the batch
    const Result<QuotaWriteReport> negative = await(s->writeQuotas({{eu.id, QStringLiteral("users"), -1, std::nullopt, 0}}));
    QVERIFY(!negative.ok());
    QCOMPARE(negative.error().kind, ErrorKind::Validation);
}

void TstPgStoreWrites::loweringAParentAndItsChildrenTogether()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter);
    const Tenant team = create(*s, QStringLiteral("team"), eu.id, Tier::Starter);
    // Alone, lowering the parent is refused and names the sub-tenant in the way.
    Result<QuotaWriteReport> r = await(s->writeQuotas({{acme.id, QStringLiteral("items"), 500, std::nullopt, 1}}));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("is below sub-tenant \"eu\"'s limit of 100000")),
             qPrintable(r.error().message));
    // With the sub-tenants in the same batch, in any order, it goes through.
    r = await(s->writeQuotas({{acme.id, QStringLiteral("items"), 500, std::nullopt, 1},
                              {team.id, QStringLiteral("items"), 300, std::nullopt, 1},
                              {eu.id, QStringLiteral("items"), 400, std::nullopt, 1}}));
    QVERIFY2(r.ok() && r->applied(), qPrintable(why(r)));
    QCOMPARE(limitOf(QStringLiteral("team"), QStringLiteral("items")).toLongLong(), 300);
}

void TstPgStoreWrites::rawSqlViolationsAreRejected_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative limit")
        << QStringLiteral("UPDATE tenancy.quotas SET hard_limit = -1 WHERE resource = 'users'")
        << QStringLiteral("quotas_hard_limit_non_negative");
    QTest::newRow("child above parent")
        << QStringLiteral("UPDATE tenancy.quotas q SET hard_limit = 11 FROM tenancy.tenants t "
                          "WHERE t.id = q.tenant_id AND t.slug = 'eu' AND q.resource = 'users'")
        << QStringLiteral("The users limit 11 of \"eu\" is above the parent's effective limit of 10 (set on \"acme\").");
    QTest::newRow("grandchild above the inherited limit")
        << QStringLiteral("UPDATE tenancy.quotas q SET hard_limit = 6 FROM tenancy.tenants t "
                          "WHERE t.id = q.tenant_id AND t.slug = 'team' AND q.resource = 'api_keys'")
        << QStringLiteral("The api_keys limit 6 of \"team\" is above the parent's effective limit of 5 (set on \"acme\").");
    QTest::newRow("parent below a child")
        << QStringLiteral("UPDATE tenancy.quotas q SET hard_limit = 2 FROM tenancy.tenants t "
                          "WHERE t.id = q.tenant_id AND t.slug = 'acme' AND q.resource = 'users'")
        << QStringLiteral("The users limit 2 of \"acme\" is below sub-tenant \"eu\"'s limit of 10.");
    QTest::newRow("parent below a grandchild behind an inheriting child")
        << QStringLiteral("UPDATE tenancy.quotas q SET hard_limit = 3 FROM tenancy.tenants t "
                          "WHERE t.id = q.tenant_id AND t.slug = 'acme' AND q.resource = 'api_keys'")
        << QStringLiteral("The api_keys limit 3 of \"acme\" is below sub-tenant \"team\"'s limit of 4.");
    QTest::newRow("thresholds out of range")
        << QStringLiteral("UPDATE tenancy.quotas SET soft_thresholds = '{50,101}'")
        << QStringLiteral("quotas_soft_thresholds_range");
    QTest::newRow("settings of the wrong type")
        << QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"retention_days\": \"soon\"}'")
        << QStringLiteral("tenants_settings_valid");
    QTest::newRow("retention out of range")
        << QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"retention_days\": 0}'")
        << QStringLiteral("tenants_settings_valid");
    QTest::newRow("features not strings")
        << QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"features\": [1]}'")
        << QStringLiteral("tenants_settings_valid");
}

void TstPgStoreWrites::rawSqlViolationsAreRejected()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter, false);
    create(*s, QStringLiteral("team"), eu.id, Tier::Starter, false);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'users', 10 FROM tenancy.tenants WHERE slug = 'eu';"
                                       "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'api_keys', 4 FROM tenancy.tenants WHERE slug = 'team'")),
             QString());
    const QString before = m_db->rows(QStringLiteral("SELECT tenant_id, resource, hard_limit, soft_thresholds, version "
                                                     "FROM tenancy.quotas ORDER BY 1, 2")).join(u'\n');
    const QString error = m_db->exec(sql, kOperator);
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT tenant_id, resource, hard_limit, soft_thresholds, version "
                                       "FROM tenancy.quotas ORDER BY 1, 2")).join(u'\n'),
             before);
}

void TstPgStoreWrites::auditorCannotWrite()
{
    auto op = store();
    const Tenant acme = create(*op, QStringLiteral("acme"));
    auto s = store(kAuditor);
    const Result<QuotaWriteReport> q = await(s->writeQuotas({{acme.id, QStringLiteral("users"), 1, std::nullopt, 1}}));
    QVERIFY(!q.ok());
    QCOMPARE(q.error().kind, ErrorKind::PermissionDenied);
    TenantDraft d;
    d.slug = QStringLiteral("nope");
    d.displayName = QStringLiteral("Nope");
    const Result<Tenant> t = await(s->createTenant(d));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().kind, ErrorKind::PermissionDenied);
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 1"), kAuditor).contains(
                 QLatin1String("permission denied")), true);
}

void TstPgStoreWrites::bulkApplyTierToASubtree()
{
    auto s = store();
    const Tenant acme = create(*s, QStringLiteral("acme"), {}, Tier::Starter);
    const Tenant eu = create(*s, QStringLiteral("eu"), acme.id, Tier::Starter);
    create(*s, QStringLiteral("team-a"), eu.id, Tier::Starter, false);
    create(*s, QStringLiteral("team-b"), eu.id, Tier::Starter);
    // Raising the whole subtree to professional: parents first, in one transaction.
    BulkQuotaRequest up;
    up.action = BulkQuotaRequest::Action::ApplyTier;
    up.tenants = {acme.id};
    up.includeSubtrees = true;
    up.tier = Tier::Professional;
    Result<BulkQuotaReport> r = await(s->bulkQuotas(up));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->tenants, 4);
    QCOMPARE(r->tiersChanged, 4);
    QCOMPARE(r->written, 36);
    QCOMPARE(r->capped, 0);
    QCOMPARE(r->perResource.size(), 9);
    QCOMPARE(r->perResource.first(), qMakePair(QStringLiteral("items"), 4));
    QCOMPARE(limitOf(QStringLiteral("team-a"), QStringLiteral("items")).toLongLong(), 2000000);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(DISTINCT tier) FROM tenancy.tenants")).toInt(), 1);

    // Back down to starter: children first. Applying it again changes nothing.
    up.tier = Tier::Starter;
    r = await(s->bulkQuotas(up));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->written, 36);
    r = await(s->bulkQuotas(up));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->written, 0);
    QCOMPARE(r->unchanged, 36);
    QCOMPARE(r->tiersChanged, 0);

    // Only the sub-tenants, to enterprise: capped at acme's starter limits.
    BulkQuotaRequest capped;
    capped.tenants = {eu.id};
    capped.includeSubtrees = true;
    capped.tier = Tier::Enterprise;
    r = await(s->bulkQuotas(capped));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->capped, 3 * 6); // six finite enterprise limits above starter's, on three tenants
    QCOMPARE(limitOf(QStringLiteral("team-b"), QStringLiteral("items")).toLongLong(), 100000);
    QVERIFY(inherits(QStringLiteral("team-b"), QStringLiteral("users"))); // unlimited: inherits
    capped.capAtParent = false;
    capped.tier = Tier::Professional;
    r = await(s->bulkQuotas(capped));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("above the parent's effective limit")), qPrintable(r.error().message));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT tier FROM tenancy.tenants WHERE slug = 'eu'")).toString(),
             QStringLiteral("enterprise")); // rolled back whole
}

void TstPgStoreWrites::bulkSetResourceAndCopyFrom()
{
    auto s = store();
    const Tenant a = create(*s, QStringLiteral("a"), {}, Tier::Starter);
    const Tenant b = create(*s, QStringLiteral("b"), {}, Tier::Enterprise);
    const Tenant c = create(*s, QStringLiteral("c"), {}, Tier::Professional);
    BulkQuotaRequest set;
    set.action = BulkQuotaRequest::Action::SetResource;
    set.tenants = {a.id, b.id};
    set.resource = QStringLiteral("users");
    set.limit = QuotaLimit::of(25);
    Result<BulkQuotaReport> r = await(s->bulkQuotas(set));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->written, 2);
    QCOMPARE(limitOf(QStringLiteral("b"), QStringLiteral("users")).toLongLong(), 25);
    set.resource = QStringLiteral("no_such_thing");
    r = await(s->bulkQuotas(set));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Validation);

    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET soft_thresholds = '{60}' WHERE resource = 'items' "
                                       "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'a')")),
             QString());
    BulkQuotaRequest copy;
    copy.action = BulkQuotaRequest::Action::CopyFrom;
    copy.source = a.id;
    copy.tenants = {b.id, c.id, a.id}; // the source itself is skipped
    r = await(s->bulkQuotas(copy));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->tenants, 3);
    QCOMPARE(m_db->rows(QStringLiteral("SELECT t.slug, q.resource, q.hard_limit, q.soft_thresholds FROM tenancy.quotas q "
                                       "JOIN tenancy.tenants t ON t.id = q.tenant_id WHERE q.resource IN ('items', 'users') "
                                       "ORDER BY 1, 2")),
             QStringList({QStringLiteral("a|items|100000|{60}"), QStringLiteral("a|users|25|{80,90,95}"),
                          QStringLiteral("b|items|100000|{60}"), QStringLiteral("b|users|25|{80,90,95}"),
                          QStringLiteral("c|items|100000|{60}"), QStringLiteral("c|users|25|{80,90,95}")}));

    // A source inside the copied subtree stays as it is and still bounds its own sub-tenants.
    const Tenant sub = create(*s, QStringLiteral("sub"), c.id, Tier::Starter, false);
    create(*s, QStringLiteral("leaf"), sub.id, Tier::Starter, false);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'users', 7 FROM tenancy.tenants WHERE slug = 'sub'")),
             QString());
    copy.source = sub.id;
    copy.tenants = {c.id};
    copy.includeSubtrees = true;
    r = await(s->bulkQuotas(copy));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(limitOf(QStringLiteral("sub"), QStringLiteral("users")).toLongLong(), 7);
    QCOMPARE(limitOf(QStringLiteral("leaf"), QStringLiteral("users")).toLongLong(), 7);
    QVERIFY(inherits(QStringLiteral("c"), QStringLiteral("items"))); // sub has no own items limit
    QCOMPARE(limitOf(QStringLiteral("c"), QStringLiteral("users")).toLongLong(), 7);
}

void TstPgStoreWrites::bulkReportsProgress()
{
    auto s = store();
    const Tenant root = create(*s, QStringLiteral("root"), {}, Tier::Starter);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                                       "SELECT '%1', 'child-' || i, 'Child ' || i FROM generate_series(1, 500) i")
                            .arg(root.id.toString(QUuid::WithoutBraces))),
             QString());
    BulkQuotaRequest req;
    req.tenants = {root.id};
    req.includeSubtrees = true;
    req.tier = Tier::Professional;
    QFuture<Result<BulkQuotaReport>> future = s->bulkQuotas(req);
    QFutureWatcher<Result<BulkQuotaReport>> watcher;
    QList<int> values;
    int maximum = 0;
    connect(&watcher, &QFutureWatcherBase::progressValueChanged, this, [&](int v) { values << v; });
    connect(&watcher, &QFutureWatcherBase::progressRangeChanged, this, [&](int, int max) { maximum = max; });
    watcher.setFuture(future);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isFinished(), 60000);
    QCoreApplication::processEvents();
    const Result<BulkQuotaReport> r = future.result();
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->written, 501 * 9);
    QCOMPARE(maximum, 501 + 501 * 9); // tiers, then rows
    QVERIFY(!values.isEmpty());
    QCOMPARE(values.last(), maximum);
}

// A console re-reads a tenant's quotas as a whole: nine rows of one tenant written by one
// statement arrive as one notification, and the tier change of the tenant row as another.
void TstPgStoreWrites::changesNotifyOncePerTenantAndStatement()
{
    auto s = store();
    const Tenant a = create(*s, QStringLiteral("a"), {}, Tier::Starter);
    const Tenant b = create(*s, QStringLiteral("b"), {}, Tier::Starter);
    PgStore watcher(m_db->conninfo(kOperator), PgStore::Options{1, true});
    QVERIFY(await(watcher.open()).ok());
    QTRY_VERIFY_WITH_TIMEOUT(watcher.isChangeFeedLive(), 10000);
    QSignalSpy changes(&watcher, &TenantStore::tenantChanged);
    BulkQuotaRequest req;
    req.tenants = {a.id, b.id};
    req.tier = Tier::Professional;
    const Result<BulkQuotaReport> r = await(s->bulkQuotas(req));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(r->written, 18);
    QTRY_COMPARE_WITH_TIMEOUT(changes.count(), 4, 10000);
    QTest::qWait(300); // nothing else follows
    QStringList seen;
    for (const QList<QVariant> &args : std::as_const(changes)) {
        const auto c = args.first().value<TenantChange>();
        seen << c.table + u':' + (c.tenantId == a.id ? QStringLiteral("a") : QStringLiteral("b"));
    }
    seen.sort();
    QCOMPARE(seen, QStringList({QStringLiteral("quotas:a"), QStringLiteral("quotas:b"), QStringLiteral("tenants:a"),
                                QStringLiteral("tenants:b")}));
}

// Two consoles on two connections edit the same quotas 1,000 times, each from what it read.
// Every write is applied or reported as a conflict, never lost, and the final state is the
// last applied write.
void TstPgStoreWrites::concurrentEditorsNeverLoseAnUpdate()
{
    auto setup = store();
    const Tenant acme = create(*setup, QStringLiteral("acme"), {}, Tier::Starter);
    const QStringList resources{QStringLiteral("users"), QStringLiteral("api_keys")};
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = NULL")), QString());
    const qint64 auditBefore = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toLongLong();

    struct Outcome
    {
        int applied = 0;
        int conflicts = 0;
        int errors = 0;
        // resource -> (version produced, value) of every applied write
        QList<std::tuple<QString, qint64, qint64>> writes;
    };
    auto editor = [&](int who, int edits, Outcome *out) {
        PgStore s(m_db->conninfo(kOperator), PgStore::Options{1, false});
        for (int i = 0; i < edits; ++i) {
            const QString resource = resources[i % resources.size()];
            const Result<QList<Quota>> read = await(s.quotas(acme.id));
            if (!read.ok()) {
                ++out->errors;
                continue;
            }
            const Quota q = *quotaOf(*read, resource);
            const qint64 value = who * 1000000 + i;
            const Result<QuotaWriteReport> w = await(s.writeQuotas({{acme.id, resource, value, std::nullopt, q.version}}));
            if (!w.ok()) {
                qWarning() << "write failed:" << w.error().message;
                ++out->errors;
            } else if (w->applied()) {
                ++out->applied;
                out->writes.append({resource, w->after.first().version, value});
            } else {
                ++out->conflicts;
                if (w->conflicts.first().theirs.version <= q.version)
                    ++out->errors; // a conflict must show a newer row
            }
        }
    };
    Outcome one, two;
    std::thread a(editor, 1, 500, &one);
    std::thread b(editor, 2, 500, &two);
    a.join();
    b.join();

    qInfo("concurrent edits: %d applied, %d conflicts", one.applied + two.applied, one.conflicts + two.conflicts);
    QCOMPARE(one.errors + two.errors, 0);
    QCOMPARE(one.applied + one.conflicts + two.applied + two.conflicts, 1000);
    for (const QString &resource : resources) {
        // The last applied write is the one that produced the highest version; it is what's stored.
        qint64 lastVersion = 0, lastValue = -1;
        int applied = 0;
        QSet<qint64> versions;
        for (const Outcome *o : {&one, &two}) {
            for (const auto &[r, version, value] : o->writes) {
                if (r != resource)
                    continue;
                ++applied;
                versions.insert(version);
                if (version > lastVersion) {
                    lastVersion = version;
                    lastValue = value;
                }
            }
        }
        QCOMPARE(versions.size(), applied); // no two writes produced the same version
        QCOMPARE(limitOf(QStringLiteral("acme"), resource).toLongLong(), lastValue);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT version FROM tenancy.quotas WHERE resource = '%1'").arg(resource))
                     .toLongLong(),
                 lastVersion);
    }
    // Every applied write, and nothing else, is in the audit trail.
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toLongLong() - auditBefore,
             qint64(one.applied + two.applied));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT checked > 0, first_bad_id FROM tenancy.audit_verify()")),
             QStringList({QStringLiteral("t|NULL")}));
}

// Bulk edits, quota batches, creates with a tier and moves, from three connections at once:
// the store takes its locks in one order, so none of them ever deadlocks.
void TstPgStoreWrites::concurrentWritersOfEveryKindDoNotDeadlock()
{
    auto setup = store();
    const Tenant root = create(*setup, QStringLiteral("root"), {}, Tier::Professional);
    const Tenant left = create(*setup, QStringLiteral("left"), {}, Tier::Professional);
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                                       "SELECT '%1', 'child-' || i, 'Child ' || i FROM generate_series(1, 300) i")
                            .arg(root.id.toString(QUuid::WithoutBraces))),
             QString());
    const QUuid child = idOf(QStringLiteral("child-1"));
    std::atomic<int> deadlocks{0}, failures{0};
    auto check = [&](const Error &e) {
        if (e.detail.contains(QLatin1String("deadlock")))
            ++deadlocks;
        else if (e.kind != ErrorKind::Conflict)
            ++failures;
    };
    auto bulk = [&] {
        PgStore s(m_db->conninfo(kOperator), PgStore::Options{1, false});
        for (int i = 0; i < 8; ++i) {
            BulkQuotaRequest req;
            req.tenants = {root.id};
            req.includeSubtrees = true;
            req.tier = i % 2 ? Tier::Starter : Tier::Professional;
            if (const auto r = await(s.bulkQuotas(req)); !r.ok())
                check(r.error());
        }
    };
    auto editor = [&] {
        PgStore s(m_db->conninfo(kOperator), PgStore::Options{1, false});
        for (int i = 0; i < 40; ++i) {
            const auto read = await(s.quotas(child));
            if (!read.ok()) {
                check(read.error());
                continue;
            }
            const Quota q = *quotaOf(*read, QStringLiteral("users"));
            if (const auto w = await(s.writeQuotas({{child, q.resource, std::nullopt, QList<int>{50 + i % 40}, q.version}}));
                !w.ok())
                check(w.error());
        }
    };
    auto organiser = [&] {
        PgStore s(m_db->conninfo(kOperator), PgStore::Options{1, false});
        for (int i = 0; i < 20; ++i) {
            TenantDraft d;
            d.parentId = root.id;
            d.slug = QStringLiteral("new-%1").arg(i);
            d.displayName = d.slug;
            d.tier = Tier::Starter;
            if (const auto r = await(s.createTenant(d)); !r.ok())
                check(r.error());
            const QUuid from = i % 2 ? left.id : root.id, to = i % 2 ? root.id : left.id;
            if (const auto m = await(s.moveTenant(child, from, to)); !m.ok())
                check(m.error());
        }
    };
    std::thread a(bulk), b(editor), c(organiser);
    a.join();
    b.join();
    c.join();
    QCOMPARE(deadlocks.load(), 0);
    QCOMPARE(failures.load(), 0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE slug LIKE 'new-%'")).toInt(), 20);
    QCOMPARE(m_db->rows(QStringLiteral("SELECT checked > 0, first_bad_id FROM tenancy.audit_verify()")),
             QStringList({QStringLiteral("t|NULL")}));
}

QTEST_GUILESS_MAIN(TstPgStoreWrites)
#include "tst_pgstorewrites.moc"
