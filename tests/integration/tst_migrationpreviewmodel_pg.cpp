// MigrationPreviewModel over PgStore: the plan's exact count and bytes and its sample rows as
// the table (ids in id order, sizes, creation times and compact metadata as the database has
// them); a target limit too low blocks it with the shortfall's figures; a bad selector and the
// same tenant as target fail with the store's reason; the answer of an earlier request is
// dropped; cancel() goes back to Idle and the abandoned answer never shows.

#include "models/domain/resourceunit.h"
#include "models/items/migrationpreviewmodel.h"
#include "models/store/pgstore.h"
#include "tests/support/pgtestdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace tc;
using tc::test::PgTestDatabase;
using Model = MigrationPreviewModel;
using PreviewStatus = MigrationPreviewModel::Status;

namespace {

const QString kOperator = QStringLiteral("preview_operator");
constexpr int kMarketing = 600; // of 1000 source rows, i % 5 < 3
constexpr int kSales = 400;

// JSON written with ` for " (moc cannot read raw string literals holding quotes).
QString J(const char *json)
{
    return QString::fromUtf8(json).replace(u'`', u'"');
}

const QString kMarketingSelector = J("{`department`: `marketing`}");
const QString kSalesSelector = J("{`department`: `sales`}");

QList<PreviewStatus> statuses(const QSignalSpy &spy)
{
    QList<PreviewStatus> out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).value<PreviewStatus>());
    return out;
}

} // namespace

class TstMigrationPreviewModelPg : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void planAndSampleAsTheDatabaseHasThem();
    void targetLimitTooLowBlocks();
    void badSelectorFailsWithPosition();
    void sameTenantFails();
    void earlierAnswerDropped();
    void reloadDropsRowsAtOnce();
    void longMetadataElided();
    void cancelGoesIdle();
    void withoutStoreFails();

private:
    QUuid id(const QString &slug) const
    {
        return QUuid::fromString(
            m_db->scalar(QStringLiteral("SELECT id FROM tenancy.tenants WHERE slug = '%1'").arg(slug)).toString());
    }
    MigrationRequest request(const QString &selector) const
    {
        return MigrationRequest{id(QStringLiteral("src")), id(QStringLiteral("tgt")), selector, true, true};
    }
    // The source's rows of one department, id order: id|size|created (ms)|metadata|n.
    QStringList sourceRows(const QString &department) const
    {
        return m_db->rows(QStringLiteral("SELECT m.id, m.size_bytes, (extract(epoch FROM m.created_at) * 1000)::bigint,"
                                         "       m.metadata::text, m.metadata ->> 'n'"
                                         "  FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id"
                                         " WHERE t.slug = 'src' AND m.metadata ->> 'department' = '%1' ORDER BY m.id")
                              .arg(department));
    }
    void settle() { QTRY_VERIFY_WITH_TIMEOUT(m_model->status() != PreviewStatus::Loading, 30000); }

    std::unique_ptr<PgTestDatabase> m_db;
    std::unique_ptr<PgStore> m_store;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TstMigrationPreviewModelPg::initTestCase()
{
    m_db = std::make_unique<PgTestDatabase>(QStringLiteral("tst_migrationpreview_pg"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QVERIFY2(m_db->migrate(), qPrintable(m_db->error()));
    QVERIFY(m_db->createLogin(kOperator, QStringLiteral("tenancy_operator")));
    QCOMPARE(m_db->exec(QStringLiteral(
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('src', 'src'), ('tgt', 'tgt');"
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'row-' || i, jsonb_build_object('department', CASE WHEN i % 5 < 3 THEN 'marketing' "
                 "ELSE 'sales' END, 'n', i) FROM tenancy.tenants t, generate_series(1, 1000) i WHERE t.slug = 'src';"
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'own-' || i, '{\"department\": \"marketing\"}' FROM tenancy.tenants t, "
                 "generate_series(1, 3) i WHERE t.slug = 'tgt';"
                 "INSERT INTO tenancy.tenants (slug, display_name) VALUES ('wide', 'wide');"
                 "INSERT INTO tenancy.memories (tenant_id, content, metadata) "
                 "SELECT t.id, 'wide', jsonb_build_object('department', 'x', 'note', repeat('a \" b, ', 50)) "
                 "  FROM tenancy.tenants t WHERE t.slug = 'wide'")),
             QString());
}

void TstMigrationPreviewModelPg::init()
{
    QCOMPARE(m_db->exec(QStringLiteral("DELETE FROM tenancy.quotas")), QString());
    // One worker: requests are answered in the order they were made.
    m_store = std::make_unique<PgStore>(m_db->conninfo(kOperator), PgStore::Options{1, false});
    m_model = std::make_unique<Model>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TstMigrationPreviewModelPg::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TstMigrationPreviewModelPg::planAndSampleAsTheDatabaseHasThem()
{
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QCOMPARE(m_model->status(), PreviewStatus::Idle);
    m_model->load(request(kMarketingSelector));
    QCOMPARE(m_model->status(), PreviewStatus::Loading);
    QCOMPARE(m_model->rowCount(), 0);
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(statuses(status), (QList<PreviewStatus>{PreviewStatus::Loading, PreviewStatus::Ready}));
    QCOMPARE(inserted.count(), 1);
    QVERIFY(!m_model->error());
    QCOMPARE(m_model->request().selectorJson, kMarketingSelector);

    const MigrationPlan &plan = m_model->plan();
    QCOMPARE(plan.rows, qint64(kMarketing));
    const QString bytes = m_db->scalar(QStringLiteral(
        "SELECT sum(m.size_bytes) FROM tenancy.memories m JOIN tenancy.tenants t ON t.id = m.tenant_id "
        "WHERE t.slug = 'src' AND m.metadata ->> 'department' = 'marketing'")).toString();
    QCOMPARE(QString::number(plan.bytes), bytes);
    QVERIFY(!m_model->isBlocked());
    QCOMPARE(plan.quota.size(), 2);
    QCOMPARE(plan.quota.at(0).resource, QStringLiteral("items"));
    QCOMPARE(plan.quota.at(0).limit, std::nullopt);
    QCOMPARE(plan.quota.at(0).needed, qint64(kMarketing));
    QCOMPARE(plan.quota.at(1).resource, QStringLiteral("storage_bytes"));
    QCOMPARE(plan.quota.at(1).needed, plan.bytes);

    const QStringList expected = sourceRows(QStringLiteral("marketing")).mid(0, MigrationPlan::kSampleRows);
    QCOMPARE(m_model->rowCount(), MigrationPlan::kSampleRows);
    QCOMPARE(m_model->columnCount(), int(Model::ColumnCount));
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QStringList cols = expected.at(r).split(u'|');
        const QString id = cols.at(0);
        const qint64 size = cols.at(1).toLongLong();
        const QDateTime created = QDateTime::fromMSecsSinceEpoch(cols.at(2).toLongLong(), Qt::UTC);
        QCOMPARE(m_model->index(r, Model::IdColumn).data().toString(), id);
        QCOMPARE(m_model->index(r, Model::IdColumn).data(Model::SortRole).toString(), id);
        QCOMPARE(m_model->index(r, Model::SizeColumn).data(Model::SortRole).toLongLong(), size);
        QVERIFY(size < 1000);
        QCOMPARE(m_model->index(r, Model::SizeColumn).data().toString(), QStringLiteral("%1 B").arg(size));
        QCOMPARE(m_model->index(r, Model::SizeColumn).data().toString(), formatQuantity(size, ResourceUnit::Bytes));
        QCOMPARE(m_model->index(r, Model::CreatedColumn).data(Model::SortRole).toDateTime(), created);
        QCOMPARE(m_model->index(r, Model::CreatedColumn).data().toString(),
                 QLocale().toString(created.toLocalTime(), QLocale::ShortFormat));
        // jsonb's own key order and spelling, without the blanks.
        const QString compact = QStringLiteral("{\"n\":%1,\"department\":\"marketing\"}").arg(cols.at(4));
        QCOMPARE(cols.at(3), QStringLiteral("{\"n\": %1, \"department\": \"marketing\"}").arg(cols.at(4)));
        QCOMPARE(m_model->index(r, Model::MetadataColumn).data().toString(), compact);
        QCOMPARE(m_model->index(r, Model::MetadataColumn).data(Qt::ToolTipRole).toString(), compact);
        const auto sample = m_model->index(r, Model::MetadataColumn).data(Model::SampleRole).value<MemorySample>();
        QCOMPARE(sample.id.toString(QUuid::WithoutBraces), id);
        QCOMPARE(sample.sizeBytes, size);
        QCOMPARE(sample.metadataJson, cols.at(3));
    }
    QCOMPARE(m_model->headerData(Model::IdColumn, Qt::Horizontal).toString(), QStringLiteral("ID"));
    QCOMPARE(m_model->headerData(Model::SizeColumn, Qt::Horizontal).toString(), QStringLiteral("Size"));
    QCOMPARE(m_model->headerData(Model::CreatedColumn, Qt::Horizontal).toString(), QStringLiteral("Created"));
    QCOMPARE(m_model->headerData(Model::MetadataColumn, Qt::Horizontal).toString(), QStringLiteral("Metadata"));
    QCOMPARE(m_model->roleNames().value(Model::SortRole), QByteArray("sort"));
    QCOMPARE(m_model->roleNames().value(Model::SampleRole), QByteArray("sample"));
}

void TstMigrationPreviewModelPg::targetLimitTooLowBlocks()
{
    QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tenancy.quotas (tenant_id, resource, hard_limit) "
                                       "SELECT id, 'items', 100 FROM tenancy.tenants WHERE slug = 'tgt' UNION ALL "
                                       "SELECT id, 'storage_bytes', 5000 FROM tenancy.tenants WHERE slug = 'tgt'")),
             QString());
    const auto usage = [this](const char *resource) {
        return m_db->scalar(QStringLiteral("SELECT coalesce((SELECT uc.value FROM tenancy.usage_current uc JOIN "
                                           "tenancy.tenants t ON t.id = uc.tenant_id WHERE t.slug = 'tgt' AND "
                                           "uc.resource = '%1'), 0)")
                                .arg(QLatin1String(resource)))
            .toLongLong();
    };
    m_model->load(request(kMarketingSelector));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QVERIFY(m_model->isBlocked());
    QCOMPARE(m_model->rowCount(), MigrationPlan::kSampleRows); // the rows are still previewed
    const QList<QuotaShortfall> shortfalls = m_model->plan().shortfalls();
    QCOMPARE(shortfalls.size(), 2);
    QCOMPARE(shortfalls.at(0).resource, QStringLiteral("items"));
    QCOMPARE(shortfalls.at(0).limit, qint64(100));
    QCOMPARE(shortfalls.at(0).used, usage("items"));
    QCOMPARE(shortfalls.at(0).needed, qint64(kMarketing));
    QCOMPARE(shortfalls.at(1).resource, QStringLiteral("storage_bytes"));
    QCOMPARE(shortfalls.at(1).limit, qint64(5000));
    QCOMPARE(shortfalls.at(1).used, usage("storage_bytes"));
    QCOMPARE(shortfalls.at(1).needed, m_model->plan().bytes);
    QVERIFY(m_model->plan().bytes > 5000);

    // A selector that fits under both limits is not blocked.
    m_model->load(request(J("{`n`: {`$lte`: 5}}")));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(m_model->plan().rows, qint64(5));
    QVERIFY(!m_model->isBlocked());
}

void TstMigrationPreviewModelPg::badSelectorFailsWithPosition()
{
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->load(request(J("{`department`: {`$gt`: }}")));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Failed);
    QCOMPARE(statuses(status), (QList<PreviewStatus>{PreviewStatus::Loading, PreviewStatus::Failed}));
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::Validation);
    QVERIFY2(m_model->error()->message.startsWith(QStringLiteral("The selector is not valid at line 1, column 24: ")),
             qPrintable(m_model->error()->message));
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isBlocked());
}

void TstMigrationPreviewModelPg::sameTenantFails()
{
    MigrationRequest same = request(kMarketingSelector);
    same.target = same.source;
    m_model->load(same);
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Failed);
    QVERIFY(m_model->error());
    QCOMPARE(m_model->error()->kind, ErrorKind::Validation);
    QVERIFY2(m_model->error()->message.contains(QStringLiteral("same tenant")), qPrintable(m_model->error()->message));
    QCOMPARE(m_model->rowCount(), 0);

    // The next good request clears the error.
    m_model->load(request(kSalesSelector));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QVERIFY(!m_model->error());
}

void TstMigrationPreviewModelPg::earlierAnswerDropped()
{
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->load(request(kMarketingSelector));
    // The same tenant as target would fail: if its answer showed, the status would say so.
    MigrationRequest failing = request(kMarketingSelector);
    failing.target = failing.source;
    m_model->load(failing);
    m_model->load(request(kSalesSelector));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(statuses(status), (QList<PreviewStatus>{PreviewStatus::Loading, PreviewStatus::Ready}));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->request().selectorJson, kSalesSelector);
    QCOMPARE(m_model->plan().rows, qint64(kSales));
    const QStringList expected = sourceRows(QStringLiteral("sales"));
    QCOMPARE(m_model->rowCount(), MigrationPlan::kSampleRows);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QCOMPARE(m_model->index(r, Model::IdColumn).data().toString(), expected.at(r).section(u'|', 0, 0));
        QVERIFY(m_model->index(r, Model::MetadataColumn).data().toString().contains(QStringLiteral("\"sales\"")));
    }
}

void TstMigrationPreviewModelPg::reloadDropsRowsAtOnce()
{
    m_model->load(request(kMarketingSelector));
    settle();
    QCOMPARE(m_model->rowCount(), MigrationPlan::kSampleRows);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->load(request(J("{`n`: 7}")));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->status(), PreviewStatus::Loading);
    QCOMPARE(m_model->plan().rows, qint64(0));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(m_model->plan().rows, qint64(1));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, Model::MetadataColumn).data().toString(), J("{`n`:7,`department`:`marketing`}"));

    // Nothing matches: Ready, no rows.
    m_model->load(request(J("{`department`: `legal`}")));
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(m_model->plan().rows, qint64(0));
    QCOMPARE(m_model->plan().bytes, qint64(0));
    QCOMPARE(m_model->rowCount(), 0);
}

void TstMigrationPreviewModelPg::longMetadataElided()
{
    m_model->load(MigrationRequest{id(QStringLiteral("wide")), id(QStringLiteral("tgt")), QStringLiteral("{}"), true, true});
    settle();
    QCOMPARE(m_model->status(), PreviewStatus::Ready);
    QCOMPARE(m_model->rowCount(), 1);
    // Blanks inside strings stay, escapes too; only those between tokens go.
    const QString full = QStringLiteral("{\"note\":\"") + QStringLiteral("a \\\" b, ").repeated(50)
                         + QStringLiteral("\",\"department\":\"x\"}");
    const QModelIndex cell = m_model->index(0, Model::MetadataColumn);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), full);
    QCOMPARE(cell.data(Model::SortRole).toString(), full);
    QCOMPARE(cell.data().toString(), full.left(199) + QChar(0x2026));
}

void TstMigrationPreviewModelPg::cancelGoesIdle()
{
    QSignalSpy status(m_model.get(), &Model::statusChanged);
    m_model->load(request(kMarketingSelector));
    m_model->cancel();
    QCOMPARE(m_model->status(), PreviewStatus::Idle);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->error());
    // The next request is answered after the abandoned one (one worker): when it shows, the
    // abandoned answer has come and gone without a trace.
    m_model->load(request(kSalesSelector));
    settle();
    QCOMPARE(statuses(status), (QList<PreviewStatus>{PreviewStatus::Loading, PreviewStatus::Idle, PreviewStatus::Loading, PreviewStatus::Ready}));
    QCOMPARE(m_model->plan().rows, qint64(kSales));

    // Cancelling a shown plan drops it.
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->cancel();
    QCOMPARE(m_model->status(), PreviewStatus::Idle);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->plan().rows, qint64(0));
    QCOMPARE(m_model->request().selectorJson, kSalesSelector);
    m_model->clear();
    QCOMPARE(m_model->request().selectorJson, QString());
    QCOMPARE(m_model->status(), PreviewStatus::Idle);
}

void TstMigrationPreviewModelPg::withoutStoreFails()
{
    Model model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.load(request(kMarketingSelector));
    QCOMPARE(model.status(), PreviewStatus::Failed);
    QVERIFY(model.error());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TstMigrationPreviewModelPg)
#include "tst_migrationpreviewmodel_pg.moc"
