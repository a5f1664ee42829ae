#include "models/domain/lifecycle.h"

#include <QtTest>

using namespace tc;

Q_DECLARE_METATYPE(tc::LifecycleState)
Q_DECLARE_METATYPE(tc::TransitionBlock)
Q_DECLARE_METATYPE(std::optional<tc::LifecycleAction>)
Q_DECLARE_METATYPE(tc::HoldState)

// The state machine of models/domain/lifecycle.h, pair by pair; the trigger in
// resources/sql/0004_lifecycle.sql has the same table (tests/integration/tst_lifecycle checks it).
class tst_LifecycleTransitions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPair_data();
    void everyPair();
    void actionKeys();
    void check_data();
    void check();
    void cascadeDown_data();
    void cascadeDown();
    void release_data();
    void release();
    void suspendArchiveRestoreGivesBackTheSubtree();
    void reportCounts();
};

namespace {
using S = LifecycleState;
using A = LifecycleAction;
const QUuid kRoot = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000a}"));
const QUuid kOther = QUuid::fromString(QStringLiteral("{00000000-0000-0000-0000-00000000000b}"));
} // namespace

void tst_LifecycleTransitions::everyPair_data()
{
    QTest::addColumn<LifecycleState>("from");
    QTest::addColumn<LifecycleState>("to");
    QTest::addColumn<std::optional<LifecycleAction>>("action");
    QTest::addColumn<bool>("slugConfirmation");
    QTest::addColumn<bool>("activeParent");
    QTest::addColumn<bool>("cascadesDown");
    QTest::addColumn<bool>("releasesHeld");

    const std::optional<LifecycleAction> none;
    // from, to, action, confirm slug, needs active parent, cascades down, releases
    QTest::newRow("active -> active") << S::Active << S::Active << none << false << true << false << true;
    QTest::newRow("active -> suspended") << S::Active << S::Suspended << std::optional(A::Suspend) << false << false << true << false;
    QTest::newRow("active -> archived") << S::Active << S::Archived << none << false << false << true << false;
    QTest::newRow("active -> deleted") << S::Active << S::Deleted << std::optional(A::Delete) << true << false << true << false;
    QTest::newRow("suspended -> active") << S::Suspended << S::Active << std::optional(A::Resume) << false << true << false << true;
    QTest::newRow("suspended -> suspended") << S::Suspended << S::Suspended << none << false << false << false << false;
    QTest::newRow("suspended -> archived") << S::Suspended << S::Archived << std::optional(A::Archive) << false << false << true << false;
    QTest::newRow("suspended -> deleted") << S::Suspended << S::Deleted << std::optional(A::Delete) << true << false << true << false;
    QTest::newRow("archived -> active") << S::Archived << S::Active << std::optional(A::Restore) << false << true << false << true;
    QTest::newRow("archived -> suspended") << S::Archived << S::Suspended << none << false << false << false << false;
    QTest::newRow("archived -> archived") << S::Archived << S::Archived << none << false << false << false << false;
    QTest::newRow("archived -> deleted") << S::Archived << S::Deleted << std::optional(A::Delete) << true << false << true << false;
    QTest::newRow("deleted -> active") << S::Deleted << S::Active << std::optional(A::Restore) << false << true << false << true;
    QTest::newRow("deleted -> suspended") << S::Deleted << S::Suspended << none << false << false << false << false;
    QTest::newRow("deleted -> archived") << S::Deleted << S::Archived << none << false << false << false << false;
    QTest::newRow("deleted -> deleted") << S::Deleted << S::Deleted << none << true << false << false << false;
}

void tst_LifecycleTransitions::everyPair()
{
    QFETCH(LifecycleState, from);
    QFETCH(LifecycleState, to);
    QFETCH(std::optional<LifecycleAction>, action);
    QFETCH(bool, slugConfirmation);
    QFETCH(bool, activeParent);
    QFETCH(bool, cascadesDown);
    QFETCH(bool, releasesHeld);

    QCOMPARE(actionFor(from, to), action);
    QCOMPARE(isTransitionAllowed(from, to), action.has_value());
    // An action applies exactly where it is the transition to its target.
    for (LifecycleAction a : lifecycleActions()) {
        if (targetState(a) == to)
            QCOMPARE(isActionAllowed(a, from), action == a);
    }
    const TransitionRequirements r = requirementsFor(from, to);
    QVERIFY(r.needsReason);
    QCOMPARE(r.needsSlugConfirmation, slugConfirmation);
    QCOMPARE(r.schedulesPurge, to == S::Deleted);
    QCOMPARE(r.needsActiveParent, activeParent);
    QCOMPARE(r.cascadesDown, cascadesDown);
    QCOMPARE(r.releasesHeld, releasesHeld);
}

void tst_LifecycleTransitions::actionKeys()
{
    QStringList keys;
    for (LifecycleAction a : lifecycleActions()) {
        keys << lifecycleActionKey(a);
        QCOMPARE(lifecycleActionFromKey(lifecycleActionKey(a)), std::optional(a));
    }
    QCOMPARE(keys, (QStringList{QStringLiteral("suspend"), QStringLiteral("resume"), QStringLiteral("archive"),
                                QStringLiteral("restore"), QStringLiteral("delete")}));
    QCOMPARE(lifecycleActionFromKey(QStringLiteral("Suspend")), std::nullopt);
    QCOMPARE(lifecycleActionFromKey(QString()), std::nullopt);
}

void tst_LifecycleTransitions::check_data()
{
    QTest::addColumn<LifecycleState>("from");
    QTest::addColumn<LifecycleState>("to");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("parent"); // -1: top level, else a LifecycleState
    QTest::addColumn<bool>("preventDeletion");
    QTest::addColumn<int>("purgeInDays"); // deleted tenants: days until purge_after (negative: past)
    QTest::addColumn<bool>("purged");
    QTest::addColumn<TransitionBlock>("block");
    QTest::addColumn<QString>("message");

    const QString why = QStringLiteral("Unpaid invoice");
    const int active = int(S::Active);
    QTest::newRow("suspend ok") << S::Active << S::Suspended << why << QString() << active << false << 0 << false
                                << TransitionBlock::Ok << QString();
    QTest::newRow("illegal") << S::Active << S::Archived << why << QString() << -1 << false << 0 << false
                             << TransitionBlock::NotAllowed << QStringLiteral("Tenant \"acme\" cannot go from active to archived.");
    QTest::newRow("no reason") << S::Active << S::Suspended << QString() << QString() << -1 << false << 0 << false
                               << TransitionBlock::ReasonMissing
                               << QStringLiteral("Changing tenant \"acme\" from active to suspended needs a reason.");
    QTest::newRow("blank reason") << S::Suspended << S::Active << QStringLiteral("  \n") << QString() << -1 << false << 0
                                  << false << TransitionBlock::ReasonMissing
                                  << QStringLiteral("Changing tenant \"acme\" from suspended to active needs a reason.");
    QTest::newRow("delete confirmed") << S::Active << S::Deleted << why << QStringLiteral("acme") << -1 << false << 0
                                      << false << TransitionBlock::Ok << QString();
    QTest::newRow("delete wrong case") << S::Active << S::Deleted << why << QStringLiteral("ACME") << -1 << false << 0
                                       << false << TransitionBlock::ConfirmationWrong
                                       << QStringLiteral("To delete tenant \"acme\", confirm with its slug exactly.");
    QTest::newRow("delete not typed") << S::Archived << S::Deleted << why << QString() << -1 << false << 0 << false
                                      << TransitionBlock::ConfirmationWrong
                                      << QStringLiteral("To delete tenant \"acme\", confirm with its slug exactly.");
    QTest::newRow("delete protected") << S::Suspended << S::Deleted << why << QStringLiteral("acme") << -1 << true << 0
                                      << false << TransitionBlock::PreventDeletion
                                      << QStringLiteral("Tenant \"acme\" is protected from deletion; clear \"prevent deletion\" first.");
    QTest::newRow("resume under suspended parent")
        << S::Suspended << S::Active << why << QString() << int(S::Suspended) << false << 0 << false
        << TransitionBlock::ParentNotActive
        << QStringLiteral("Tenant \"acme\" cannot be active while its parent is suspended; restore or resume the parent first.");
    QTest::newRow("suspend under suspended parent") << S::Active << S::Suspended << why << QString() << int(S::Suspended)
                                                    << false << 0 << false << TransitionBlock::Ok << QString();
    QTest::newRow("restore in window") << S::Deleted << S::Active << why << QString() << active << false << 10 << false
                                       << TransitionBlock::Ok << QString();
    QTest::newRow("restore past window")
        << S::Deleted << S::Active << why << QString() << active << false << -1 << false << TransitionBlock::RetentionOver
        << QStringLiteral("Tenant \"acme\" is past its retention period and cannot be restored.");
    QTest::newRow("restore purged") << S::Deleted << S::Active << why << QString() << active << false << -5 << true
                                    << TransitionBlock::RetentionOver
                                    << QStringLiteral("Tenant \"acme\" was purged; only its tombstone is left.");
}

void tst_LifecycleTransitions::check()
{
    QFETCH(LifecycleState, from);
    QFETCH(LifecycleState, to);
    QFETCH(QString, reason);
    QFETCH(QString, typed);
    QFETCH(int, parent);
    QFETCH(bool, preventDeletion);
    QFETCH(int, purgeInDays);
    QFETCH(bool, purged);
    QFETCH(TransitionBlock, block);
    QFETCH(QString, message);

    TransitionInput in;
    in.from = from;
    in.to = to;
    in.slug = QStringLiteral("acme");
    in.reason = reason;
    in.typedConfirmation = typed;
    if (parent >= 0)
        in.parentState = LifecycleState(parent);
    in.preventDeletion = preventDeletion;
    in.now = QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC);
    if (from == S::Deleted)
        in.purgeAfter = in.now.addDays(purgeInDays);
    in.purged = purged;

    QCOMPARE(checkTransition(in), block);
    QCOMPARE(transitionBlockMessage(block, in), message);
}

void tst_LifecycleTransitions::cascadeDown_data()
{
    QTest::addColumn<HoldState>("before");
    QTest::addColumn<LifecycleState>("to");
    QTest::addColumn<HoldState>("after");

    QTest::newRow("active child suspended, held")
        << HoldState{S::Active, {}, {}} << S::Suspended << HoldState{S::Suspended, kRoot, S::Active};
    QTest::newRow("own suspended child stays own")
        << HoldState{S::Suspended, {}, {}} << S::Suspended << HoldState{S::Suspended, {}, {}};
    QTest::newRow("own suspended child archived keeps its own state")
        << HoldState{S::Suspended, {}, {}} << S::Archived << HoldState{S::Archived, kRoot, S::Suspended};
    QTest::newRow("held by another: the new root holds, own state kept")
        << HoldState{S::Suspended, kOther, S::Active} << S::Archived << HoldState{S::Archived, kRoot, S::Active};
    QTest::newRow("deleted child untouched by delete")
        << HoldState{S::Deleted, {}, {}} << S::Deleted << HoldState{S::Deleted, {}, {}};
    QTest::newRow("archived child untouched by suspend")
        << HoldState{S::Archived, {}, {}} << S::Suspended << HoldState{S::Archived, {}, {}};
    QTest::newRow("archived child deleted")
        << HoldState{S::Archived, {}, {}} << S::Deleted << HoldState{S::Deleted, kRoot, S::Archived};
}

void tst_LifecycleTransitions::cascadeDown()
{
    QFETCH(HoldState, before);
    QFETCH(LifecycleState, to);
    QFETCH(HoldState, after);
    QCOMPARE(tc::cascadeDown(before, to, kRoot), after);
}

void tst_LifecycleTransitions::release_data()
{
    QTest::addColumn<HoldState>("before");
    QTest::addColumn<LifecycleState>("parentState");
    QTest::addColumn<HoldState>("after");

    QTest::newRow("back to active under an active parent")
        << HoldState{S::Suspended, kRoot, S::Active} << S::Active << HoldState{S::Active, {}, {}};
    QTest::newRow("back to its own suspension")
        << HoldState{S::Archived, kRoot, S::Suspended} << S::Active << HoldState{S::Suspended, {}, {}};
    QTest::newRow("parent still suspended: held by the parent's holder")
        << HoldState{S::Archived, kRoot, S::Active} << S::Suspended << HoldState{S::Suspended, kOther, S::Active};
    QTest::newRow("own state stricter than the parent's")
        << HoldState{S::Deleted, kRoot, S::Archived} << S::Suspended << HoldState{S::Archived, {}, {}};
    QTest::newRow("not held: unchanged") << HoldState{S::Suspended, {}, {}} << S::Active << HoldState{S::Suspended, {}, {}};
}

void tst_LifecycleTransitions::release()
{
    QFETCH(HoldState, before);
    QFETCH(LifecycleState, parentState);
    QFETCH(HoldState, after);
    QCOMPARE(tc::release(before, parentState, kOther), after);
}

void tst_LifecycleTransitions::suspendArchiveRestoreGivesBackTheSubtree()
{
    // root R > Q (suspended on its own) > K (held by Q); R > S (active).
    const QUuid q = QUuid::createUuid();
    HoldState qs{S::Suspended, {}, {}};
    HoldState ks{S::Suspended, q, S::Active};
    HoldState ss{S::Active, {}, {}};
    const HoldState q0 = qs, k0 = ks, s0 = ss;

    for (LifecycleState to : {S::Suspended, S::Archived}) {
        qs = tc::cascadeDown(qs, to, kRoot);
        ks = tc::cascadeDown(ks, to, kRoot);
        ss = tc::cascadeDown(ss, to, kRoot);
    }
    QCOMPARE(qs, (HoldState{S::Archived, kRoot, S::Suspended}));
    QCOMPARE(ks, (HoldState{S::Archived, kRoot, S::Active}));
    QCOMPARE(ss, (HoldState{S::Archived, kRoot, S::Active}));

    // Restore R: top down, each child against its parent's new state.
    qs = tc::release(qs, S::Active, kRoot);
    ss = tc::release(ss, S::Active, kRoot);
    ks = tc::release(ks, qs.state, qs.heldBy.isNull() ? q : qs.heldBy);
    QCOMPARE(qs, q0);
    QCOMPARE(ss, s0);
    QCOMPARE(ks, k0);
}

void tst_LifecycleTransitions::reportCounts()
{
    LifecycleReport report;
    report.changes = {LifecycleChange{QUuid::createUuid(), {}, QStringLiteral("a"), S::Active, S::Suspended, {}},
                      LifecycleChange{QUuid::createUuid(), {}, QStringLiteral("b"), S::Active, S::Suspended, kRoot},
                      LifecycleChange{QUuid::createUuid(), {}, QStringLiteral("c"), S::Active, S::Suspended, kRoot}};
    QCOMPARE(report.requestedCount(), 1);
    QCOMPARE(report.cascadedCount(), 2);

    PurgeReport purge;
    purge.tenants = {PurgedTenant{kRoot, QStringLiteral("a"), 10, 5, true},
                     PurgedTenant{kOther, QStringLiteral("b"), 3, 0, false}};
    QCOMPARE(purge.memories(), 13);
    QCOMPARE(purge.usageSamples(), 5);
    QCOMPARE(purge.finishedCount(), 1);

    DeletionAllowance a;
    a.cap = 3;
    a.deletedRecently = 5;
    QCOMPARE(a.remaining(), 0);
    a.deletedRecently = 1;
    QCOMPARE(a.remaining(), 2);
}

QTEST_APPLESS_MAIN(tst_LifecycleTransitions)
#include "tst_lifecycletransitions.moc"
