// UsageBreakdownModel over an in-memory store: a row per bucket, a column per group with the
// header naming it, the exact texts, roles and CSV, stale answers dropped, and what a failed
// load keeps.

#include "models/items/usagebreakdownmodel.h"
#include "models/store/tenantstore.h"
#include "tests/support/unsupportedstore.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QPromise>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <time.h>

using namespace tc;
using Model = UsageBreakdownModel;
using Group = UsageBreakdown::Group;

namespace {

using Held = std::shared_ptr<QPromise<Result<UsageBreakdown>>>;

QDateTime utc(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

const QUuid kAcme = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000a}"));
const QUuid kBeta = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000b}"));

// Breakdowns by resource; every query is recorded.
class FakeStore : public tc::test::UnsupportedStore
{
public:
    QHash<QString, UsageBreakdown> byResource;
    QList<UsageBreakdownQuery> queries;
    std::optional<Error> fail;
    bool hold = false;
    QList<std::pair<UsageBreakdownQuery, Held>> held;

    void release(int i)
    {
        auto [query, promise] = held.at(i);
        promise->start();
        promise->addResult(Result<UsageBreakdown>(byResource.value(query.resource)));
        promise->finish();
    }

    QFuture<Result<UsageBreakdown>> usageBreakdown(const UsageBreakdownQuery &query) override
    {
        queries.append(query);
        if (hold) {
            auto promise = std::make_shared<QPromise<Result<UsageBreakdown>>>();
            held.append({query, promise});
            return promise->future();
        }
        if (fail)
            return QtFuture::makeReadyFuture(Result<UsageBreakdown>(*fail));
        return ready(byResource.value(query.resource));
    }
};

UsageBreakdownQuery query(const QString &resource)
{
    UsageBreakdownQuery q;
    q.tenant = kAcme;
    q.resource = resource;
    q.window = {utc(2024, 3, 10, 8), utc(2024, 3, 10, 10, 30)};
    q.bucketSeconds = 3600;
    return q;
}

} // namespace

class TstUsageBreakdownModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void loadSignalsAndShape();
    void headerData_data();
    void headerData();
    void cells_data();
    void cells();
    void unitDecidesTheText();
    void csv();
    void staleAnswersAreDropped();
    void failureKeepsRowsOfTheSameQueryOnly();
    void clearDropsRowsAndLateAnswers();
    void roleNames();

private:
    void settle() { QTRY_VERIFY(!m_model->isLoading()); }
    void loadStorage()
    {
        m_model->load(query(QStringLiteral("storage_bytes")));
        settle();
        QCOMPARE(m_model->rowCount(), 3);
    }

    std::unique_ptr<FakeStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstUsageBreakdownModel::initTestCase()
{
    qputenv("TZ", "IST-5:30");
    tzset();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TstUsageBreakdownModel::init()
{
    m_store = std::make_unique<FakeStore>();
    UsageBreakdown storage;
    storage.resource = QStringLiteral("storage_bytes");
    storage.bucketSeconds = 3600;
    storage.bucketStartsMs = {utc(2024, 3, 10, 8).toMSecsSinceEpoch(), utc(2024, 3, 10, 9).toMSecsSinceEpoch(),
                              utc(2024, 3, 10, 10).toMSecsSinceEpoch()};
    storage.groups = {
        Group{Group::Kind::Own, kAcme, {}, 1, {1e9, 1.5e9, 2e9}},
        Group{Group::Kind::Child, kBeta, QStringLiteral("beta"), 3, {5e8, 5e8, 7.5e8}},
        Group{Group::Kind::Others, {}, {}, 4, {1e8, 0, 123456789.5}},
    };
    m_store->byResource.insert(storage.resource, storage);
    UsageBreakdown items;
    items.resource = QStringLiteral("items");
    items.bucketStartsMs = {utc(2024, 3, 10, 9).toMSecsSinceEpoch()};
    items.groups = {Group{Group::Kind::Own, kAcme, {}, 1, {42}}};
    m_store->byResource.insert(items.resource, items);

    m_model = std::make_unique<Model>(m_store.get());
    m_model->setUnit(ResourceUnit::Bytes);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstUsageBreakdownModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstUsageBreakdownModel::loadSignalsAndShape()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), 1);
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->load(query(QStringLiteral("storage_bytes")));
    QVERIFY(m_model->isLoading());
    settle();
    QCOMPARE(loading.size(), 2);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), 4);
    QCOMPARE(m_model->breakdown().groups.size(), 3);
    QVERIFY(!m_model->error());
    QCOMPARE(m_store->queries.size(), 1);
    QCOMPARE(m_store->queries.first().maxGroups, 8);
    QCOMPARE(m_store->queries.first().window.to, utc(2024, 3, 10, 10, 30));
}

void TstUsageBreakdownModel::headerData_data()
{
    QTest::addColumn<int>("section");
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("value");

    QTest::newRow("time") << 0 << int(Qt::DisplayRole) << QVariant(QStringLiteral("Time"));
    QTest::newRow("time has no kind") << 0 << int(Model::GroupKindRole) << QVariant();
    QTest::newRow("own") << 1 << int(Qt::DisplayRole) << QVariant(QStringLiteral("Own usage"));
    QTest::newRow("own: kind") << 1 << int(Model::GroupKindRole) << QVariant(int(Group::Kind::Own));
    QTest::newRow("own: tenant") << 1 << int(Model::GroupTenantRole) << QVariant(kAcme);
    QTest::newRow("own: tooltip") << 1 << int(Qt::ToolTipRole)
                                  << QVariant(QStringLiteral("The tenant's own usage, without its sub-tenants"));
    QTest::newRow("child: slug") << 2 << int(Qt::DisplayRole) << QVariant(QStringLiteral("beta"));
    QTest::newRow("child: kind") << 2 << int(Model::GroupKindRole) << QVariant(int(Group::Kind::Child));
    QTest::newRow("child: tenant") << 2 << int(Model::GroupTenantRole) << QVariant(kBeta);
    QTest::newRow("child: tooltip") << 2 << int(Qt::ToolTipRole)
                                    << QVariant(QStringLiteral("beta and its sub-tenants (3 tenants)"));
    QTest::newRow("others") << 3 << int(Qt::DisplayRole) << QVariant(QStringLiteral("Others"));
    QTest::newRow("others: kind") << 3 << int(Model::GroupKindRole) << QVariant(int(Group::Kind::Others));
    QTest::newRow("others: no tenant") << 3 << int(Model::GroupTenantRole) << QVariant(QUuid());
    QTest::newRow("others: tooltip") << 3 << int(Qt::ToolTipRole)
                                     << QVariant(QStringLiteral("The other sub-tenants' subtrees, summed (tenants: 4)"));
}

void TstUsageBreakdownModel::headerData()
{
    QFETCH(int, section);
    QFETCH(int, role);
    QFETCH(QVariant, value);
    loadStorage();
    QCOMPARE(m_model->headerData(section, Qt::Horizontal, role), value);
}

void TstUsageBreakdownModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("value");

    // 08:00 UTC is 13:30 at UTC+5:30, in the British short format.
    QTest::newRow("time") << 0 << 0 << int(Qt::DisplayRole) << QVariant(QStringLiteral("10/03/2024 13:30"));
    QTest::newRow("time: start") << 1 << 0 << int(Model::BucketStartRole) << QVariant(utc(2024, 3, 10, 9));
    QTest::newRow("group: start too") << 1 << 2 << int(Model::BucketStartRole) << QVariant(utc(2024, 3, 10, 9));
    QTest::newRow("time: no value") << 0 << 0 << int(Model::ValueRole) << QVariant();
    QTest::newRow("own: text") << 1 << 1 << int(Qt::DisplayRole) << QVariant(QStringLiteral("1.5 GB"));
    QTest::newRow("own: value") << 1 << 1 << int(Model::ValueRole) << QVariant(1.5e9);
    QTest::newRow("own: kind") << 1 << 1 << int(Model::GroupKindRole) << QVariant(int(Group::Kind::Own));
    QTest::newRow("child: text") << 2 << 2 << int(Qt::DisplayRole) << QVariant(QStringLiteral("750 MB"));
    QTest::newRow("child: tenant") << 2 << 2 << int(Model::GroupTenantRole) << QVariant(kBeta);
    QTest::newRow("others: zero") << 1 << 3 << int(Qt::DisplayRole) << QVariant(QStringLiteral("0 B"));
    QTest::newRow("others: value") << 2 << 3 << int(Model::ValueRole) << QVariant(123456789.5);
    QTest::newRow("others: aligned") << 2 << 3 << int(Qt::TextAlignmentRole)
                                     << QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
}

void TstUsageBreakdownModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(int, role);
    QFETCH(QVariant, value);
    loadStorage();
    QCOMPARE(m_model->index(row, column).data(role), value);
}

void TstUsageBreakdownModel::unitDecidesTheText()
{
    m_model->setUnit(ResourceUnit::Count);
    QCOMPARE(m_model->unit(), ResourceUnit::Count);
    loadStorage();
    QCOMPARE(m_model->index(1, 1).data().toString(), QStringLiteral("1.5G"));
}

void TstUsageBreakdownModel::csv()
{
    QCOMPARE(m_model->toCsv(), QByteArray("bucket_start_utc,bucket_end_utc\r\n"));
    loadStorage();
    // The last bucket ends with the window, not an hour after its start; '.' decimals.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QByteArray csv = m_model->toCsv();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QCOMPARE(csv, QByteArray("bucket_start_utc,bucket_end_utc,own,beta,others\r\n"
                             "2024-03-10T08:00:00Z,2024-03-10T09:00:00Z,1000000000,500000000,100000000\r\n"
                             "2024-03-10T09:00:00Z,2024-03-10T10:00:00Z,1500000000,500000000,0\r\n"
                             "2024-03-10T10:00:00Z,2024-03-10T10:30:00Z,2000000000,750000000,123456789.5\r\n"));
}

void TstUsageBreakdownModel::staleAnswersAreDropped()
{
    m_store->hold = true;
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->load(query(QStringLiteral("storage_bytes")));
    m_model->load(query(QStringLiteral("items")));
    QVERIFY(m_store->held.at(0).second->isCanceled());
    m_store->release(1);
    QVERIFY(loaded.wait());
    QCOMPARE(m_model->breakdown().resource, QStringLiteral("items"));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->columnCount(), 2);
    m_store->release(0);
    QCoreApplication::processEvents();
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(m_model->breakdown().resource, QStringLiteral("items"));
    QVERIFY(!m_model->isLoading());
}

void TstUsageBreakdownModel::failureKeepsRowsOfTheSameQueryOnly()
{
    loadStorage();
    m_store->fail = Error{ErrorKind::ConnectionLost, QStringLiteral("gone")};
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->load(query(QStringLiteral("storage_bytes"))); // a refresh
    settle();
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::ConnectionLost);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(reset.size(), 0);

    m_model->load(query(QStringLiteral("items"))); // another query: its rows would mislead
    settle();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), 1);
    QCOMPARE(reset.size(), 1);

    m_store->fail.reset();
    m_model->load(query(QStringLiteral("items")));
    settle();
    QVERIFY(!m_model->error());
    QCOMPARE(m_model->rowCount(), 1);
}

void TstUsageBreakdownModel::clearDropsRowsAndLateAnswers()
{
    loadStorage();
    m_store->hold = true;
    m_model->load(query(QStringLiteral("items")));
    QVERIFY(m_model->isLoading());
    QSignalSpy loading(m_model.get(), &Model::loadingChanged);
    m_model->clear();
    QVERIFY(!m_model->isLoading());
    QCOMPARE(loading.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), 1);
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_store->release(0);
    QCoreApplication::processEvents();
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(m_model->rowCount(), 0);
}

void TstUsageBreakdownModel::roleNames()
{
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(Model::BucketStartRole), QByteArray("bucketStart"));
    QCOMPARE(names.value(Model::ValueRole), QByteArray("value"));
    QCOMPARE(names.value(Model::GroupKindRole), QByteArray("groupKind"));
    QCOMPARE(names.value(Model::GroupTenantRole), QByteArray("groupTenant"));
}

QTEST_GUILESS_MAIN(TstUsageBreakdownModel)
#include "tst_usagebreakdownmodel.moc"
