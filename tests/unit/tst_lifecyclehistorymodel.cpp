// LifecycleHistoryModel over an in-memory store: newest first, the exact texts and roles of
// every column, stale reads of another tenant dropped, one read per burst of notifications,
// and a failed read that keeps the rows shown.

#include "models/items/lifecyclehistorymodel.h"
#include "models/store/tenantstore.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QPromise>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <time.h>

using namespace tc;
using Model = LifecycleHistoryModel;

namespace {

using History = QList<LifecycleEvent>;

// Each tenant's events, oldest first as the real store returns them.
class FakeStore : public tc::test::UnsupportedStore
{
public:
    QHash<QUuid, History> history;
    QList<QUuid> reads;            // every lifecycleHistory() call
    std::optional<Error> failReads; // set: every read fails with it
    // Reads answered only when the test says so (settle a race on purpose).
    bool holdReads = false;
    QList<std::pair<QUuid, std::shared_ptr<QPromise<Result<History>>>>> heldReads;

    void announce(const QUuid &tenant, const QString &table = QStringLiteral("tenants"))
    {
        Q_EMIT tenantChanged({TenantChange::Operation::Update, table, tenant, {}, {}});
    }
    void releaseRead(int i)
    {
        auto [tenant, promise] = heldReads.at(i);
        promise->start();
        promise->addResult(Result<History>(history.value(tenant)));
        promise->finish();
    }

    QFuture<Result<History>> lifecycleHistory(const QUuid &tenant) override
    {
        reads.append(tenant);
        if (holdReads) {
            auto promise = std::make_shared<QPromise<Result<History>>>();
            heldReads.append({tenant, promise});
            return promise->future();
        }
        if (failReads)
            return QtFuture::makeReadyFuture(Result<History>(*failReads));
        return ready(history.value(tenant));
    }
};

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

LifecycleEvent makeEvent(qint64 id, const QUuid &tenant, std::optional<LifecycleState> from, LifecycleState to,
                     const QString &reason, const QString &actor, const QDateTime &at)
{
    LifecycleEvent e;
    e.id = id;
    e.tenantId = tenant;
    e.from = from;
    e.to = to;
    e.reason = reason;
    e.actor = actor;
    e.at = at;
    return e;
}

const QUuid kAcme = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000a}"));
const QUuid kTeam = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000b}"));
const QUuid kOther = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000c}"));

} // namespace

class TstLifecycleHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void rowsNewestFirst();
    void columnTexts_data();
    void columnTexts();
    void roles();
    void headersAndRoleNames();
    void switchingTenantsDropsStaleResults();
    void reloadsOncePerBurstOfNotifications();
    void unrelatedNotificationsCostNothing();
    void rewrittenHistoryResetsTheRows();
    void errorKeepsOldRows();
    void noTenantNoRows();

private:
    void settle() { QTRY_VERIFY(!m_model->isLoading()); }
    QStringList column(int column) const
    {
        QStringList out;
        for (int row = 0; row < m_model->rowCount(); ++row)
            out << m_model->index(row, column).data().toString();
        return out;
    }

    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstLifecycleHistoryModel::initTestCase()
{
    // Local times in the expectations are UTC+5:30 (no daylight saving), wherever this runs.
    qputenv("TZ", "IST-5:30");
    tzset();
    QCOMPARE(utc(2024, 1, 5, 8, 0).toLocalTime().time(), QTime(13, 30));
}

void TstLifecycleHistoryModel::init()
{
    m_store = std::make_unique<FakeStore>();
    // team: created, suspended by hand, resumed, then deleted because its parent acme was.
    LifecycleEvent cascaded = makeEvent(7, kTeam, LifecycleState::Active, LifecycleState::Deleted,
                                    QStringLiteral("customer left"), QStringLiteral("carol"), utc(2024, 3, 1, 12, 0, 30));
    cascaded.cascadeRoot = kAcme;
    cascaded.cascadeRootSlug = QStringLiteral("acme");
    m_store->history[kTeam] = {
        makeEvent(1, kTeam, std::nullopt, LifecycleState::Active, {}, QStringLiteral("alice"), utc(2024, 1, 5, 8, 0)),
        makeEvent(3, kTeam, LifecycleState::Active, LifecycleState::Suspended, QStringLiteral("unpaid invoice"),
              QStringLiteral("bob"), utc(2024, 2, 10, 23, 45)),
        makeEvent(4, kTeam, LifecycleState::Suspended, LifecycleState::Active, QStringLiteral("paid"),
              QStringLiteral("bob"), utc(2024, 2, 12, 9, 5)),
        cascaded,
    };
    m_store->history[kAcme] = {
        makeEvent(2, kAcme, std::nullopt, LifecycleState::Active, {}, QStringLiteral("alice"), utc(2024, 1, 6, 10, 0)),
        makeEvent(6, kAcme, LifecycleState::Active, LifecycleState::Deleted, QStringLiteral("customer left"),
              QStringLiteral("carol"), utc(2024, 3, 1, 12, 0, 30)),
    };
    m_model = std::make_unique<Model>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstLifecycleHistoryModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstLifecycleHistoryModel::rowsNewestFirst()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_model->setTenant(kTeam);
    QVERIFY(m_model->isLoading());
    settle();
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loading.count(), 2);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->columnCount(), int(Model::ColumnCount));
    QList<qint64> ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ids << m_model->eventAt(row).id;
    QCOMPARE(ids, QList<qint64>({7, 4, 3, 1}));
    QCOMPARE(column(Model::ToColumn), QStringList({QStringLiteral("Deleted"), QStringLiteral("Active"),
                                                   QStringLiteral("Suspended"), QStringLiteral("Active")}));
    QCOMPARE(m_store->reads, QList<QUuid>{kTeam});
    QVERIFY(!m_model->lastError());
}

void TstLifecycleHistoryModel::columnTexts_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    // Local time is UTC+5:30 here (initTestCase).
    QTest::newRow("cascaded: at") << 0 << int(Model::AtColumn) << QStringLiteral("2024-03-01 17:30");
    QTest::newRow("cascaded: from") << 0 << int(Model::FromColumn) << QStringLiteral("Active");
    QTest::newRow("cascaded: to") << 0 << int(Model::ToColumn) << QStringLiteral("Deleted");
    QTest::newRow("cascaded: actor") << 0 << int(Model::ActorColumn) << QStringLiteral("carol");
    QTest::newRow("cascaded: reason names the root") << 0 << int(Model::ReasonColumn)
                                                     << QStringLiteral("customer left (via acme)");
    QTest::newRow("resumed: reason") << 1 << int(Model::ReasonColumn) << QStringLiteral("paid");
    QTest::newRow("resumed: from") << 1 << int(Model::FromColumn) << QStringLiteral("Suspended");
    QTest::newRow("suspended: at crosses midnight") << 2 << int(Model::AtColumn) << QStringLiteral("2024-02-11 05:15");
    QTest::newRow("suspended: to") << 2 << int(Model::ToColumn) << QStringLiteral("Suspended");
    QTest::newRow("created: from") << 3 << int(Model::FromColumn) << QStringLiteral("created");
    QTest::newRow("created: to") << 3 << int(Model::ToColumn) << QStringLiteral("Active");
    QTest::newRow("created: no reason") << 3 << int(Model::ReasonColumn) << QString();
    QTest::newRow("created: actor") << 3 << int(Model::ActorColumn) << QStringLiteral("alice");
    QTest::newRow("created: at") << 3 << int(Model::AtColumn) << QStringLiteral("2024-01-05 13:30");
}

void TstLifecycleHistoryModel::columnTexts()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    m_model->setTenant(kTeam);
    settle();
    QCOMPARE(m_model->index(row, column).data().toString(), text);
}

void TstLifecycleHistoryModel::roles()
{
    m_model->setTenant(kTeam);
    settle();
    const QModelIndex cascaded = m_model->index(0, Model::ReasonColumn);
    QCOMPARE(cascaded.data(Model::CascadedRole).toBool(), true);
    QCOMPARE(cascaded.data(Model::CascadeRootSlugRole).toString(), QStringLiteral("acme"));
    QCOMPARE(cascaded.data(Model::ReasonRole).toString(), QStringLiteral("customer left"));
    QCOMPARE(cascaded.data(Model::FromStateRole).toString(), QStringLiteral("active"));
    QCOMPARE(cascaded.data(Model::ToStateRole).toString(), QStringLiteral("deleted"));
    QCOMPARE(cascaded.data(Model::AtRole).toDateTime(), utc(2024, 3, 1, 12, 0, 30));
    QCOMPARE(cascaded.data(Qt::ToolTipRole).toString(), QStringLiteral("Carried along when acme changed state"));
    const LifecycleEvent e = cascaded.data(Model::EventRole).value<LifecycleEvent>();
    QCOMPARE(e.id, 7);
    QCOMPARE(e.cascadeRoot, kAcme);
    QCOMPARE(m_model->index(0, Model::AtColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2024-03-01 17:30:30 local time\n2024-03-01 12:00:30 UTC"));

    const QModelIndex own = m_model->index(1, Model::ReasonColumn);
    QCOMPARE(own.data(Model::CascadedRole).toBool(), false);
    QCOMPARE(own.data(Model::CascadeRootSlugRole).toString(), QString());
    QCOMPARE(own.data(Qt::ToolTipRole).toString(), QStringLiteral("paid"));

    const QModelIndex created = m_model->index(3, Model::FromColumn);
    QCOMPARE(created.data(Model::FromStateRole).toString(), QString());
    QCOMPARE(created.data(Model::ToStateRole).toString(), QStringLiteral("active"));
    QVERIFY(!m_model->index(3, Model::ReasonColumn).data(Qt::ToolTipRole).isValid());
}

void TstLifecycleHistoryModel::headersAndRoleNames()
{
    const QStringList headers{QStringLiteral("When"), QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("By"),
                              QStringLiteral("Reason")};
    for (int c = 0; c < Model::ColumnCount; ++c)
        QCOMPARE(m_model->headerData(c, Qt::Horizontal).toString(), headers.at(c));
    QVERIFY(!m_model->headerData(0, Qt::Vertical).isValid());
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(Model::EventRole), QByteArray("event"));
    QCOMPARE(names.value(Model::CascadeRootSlugRole), QByteArray("cascadeRootSlug"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
}

void TstLifecycleHistoryModel::switchingTenantsDropsStaleResults()
{
    m_store->holdReads = true;
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->setTenant(kTeam);
    m_model->setTenant(kAcme);
    QCOMPARE(m_store->heldReads.size(), 2); // the switch doesn't wait for the first read
    m_store->releaseRead(1);                // acme's arrives first ...
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_store->releaseRead(0); // ... team's, late, is dropped
    m_model->reload();       // (its result is delivered after the late one: proof that one was handled)
    QCOMPARE(m_store->heldReads.size(), 3);
    m_store->releaseRead(2);
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->tenant(), kAcme);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->eventAt(0).id, 6);
    QCOMPARE(m_model->eventAt(1).id, 2);

    // Back to team while acme's reload (after a notification) is on its way: only team's rows land.
    m_store->announce(kAcme);
    QTRY_COMPARE(m_store->heldReads.size(), 4);
    m_model->setTenant(kTeam);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_store->heldReads.size(), 5);
    m_store->releaseRead(3);
    m_store->releaseRead(4);
    QTRY_COMPARE(loaded.count(), 3);
    settle();
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->eventAt(0).id, 7);
}

void TstLifecycleHistoryModel::reloadsOncePerBurstOfNotifications()
{
    m_model->setTenant(kTeam);
    settle();
    QCOMPARE(m_store->reads.size(), 1);
    m_store->history[kTeam].append(makeEvent(9, kTeam, LifecycleState::Deleted, LifecycleState::Active,
                                         QStringLiteral("restored"), QStringLiteral("dave"), utc(2024, 3, 2, 7, 0)));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    for (int i = 0; i < 20; ++i)
        m_store->announce(kTeam);
    m_store->announce(kTeam, QStringLiteral("lifecycle_events"));
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_store->reads.size(), 1); // not yet: the burst is coalesced
    QVERIFY(loaded.wait());
    settle();
    QCOMPARE(m_store->reads.size(), 2);
    QCOMPARE(loaded.count(), 1);
    // The new event goes on top; the rows shown stay (no reset).
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->index(0, Model::ReasonColumn).data().toString(), QStringLiteral("restored"));
    QCOMPARE(m_model->index(0, Model::FromColumn).data().toString(), QStringLiteral("Deleted"));
    QCOMPARE(m_model->index(1, Model::ReasonColumn).data().toString(), QStringLiteral("customer left (via acme)"));
}

void TstLifecycleHistoryModel::unrelatedNotificationsCostNothing()
{
    m_model->setTenant(kTeam);
    settle();
    m_store->announce(kOther);
    m_store->announce(kAcme); // the parent: team's own row notifies when the cascade reaches it
    m_store->announce(kTeam, QStringLiteral("quotas"));
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->reads, QList<QUuid>{kTeam});
}

void TstLifecycleHistoryModel::rewrittenHistoryResetsTheRows()
{
    m_model->setTenant(kTeam);
    settle();
    // Not an extension of what is shown (the database was restored from a backup, say).
    m_store->history[kTeam] = {makeEvent(1, kTeam, std::nullopt, LifecycleState::Active, {}, QStringLiteral("alice"),
                                     utc(2024, 1, 5, 8, 0))};
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->reload();
    settle();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, Model::FromColumn).data().toString(), QStringLiteral("created"));
    // The same rows again: nothing changes at all.
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->reload();
    settle();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
}

void TstLifecycleHistoryModel::errorKeepsOldRows()
{
    m_model->setTenant(kTeam);
    settle();
    QSignalSpy failed(m_model.get(), &Model::loadFailed);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->failReads = Error{ErrorKind::ConnectionLost, QStringLiteral("The connection to the database was lost.")};
    m_model->reload();
    QVERIFY(failed.wait());
    settle();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).value<Error>().kind, ErrorKind::ConnectionLost);
    QVERIFY(m_model->lastError());
    QCOMPARE(m_model->lastError()->kind, ErrorKind::ConnectionLost);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->eventAt(0).id, 7);
    // The next good read clears it.
    m_store->failReads.reset();
    m_model->reload();
    settle();
    QVERIFY(!m_model->lastError());
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(failed.count(), 1);
}

void TstLifecycleHistoryModel::noTenantNoRows()
{
    m_model->setTenant(kTeam);
    settle();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setTenant({});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoading());
    m_model->reload();
    m_store->announce({});
    QVERIFY(!m_model->isLoading());
    QCOMPARE(m_store->reads, QList<QUuid>{kTeam});
}

QTEST_GUILESS_MAIN(TstLifecycleHistoryModel)
#include "tst_lifecyclehistorymodel.moc"
