// PgStore's lifecycle calls against a real PostgreSQL, as an operator: the dry-run preview,
// transitions of one or many tenants with their subtrees, conflicts, cancel, the history,
// the tree without deleted tenants, the deletion cap, and the purge (with the test clock).

#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include <QProcess>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;
using tc::test::await;

namespace {

const QString kOperator = QStringLiteral("tst_lifecycle_operator");
const QString kAuditor = QStringLiteral("tst_lifecycle_auditor");

template<typename T>
QString why(const Result<T> &r)
{
    return r.ok() ? QString() : errorKindName(r.error().kind) + QStringLiteral(": ") + r.error().message;
}

QStringList slugsOf(const QList<LifecycleChange> &changes)
{
    QStringList out;
    for (const LifecycleChange &c : changes)
        out << c.slug + QLatin1Char(':') + lifecycleStateKey(c.from) + QLatin1Char('>') + lifecycleStateKey(c.to)
                   + (c.cascadeRoot.isNull() ? QString() : QStringLiteral("*"));
    return out;
}

} // namespace

class TstPgLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void previewChangesNothingAndCountsTheSubtree();
    void previewReportsTheDatabasesRefusal();
    void suspendAndResumeASubtree();
    void bulkChangesRequestedSubTenantsInTheirOwnRight();
    void staleVersionIsAConflictAndNothingChanges();
    void cancelRollsBack();
    void historyNamesTheCascadeRoot();
    void deletedTenantsAreLeftOutOfTheTreeOnRequest();
    void deletionCapRefusesAndRestoreGivesItBack();
    void purgeAfterRetentionLeavesATombstone();
    void auditorCannotChangeStates();

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
    QString stateOf(const QString &slug) const
    {
        return m_db->scalar(QStringLiteral("SELECT state FROM tenancy.tenants WHERE slug = '%1'").arg(slug)).toString();
    }
    QString states() const
    {
        return m_db->rows(QStringLiteral("SELECT slug, state FROM tenancy.tenants ORDER BY slug")).join(u',');
    }
    void insert(const QString &slug, const QString &parent = {}) const
    {
        const QString sql = parent.isEmpty()
            ? QStringLiteral("INSERT INTO tenancy.tenants (slug, display_name) VALUES ('%1', '%1')").arg(slug)
            : QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                             "SELECT id, '%1', '%1' FROM tenancy.tenants WHERE slug = '%2'")
                  .arg(slug, parent);
        QCOMPARE(m_db->exec(sql), QString());
    }
    LifecycleRequest request(const QStringList &slugs, LifecycleState to, const QString &reason = QStringLiteral("test"))
    {
        LifecycleRequest r;
        for (const QString &s : slugs)
            r.tenants.append({idOf(s), 0});
        r.to = to;
        r.reason = reason;
        return r;
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstPgLifecycle::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_pglifecycle"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));
}

void TstPgLifecycle::init()
{
    // acme > (eu > team, us), globex; memories and samples on eu and team.
    QCOMPARE(m_db->exec(QStringLiteral(
                 "SET session_replication_role = replica; DELETE FROM tenancy.memories; DELETE FROM tenancy.quotas; "
                 "DELETE FROM tenancy.lifecycle_events; DELETE FROM tenancy.usage_samples; "
                 "DELETE FROM tenancy.usage_current; DELETE FROM tenancy.tenants; "
                 "UPDATE tenancy.guard_rails SET deletion_cap_percent = 100; UPDATE tenancy.clock SET offset_by = '0'")),
             QString());
    insert(QStringLiteral("acme"));
    insert(QStringLiteral("eu"), QStringLiteral("acme"));
    insert(QStringLiteral("team"), QStringLiteral("eu"));
    insert(QStringLiteral("us"), QStringLiteral("acme"));
    insert(QStringLiteral("globex"));
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.memories (tenant_id, content) "
                 "SELECT t.id, 'note ' || g FROM tenancy.tenants t, generate_series(1, 4) g WHERE t.slug IN ('eu', 'team'); "
                 "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                 "SELECT t.id, 'items', now() - g * interval '1 hour', g FROM tenancy.tenants t, generate_series(1, 3) g "
                 "WHERE t.slug = 'team'")),
             QString());
}

void TstPgLifecycle::cleanup()
{
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = '0'")), QString());
}

void TstPgLifecycle::previewChangesNothingAndCountsTheSubtree()
{
    auto s = store();
    const QString before = states();
    const Result<LifecycleReport> r = await(s->previewLifecycle(request({QStringLiteral("eu")}, LifecycleState::Deleted)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY2(!r->refusal, qPrintable(r->refusal ? r->refusal->message : QString()));
    QVERIFY(!r->committed);
    QCOMPARE(slugsOf(r->changes), (QStringList{QStringLiteral("eu:active>deleted"), QStringLiteral("team:active>deleted*")}));
    QCOMPARE(r->requestedCount(), 1);
    QCOMPARE(r->cascadedCount(), 1);
    QCOMPARE(r->memories, 8);
    QCOMPARE(r->memoryBytes, m_db->scalar(QStringLiteral("SELECT sum(size_bytes) FROM tenancy.memories")).toLongLong());
    QVERIFY(r->memoryBytes > 8);
    QCOMPARE(r->usageSamples, 3);
    // 90 days from the database's now (the default retention).
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().daysTo(r->purgeAfter) - 90) <= 1);
    // After the change: 2 of 5 deleted within the window, cap 100 % of 5.
    QCOMPARE(r->allowance.deletedRecently, 2);
    QCOMPARE(r->allowance.cap, 5);
    QCOMPARE(r->allowance.tenants, 5);
    QCOMPARE(states(), before);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events WHERE from_state IS NOT NULL")).toInt(), 0);
}

void TstPgLifecycle::previewReportsTheDatabasesRefusal()
{
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET settings = '{\"prevent_deletion\": true}' "
                                       "WHERE slug = 'team'")),
             QString());
    auto s = store();
    const Result<LifecycleReport> r = await(s->previewLifecycle(request({QStringLiteral("acme")}, LifecycleState::Deleted)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->refusal);
    QCOMPARE(r->refusal->kind, ErrorKind::Validation);
    QCOMPARE(r->refusal->message,
             QStringLiteral("Tenant \"acme\" cannot be deleted: its sub-tenant \"team\" is protected from deletion."));
    QVERIFY(r->changes.isEmpty());
    QCOMPARE(r->allowance.deletedRecently, 0);

    // An illegal transition is refused the same way, and so is the real change.
    const Result<LifecycleReport> illegal =
        await(s->previewLifecycle(request({QStringLiteral("globex")}, LifecycleState::Archived)));
    QVERIFY(illegal.ok() && illegal->refusal);
    QCOMPARE(illegal->refusal->message, QStringLiteral("Tenant \"globex\" cannot go from active to archived."));
    const Result<LifecycleReport> real = await(s->changeLifecycle(request({QStringLiteral("acme")}, LifecycleState::Deleted)));
    QVERIFY(!real.ok());
    QCOMPARE(real.error().kind, ErrorKind::Validation);
    QCOMPARE(stateOf(QStringLiteral("acme")), QStringLiteral("active"));
}

void TstPgLifecycle::suspendAndResumeASubtree()
{
    auto s = store();
    Result<LifecycleReport> r = await(s->changeLifecycle(request({QStringLiteral("acme")}, LifecycleState::Suspended,
                                                                 QStringLiteral("Unpaid invoice"))));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->committed);
    QCOMPARE(r->requestedCount(), 1);
    QCOMPARE(r->cascadedCount(), 3);
    QCOMPARE(states(), QStringLiteral("acme|suspended,eu|suspended,globex|active,team|suspended,us|suspended"));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.lifecycle_events WHERE reason = 'Unpaid invoice'")).toInt(), 4);

    r = await(s->changeLifecycle(request({QStringLiteral("acme")}, LifecycleState::Active, QStringLiteral("Paid"))));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(slugsOf(r->changes).size(), 4);
    QCOMPARE(states(), QStringLiteral("acme|active,eu|active,globex|active,team|active,us|active"));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()")).toBool(), true);
}

void TstPgLifecycle::bulkChangesRequestedSubTenantsInTheirOwnRight()
{
    auto s = store();
    // Deepest first: team is suspended in its own right, not held by eu, so resuming eu
    // later leaves it suspended, as a statement naming both would in psql.
    Result<LifecycleReport> r = await(s->changeLifecycle(
        request({QStringLiteral("eu"), QStringLiteral("globex"), QStringLiteral("team")}, LifecycleState::Suspended)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(slugsOf(r->changes), (QStringList{QStringLiteral("team:active>suspended"), QStringLiteral("eu:active>suspended"),
                                               QStringLiteral("globex:active>suspended")}));
    QVERIFY(r->skipped.isEmpty());
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT held_by IS NULL FROM tenancy.tenants WHERE slug = 'team'")).toBool(), true);

    // Back to active: shallowest first, and a tenant the parent's release brought back is skipped.
    r = await(s->changeLifecycle(request({QStringLiteral("team"), QStringLiteral("eu")}, LifecycleState::Active)));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(slugsOf(r->changes), (QStringList{QStringLiteral("eu:suspended>active"), QStringLiteral("team:suspended>active")}));
    QCOMPARE(states(), QStringLiteral("acme|active,eu|active,globex|suspended,team|active,us|active"));
}

void TstPgLifecycle::staleVersionIsAConflictAndNothingChanges()
{
    auto s = store();
    LifecycleRequest req = request({QStringLiteral("globex"), QStringLiteral("us")}, LifecycleState::Suspended);
    req.tenants[1].expectedVersion = 1;
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'US' WHERE slug = 'us'")), QString());
    const Result<LifecycleReport> r = await(s->changeLifecycle(req));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QCOMPARE(r.error().message, QStringLiteral("Tenant \"us\" was changed by someone else meanwhile (version 2, not 1); "
                                               "reload and try again."));
    QCOMPARE(stateOf(QStringLiteral("globex")), QStringLiteral("active"));
}

void TstPgLifecycle::cancelRollsBack()
{
    // Another session holds the hierarchy lock, so the change waits at its first statement
    // while the test cancels it; once the lock is free it must stop and roll back.
    QProcess holder;
    holder.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"),
                                         QStringLiteral("-t"), m_db->conninfo()});
    QVERIFY(holder.waitForStarted());
    holder.write("BEGIN; SELECT 'locked', pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));\n");
    while (!holder.readAllStandardOutput().contains("locked"))
        QVERIFY(holder.waitForReadyRead(30000));

    auto s = store();
    QFuture<Result<LifecycleReport>> future =
        s->changeLifecycle(request({QStringLiteral("acme"), QStringLiteral("globex")}, LifecycleState::Suspended));
    // Wait until the worker is blocked on the lock.
    for (;;) {
        const QVariant waiting = m_db->scalar(QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = '%1' AND wait_event_type = 'Lock'").arg(kOperator));
        if (waiting.toInt() == 1)
            break;
        QThread::msleep(20);
    }
    future.cancel();
    holder.write("COMMIT;\n");
    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(30000));
    future.waitForFinished();
    QVERIFY(future.isCanceled());
    QCOMPARE(states(), QStringLiteral("acme|active,eu|active,globex|active,team|active,us|active"));
}

void TstPgLifecycle::historyNamesTheCascadeRoot()
{
    auto s = store();
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("eu")}, LifecycleState::Suspended, QStringLiteral("Audit")))).ok());
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("eu")}, LifecycleState::Active, QStringLiteral("Audit done")))).ok());
    const Result<QList<LifecycleEvent>> h = await(s->lifecycleHistory(idOf(QStringLiteral("team"))));
    QVERIFY2(h.ok(), qPrintable(why(h)));
    QCOMPARE(h->size(), 3);
    QCOMPARE(h->at(0).from, std::nullopt);
    QCOMPARE(h->at(0).to, LifecycleState::Active);
    QCOMPARE(h->at(1).from, std::optional(LifecycleState::Active));
    QCOMPARE(h->at(1).to, LifecycleState::Suspended);
    QCOMPARE(h->at(1).reason, QStringLiteral("Audit"));
    QCOMPARE(h->at(1).actor, kOperator);
    QCOMPARE(h->at(1).cascadeRoot, idOf(QStringLiteral("eu")));
    QCOMPARE(h->at(1).cascadeRootSlug, QStringLiteral("eu"));
    QCOMPARE(h->at(2).to, LifecycleState::Active);
    QCOMPARE(h->at(2).reason, QStringLiteral("Audit done"));
    QVERIFY(h->at(1).at.isValid() && h->at(1).at <= h->at(2).at);

    const Result<QList<LifecycleEvent>> own = await(s->lifecycleHistory(idOf(QStringLiteral("eu"))));
    QVERIFY(own.ok());
    QCOMPARE(own->size(), 3);
    QVERIFY(own->at(1).cascadeRoot.isNull());
    QVERIFY(own->at(1).cascadeRootSlug.isEmpty());
}

void TstPgLifecycle::deletedTenantsAreLeftOutOfTheTreeOnRequest()
{
    auto s = store();
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("us"), QStringLiteral("globex")}, LifecycleState::Deleted))).ok());

    Result<TenantPage> all = await(s->children(idOf(QStringLiteral("acme")), QString(), 50, true));
    QVERIFY(all.ok());
    QCOMPARE(all->totalChildren, 2);
    Result<TenantPage> live = await(s->children(idOf(QStringLiteral("acme")), QString(), 50, false));
    QVERIFY(live.ok());
    QCOMPARE(live->totalChildren, 1);
    QCOMPARE(live->tenants.size(), 1);
    QCOMPARE(live->tenants.first().slug, QStringLiteral("eu"));

    Result<TenantPage> top = await(s->children({}, QString(), 50, false));
    QVERIFY(top.ok());
    QCOMPARE(top->totalChildren, 1);
    QCOMPARE(top->tenants.first().slug, QStringLiteral("acme"));
    QCOMPARE(top->tenants.first().childCount, 2);
    QCOMPARE(top->tenants.first().deletedChildCount, 1);

    Result<SearchResult> found = await(s->search(QStringLiteral("glob"), 10, false));
    QVERIFY(found.ok());
    QVERIFY(found->matches.isEmpty());
    found = await(s->search(QStringLiteral("glob"), 10, true));
    QVERIFY(found.ok());
    QCOMPARE(found->matches.size(), 1);
    QCOMPARE(found->matches.first().tenant.state, LifecycleState::Deleted);
    QVERIFY(found->matches.first().tenant.purgeAfter.isValid());
}

void TstPgLifecycle::deletionCapRefusesAndRestoreGivesItBack()
{
    // 20 % of 5 tenants: one deletion per 30 days.
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.guard_rails SET deletion_cap_percent = 20")), QString());
    auto s = store();
    Result<DeletionAllowance> a = await(s->deletionAllowance());
    QVERIFY(a.ok());
    QCOMPARE(a->cap, 1);
    QCOMPARE(a->remaining(), 1);
    QCOMPARE(a->percent, 20.0);

    // eu would take team along: two deletions.
    Result<LifecycleReport> r = await(s->previewLifecycle(request({QStringLiteral("eu")}, LifecycleState::Deleted)));
    QVERIFY(r.ok() && r->refusal);
    QCOMPARE(r->refusal->message, QStringLiteral("Deleting is refused: it would make 2 deletions within 30 days, above the "
                                                 "cap of 1 (20 % of 5 tenants)."));
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("globex")}, LifecycleState::Deleted))).ok());
    const Result<LifecycleReport> second = await(s->changeLifecycle(request({QStringLiteral("us")}, LifecycleState::Deleted)));
    QVERIFY(!second.ok());
    QVERIFY2(second.error().message.startsWith(QStringLiteral("Deleting is refused")), qPrintable(second.error().message));
    // A restore gives the allowance back.
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("globex")}, LifecycleState::Active))).ok());
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("us")}, LifecycleState::Deleted))).ok());

    // Only the schema owner sets the cap.
    const Result<DeletionAllowance> denied = await(s->setDeletionCap(50));
    QVERIFY(!denied.ok());
    QCOMPARE(denied.error().kind, ErrorKind::PermissionDenied);
    auto owner = std::make_unique<PgStore>(m_db->conninfo(), PgStore::Options{1, false});
    a = await(owner->setDeletionCap(50));
    QVERIFY2(a.ok(), qPrintable(why(a)));
    QCOMPARE(a->cap, 2);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'guard_rails.update' "
                                         "AND after ->> 'deletion_cap_percent' = '50.00'")).toInt(),
             1);
}

void TstPgLifecycle::purgeAfterRetentionLeavesATombstone()
{
    auto s = store();
    QVERIFY(await(s->changeLifecycle(request({QStringLiteral("eu")}, LifecycleState::Deleted))).ok());
    // Nothing is due yet.
    Result<PurgeReport> p = await(s->purgeDue(3));
    QVERIFY2(p.ok(), qPrintable(why(p)));
    QVERIFY(p->tenants.isEmpty());

    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.clock SET offset_by = interval '91 days'")), QString());
    // Restoring is over once the retention ended.
    const Result<LifecycleReport> late = await(s->changeLifecycle(request({QStringLiteral("eu")}, LifecycleState::Active)));
    QVERIFY(!late.ok());
    QVERIFY2(late.error().message.contains(QStringLiteral("past its retention period")), qPrintable(late.error().message));

    p = await(s->purgeDue(3));
    QVERIFY2(p.ok(), qPrintable(why(p)));
    QCOMPARE(p->tenants.size(), 2);
    QCOMPARE(p->finishedCount(), 2);
    QCOMPARE(p->memories(), 8);
    QCOMPARE(p->usageSamples(), 3);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.memories")).toInt(), 0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.usage_samples")).toInt(), 0);
    QCOMPARE(m_db->rows(QStringLiteral("SELECT slug, state, purged_at IS NOT NULL FROM tenancy.tenants "
                                       "WHERE slug IN ('eu', 'team') ORDER BY slug")),
             (QStringList{QStringLiteral("eu|deleted|t"), QStringLiteral("team|deleted|t")}));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log WHERE action = 'tenants.purge'")).toInt(), 5);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT first_bad_id IS NULL FROM tenancy.audit_verify()")).toBool(), true);

    // Safe to re-run.
    p = await(s->purgeDue(3));
    QVERIFY(p.ok());
    QVERIFY(p->tenants.isEmpty());
    // Tombstones stay in the tree with "Show deleted", marked purged.
    const Result<TenantPage> page = await(s->children(idOf(QStringLiteral("acme")), QString(), 50, true));
    QVERIFY(page.ok());
    QCOMPARE(page->tenants.first().slug, QStringLiteral("eu"));
    QVERIFY(page->tenants.first().isPurged());
}

void TstPgLifecycle::auditorCannotChangeStates()
{
    auto s = store(kAuditor);
    const Result<LifecycleReport> r = await(s->changeLifecycle(request({QStringLiteral("globex")}, LifecycleState::Suspended)));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::PermissionDenied);
    const Result<PurgeReport> p = await(s->purgeDue(10));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().kind, ErrorKind::PermissionDenied);
    QCOMPARE(stateOf(QStringLiteral("globex")), QStringLiteral("active"));
}

QTEST_GUILESS_MAIN(TstPgLifecycle)
#include "tst_pglifecycle.moc"
