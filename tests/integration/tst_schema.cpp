// The schema on a real PostgreSQL: migrations, the rules the database enforces on its own
// (so psql and the API can't bypass them), row-level security, roles, and the audit chain.

#include "models/store/schemamigrator.h"
#include "tests/support/pgtestdatabase.h"

#include <QtTest>

#include <pqxx/pqxx>

#include <thread>

#include <QScopeGuard>

using tc::test::PgTestDatabase;

namespace {
const QString kOperator = QStringLiteral("tst_schema_operator");
const QString kAuditor = QStringLiteral("tst_schema_auditor");
const QString kApp = QStringLiteral("tst_schema_app");
} // namespace

class TstSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void migrationIsRecordedAndRerunIsNoop();
    void everyTenantOwnedTableHasForcedRls();
    void rulesRejectViolatingRows_data();
    void rulesRejectViolatingRows();
    void cascadeInOneTransactionIsAccepted();
    void suspendingAParentTakesItsSubtreeAlong();
    void deletedSetsPurgeDate();
    void appRoleSeesOnlyItsActiveTenant();
    void auditorIsReadOnlyAndBlindToContent();
    void auditLogIsWrittenAndChainVerifies();
    void auditLogCannotBeRewrittenByOperators();
    void tamperingBreaksTheChain();
    void notifyIsSentOnChange();
    // Found in review: ways around the rules that must stay closed.
    void triggerFunctionsCannotBeAttachedElsewhere();
    void tempTablesDoNotShadowTheSchema();
    void idCannotChangeToSneakACycle();
    void retentionColumnsAreNotWritable();
    void auditedWritesNeedReadCommitted();
    void concurrentQuotaEditsCannotBreakTheParentLimit();

private:
    QString insertTenant(const QString &slug, const QString &parentSlug = {}, const QString &state = QStringLiteral("active"));
    QString idOf(const QString &slug) const;

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstSchema::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_schema"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kApp, QStringLiteral("tenancy_app")), qPrintable(m_db->error()));
    // The deletion cap (10 % of tenants, at least 1) is tst_lifecycle's; here deletions are free.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());

    // A small hierarchy: acme > marketing > emea, and globex (suspended) > legal (suspended).
    QCOMPARE(insertTenant(QStringLiteral("acme")), QString());
    QCOMPARE(insertTenant(QStringLiteral("marketing"), QStringLiteral("acme")), QString());
    QCOMPARE(insertTenant(QStringLiteral("emea"), QStringLiteral("marketing")), QString());
    QCOMPARE(insertTenant(QStringLiteral("globex"), {}, QStringLiteral("suspended")), QString());
    QCOMPARE(insertTenant(QStringLiteral("legal"), QStringLiteral("globex"), QStringLiteral("suspended")), QString());
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) VALUES "
                 "('%1', 'items', 1000), ('%2', 'items', 500)")
                            .arg(idOf(QStringLiteral("acme")), idOf(QStringLiteral("marketing"))),
                        kOperator),
             QString());
}

QString TstSchema::insertTenant(const QString &slug, const QString &parentSlug, const QString &state)
{
    const QString parent = parentSlug.isEmpty() ? QStringLiteral("NULL") : QStringLiteral("'%1'").arg(idOf(parentSlug));
    return m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name, state) "
                                     "VALUES (%1, '%2', 'Name of %2', '%3')")
                          .arg(parent, slug, state),
                      kOperator);
}

QString TstSchema::idOf(const QString &slug) const
{
    return m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug)).toString();
}

void TstSchema::migrationIsRecordedAndRerunIsNoop()
{
    QStringList expected;
    for (const tc::Migration &m : tc::SchemaMigrator::bundled())
        expected << QString::number(m.version) + u':' + m.name;
    QCOMPARE(expected.first(), QStringLiteral("1:0001_init"));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT string_agg(version || ':' || name, ',' ORDER BY version) "
                                         "FROM tenancy.schema_migrations"))
                 .toString(),
             expected.join(u','));
    QVERIFY(m_db->migrate());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.schema_migrations")).toInt(), expected.size());
}

void TstSchema::everyTenantOwnedTableHasForcedRls()
{
    // Tenant-owned: every table of the schema with a tenant_id column, and tenants itself.
    const QStringList tables = m_db->rows(QStringLiteral(
        "SELECT c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'tenancy' AND c.relkind = 'r' AND (c.relname = 'tenants' OR EXISTS ("
        "  SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')) "
        "ORDER BY 1"));
    QCOMPARE(tables,
             QStringList({QStringLiteral("audit_log:true:true"), QStringLiteral("lifecycle_events:true:true"),
                          QStringLiteral("memories:true:true"), QStringLiteral("quotas:true:true"),
                          QStringLiteral("tenants:true:true"), QStringLiteral("usage_current:true:true"),
                          QStringLiteral("usage_samples:true:true")}));
    // And the primary key of each starts with tenant_id (distributable by tenant later).
    const QStringList keys = m_db->rows(QStringLiteral(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
        "AND a.attnum = i.indkey[0] WHERE i.indisprimary AND n.nspname = 'tenancy' AND a.attname = 'tenant_id' "
        "ORDER BY 1"));
    QCOMPARE(keys, QStringList({QStringLiteral("lifecycle_events"), QStringLiteral("memories"),
                                QStringLiteral("quotas"), QStringLiteral("usage_current"),
                                QStringLiteral("usage_samples")}));
}

void TstSchema::rulesRejectViolatingRows_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected"); // a fragment of the server's message

    QTest::newRow("slug with space")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('has space', 'x')")
        << QStringLiteral("tenants_slug_format");
    QTest::newRow("slug too long")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES (repeat('a', 256), 'x')")
        << QStringLiteral("tenants_slug_format");
    QTest::newRow("empty display name")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('blank', '   ')")
        << QStringLiteral("tenants_display_name_length");
    QTest::newRow("display name too long")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('long', repeat('x', 201))")
        << QStringLiteral("tenants_display_name_length");
    QTest::newRow("duplicate top-level slug")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('acme', 'Another Acme')")
        << QStringLiteral("tenants_sibling_slug");
    QTest::newRow("duplicate sibling slug")
        << QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                          "SELECT id, 'marketing', 'Again' FROM tenancy.tenants WHERE slug = 'acme'")
        << QStringLiteral("tenants_sibling_slug");
    QTest::newRow("unknown tier")
        << QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name, tier) VALUES ('t', 'T', 'gold')")
        << QStringLiteral("tenants_tier");
    QTest::newRow("cycle")
        << QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants WHERE slug = 'emea') "
                          "WHERE slug = 'acme'")
        << QStringLiteral("would create a cycle");
    QTest::newRow("own parent")
        << QStringLiteral("UPDATE tenancy.tenants SET parent_id = id WHERE slug = 'acme'")
        << QStringLiteral("cycle");
    QTest::newRow("depth above 8")
        << QStringLiteral("DO $$ DECLARE p uuid := (SELECT id FROM tenancy.tenants WHERE slug = 'emea'); "
                          "BEGIN FOR i IN 4..9 LOOP INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                          "VALUES (p, 'level' || i, 'Level ' || i) RETURNING id INTO p; END LOOP; END $$")
        << QStringLiteral("at most 8 levels");
    QTest::newRow("child active under suspended parent")
        << QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                          "SELECT id, 'newchild', 'New' FROM tenancy.tenants WHERE slug = 'globex'")
        << QStringLiteral("cannot be active while its parent is not active");
    // (A parent suspended with active children is no longer refused: the children follow,
    // see suspendingAParentTakesItsSubtreeAlong.)
    QTest::newRow("child resumed under suspended parent")
        << QStringLiteral("SELECT set_config('tenancy.reason', 'test', true); "
                          "UPDATE tenancy.tenants SET state = 'active' WHERE slug = 'legal'")
        << QStringLiteral("Tenant \"legal\" cannot be active while its parent is not active.");
    QTest::newRow("transition without a reason")
        << QStringLiteral("UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'acme'")
        << QStringLiteral("Changing tenant \"acme\" from active to suspended needs a reason.");
    QTest::newRow("illegal transition active to archived")
        << QStringLiteral("SELECT set_config('tenancy.reason', 'test', true); "
                          "UPDATE tenancy.tenants SET state = 'archived' WHERE slug = 'emea'")
        << QStringLiteral("cannot go from active to archived");
    QTest::newRow("negative quota")
        << QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                          "SELECT id, 'users', -1 FROM tenancy.tenants WHERE slug = 'acme'")
        << QStringLiteral("quotas_hard_limit_non_negative");
    QTest::newRow("unknown resource")
        << QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                          "SELECT id, 'bananas', 1 FROM tenancy.tenants WHERE slug = 'acme'")
        << QStringLiteral("quotas_resource_fkey");
    QTest::newRow("child limit above parent's")
        << QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 1500 WHERE resource = 'items' "
                          "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'marketing')")
        << QStringLiteral("above the parent's effective limit of 1000");
    QTest::newRow("grandchild limit above inherited limit")
        << QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                          "SELECT id, 'items', 501 FROM tenancy.tenants WHERE slug = 'emea'")
        << QStringLiteral("above the parent's effective limit of 500");
    QTest::newRow("parent lowered below child")
        << QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 400 WHERE resource = 'items' "
                          "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'acme')")
        << QStringLiteral("below sub-tenant \"marketing\"'s limit of 500");
    QTest::newRow("move subtree under a lower limit")
        << QStringLiteral("DO $$ BEGIN "
                          "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) SELECT id, 'users', 5 "
                          "  FROM tenancy.tenants WHERE slug = 'acme'; "
                          "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('bigco', 'BigCo'); "
                          "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) SELECT id, 'users', 50 "
                          "  FROM tenancy.tenants WHERE slug = 'bigco'; "
                          "UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants WHERE slug = 'acme') "
                          "  WHERE slug = 'bigco'; END $$")
        << QStringLiteral("above the new parent's limit of 5");
}

void TstSchema::rulesRejectViolatingRows()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const QString before = m_db->scalar(QStringLiteral("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM "
                                                       "(SELECT id, parent_id, slug, state FROM tenancy.tenants) t"))
                               .toString();
    const QString error = m_db->exec(sql, kOperator);
    QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("expected \"%1\", got \"%2\"").arg(expected, error)));
    // Nothing was changed.
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM "
                                         "(SELECT id, parent_id, slug, state FROM tenancy.tenants) t"))
                 .toString(),
             before);
}

void TstSchema::cascadeInOneTransactionIsAccepted()
{
    // Suspending a parent and its descendants together is fine in any order (deferred check).
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'maintenance', true); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' "
                                       "WHERE slug IN ('acme', 'marketing', 'emea')"),
                        kOperator),
             QString());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'maintenance over', true); "
                                       "UPDATE tenancy.tenants SET state = 'active' "
                                       "WHERE slug IN ('acme', 'marketing', 'emea')"),
                        kOperator),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events e "
                                         "JOIN tenancy.tenants t ON t.id = e.tenant_id "
                                         "WHERE t.slug = 'emea' AND e.to_state = 'suspended'"))
                 .toInt(),
             1);
}

void TstSchema::suspendingAParentTakesItsSubtreeAlong()
{
    // The sub-tenants follow, held by the parent, and come back with it (the details of
    // holds and their release are tst_lifecycle's).
    const QString holds = QStringLiteral("SELECT t.slug || ':' || t.state || ':' || coalesce(h.slug, '-') "
                                         "FROM tenancy.tenants t LEFT JOIN tenancy.tenants h ON h.id = t.held_by "
                                         "WHERE t.slug IN ('acme', 'marketing', 'emea') ORDER BY t.slug");
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'unpaid invoice', true); "
                                       "UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'acme'"),
                        kOperator),
             QString());
    QCOMPARE(m_db->rows(holds), QStringList({QStringLiteral("acme:suspended:-"), QStringLiteral("emea:suspended:acme"),
                                             QStringLiteral("marketing:suspended:acme")}));
    QCOMPARE(m_db->rows(QStringLiteral("SELECT t.slug || ':' || e.reason || ':' || coalesce((e.cascade_root = p.id)::text, '-') "
                                       "FROM tenancy.lifecycle_events e JOIN tenancy.tenants t ON t.id = e.tenant_id "
                                       "JOIN tenancy.tenants p ON p.slug = 'acme' "
                                       "WHERE e.to_state = 'suspended' AND e.reason = 'unpaid invoice' ORDER BY t.slug")),
             QStringList({QStringLiteral("acme:unpaid invoice:-"), QStringLiteral("emea:unpaid invoice:true"),
                          QStringLiteral("marketing:unpaid invoice:true")}));
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'paid', true); "
                                       "UPDATE tenancy.tenants SET state = 'active' WHERE slug = 'acme'"),
                        kOperator),
             QString());
    QCOMPARE(m_db->rows(holds), QStringList({QStringLiteral("acme:active:-"), QStringLiteral("emea:active:-"),
                                             QStringLiteral("marketing:active:-")}));
}

void TstSchema::deletedSetsPurgeDate()
{
    QCOMPARE(insertTenant(QStringLiteral("shortlived")), QString());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'customer left', true); "
                                       "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'shortlived'"),
                        kOperator),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT round(extract(epoch FROM purge_after - state_changed_at) / 86400) "
                                         "FROM tenancy.tenants WHERE slug = 'shortlived'"))
                 .toInt(),
             90);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT reason || '/' || actor FROM tenancy.lifecycle_events e JOIN "
                                         "tenancy.tenants t ON t.id = e.tenant_id WHERE t.slug = 'shortlived' "
                                         "AND e.to_state = 'deleted'"))
                 .toString(),
             QStringLiteral("customer left/") + kOperator);
    // Restored within the retention period: the purge date goes away.
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'customer returned', true); "
                                       "UPDATE tenancy.tenants SET state = 'active' WHERE slug = 'shortlived'"),
                        kOperator),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT purge_after IS NULL FROM tenancy.tenants WHERE slug = 'shortlived'"))
                 .toString(),
             QStringLiteral("t"));
}

void TstSchema::appRoleSeesOnlyItsActiveTenant()
{
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) VALUES "
                 "('%1', 'acme note', '{\"department\": \"marketing\"}'), ('%2', 'globex note', '{}'), "
                 "('%3', 'marketing note', '{}')")
                            .arg(idOf(QStringLiteral("acme")), idOf(QStringLiteral("globex")),
                                 idOf(QStringLiteral("marketing")))),
             QString());

    auto asApp = [&](const QString &tenantSlug, const QString &query) {
        QString error;
        const QStringList r = m_db->rows(QStringLiteral("SELECT set_config('tenancy.tenant', '%1', true); %2")
                                             .arg(idOf(tenantSlug), query),
                                         &error, kApp);
        return error.isEmpty() ? r : QStringList{QStringLiteral("ERROR: ") + error};
    };
    // pqxx returns the last statement's rows.
    QCOMPARE(asApp(QStringLiteral("acme"), QStringLiteral("SELECT content FROM tenancy.memories ORDER BY 1")),
             QStringList{QStringLiteral("acme note")});
    QCOMPARE(asApp(QStringLiteral("acme"), QStringLiteral("SELECT slug FROM tenancy.tenants ORDER BY 1")),
             QStringList{QStringLiteral("acme")});
    QCOMPARE(asApp(QStringLiteral("acme"), QStringLiteral("SELECT count(*) FROM tenancy.quotas")),
             QStringList{QStringLiteral("1")});
    // globex is suspended: the platform sees nothing of it.
    QCOMPARE(asApp(QStringLiteral("globex"), QStringLiteral("SELECT count(*) FROM tenancy.memories")),
             QStringList{QStringLiteral("0")});
    QCOMPARE(asApp(QStringLiteral("globex"), QStringLiteral("SELECT count(*) FROM tenancy.tenants")),
             QStringList{QStringLiteral("0")});
    // Without a selected tenant: nothing at all.
    QString error;
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.memories"), &error, kApp).toInt(), 0);
    // Writing into another tenant is refused by the policy's WITH CHECK.
    const QString write = m_db->exec(QStringLiteral("SELECT set_config('tenancy.tenant', '%1', true); "
                                                    "INSERT INTO tenancy.memories (tenant_id, content) "
                                                    "VALUES ('%2', 'sneaky')")
                                         .arg(idOf(QStringLiteral("acme")), idOf(QStringLiteral("marketing"))),
                                     kApp);
    QVERIFY2(write.contains(QLatin1String("row-level security")), qPrintable(write));
    // And no audit log for the platform.
    QVERIFY(m_db->exec(QStringLiteral("SELECT * FROM tenancy.audit_log"), kApp).contains(QLatin1String("permission denied")));
}

void TstSchema::auditorIsReadOnlyAndBlindToContent()
{
    QString error;
    QVERIFY(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants"), &error, kAuditor).toInt() >= 5);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'x'"), kAuditor)
                .contains(QLatin1String("permission denied")));
    QVERIFY(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource) SELECT id, 'users' "
                                      "FROM tenancy.tenants LIMIT 1"),
                       kAuditor)
                .contains(QLatin1String("permission denied")));
    QVERIFY(m_db->exec(QStringLiteral("SELECT content FROM tenancy.memories"), kAuditor)
                .contains(QLatin1String("permission denied")));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(metadata) FROM tenancy.memories"), &error, kAuditor).toInt(), 3);
}

void TstSchema::auditLogIsWrittenAndChainVerifies()
{
    const int before = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toInt();
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.actor', 'alice@example.com', true); "
                                       "UPDATE tenancy.tenants SET display_name = 'Acme Corporation' WHERE slug = 'acme'"),
                        kOperator),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toInt(), before + 1);
    const QStringList last = m_db->rows(QStringLiteral(
        "SELECT actor, action, tenant_id, before ->> 'display_name', after ->> 'display_name', "
        "prev_hash IS NOT NULL, length(hash) FROM tenancy.audit_log ORDER BY id DESC LIMIT 1"));
    QCOMPARE(last, QStringList{QStringLiteral("alice@example.com via %2|tenants.update|%1|Name of acme|Acme Corporation|t|32")
                                   .arg(idOf(QStringLiteral("acme")), kOperator)});
    // Without tenancy.actor the session user is recorded.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Acme' WHERE slug = 'acme'"), kOperator),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT actor FROM tenancy.audit_log ORDER BY id DESC LIMIT 1")).toString(),
             kOperator);
    // The chain verifies, also for the auditor.
    QString error;
    QCOMPARE(m_db->rows(QStringLiteral("SELECT checked, first_bad_id FROM tenancy.audit_verify()"), &error, kAuditor),
             QStringList{QStringLiteral("%1|NULL").arg(before + 2)});
}

void TstSchema::auditLogCannotBeRewrittenByOperators()
{
    QVERIFY(m_db->exec(QStringLiteral("UPDATE tenancy.audit_log SET actor = 'nobody'"), kOperator)
                .contains(QLatin1String("permission denied")));
    QVERIFY(m_db->exec(QStringLiteral("DELETE FROM tenancy.audit_log"), kOperator)
                .contains(QLatin1String("permission denied")));
    QVERIFY(m_db->exec(QStringLiteral("INSERT INTO tenancy.audit_log (at, actor, action, hash) "
                                      "VALUES (now(), 'x', 'forged', '\\x00')"),
                       kOperator)
                .contains(QLatin1String("permission denied")));
    QVERIFY(m_db->exec(QStringLiteral("SELECT tenancy.audit_append('forged', NULL, NULL, NULL)"), kOperator)
                .contains(QLatin1String("permission denied")));
}

void TstSchema::tamperingBreaksTheChain()
{
    const QString middle = m_db->scalar(QStringLiteral("SELECT id FROM tenancy.audit_log ORDER BY id OFFSET 2 LIMIT 1"))
                               .toString();
    // Only the owner could do this; the verification notices.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.audit_log SET actor = 'mallory' WHERE id = %1").arg(middle)),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT first_bad_id FROM tenancy.audit_verify()")).toString(), middle);
}

void TstSchema::notifyIsSentOnChange()
{
    // LISTEN and the change on one connection: the notification is delivered at commit.
    const QStringList r = m_db->rows(QStringLiteral(
        "LISTEN tenancy_changes; UPDATE tenancy.tenants SET display_name = 'Emea' WHERE slug = 'emea'; "
        "SELECT 1"));
    QCOMPARE(r, QStringList{QStringLiteral("1")});
    // The payload format is covered end to end by tst_pgstore; here: the triggers exist on
    // both tables that consoles watch (quotas: once per statement, see tst_pgstorewrites).
    QCOMPARE(m_db->rows(QStringLiteral("SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                                       "WHERE tgname LIKE 'notify%' ORDER BY 1, 2")),
             QStringList({QStringLiteral("tenancy.quotas|notify_delete"), QStringLiteral("tenancy.quotas|notify_insert"),
                          QStringLiteral("tenancy.quotas|notify_update"), QStringLiteral("tenancy.tenants|notify_change")}));
}

void TstSchema::triggerFunctionsCannotBeAttachedElsewhere()
{
    // A trigger of the owner's on a temp table of the auditor's would write "audit" rows as the owner.
    for (const QString &role : {kAuditor, kOperator, kApp}) {
        const QString error = m_db->exec(QStringLiteral(
            "CREATE TEMP TABLE tenants (id uuid, slug text, state text); "
            "CREATE TRIGGER forge AFTER INSERT ON tenants REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            "EXECUTE FUNCTION tenancy.audit_statement()"),
            role);
        QVERIFY2(error.contains(QLatin1String("permission denied for function tenancy.audit_statement")), qPrintable(error));
    }
    const QString usage = m_db->exec(QStringLiteral(
        "CREATE TEMP TABLE u (tenant_id uuid, resource text, at timestamptz, value bigint); "
        "CREATE TRIGGER forge AFTER INSERT ON u REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION tenancy.usage_samples_track_current()"),
        kApp);
    QVERIFY2(usage.contains(QLatin1String("permission denied")), qPrintable(usage));
}

void TstSchema::tempTablesDoNotShadowTheSchema()
{
    const int audits = m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toInt();
    // Temp tables named like ours, then a rename and a child limit far above its parent's.
    const QString error = m_db->exec(QStringLiteral(
        "CREATE TEMP TABLE audit_log (LIKE tenancy.audit_log); "
        "CREATE TEMP TABLE quotas (LIKE tenancy.quotas); "
        "CREATE TEMP TABLE tenants (LIKE tenancy.tenants); "
        "UPDATE tenancy.tenants SET display_name = 'Shadowed' WHERE slug = 'emea'"),
        kOperator);
    QCOMPARE(error, QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toInt(), audits + 1);
    const QString limit = m_db->exec(QStringLiteral(
        "CREATE TEMP TABLE quotas (LIKE tenancy.quotas); CREATE TEMP TABLE tenants (LIKE tenancy.tenants); "
        "UPDATE tenancy.quotas SET hard_limit = 1000000 WHERE resource = 'items' "
        "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'marketing')"),
        kOperator);
    QVERIFY2(limit.contains(QLatin1String("above the parent's effective limit")), qPrintable(limit));
}

void TstSchema::idCannotChangeToSneakACycle()
{
    const QString error = m_db->exec(QStringLiteral(
        "UPDATE tenancy.tenants SET id = gen_random_uuid(), "
        "parent_id = (SELECT id FROM tenancy.tenants WHERE slug = 'emea') WHERE slug = 'acme'"));
    QVERIFY2(error.contains(QLatin1String("cannot change")), qPrintable(error));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT tenancy.depth_of(id) FROM tenancy.tenants WHERE slug = 'emea'")).toInt(), 3);
}

void TstSchema::retentionColumnsAreNotWritable()
{
    for (const char *column : {"purge_after = now() + interval '10 years'", "purged_at = NULL",
                               "state_changed_at = now()", "version = 1", "created_at = now()"}) {
        const QString error = m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET %1 WHERE slug = 'acme'")
                                             .arg(QLatin1String(column)),
                                         kOperator);
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    }
    // Even the owner can't move the purge date without a state change.
    QCOMPARE(insertTenant(QStringLiteral("retained")), QString());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'test', true); "
                                       "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'retained'"),
                        kOperator),
             QString());
    const QString purge = m_db->scalar(QStringLiteral("SELECT purge_after FROM tenancy.tenants WHERE slug = 'retained'")).toString();
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET purge_after = now() + interval '10 years', "
                                       "display_name = 'x' WHERE slug = 'retained'")),
             QString());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT purge_after FROM tenancy.tenants WHERE slug = 'retained'")).toString(), purge);
}

void TstSchema::auditedWritesNeedReadCommitted()
{
    const QString error = m_db->exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; "
                                                    "UPDATE tenancy.tenants SET display_name = 'RR' WHERE slug = 'emea'"),
                                     kOperator);
    QVERIFY2(error.contains(QLatin1String("READ COMMITTED")), qPrintable(error));
}

void TstSchema::concurrentQuotaEditsCannotBreakTheParentLimit()
{
    // T1 lowers the parent and holds its transaction open; T2 raises the child meanwhile.
    pqxx::connection c1(m_db->conninfo(kOperator).toStdString());
    pqxx::work t1(c1);
    t1.exec("UPDATE tenancy.quotas SET hard_limit = 600 WHERE resource = 'items' "
            "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'acme')");
    QString t2Error;
    std::thread t2([&] {
        t2Error = m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 900 WHERE resource = 'items' "
                                            "AND tenant_id = (SELECT id FROM tenancy.tenants WHERE slug = 'marketing')"),
                             kOperator);
    });
    // Whatever fails below, T1 ends and T2 is joined (a joinable thread would abort the run).
    auto joinT2 = qScopeGuard([&] {
        if (t2.joinable()) {
            t1.abort();
            t2.join();
        }
    });
    // T2 waits for T1's lock; T1 commits; T2 then checks against 600 and is refused.
    QTRY_VERIFY(m_db->scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                            "AND usename = '%1'").arg(kOperator)).toInt() == 1);
    t1.commit();
    t2.join();
    joinT2.dismiss();
    QVERIFY2(t2Error.contains(QLatin1String("above the parent's effective limit of 600")), qPrintable(t2Error));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT hard_limit FROM tenancy.quotas q JOIN tenancy.tenants t ON t.id = "
                                         "q.tenant_id WHERE t.slug = 'marketing' AND q.resource = 'items'")).toInt(),
             500);
}

QTEST_GUILESS_MAIN(TstSchema)
#include "tst_schema.moc"
