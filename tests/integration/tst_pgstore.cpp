// PgStore against a real PostgreSQL: sessions and roles, keyset paging, search with paths,
// change notifications, and every way a connection can go wrong.

#include "models/store/connectionprofile.h"
#include "models/store/pgstore.h"
#include "tests/support/await.h"
#include "tests/support/pgtestdatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace tc;
using tc::test::PgTestDatabase;
using tc::test::await;

namespace {

const QString kOperator = QStringLiteral("tst_pgstore_operator");
const QString kAuditor = QStringLiteral("tst_pgstore_auditor");
const QString kPasswordUser = QStringLiteral("tst_pgstore_pw");

} // namespace

class TstPgStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionDetectsRoleAndSchema_data();
    void sessionDetectsRoleAndSchema();
    void topLevelPagesWithKeyset();
    void childrenCarryCountsUsageAndInheritedLimits();
    void tenantsById();
    void searchReturnsMatchesWithPaths();
    void searchTreatsWildcardsLiterally();
    void searchIsTruncatedAtTheLimit();
    void auditChainVerifies();
    void changeFeedReportsOtherSessionsChanges();
    void malformedConnectionString();
    void unreachableServer();
    void wrongPassword();
    void missingDatabase();
    void databaseWithoutSchema();
    void schemaNewerThanBinary();
    void lostConnectionIsReportedThenRecovers();

private:
    std::unique_ptr<PgStore> store(const QString &user = {}, bool listen = false) const
    {
        return std::make_unique<PgStore>(m_db->conninfo(user), PgStore::Options{2, listen});
    }
    QString idOf(const QString &slug) const
    {
        return m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1' LIMIT 1").arg(slug)).toString();
    }

    std::unique_ptr<PgTestDatabase> m_db;
};

void TstPgStore::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_pgstore"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QVERIFY(m_db->createLogin(kAuditor, QStringLiteral("tenancy_auditor")));

    // 450 organisations (three pages of 200), one with children, grandchildren and usage.
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.tenants (slug, display_name) "
                 "SELECT 'org-' || lpad(i::text, 3, '0'), 'Organisation ' || i FROM generate_series(1, 450) i;"
                 "INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                 "SELECT t.id, 'dept-' || i, 'Department ' || i FROM tenancy.tenants t, generate_series(1, 3) i "
                 "WHERE t.slug = 'org-007';"
                 "INSERT INTO tenancy.tenants (parent_id, slug, display_name) "
                 "SELECT t.id, 'team-needle', 'Needle Team' FROM tenancy.tenants t WHERE t.slug = 'dept-2';"
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('sale-50pct', 'Sale 50% off'), "
                 "  ('sale-5x0', 'Sale 5x0');"
                 "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                 "SELECT id, 'items', 1000 FROM tenancy.tenants WHERE slug = 'org-007';"
                 "INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                 "SELECT id, 'storage_bytes', 2000000 FROM tenancy.tenants WHERE slug = 'dept-1';"
                 "INSERT INTO tenancy.usage_samples (tenant_id, resource, at, value) "
                 "SELECT id, 'items', now() - interval '2 hours', 100 FROM tenancy.tenants WHERE slug = 'dept-1' "
                 "UNION ALL SELECT id, 'items', now() - interval '1 hour', 250 FROM tenancy.tenants WHERE slug = 'dept-1' "
                 "UNION ALL SELECT id, 'storage_bytes', now(), 500000 FROM tenancy.tenants WHERE slug = 'dept-1';")),
             QString());
}

void TstPgStore::sessionDetectsRoleAndSchema_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("role");
    QTest::newRow("superuser") << QString() << int(SessionRole::Owner);
    QTest::newRow("operator") << kOperator << int(SessionRole::Operator);
    QTest::newRow("auditor") << kAuditor << int(SessionRole::Auditor);
}

void TstPgStore::sessionDetectsRoleAndSchema()
{
    QFETCH(QString, user);
    QFETCH(int, role);
    auto s = store(user);
    const Result<SessionInfo> session = await(s->open());
    QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message));
    QCOMPARE(int(session->role), role);
    QCOMPARE(session->user, user.isEmpty() ? m_db->superuser() : user);
    QCOMPARE(session->schemaVersion, SchemaMigrator::bundledVersion());
    QVERIFY(!session->schemaMissing() && !session->schemaOutdated() && !session->schemaTooNew());
    QVERIFY(session->serverVersion.startsWith(QLatin1String("15.")));
    QVERIFY(session->server.endsWith(QLatin1String("/tst_pgstore_") + QString::number(QCoreApplication::applicationPid())));
    QCOMPARE(session->canWrite(), role != int(SessionRole::Auditor));
}

void TstPgStore::topLevelPagesWithKeyset()
{
    auto s = store(kAuditor);
    QStringList slugs;
    QString after;
    QList<bool> hasMore;
    for (int page = 0; page < 4; ++page) {
        const Result<TenantPage> r = await(s->children({}, after, 200));
        QVERIFY(r.ok());
        QCOMPARE(r->totalChildren, 452);
        for (const Tenant &t : r->tenants)
            slugs << t.slug;
        hasMore << r->hasMore;
        if (!r->hasMore)
            break;
        after = r->tenants.last().slug;
    }
    QCOMPARE(hasMore, QList<bool>({true, true, false}));
    QCOMPARE(slugs.size(), 452);
    QStringList sorted = slugs;
    sorted.sort();
    QCOMPARE(slugs, sorted);
    QCOMPARE(QSet<QString>(slugs.begin(), slugs.end()).size(), 452); // no row twice, none skipped
    QCOMPARE(slugs.first(), QStringLiteral("org-001"));
    QCOMPARE(slugs.last(), QStringLiteral("sale-5x0"));
}

void TstPgStore::childrenCarryCountsUsageAndInheritedLimits()
{
    auto s = store(kOperator);
    const Result<TenantPage> top = await(s->children({}, QStringLiteral("org-006"), 1));
    QVERIFY(top.ok());
    QCOMPARE(top->tenants.size(), 1);
    const Tenant org = top->tenants.first();
    QCOMPARE(org.slug, QStringLiteral("org-007"));
    QCOMPARE(org.childCount, 3);
    QCOMPARE(org.items.limit, std::optional<qint64>(1000));
    QCOMPARE(org.items.used, std::optional<qint64>());

    const Result<TenantPage> depts = await(s->children(org.id, {}, 200));
    QVERIFY(depts.ok());
    QCOMPARE(depts->totalChildren, 3);
    QCOMPARE(depts->hasMore, false);
    QCOMPARE(depts->tenants.size(), 3);
    const Tenant dept1 = depts->tenants.at(0);
    QCOMPARE(dept1.slug, QStringLiteral("dept-1"));
    QCOMPARE(dept1.parentId, org.id);
    // Latest sample (kept current by the trigger), limit inherited from the parent.
    QCOMPARE(dept1.items.used, std::optional<qint64>(250));
    QCOMPARE(dept1.items.limit, std::optional<qint64>(1000));
    QCOMPARE(dept1.items.fraction(), std::optional<double>(0.25));
    QCOMPARE(dept1.storage.used, std::optional<qint64>(500000));
    QCOMPARE(dept1.storage.limit, std::optional<qint64>(2000000));
    QCOMPARE(depts->tenants.at(1).childCount, 1);
    QCOMPARE(depts->tenants.at(2).storage.limit, std::optional<qint64>()); // unlimited
}

void TstPgStore::tenantsById()
{
    auto s = store();
    const QUuid id = QUuid::fromString(idOf(QStringLiteral("team-needle")));
    const Result<Tenant> t = await(s->tenant(id));
    QVERIFY(t.ok());
    QCOMPARE(t->displayName, QStringLiteral("Needle Team"));
    QCOMPARE(t->items.limit, std::optional<qint64>(1000)); // from the grandparent
    QCOMPARE(t->state, LifecycleState::Active);
    QCOMPARE(t->version, 1);

    const Result<Tenant> missing = await(s->tenant(QUuid::createUuid()));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);

    const Result<QList<Tenant>> several = await(s->tenants({id, QUuid::createUuid(), QUuid::fromString(idOf(QStringLiteral("org-001")))}));
    QVERIFY(several.ok());
    QCOMPARE(several->size(), 2);
}

void TstPgStore::searchReturnsMatchesWithPaths()
{
    auto s = store(kAuditor);
    const Result<SearchResult> r = await(s->search(QStringLiteral("NEEDLE")));
    QVERIFY(r.ok());
    QCOMPARE(r->matches.size(), 1);
    QCOMPARE(r->truncated, false);
    const TenantMatch &m = r->matches.first();
    QCOMPARE(m.tenant.slug, QStringLiteral("team-needle"));
    QStringList path;
    for (const Tenant &a : m.ancestors)
        path << a.slug;
    QCOMPARE(path, QStringList({QStringLiteral("org-007"), QStringLiteral("dept-2")}));
    QCOMPARE(m.ancestors.first().childCount, 3);

    // Display names match too; several matches come sorted by slug.
    const Result<SearchResult> depts = await(s->search(QStringLiteral("department")));
    QVERIFY(depts.ok());
    QStringList slugs;
    for (const TenantMatch &match : depts->matches)
        slugs << match.tenant.slug;
    QCOMPARE(slugs, QStringList({QStringLiteral("dept-1"), QStringLiteral("dept-2"), QStringLiteral("dept-3")}));

    const Result<SearchResult> none = await(s->search(QStringLiteral("no such tenant")));
    QVERIFY(none.ok());
    QVERIFY(none->matches.isEmpty());
}

void TstPgStore::searchTreatsWildcardsLiterally()
{
    auto s = store();
    const Result<SearchResult> percent = await(s->search(QStringLiteral("50%")));
    QVERIFY(percent.ok());
    QCOMPARE(percent->matches.size(), 1);
    QCOMPARE(percent->matches.first().tenant.slug, QStringLiteral("sale-50pct"));
    const Result<SearchResult> underscore = await(s->search(QStringLiteral("5_0")));
    QVERIFY(underscore.ok());
    QCOMPARE(underscore->matches.size(), 0); // "_" is not "any character"
    const Result<SearchResult> quote = await(s->search(QStringLiteral("o'; DROP TABLE tenancy.tenants; --")));
    QVERIFY(quote.ok());
    QCOMPARE(quote->matches.size(), 0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.tenants")).toInt(), 456);
}

void TstPgStore::searchIsTruncatedAtTheLimit()
{
    auto s = store();
    const Result<SearchResult> r = await(s->search(QStringLiteral("org-"), 50));
    QVERIFY(r.ok());
    QCOMPARE(r->matches.size(), 50);
    QCOMPARE(r->truncated, true);
    QCOMPARE(r->matches.first().tenant.slug, QStringLiteral("org-001"));
    QCOMPARE(r->matches.last().tenant.slug, QStringLiteral("org-050"));
}

void TstPgStore::auditChainVerifies()
{
    auto s = store(kAuditor);
    const Result<AuditVerification> v = await(s->verifyAuditLog());
    QVERIFY(v.ok());
    QVERIFY(v->ok());
    QCOMPARE(v->checked, m_db->scalar(QStringLiteral("SELECT count(*) FROM tenancy.audit_log")).toLongLong());
    QVERIFY(v->checked > 450);
    const Result<qint64> count = await(s->tenantCount());
    QVERIFY(count.ok());
    QCOMPARE(count.value(), 456);
}

void TstPgStore::changeFeedReportsOtherSessionsChanges()
{
    auto s = store(kOperator, true);
    QSignalSpy live(s.get(), &TenantStore::changeFeedChanged);
    QSignalSpy changes(s.get(), &TenantStore::tenantChanged);
    QVERIFY(await(s->open()).ok());
    QVERIFY(live.wait(10000));
    QCOMPARE(live.first().first().toBool(), true);
    QVERIFY(s->isChangeFeedLive());

    const QString org = idOf(QStringLiteral("org-002"));
    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.tenants SET display_name = 'Renamed' WHERE slug = 'org-002'")),
             QString());
    QVERIFY(changes.wait(10000));
    auto change = changes.takeFirst().first().value<TenantChange>();
    QCOMPARE(change.table, QStringLiteral("tenants"));
    QCOMPARE(change.operation, TenantChange::Operation::Update);
    QCOMPARE(change.tenantId, QUuid::fromString(org));
    QVERIFY(change.parentId.isNull());

    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.tenants (parent_id, slug, display_name) VALUES ('%1', "
                                       "'fresh', 'Fresh')")
                            .arg(org)),
             QString());
    QVERIFY(changes.count() > 0 || changes.wait(10000));
    change = changes.takeFirst().first().value<TenantChange>();
    QCOMPARE(change.operation, TenantChange::Operation::Insert);
    QCOMPARE(change.parentId, QUuid::fromString(org));
    QCOMPARE(change.tenantId, QUuid::fromString(idOf(QStringLiteral("fresh"))));

    QCOMPARE(m_db->exec(QStringLiteral("UPDATE tenancy.quotas SET hard_limit = 900 WHERE resource = 'items'")), QString());
    QVERIFY(changes.count() > 0 || changes.wait(10000));
    change = changes.takeFirst().first().value<TenantChange>();
    QCOMPARE(change.table, QStringLiteral("quotas"));
    QCOMPARE(change.tenantId, QUuid::fromString(idOf(QStringLiteral("org-007"))));
}

void TstPgStore::malformedConnectionString()
{
    ConnectionProfile profile;
    profile.conninfo = QStringLiteral("host=localhost port");
    const Result<QString> conninfo = profile.libpqConninfo();
    QVERIFY(!conninfo.ok());
    QCOMPARE(conninfo.error().kind, ErrorKind::InvalidConnectionString);
    QVERIFY(conninfo.error().message.contains(QLatin1String("missing \"=\" after \"port\"")));
}

void TstPgStore::unreachableServer()
{
    // A socket directory with no server in it: refused at once.
    PgStore s(QStringLiteral("host=/tmp/tc-no-server-here port=5432 dbname=x user=x connect_timeout=2"),
              PgStore::Options{1, false});
    const Result<SessionInfo> r = await(s.open());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Unreachable);
    QVERIFY(r.error().message.contains(QLatin1String("Could not reach the database server")));
    // A later call tries again (and fails the same way) rather than hanging.
    QCOMPARE(await(s.tenantCount()).error().kind, ErrorKind::Unreachable);
}

void TstPgStore::wrongPassword()
{
    // The fixture cluster trusts local connections; require a password for one user.
    const QString hbaPath = m_db->scalar(QStringLiteral("SHOW hba_file")).toString();
    QFile hba(hbaPath);
    if (!hba.open(QIODevice::ReadWrite))
        QSKIP("pg_hba.conf of the test cluster is not writable by this user");
    const QByteArray original = hba.readAll();
    if (!original.contains(kPasswordUser.toUtf8())) {
        hba.seek(0);
        hba.write("local all " + kPasswordUser.toUtf8() + " scram-sha-256\n" + original);
    }
    hba.close();
    QCOMPARE(m_db->exec(QStringLiteral("SELECT pg_reload_conf()")), QString());
    QVERIFY(m_db->createLogin(kPasswordUser, QStringLiteral("tenancy_operator"), QStringLiteral("right-pw")));

    ConnectionProfile profile;
    profile.conninfo = m_db->conninfo(kPasswordUser);
    PgStore wrong(profile.libpqConninfo(QStringLiteral("wrong-pw")).value(), PgStore::Options{1, false});
    const Result<SessionInfo> r = await(wrong.open());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::AuthenticationFailed);
    QVERIFY(!r.error().message.contains(QLatin1String("wrong-pw")));

    PgStore none(profile.libpqConninfo().value(), PgStore::Options{1, false});
    QCOMPARE(await(none.open()).error().kind, ErrorKind::AuthenticationFailed);

    PgStore right(profile.libpqConninfo(QStringLiteral("right-pw")).value(), PgStore::Options{1, false});
    const Result<SessionInfo> ok = await(right.open());
    QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().detail));
    QCOMPARE(ok->role, SessionRole::Operator);
}

void TstPgStore::missingDatabase()
{
    QString conninfo = m_db->conninfo();
    conninfo.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=no_such_database"));
    PgStore s(conninfo, PgStore::Options{1, false});
    const Result<SessionInfo> r = await(s.open());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::NotFound);
    QVERIFY(r.error().message.contains(QLatin1String("no database of that name")));
}

void TstPgStore::databaseWithoutSchema()
{
    PgTestDatabase empty(QStringLiteral("tst_pgstore_empty"));
    QVERIFY(empty.isValid());
    PgStore s(empty.conninfo(), PgStore::Options{1, false});
    const Result<SessionInfo> r = await(s.open());
    QVERIFY(r.ok());
    QVERIFY(r->schemaMissing());
    QCOMPARE(r->role, SessionRole::Owner);
    const Result<TenantPage> page = await(s.children({}, {}));
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, ErrorKind::SchemaMissing);
    // The owner may create it from here.
    const Result<int> migrated = await(s.migrateSchema());
    QVERIFY(migrated.ok());
    QCOMPARE(migrated.value(), SchemaMigrator::bundledVersion());
    QCOMPARE(await(s.open())->schemaVersion, SchemaMigrator::bundledVersion());
}

void TstPgStore::schemaNewerThanBinary()
{
    PgTestDatabase newer(QStringLiteral("tst_pgstore_newer"));
    QVERIFY(newer.isValid());
    QVERIFY(newer.migrate());
    QCOMPARE(newer.exec(QStringLiteral("INSERT INTO tenancy.schema_migrations (version, name, checksum) "
                                       "VALUES (9999, '9999_future', 'x')")),
             QString());
    PgStore s(newer.conninfo(), PgStore::Options{1, false});
    const Result<SessionInfo> r = await(s.open());
    QVERIFY(r.ok());
    QVERIFY(r->schemaTooNew());
    const Result<int> migrated = await(s.migrateSchema());
    QVERIFY(!migrated.ok());
    QCOMPARE(migrated.error().kind, ErrorKind::SchemaTooNew);
    QVERIFY(migrated.error().message.contains(QLatin1String("version 9999")));
}

void TstPgStore::lostConnectionIsReportedThenRecovers()
{
    auto s = store(kAuditor);
    s.reset(new PgStore(m_db->conninfo(kAuditor), PgStore::Options{1, false}));
    QVERIFY(await(s->tenantCount()).ok());
    QCOMPARE(m_db->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                       "WHERE usename = '%1' AND datname = current_database()")
                            .arg(kAuditor)),
             QString());
    const Result<qint64> broken = await(s->tenantCount());
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().kind, ErrorKind::ConnectionLost);
    // The next call opens a new connection.
    const Result<qint64> again = await(s->tenantCount());
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
}

QTEST_GUILESS_MAIN(TstPgStore)
#include "tst_pgstore.moc"
