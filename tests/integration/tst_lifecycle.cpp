// Lifecycle transitions as the database enforces them (resources/sql/0004_lifecycle.sql), in
// raw SQL as an operator, the platform, an auditor and the schema owner: the transition table
// and its reason, the cascade with holds and their release, retention and the clock, the
// resumable purge with its tombstone, and the guard rails (prevent deletion, the deletion cap).

#include "tests/support/pgtestdatabase.h"

#include <QtTest>

#include <pqxx/pqxx>

#include <map>
#include <thread>

#include <QScopeGuard>

using tc::test::PgTestDatabase;

namespace {
const QString kOperator = QStringLiteral("tst_lifecycle_operator");
const QString kAuditor = QStringLiteral("tst_lifecycle_auditor");
const QString kApp = QStringLiteral("tst_lifecycle_app");

// Each test starts from this hierarchy, every tenant active:
//   acme > marketing > {apac, emea};  acme > sales;  globex;  initech
const QStringList kAllActive = {
    QStringLiteral("acme|active|-|-"),    QStringLiteral("apac|active|-|-"),
    QStringLiteral("emea|active|-|-"),    QStringLiteral("globex|active|-|-"),
    QStringLiteral("initech|active|-|-"), QStringLiteral("marketing|active|-|-"),
    QStringLiteral("sales|active|-|-"),
};
} // namespace

class TstLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void directTransitions_data();
    void directTransitions();
    void transitionNeedsAReason_data();
    void transitionNeedsAReason();
    void reasonDoesNotOutliveItsTransaction();
    void directChangeCannotPassForACascade_data();
    void directChangeCannotPassForACascade();
    void suspendCascadesDownAndHolds();
    void releaseRestoresWhatWasThere_data();
    void releaseRestoresWhatWasThere();
    void childCannotBeActiveUnderInactiveParent();
    void moveLeavesNoHoldOutsideTheAncestors();
    void moveKeepsAHoldWhoseHolderIsStillAbove();
    void cascadeFromAnOperatorsOwnTriggerStillCascades();
    void nothingGoesUnderADeletedTenant();
    void platformSeesOnlyActiveTenants();
    void deleteSchedulesThePurgeAndRestoreRespectsIt();
    void purgeRemovesDataInBatchesAndKeepsTheTombstone();
    void interruptedPurgeLosesNothing_data();
    void interruptedPurgeLosesNothing();
    void legalHoldAfterDeletionIsNotPurged();
    void preventDeletionRefusesDeletion_data();
    void preventDeletionRefusesDeletion();
    void deletionCapLimitsDeletions();
    void guardRailsAndClockAreOwnerOnlyAndAudited();
    void concurrentDeletionsRespectTheCap_data();
    void concurrentDeletionsRespectTheCap();

private:
    // SQL as `role` (default: the owner) in one transaction of that role's session: "" on
    // success, else the server's message. One session per role keeps the test fast (a new
    // connection costs more than most statements here); nothing session-wide is ever set.
    QString exec(const QString &sql, const QString &role = {});
    QString run(const QString &sql, const QString &role, QStringList *rows);
    QString idOf(const QString &slug);
    // A direct transition with a reason, as one transaction; "" on success, else the error.
    QString change(const QString &slug, const QString &state, const QString &reason = QStringLiteral("test"),
                   const QString &role = kOperator);
    QString setClock(const QString &offset); // as the owner
    // slug|state|holder's slug|own state, for every tenant ('-' for none).
    QStringList holds();
    // Everything a refused statement must leave alone.
    QString fingerprint();
    // First column of the first row / all rows; an error comes back as "ERROR: ..." so it
    // shows in the comparison.
    QString value(const QString &sql, const QString &role = {});
    QStringList table(const QString &sql, const QString &role = {});
    // One purge_step(batch) as the operator: "slug|memories|usage_samples|finished" or nothing.
    QStringList purgeStep(int batch);
    // Memories, usage samples and quotas for initech (7, 3 + 2, 2) and globex (3, 2, 1).
    void addTenantData();
    QString dataOf(const QString &slug); // memories|samples|quotas|usage_current

    std::unique_ptr<PgTestDatabase> m_db;
    std::map<QString, std::unique_ptr<pqxx::connection>> m_sessions; // closed before m_db drops the database
};

void TstLifecycle::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_lifecycle"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")), qPrintable(m_db->error()));
    QVERIFY2(m_db->createLogin(kApp, QStringLiteral("tenancy_app")), qPrintable(m_db->error()));
}

void TstLifecycle::init()
{
    // The owner clears the tenants with triggers off (the audit chain keeps its rows and stays
    // valid), puts the clock back and lifts the cap; tests of the cap set their own.
    QCOMPARE(exec(QStringLiteral(
                 "SET LOCAL session_replication_role = replica; DELETE FROM tenancy.memories; "
                 "DELETE FROM tenancy.quotas; DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "UPDATE tenancy.clock SET offset_by = interval '0'; "
                 "UPDATE tenancy.guard_rails SET deletion_cap_percent = 100;")),
             QString());
    QCOMPARE(exec(QStringLiteral(
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES "
                 "  ('acme', 'Acme'), ('globex', 'Globex'), ('initech', 'Initech'); "
                 "INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                 "  SELECT id, s, initcap(s) FROM tenancy.tenants, unnest(ARRAY['marketing', 'sales']) s "
                 "   WHERE slug = 'acme'; "
                 "INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                 "  SELECT id, s, initcap(s) FROM tenancy.tenants, unnest(ARRAY['apac', 'emea']) s "
                 "   WHERE slug = 'marketing';"),
                        kOperator),
             QString());
    QCOMPARE(holds(), kAllActive);
}

void TstLifecycle::cleanup()
{
    // A failed test must not leave the clock ahead for the next one (init resets it too).
    QCOMPARE(setClock(QStringLiteral("0")), QString());
}

QString TstLifecycle::exec(const QString &sql, const QString &role)
{
    return run(sql, role, nullptr);
}

QString TstLifecycle::run(const QString &sql, const QString &role, QStringList *rows)
{
    try {
        std::unique_ptr<pqxx::connection> &conn = m_sessions[role];
        if (!conn || !conn->is_open())
            conn = std::make_unique<pqxx::connection>(m_db->conninfo(role).toStdString());
        pqxx::work tx(*conn);
        const pqxx::result r = tx.exec(sql.toStdString()); // the last statement's rows
        for (const auto &row : r) {
            QStringList cols;
            for (const auto &field : row)
                cols << (field.is_null() ? QStringLiteral("NULL") : QString::fromUtf8(field.c_str()));
            if (rows)
                *rows << cols.join(u'|');
        }
        tx.commit();
        return {};
    } catch (const pqxx::broken_connection &e) {
        m_sessions.erase(role);
        return QString::fromUtf8(e.what()).trimmed();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what()).trimmed();
    }
}

QString TstLifecycle::idOf(const QString &slug)
{
    return value(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug));
}

QString TstLifecycle::change(const QString &slug, const QString &state, const QString &reason, const QString &role)
{
    return exec(QStringLiteral("SELECT set_config('tenancy.reason', '%3', true); "
                                     "UPDATE tenancy.tenants SET state = '%2' WHERE slug = '%1'")
                          .arg(slug, state, reason),
                      role);
}

QString TstLifecycle::setClock(const QString &offset)
{
    return exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '%1'").arg(offset));
}

QStringList TstLifecycle::holds()
{
    return table(QStringLiteral("SELECT t.slug, t.state, coalesce(h.slug, '-'), coalesce(t.own_state, '-') "
                                "FROM tenancy.tenants t LEFT JOIN tenancy.tenants h ON h.id = t.held_by ORDER BY t.slug"));
}

QString TstLifecycle::fingerprint()
{
    return value(QStringLiteral(
        "SELECT concat_ws('|', (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM tenancy.tenants t), "
        "(SELECT count(*) FROM tenancy.lifecycle_events), (SELECT count(*) FROM tenancy.memories), "
        "(SELECT count(*) FROM tenancy.usage_samples), (SELECT count(*) FROM tenancy.quotas), "
        "(SELECT count(*) FROM tenancy.usage_current), (SELECT count(*) FROM tenancy.audit_log))"));
}

QString TstLifecycle::value(const QString &sql, const QString &role)
{
    const QStringList r = table(sql, role);
    return r.isEmpty() ? QString() : r.first().section(u'|', 0, 0);
}

QStringList TstLifecycle::table(const QString &sql, const QString &role)
{
    QStringList r;
    const QString error = run(sql, role, &r);
    return error.isEmpty() ? r : QStringList{QStringLiteral("ERROR: ") + error};
}

QStringList TstLifecycle::purgeStep(int batch)
{
    return table(QStringLiteral("SELECT slug, memories, usage_samples, finished FROM tenancy.purge_step(%1)").arg(batch),
                 kOperator);
}

void TstLifecycle::addTenantData()
{
    // What the platform wrote (the owner here: operators don't write usage samples).
    QCOMPARE(exec(QStringLiteral(
                 "INSERT INTO tenancy.memories (tenant_id, content) "
                 "  SELECT t.id, t.slug || ' note ' || g FROM tenancy.tenants t, "
                 "       LATERAL generate_series(1, CASE t.slug WHEN 'initech' THEN 7 ELSE 3 END) g "
                 "   WHERE t.slug IN ('initech', 'globex'); "
                 "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                 "  SELECT t.id, v.resource, now() - g * interval '1 hour', g "
                 "    FROM tenancy.tenants t "
                 "    JOIN (VALUES ('initech', 'items', 3), ('initech', 'storage_bytes', 2), ('globex', 'items', 2)) "
                 "         AS v (slug, resource, n) ON v.slug = t.slug, "
                 "         LATERAL generate_series(1, v.n) g;")),
             QString());
    QCOMPARE(exec(QStringLiteral(
                 "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                 "  SELECT t.id, v.resource, v.hard_limit FROM tenancy.tenants t "
                 "    JOIN (VALUES ('initech', 'items', 1000), ('initech', 'users', 10), ('globex', 'items', 50)) "
                 "         AS v (slug, resource, hard_limit) ON v.slug = t.slug"),
                        kOperator),
             QString());
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("7|5|2|2"));
    QCOMPARE(dataOf(QStringLiteral("globex")), QStringLiteral("3|2|1|1"));
}

QString TstLifecycle::dataOf(const QString &slug)
{
    return table(QStringLiteral(
                     "SELECT (SELECT count(*) FROM tenancy.memories WHERE tenant_id = t.id), "
                     "(SELECT count(*) FROM tenancy.usage_samples WHERE tenant_id = t.id), "
                     "(SELECT count(*) FROM tenancy.quotas WHERE tenant_id = t.id), "
                     "(SELECT count(*) FROM tenancy.usage_current WHERE tenant_id = t.id) "
                     "FROM tenancy.tenants t WHERE t.slug = '%1'")
                     .arg(slug))
        .value(0);
}

// ---------------------------------------------------------------------------------------
// The transition table
// ---------------------------------------------------------------------------------------

void TstLifecycle::directTransitions_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("legal");
    const QStringList states = {QStringLiteral("active"), QStringLiteral("suspended"), QStringLiteral("archived"),
                                QStringLiteral("deleted")};
    const QStringList legal = {
        QStringLiteral("active>suspended"),   QStringLiteral("active>deleted"),
        QStringLiteral("suspended>active"),   QStringLiteral("suspended>archived"),
        QStringLiteral("suspended>deleted"),  QStringLiteral("archived>active"),
        QStringLiteral("archived>deleted"),   QStringLiteral("deleted>active"),
    };
    // Every pair: 8 legal, 4 illegal (active>archived, archived>suspended, deleted>suspended,
    // deleted>archived) and 4 that stay in the same state.
    for (const QString &from : states) {
        for (const QString &to : states) {
            const QString key = from + u'>' + to;
            QTest::newRow(qPrintable(key)) << from << to << legal.contains(key);
        }
    }
}

void TstLifecycle::directTransitions()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, legal);
    // initech (no sub-tenants) reaches `from` by legal steps.
    const QHash<QString, QStringList> pathTo = {
        {QStringLiteral("active"), {}},
        {QStringLiteral("suspended"), {QStringLiteral("suspended")}},
        {QStringLiteral("archived"), {QStringLiteral("suspended"), QStringLiteral("archived")}},
        {QStringLiteral("deleted"), {QStringLiteral("deleted")}},
    };
    for (const QString &step : pathTo.value(from))
        QCOMPARE(change(QStringLiteral("initech"), step, QStringLiteral("setup")), QString());
    const QString initech = idOf(QStringLiteral("initech"));
    const QString lastEvent = QStringLiteral(
        "SELECT coalesce(from_state, '-'), to_state, reason, actor, coalesce(cascade_root::text, '-') "
        "FROM tenancy.lifecycle_events WHERE tenant_id = '%1' ORDER BY id DESC LIMIT 1").arg(initech);
    const QString before = fingerprint();
    const QStringList eventBefore = table(lastEvent);

    if (from == to) {
        // A no-op: no reason needed, no event, nothing about the lifecycle moves.
        const QString columns = QStringLiteral("SELECT state, state_changed_at, coalesce(purge_after::text, '-') "
                                               "FROM tenancy.tenants WHERE slug = 'initech'");
        const QStringList lifecycleBefore = table(columns);
        QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET state = '%1' WHERE slug = 'initech'").arg(to),
                            kOperator),
                 QString());
        QCOMPARE(table(columns), lifecycleBefore);
        QCOMPARE(table(lastEvent), eventBefore);
        return;
    }

    const QString reason = QStringLiteral("test: %1 to %2").arg(from, to);
    const QString error = change(QStringLiteral("initech"), to, reason);
    if (!legal) {
        const QString expected = QStringLiteral("Tenant \"initech\" cannot go from %1 to %2.").arg(from, to);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(fingerprint(), before);
        return;
    }
    QCOMPARE(error, QString());
    QCOMPARE(value(QStringLiteral("SELECT state FROM tenancy.tenants WHERE slug = 'initech'")), to);
    QCOMPARE(table(lastEvent), QStringList{QStringLiteral("%1|%2|%3|%4|-").arg(from, to, reason, kOperator)});
    // Only a deleted tenant has a purge date: the default retention of 90 days.
    QCOMPARE(value(QStringLiteral("SELECT coalesce((purge_after - state_changed_at)::text, '-') "
                                  "FROM tenancy.tenants WHERE slug = 'initech'")),
             to == QLatin1String("deleted") ? QStringLiteral("90 days") : QStringLiteral("-"));
}

void TstLifecycle::transitionNeedsAReason_data()
{
    QTest::addColumn<QString>("prefix"); // what runs before the UPDATE in the same transaction
    QTest::newRow("no reason") << QString();
    QTest::newRow("empty reason") << QStringLiteral("SELECT set_config('tenancy.reason', '', true);");
    QTest::newRow("blank reason") << QStringLiteral("SELECT set_config('tenancy.reason', '    ', true);");
    QTest::newRow("whitespace only") << QStringLiteral("SELECT set_config('tenancy.reason', E'\\t\\n ', true);");
}

void TstLifecycle::transitionNeedsAReason()
{
    QFETCH(QString, prefix);
    const QString before = fingerprint();
    for (const char *to : {"suspended", "deleted"}) {
        const QString error = exec(
            prefix + QStringLiteral(" UPDATE tenancy.tenants SET state = '%1' WHERE slug = 'acme'").arg(QLatin1String(to)),
            kOperator);
        QVERIFY2(error.contains(QStringLiteral("Changing tenant \"acme\" from active to %1 needs a reason.")
                                    .arg(QLatin1String(to))),
                 qPrintable(error));
        QCOMPARE(fingerprint(), before);
    }
}

void TstLifecycle::reasonDoesNotOutliveItsTransaction()
{
    pqxx::connection conn(m_db->conninfo(kOperator).toStdString());
    {
        pqxx::work tx(conn);
        tx.exec("SELECT set_config('tenancy.reason', 'yesterday''s reason', true)");
        tx.commit();
    }
    const QString before = fingerprint();
    pqxx::work tx(conn);
    try {
        tx.exec("UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'acme'");
        QFAIL("the transition was accepted with the reason of an earlier transaction");
    } catch (const pqxx::sql_error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("needs a reason")), e.what());
    }
    tx.abort();
    QCOMPARE(fingerprint(), before);
}

void TstLifecycle::directChangeCannotPassForACascade_data()
{
    QTest::addColumn<QString>("setup"); // initech's state first
    QTest::addColumn<QString>("clock");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("message");
    QTest::newRow("active to archived, no reason")
        << QStringLiteral("active") << QStringLiteral("0") << QStringLiteral("archived")
        << QStringLiteral("Tenant \"initech\" cannot go from active to archived.");
    QTest::newRow("deleted past retention to archived (escapes the purge)")
        << QStringLiteral("deleted") << QStringLiteral("91 days") << QStringLiteral("archived")
        << QStringLiteral("Tenant \"initech\" cannot go from deleted to archived.");
}

void TstLifecycle::directChangeCannotPassForACascade()
{
    QFETCH(QString, setup);
    QFETCH(QString, clock);
    QFETCH(QString, to);
    QFETCH(QString, message);
    if (setup != QLatin1String("active"))
        QCOMPARE(change(QStringLiteral("initech"), setup), QString());
    QCOMPARE(setClock(clock), QString());
    const QString before = fingerprint();
    // Any login may fire a trigger of its own (a function in pg_temp on a temp table); the
    // change it makes runs one trigger level down, like the cascade's. A connection of its
    // own: the temp function outlives the transaction.
    const QString error = m_db->exec(QStringLiteral(
        "CREATE FUNCTION pg_temp.sneak() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "  UPDATE tenancy.tenants SET state = '%1' WHERE slug = 'initech'; RETURN NULL; END $$; "
        "CREATE TEMP TABLE poke (x int) ON COMMIT DROP; "
        "CREATE TRIGGER poke AFTER INSERT ON poke FOR EACH ROW EXECUTE FUNCTION pg_temp.sneak(); "
        "INSERT INTO poke VALUES (1);").arg(to),
        kOperator);
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(fingerprint(), before);
}

// ---------------------------------------------------------------------------------------
// Cascade and release
// ---------------------------------------------------------------------------------------

void TstLifecycle::suspendCascadesDownAndHolds()
{
    QCOMPARE(change(QStringLiteral("emea"), QStringLiteral("suspended"), QStringLiteral("emea on its own")), QString());
    const QString lastEventBefore = value(QStringLiteral("SELECT max(id) FROM tenancy.lifecycle_events"));

    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("suspended"), QStringLiteral("billing dispute")), QString());
    // Every active descendant is held by acme and remembers it was active; emea was already
    // suspended on its own and stays its own.
    QCOMPARE(holds(), QStringList({
                          QStringLiteral("acme|suspended|-|-"),
                          QStringLiteral("apac|suspended|acme|active"),
                          QStringLiteral("emea|suspended|-|-"),
                          QStringLiteral("globex|active|-|-"),
                          QStringLiteral("initech|active|-|-"),
                          QStringLiteral("marketing|suspended|acme|active"),
                          QStringLiteral("sales|suspended|acme|active"),
                      }));
    // One event per changed tenant, the root's first; the cascaded ones name the root and
    // carry the operator's reason.
    const QString acme = idOf(QStringLiteral("acme"));
    QCOMPARE(table(QStringLiteral("SELECT t.slug, e.from_state, e.to_state, e.reason, e.actor, "
                                  "coalesce(e.cascade_root::text, '-') FROM tenancy.lifecycle_events e "
                                  "JOIN tenancy.tenants t ON t.id = e.tenant_id WHERE e.id > %1 "
                                  "ORDER BY e.cascade_root IS NOT NULL, t.slug")
                       .arg(lastEventBefore)),
             QStringList({
                 QStringLiteral("acme|active|suspended|billing dispute|%1|-").arg(kOperator),
                 QStringLiteral("apac|active|suspended|billing dispute|%1|%2").arg(kOperator, acme),
                 QStringLiteral("marketing|active|suspended|billing dispute|%1|%2").arg(kOperator, acme),
                 QStringLiteral("sales|active|suspended|billing dispute|%1|%2").arg(kOperator, acme),
             }));
    QCOMPARE(value(QStringLiteral("SELECT t.slug FROM tenancy.lifecycle_events e JOIN tenancy.tenants t "
                                  "ON t.id = e.tenant_id WHERE e.id > %1 ORDER BY e.id LIMIT 1").arg(lastEventBefore)),
             QStringLiteral("acme"));
    // The same for the next step: archiving takes the held ones and emea along; emea
    // remembers it was suspended of its own.
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("archived"), QStringLiteral("contract ended")), QString());
    QCOMPARE(holds(), QStringList({
                          QStringLiteral("acme|archived|-|-"),
                          QStringLiteral("apac|archived|acme|active"),
                          QStringLiteral("emea|archived|acme|suspended"),
                          QStringLiteral("globex|active|-|-"),
                          QStringLiteral("initech|active|-|-"),
                          QStringLiteral("marketing|archived|acme|active"),
                          QStringLiteral("sales|archived|acme|active"),
                      }));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events WHERE to_state = 'archived' "
                                  "AND reason = 'contract ended' AND cascade_root = '%1'").arg(acme)),
             QStringLiteral("4"));
    // The audit chain took every row of the cascade.
    QCOMPARE(table(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()"), kAuditor),
             QStringList{QStringLiteral("t")});
}

void TstLifecycle::releaseRestoresWhatWasThere_data()
{
    QTest::addColumn<QStringList>("path"); // acme's states, in order; the last is active
    QTest::newRow("suspend, resume") << QStringList{QStringLiteral("suspended"), QStringLiteral("active")};
    QTest::newRow("suspend, archive, restore")
        << QStringList{QStringLiteral("suspended"), QStringLiteral("archived"), QStringLiteral("active")};
    QTest::newRow("delete, restore") << QStringList{QStringLiteral("deleted"), QStringLiteral("active")};
    QTest::newRow("suspend, delete, restore")
        << QStringList{QStringLiteral("suspended"), QStringLiteral("deleted"), QStringLiteral("active")};
    QTest::newRow("suspend, archive, delete, restore")
        << QStringList{QStringLiteral("suspended"), QStringLiteral("archived"), QStringLiteral("deleted"),
                       QStringLiteral("active")};
}

void TstLifecycle::releaseRestoresWhatWasThere()
{
    QFETCH(QStringList, path);
    // marketing is suspended on its own, holding its two sub-tenants.
    QCOMPARE(change(QStringLiteral("marketing"), QStringLiteral("suspended"), QStringLiteral("own")), QString());
    const QStringList original = holds();
    QCOMPARE(original, QStringList({
                           QStringLiteral("acme|active|-|-"),
                           QStringLiteral("apac|suspended|marketing|active"),
                           QStringLiteral("emea|suspended|marketing|active"),
                           QStringLiteral("globex|active|-|-"),
                           QStringLiteral("initech|active|-|-"),
                           QStringLiteral("marketing|suspended|-|-"),
                           QStringLiteral("sales|active|-|-"),
                       }));
    const QString acme = idOf(QStringLiteral("acme"));
    for (const QString &state : path) {
        QCOMPARE(change(QStringLiteral("acme"), state), QString());
        if (state == QLatin1String("active"))
            break;
        // Nothing below acme is less restrictive than acme.
        QCOMPARE(table(QStringLiteral("SELECT t.slug || ':' || t.state FROM tenancy.descendants('%1') d "
                                      "JOIN tenancy.tenants t ON t.id = d.id WHERE t.state <> '%2' ORDER BY 1")
                           .arg(acme, state)),
                 QStringList());
    }
    // Back exactly: marketing still suspended of its own and still holding its sub-tenants,
    // sales active again, no purge date left anywhere.
    QCOMPARE(holds(), original);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE purge_after IS NOT NULL")),
             QStringLiteral("0"));
    // Resuming marketing then releases its own hold.
    QCOMPARE(change(QStringLiteral("marketing"), QStringLiteral("active")), QString());
    QCOMPARE(holds(), kAllActive);
    QCOMPARE(table(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()")),
             QStringList{QStringLiteral("t")});
}

void TstLifecycle::childCannotBeActiveUnderInactiveParent()
{
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("suspended")), QString());
    const QString before = fingerprint();
    // Resuming a held sub-tenant on its own: checked at commit.
    const QString resume = change(QStringLiteral("marketing"), QStringLiteral("active"));
    QVERIFY2(resume.contains(QLatin1String("Tenant \"marketing\" cannot be active while its parent is not active.")),
             qPrintable(resume));
    QCOMPARE(fingerprint(), before);
    // Nor can one be created active.
    const QString insert = exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                                                     "SELECT id, 'newteam', 'New team' FROM tenancy.tenants "
                                                     "WHERE slug = 'sales'"),
                                      kOperator);
    QVERIFY2(insert.contains(QLatin1String("Tenant \"newteam\" cannot be active while its parent is not active.")),
             qPrintable(insert));
    // Restoring a sub-tenant of a deleted parent: the same.
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("deleted")), QString());
    const QString deleted = fingerprint();
    const QString restore = change(QStringLiteral("emea"), QStringLiteral("active"));
    QVERIFY2(restore.contains(QLatin1String("Tenant \"emea\" cannot be active while its parent is not active.")),
             qPrintable(restore));
    QCOMPARE(fingerprint(), deleted);
}

void TstLifecycle::moveLeavesNoHoldOutsideTheAncestors()
{
    const QString strayHolds = QStringLiteral(
        "SELECT string_agg(t.slug || '<' || h.slug, ',' ORDER BY t.slug) FROM tenancy.tenants t "
        "JOIN tenancy.tenants h ON h.id = t.held_by "
        "WHERE t.held_by NOT IN (SELECT a.id FROM tenancy.ancestors(t.id) a)");
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("suspended")), QString());
    QCOMPARE(value(strayHolds), QStringLiteral("NULL"));
    // marketing, held by acme with its two sub-tenants, moves to globex: its own hold is
    // cleared (its state is its own now), and its sub-tenants must not stay held by acme,
    // which no longer is above them (resuming acme would never release them).
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants "
                                 "WHERE slug = 'globex') WHERE slug = 'marketing'"),
                  kOperator),
             QString());
    QCOMPARE(table(QStringLiteral("SELECT state || ':' || coalesce(held_by::text, '-') FROM tenancy.tenants "
                                  "WHERE slug = 'marketing'")),
             QStringList{QStringLiteral("suspended:-")});
    QCOMPARE(value(strayHolds), QStringLiteral("NULL"));
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("active")), QString());
    QCOMPARE(value(strayHolds), QStringLiteral("NULL"));
}

void TstLifecycle::moveKeepsAHoldWhoseHolderIsStillAbove()
{
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("suspended")), QString());
    // apac moves under sales: acme still holds both, so resuming acme brings apac back too.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants "
                                 "WHERE slug = 'sales') WHERE slug = 'apac'"),
                  kOperator),
             QString());
    // emea moves to the top level: nothing holds it there, its suspension is its own.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = NULL WHERE slug = 'emea'"), kOperator), QString());
    QCOMPARE(table(QStringLiteral("SELECT t.slug || ':' || t.state || ':' || coalesce(h.slug, '-') FROM tenancy.tenants t "
                                  "LEFT JOIN tenancy.tenants h ON h.id = t.held_by WHERE t.slug IN ('apac', 'emea') "
                                  "ORDER BY t.slug")),
             (QStringList{QStringLiteral("apac:suspended:acme"), QStringLiteral("emea:suspended:-")}));
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("active")), QString());
    QCOMPARE(table(QStringLiteral("SELECT slug || ':' || state FROM tenancy.tenants WHERE slug IN ('apac', 'emea', 'sales') "
                                  "ORDER BY slug")),
             (QStringList{QStringLiteral("apac:active"), QStringLiteral("emea:suspended"), QStringLiteral("sales:active")}));
}

void TstLifecycle::cascadeFromAnOperatorsOwnTriggerStillCascades()
{
    // A direct change fired from the operator's own trigger (one level down) is still a
    // direct change: it cascades, so the subtree follows and its guard rails apply.
    const QString error = m_db->exec(QStringLiteral(
        "CREATE FUNCTION pg_temp.poke() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "  PERFORM set_config('tenancy.reason', 'poked', true); "
        "  UPDATE tenancy.tenants SET state = 'suspended' WHERE slug = 'acme'; RETURN NULL; END $$; "
        "CREATE TEMP TABLE poke (x int) ON COMMIT DROP; "
        "CREATE TRIGGER poke AFTER INSERT ON poke FOR EACH ROW EXECUTE FUNCTION pg_temp.poke(); "
        "INSERT INTO poke VALUES (1);"),
        kOperator);
    QCOMPARE(error, QString());
    QCOMPARE(table(QStringLiteral("SELECT slug || ':' || state FROM tenancy.tenants WHERE slug IN ('acme', 'marketing', 'emea') "
                                  "ORDER BY slug")),
             (QStringList{QStringLiteral("acme:suspended"), QStringLiteral("emea:suspended"),
                          QStringLiteral("marketing:suspended")}));
}

void TstLifecycle::nothingGoesUnderADeletedTenant()
{
    QCOMPARE(change(QStringLiteral("initech"), QStringLiteral("deleted")), QString());
    const QString before = fingerprint();
    QString error = exec(QStringLiteral("UPDATE tenancy.tenants SET parent_id = (SELECT id FROM tenancy.tenants "
                                        "WHERE slug = 'initech') WHERE slug = 'globex'"),
                         kOperator);
    QVERIFY2(error.contains(QStringLiteral("Tenant \"globex\" cannot be placed under a deleted tenant.")), qPrintable(error));
    error = exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name, state) "
                                "SELECT id, 'ghost', 'Ghost', 'archived' FROM tenancy.tenants WHERE slug = 'initech'"),
                 kOperator);
    QVERIFY2(error.contains(QStringLiteral("cannot be placed under a deleted tenant")), qPrintable(error));
    QCOMPARE(fingerprint(), before);
}

void TstLifecycle::platformSeesOnlyActiveTenants()
{
    QCOMPARE(exec(QStringLiteral("INSERT INTO tenancy.memories (tenant_id, content) "
                                       "SELECT id, slug || ' note ' || g FROM tenancy.tenants, generate_series(1, 2) g "
                                       "WHERE slug IN ('acme', 'emea')")),
             QString());
    auto asApp = [&](const QString &slug, const QString &sql) {
        return table(QStringLiteral("SELECT set_config('tenancy.tenant', '%1', true); %2").arg(idOf(slug), sql), kApp);
    };
    const QString seen = QStringLiteral("SELECT (SELECT string_agg(slug, ',') FROM tenancy.tenants) || '/' || "
                                        "(SELECT count(*) FROM tenancy.memories)");
    QCOMPARE(asApp(QStringLiteral("acme"), seen), QStringList{QStringLiteral("acme/2")});
    QCOMPARE(asApp(QStringLiteral("emea"), seen), QStringList{QStringLiteral("emea/2")});

    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("suspended")), QString());
    // Nothing of acme, nor of its held sub-tenant (string_agg of no rows is null).
    QCOMPARE(asApp(QStringLiteral("acme"), seen), QStringList{QStringLiteral("NULL")});
    QCOMPARE(asApp(QStringLiteral("acme"), QStringLiteral("SELECT count(*) FROM tenancy.memories")),
             QStringList{QStringLiteral("0")});
    QCOMPARE(asApp(QStringLiteral("emea"), QStringLiteral("SELECT count(*) FROM tenancy.memories")),
             QStringList{QStringLiteral("0")});
    const QString write = exec(QStringLiteral("SELECT set_config('tenancy.tenant', '%1', true); "
                                                    "INSERT INTO tenancy.memories (tenant_id, content) VALUES ('%1', 'late')")
                                         .arg(idOf(QStringLiteral("acme"))),
                                     kApp);
    QVERIFY2(write.contains(QLatin1String("new row violates row-level security policy")), qPrintable(write));

    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("active")), QString());
    QCOMPARE(asApp(QStringLiteral("acme"), seen), QStringList{QStringLiteral("acme/2")});
    QCOMPARE(asApp(QStringLiteral("emea"), seen), QStringList{QStringLiteral("emea/2")});
    QCOMPARE(exec(QStringLiteral("SELECT set_config('tenancy.tenant', '%1', true); "
                                       "INSERT INTO tenancy.memories (tenant_id, content) VALUES ('%1', 'back')")
                            .arg(idOf(QStringLiteral("acme"))),
                        kApp),
             QString());
    QCOMPARE(asApp(QStringLiteral("acme"), seen), QStringList{QStringLiteral("acme/3")});
}

// ---------------------------------------------------------------------------------------
// Retention, purge
// ---------------------------------------------------------------------------------------

void TstLifecycle::deleteSchedulesThePurgeAndRestoreRespectsIt()
{
    // acme keeps deleted data 30 days; marketing's own 7 don't apply to a cascaded deletion.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"retention_days\": 30}' WHERE slug = 'acme'; "
                                       "UPDATE tenancy.tenants SET settings = '{\"retention_days\": 7}' WHERE slug = 'marketing'"),
                        kOperator),
             QString());
    // The database clock is 10 days ahead: the purge date counts from it.
    QCOMPARE(setClock(QStringLiteral("10 days")), QString());
    QCOMPARE(table(QStringLiteral("SELECT set_config('tenancy.reason', 'customer left', true); "
                                  "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'acme'; "
                                  "SELECT t.slug, t.state, t.purge_after - now(), t.purge_after = r.purge_after, "
                                  "t.state_changed_at = tenancy.clock_now() "
                                  "FROM tenancy.tenants t, tenancy.tenants r WHERE r.slug = 'acme' "
                                  "AND t.state = 'deleted' ORDER BY t.slug"),
                   kOperator),
             QStringList({
                 QStringLiteral("acme|deleted|40 days|t|t"),
                 QStringLiteral("apac|deleted|40 days|t|t"),
                 QStringLiteral("emea|deleted|40 days|t|t"),
                 QStringLiteral("marketing|deleted|40 days|t|t"),
                 QStringLiteral("sales|deleted|40 days|t|t"),
             }));
    // Nothing is due yet.
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()"), kOperator), QStringList{QStringLiteral("0|0")});

    // Restored inside the window (39 of 40 days): all back, no purge date.
    QCOMPARE(setClock(QStringLiteral("39 days")), QString());
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("active"), QStringLiteral("came back")), QString());
    QCOMPARE(holds(), kAllActive);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM tenancy.tenants WHERE purge_after IS NOT NULL")),
             QStringLiteral("0"));

    // Deleted again (today: 30 days), and the clock steps one day past the window.
    QCOMPARE(setClock(QStringLiteral("0")), QString());
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("deleted")), QString());
    QCOMPARE(setClock(QStringLiteral("31 days")), QString());
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()"), kOperator), QStringList{QStringLiteral("5|0")});
    const QString before = fingerprint();
    const QString ended = value(QStringLiteral("SELECT to_char(purge_after AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                                               "FROM tenancy.tenants WHERE slug = 'acme'"));
    const QString error = change(QStringLiteral("acme"), QStringLiteral("active"));
    QVERIFY2(error.contains(QStringLiteral("Tenant \"acme\" is past its retention period (it ended %1 UTC) and "
                                           "cannot be restored.").arg(ended)),
             qPrintable(error));
    QCOMPARE(fingerprint(), before);
}

void TstLifecycle::purgeRemovesDataInBatchesAndKeepsTheTombstone()
{
    addTenantData();
    QCOMPARE(change(QStringLiteral("initech"), QStringLiteral("deleted"), QStringLiteral("contract over")), QString());
    const QString initech = idOf(QStringLiteral("initech"));
    const QString globexBefore = dataOf(QStringLiteral("globex"));
    const QString lastAudit = value(QStringLiteral("SELECT max(id) FROM tenancy.audit_log"));
    // Not before its time.
    QCOMPARE(purgeStep(4), QStringList());
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("7|5|2|2"));

    QCOMPARE(setClock(QStringLiteral("91 days")), QString());
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()"), kAuditor), QStringList{QStringLiteral("1|0")});
    // Batches of 4 rows: memories first, then samples; a batch that is not used up means
    // both are empty, and only then go the quotas and current usage and is the tenant purged.
    QCOMPARE(purgeStep(4), QStringList{QStringLiteral("initech|4|0|f")});
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("3|5|2|2"));
    QCOMPARE(purgeStep(4), QStringList{QStringLiteral("initech|3|1|f")});
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("0|4|2|2"));
    QCOMPARE(purgeStep(4), QStringList{QStringLiteral("initech|0|4|f")});
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("0|0|2|2"));
    QCOMPARE(value(QStringLiteral("SELECT purged_at IS NULL FROM tenancy.tenants WHERE slug = 'initech'")),
             QStringLiteral("t"));
    QCOMPARE(purgeStep(4), QStringList{QStringLiteral("initech|0|0|t")});
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("0|0|0|0"));
    // Done: nothing more to do, however often it runs.
    QCOMPARE(purgeStep(4), QStringList());
    QCOMPARE(purgeStep(1), QStringList());
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()")), QStringList{QStringLiteral("0|0")});

    // The tombstone, its history and its audit trail stay; the purge itself is audited.
    // purged_at is on the database clock (91 days ahead while purging).
    QCOMPARE(table(QStringLiteral("SELECT slug, state, purged_at > now() + interval '90 days' "
                                  "FROM tenancy.tenants WHERE slug = 'initech'"),
                   kAuditor),
             QStringList{QStringLiteral("initech|deleted|t")});
    QCOMPARE(table(QStringLiteral("SELECT coalesce(from_state, '-') || '>' || to_state FROM tenancy.lifecycle_events "
                                  "WHERE tenant_id = '%1' ORDER BY id").arg(initech),
                   kAuditor),
             QStringList({QStringLiteral("->active"), QStringLiteral("active>deleted")}));
    QVERIFY(value(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE tenant_id = '%1' AND id <= %2")
                      .arg(initech, lastAudit))
                .toInt()
            >= 2); // its creation and its deletion
    QCOMPARE(table(QStringLiteral("SELECT action, actor, count(*) FROM tenancy.audit_log WHERE tenant_id = '%1' "
                                  "AND id > %2 GROUP BY 1, 2 ORDER BY 1").arg(initech, lastAudit)),
             QStringList({QStringLiteral("quotas.delete|%1|2").arg(kOperator),
                          QStringLiteral("tenants.purge|%1|4").arg(kOperator),
                          QStringLiteral("tenants.update|%1|1").arg(kOperator)}));
    QCOMPARE(table(QStringLiteral("SELECT sum((after ->> 'memories')::int), sum((after ->> 'usage_samples')::int), "
                                  "count(*) FILTER (WHERE (after ->> 'finished')::boolean) FROM tenancy.audit_log "
                                  "WHERE action = 'tenants.purge' AND tenant_id = '%1'").arg(initech)),
             QStringList{QStringLiteral("7|5|1")});
    QCOMPARE(table(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()"), kAuditor),
             QStringList{QStringLiteral("t")});
    // Nobody else's data was touched.
    QCOMPARE(dataOf(QStringLiteral("globex")), globexBefore);
    // A purged tenant no longer counts towards the cap's base.
    QCOMPARE(value(QStringLiteral("SELECT tenants FROM tenancy.deletion_allowance()")), QStringLiteral("6"));

    // It can't come back, not even inside what would have been its window.
    QCOMPARE(setClock(QStringLiteral("0")), QString());
    const QString before = fingerprint();
    const QString error = change(QStringLiteral("initech"), QStringLiteral("active"));
    const QString day = value(QStringLiteral("SELECT to_char(purged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
                                             "FROM tenancy.tenants WHERE slug = 'initech'"));
    QVERIFY2(error.contains(QStringLiteral("Tenant \"initech\" was purged on %1; only its tombstone is left.").arg(day)),
             qPrintable(error));
    QCOMPARE(fingerprint(), before);
}

void TstLifecycle::interruptedPurgeLosesNothing_data()
{
    QTest::addColumn<int>("interrupted"); // which purge_step(4) call is interrupted (1-based)
    QTest::addColumn<bool>("kill");       // the backend is terminated, else the transaction rolls back
    QTest::addColumn<QString>("result");  // what that call returned before it was interrupted
    QTest::newRow("first batch, backend killed") << 1 << true << QStringLiteral("initech|4|0|f");
    QTest::newRow("first batch, rolled back") << 1 << false << QStringLiteral("initech|4|0|f");
    QTest::newRow("mixed batch, backend killed") << 2 << true << QStringLiteral("initech|3|1|f");
    QTest::newRow("finishing batch, backend killed") << 4 << true << QStringLiteral("initech|0|0|t");
    QTest::newRow("finishing batch, rolled back") << 4 << false << QStringLiteral("initech|0|0|t");
}

void TstLifecycle::interruptedPurgeLosesNothing()
{
    QFETCH(int, interrupted);
    QFETCH(bool, kill);
    QFETCH(QString, result);
    addTenantData();
    QCOMPARE(change(QStringLiteral("initech"), QStringLiteral("deleted")), QString());
    const QString initech = idOf(QStringLiteral("initech"));
    QCOMPARE(setClock(QStringLiteral("91 days")), QString());
    const QString purges = QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'tenants.purge' "
                                          "AND tenant_id = '%1'").arg(initech);

    int memories = 0;
    int samples = 0;
    auto account = [&](const QStringList &step) {
        memories += step.value(0).section(u'|', 1, 1).toInt();
        samples += step.value(0).section(u'|', 2, 2).toInt();
    };
    for (int i = 1; i < interrupted; ++i)
        account(purgeStep(4));

    const QString before = fingerprint();
    const QString dataBefore = dataOf(QStringLiteral("initech"));
    const QString auditedBefore = value(purges);
    {
        pqxx::connection conn(m_db->conninfo(kOperator).toStdString());
        pqxx::work tx(conn);
        const std::string pid = tx.exec1("SELECT pg_backend_pid()")[0].c_str();
        const pqxx::result r = tx.exec("SELECT slug, memories, usage_samples, finished FROM tenancy.purge_step(4)");
        QCOMPARE(r.size(), pqxx::result::size_type(1));
        QCOMPARE(QStringLiteral("%1|%2|%3|%4")
                     .arg(QString::fromUtf8(r[0][0].c_str()), QString::fromUtf8(r[0][1].c_str()),
                          QString::fromUtf8(r[0][2].c_str()), QString::fromUtf8(r[0][3].c_str())),
                 result);
        if (kill) {
            // Waits until the backend is gone (PostgreSQL 14+).
            QCOMPARE(value(QStringLiteral("SELECT pg_terminate_backend(%1, 30000)").arg(QString::fromStdString(pid))),
                     QStringLiteral("t"));
            bool broken = false;
            try {
                tx.exec("SELECT 1");
            } catch (const pqxx::broken_connection &) {
                broken = true;
            } catch (const pqxx::sql_error &e) {
                // libpq may report the termination as the server's message instead.
                broken = QString::fromUtf8(e.what()).contains(QLatin1String("terminat"));
            }
            QVERIFY(broken);
        } else {
            tx.abort();
        }
    }
    // Nothing of that batch happened, not even in part.
    QCOMPARE(dataOf(QStringLiteral("initech")), dataBefore);
    QCOMPARE(value(purges), auditedBefore);
    QCOMPARE(value(QStringLiteral("SELECT purged_at IS NULL FROM tenancy.tenants WHERE slug = 'initech'")),
             QStringLiteral("t"));
    QCOMPARE(fingerprint(), before);

    // Resumed: the rest goes, and the counts add up to what there was.
    QStringList last;
    for (int calls = 0; calls < 10; ++calls) {
        const QStringList step = purgeStep(4);
        if (step.isEmpty())
            break;
        QVERIFY2(!step.first().startsWith(QLatin1String("ERROR")), qPrintable(step.first()));
        account(step);
        last = step;
    }
    QCOMPARE(last, QStringList{QStringLiteral("initech|0|0|t")});
    QCOMPARE(memories, 7);
    QCOMPARE(samples, 5);
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("0|0|0|0"));
    QCOMPARE(dataOf(QStringLiteral("globex")), QStringLiteral("3|2|1|1"));
    QCOMPARE(value(QStringLiteral("SELECT purged_at IS NOT NULL FROM tenancy.tenants WHERE slug = 'initech'")),
             QStringLiteral("t"));
    QCOMPARE(value(purges), QStringLiteral("4"));
    QCOMPARE(table(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()")),
             QStringList{QStringLiteral("t")});
}

void TstLifecycle::legalHoldAfterDeletionIsNotPurged()
{
    addTenantData();
    QCOMPARE(change(QStringLiteral("initech"), QStringLiteral("deleted")), QString());
    // A legal hold arrives after the deletion: "prevent deletion" on the deleted tenant.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET settings = settings || '{\"prevent_deletion\": true}' "
                                       "WHERE slug = 'initech'"),
                        kOperator),
             QString());
    QCOMPARE(setClock(QStringLiteral("91 days")), QString());
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()"), kOperator), QStringList{QStringLiteral("0|1")});
    const QString before = fingerprint();
    QCOMPARE(purgeStep(4), QStringList());
    QCOMPARE(fingerprint(), before);
    QCOMPARE(dataOf(QStringLiteral("initech")), QStringLiteral("7|5|2|2"));
    // Lifted: due again.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET settings = settings - 'prevent_deletion' "
                                       "WHERE slug = 'initech'"),
                        kOperator),
             QString());
    QCOMPARE(table(QStringLiteral("SELECT * FROM tenancy.purge_due()"), kOperator), QStringList{QStringLiteral("1|0")});
    QCOMPARE(purgeStep(100), QStringList{QStringLiteral("initech|7|5|t")});
}

// ---------------------------------------------------------------------------------------
// Guard rails
// ---------------------------------------------------------------------------------------

void TstLifecycle::preventDeletionRefusesDeletion_data()
{
    QTest::addColumn<QStringList>("protectedSlugs");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("message");
    QTest::newRow("the tenant itself") << QStringList{QStringLiteral("initech")} << QStringLiteral("initech")
                                       << QStringLiteral("Tenant \"initech\" is protected from deletion.");
    QTest::newRow("a sub-tenant") << QStringList{QStringLiteral("emea")} << QStringLiteral("acme")
                                  << QStringLiteral("Tenant \"acme\" cannot be deleted: its sub-tenant \"emea\" is "
                                                    "protected from deletion.");
    QTest::newRow("the nearest sub-tenant is named")
        << QStringList{QStringLiteral("emea"), QStringLiteral("sales")} << QStringLiteral("acme")
        << QStringLiteral("Tenant \"acme\" cannot be deleted: its sub-tenant \"sales\" is protected from deletion.");
    QTest::newRow("held sub-tenant") << QStringList{QStringLiteral("apac")} << QStringLiteral("marketing")
                                     << QStringLiteral("Tenant \"marketing\" cannot be deleted: its sub-tenant "
                                                       "\"apac\" is protected from deletion.");
}

void TstLifecycle::preventDeletionRefusesDeletion()
{
    QFETCH(QStringList, protectedSlugs);
    QFETCH(QString, target);
    QFETCH(QString, message);
    for (const QString &slug : protectedSlugs) {
        QCOMPARE(exec(QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"prevent_deletion\": true}' "
                                           "WHERE slug = '%1'").arg(slug),
                            kOperator),
                 QString());
    }
    // Protection is about deletion only: suspending first works, and the deletion of a
    // suspended (or held) subtree is refused all the same.
    QCOMPARE(change(target, QStringLiteral("suspended")), QString());
    const QString before = fingerprint();
    const QString error = change(target, QStringLiteral("deleted"));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(fingerprint(), before);
}

void TstLifecycle::deletionCapLimitsDeletions()
{
    // 10 % of 7 tenants rounds down to 0; the cap is at least 1.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 10")), QString());
    const QString allowance = QStringLiteral("SELECT * FROM tenancy.deletion_allowance()");
    QCOMPARE(table(allowance, kOperator), QStringList{QStringLiteral("1|0|7|10.00|30")});
    QCOMPARE(change(QStringLiteral("globex"), QStringLiteral("deleted")), QString());
    QCOMPARE(table(allowance, kOperator), QStringList{QStringLiteral("1|1|7|10.00|30")});

    // A second deletion, and a cascade of three, are over the cap.
    QString before = fingerprint();
    QString error = change(QStringLiteral("initech"), QStringLiteral("deleted"));
    QVERIFY2(error.contains(QLatin1String("Deleting is refused: it would make 2 deletions within 30 days, above the "
                                          "cap of 1 (10 % of 7 tenants).")),
             qPrintable(error));
    QCOMPARE(fingerprint(), before);

    // Restoring gives the allowance back.
    QCOMPARE(change(QStringLiteral("globex"), QStringLiteral("active")), QString());
    QCOMPARE(table(allowance, kOperator), QStringList{QStringLiteral("1|0|7|10.00|30")});
    before = fingerprint();
    error = change(QStringLiteral("marketing"), QStringLiteral("deleted"));
    QVERIFY2(error.contains(QLatin1String("Deleting is refused: it would make 3 deletions within 30 days, above the "
                                          "cap of 1 (10 % of 7 tenants).")),
             qPrintable(error));
    QCOMPARE(fingerprint(), before);
    QCOMPARE(change(QStringLiteral("initech"), QStringLiteral("deleted")), QString());
    QCOMPARE(holds().filter(QStringLiteral("|deleted|")), QStringList{QStringLiteral("initech|deleted|-|-")});

    // A deletion older than 30 days no longer counts.
    QCOMPARE(setClock(QStringLiteral("31 days")), QString());
    QCOMPARE(table(allowance, kOperator), QStringList{QStringLiteral("1|0|7|10.00|30")});
    QCOMPARE(change(QStringLiteral("globex"), QStringLiteral("deleted")), QString());
    QCOMPARE(setClock(QStringLiteral("0")), QString());

    // 0 %: no deletion at all.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 0")), QString());
    before = fingerprint();
    error = change(QStringLiteral("sales"), QStringLiteral("deleted"));
    QVERIFY2(error.contains(QLatin1String("above the cap of 0 (0 % of 7 tenants).")), qPrintable(error));
    QCOMPARE(fingerprint(), before);
    // 100 %: a whole subtree.
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100")), QString());
    QCOMPARE(change(QStringLiteral("acme"), QStringLiteral("deleted")), QString());
    QCOMPARE(value(QStringLiteral("SELECT deleted_recently FROM tenancy.deletion_allowance()")), QStringLiteral("7"));
}

void TstLifecycle::guardRailsAndClockAreOwnerOnlyAndAudited()
{
    for (const QString &role : {kOperator, kAuditor, kApp}) {
        QVERIFY(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 100"), role)
                    .contains(QLatin1String("permission denied for table guard_rails")));
        QVERIFY(exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '91 days'"), role)
                    .contains(QLatin1String("permission denied for table clock")));
        QVERIFY(exec(QStringLiteral("DELETE FROM tenancy.guard_rails"), role)
                    .contains(QLatin1String("permission denied for table guard_rails")));
    }
    // Staff read them (the console shows the cap and the clock).
    QCOMPARE(value(QStringLiteral("SELECT deletion_cap_percent FROM tenancy.guard_rails"), kOperator),
             QStringLiteral("100.00"));
    QCOMPARE(value(QStringLiteral("SELECT offset_by FROM tenancy.clock"), kAuditor), QStringLiteral("00:00:00"));
    QVERIFY(exec(QStringLiteral("SELECT * FROM tenancy.guard_rails"), kApp)
                .contains(QLatin1String("permission denied")));

    // The owner may, and the trail says so.
    const QString last = value(QStringLiteral("SELECT max(id) FROM tenancy.audit_log"));
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 25")), QString());
    QCOMPARE(setClock(QStringLiteral("3 days")), QString());
    QCOMPARE(table(QStringLiteral("SELECT action, actor, coalesce(tenant_id::text, '-'), "
                                  "coalesce(before ->> 'deletion_cap_percent', before ->> 'offset_by'), "
                                  "coalesce(after ->> 'deletion_cap_percent', after ->> 'offset_by') "
                                  "FROM tenancy.audit_log WHERE id > %1 ORDER BY id").arg(last),
                   kAuditor),
             QStringList({QStringLiteral("guard_rails.update|%1|-|100.00|25.00").arg(m_db->superuser()),
                          QStringLiteral("clock.update|%1|-|00:00:00|3 days").arg(m_db->superuser())}));
    QCOMPARE(value(QStringLiteral("SELECT tenancy.clock_now() - now()")), QStringLiteral("3 days"));
    QCOMPARE(table(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()"), kAuditor),
             QStringList{QStringLiteral("t")});
    // Out of range and a second row are refused even for the owner.
    QVERIFY(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 101"))
                .contains(QLatin1String("guard_rails_deletion_cap_range")));
    QVERIFY(exec(QStringLiteral("INSERT INTO tenancy.guard_rails (singleton) VALUES (false)"))
                .contains(QLatin1String("guard_rails_singleton")));
}

void TstLifecycle::concurrentDeletionsRespectTheCap_data()
{
    QTest::addColumn<bool>("firstCommits");
    QTest::newRow("first commits") << true;
    QTest::newRow("first rolls back") << false;
}

void TstLifecycle::concurrentDeletionsRespectTheCap()
{
    QFETCH(bool, firstCommits);
    QCOMPARE(exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 10")), QString());
    QCOMPARE(value(QStringLiteral("SELECT cap - deleted_recently FROM tenancy.deletion_allowance()")), QStringLiteral("1"));

    // T1 deletes globex and keeps its transaction open: alone it is within the cap.
    pqxx::connection c1(m_db->conninfo(kOperator).toStdString());
    pqxx::work t1(c1);
    t1.exec("SELECT set_config('tenancy.reason', 'first', true)");
    t1.exec("UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'globex'");
    // T2 deletes initech meanwhile: it waits for T1 (transitions are serialised) ...
    QString t2Error;
    // (A connection of its own: the sessions of this test belong to the main thread.)
    std::thread t2([&] {
        t2Error = m_db->exec(QStringLiteral("SELECT set_config('tenancy.reason', 'second', true); "
                                            "UPDATE tenancy.tenants SET state = 'deleted' WHERE slug = 'initech'"),
                             kOperator);
    });
    auto joinT2 = qScopeGuard([&] {
        if (t2.joinable()) {
            t1.abort();
            t2.join();
        }
    });
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                                           "WHERE d.datname = current_database() AND NOT l.granted");
    QTRY_VERIFY_WITH_TIMEOUT(value(waiting) == QLatin1String("1"), 30000);
    // ... and then counts what T1 left behind.
    if (firstCommits)
        t1.commit();
    else
        t1.abort();
    t2.join();
    joinT2.dismiss();

    if (firstCommits) {
        QVERIFY2(t2Error.contains(QLatin1String("Deleting is refused: it would make 2 deletions within 30 days, above "
                                                "the cap of 1 (10 % of 7 tenants).")),
                 qPrintable(t2Error));
    } else {
        QCOMPARE(t2Error, QString());
    }
    QCOMPARE(holds().filter(QStringLiteral("|deleted|")),
             QStringList{firstCommits ? QStringLiteral("globex|deleted|-|-") : QStringLiteral("initech|deleted|-|-")});
    QCOMPARE(value(QStringLiteral("SELECT deleted_recently FROM tenancy.deletion_allowance()")), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TstLifecycle)
#include "tst_lifecycle.moc"
