#include "models/domain/lifecyclestate.h"

#include <QtTest>

using namespace tc;

Q_DECLARE_METATYPE(tc::LifecycleState)

class tst_LifecycleState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transition_data();
    void transition();
    void keyRoundTrip_data();
    void keyRoundTrip();
    void unknownKey_data();
    void unknownKey();
    void keysInOrder();
};

void tst_LifecycleState::transition_data()
{
    QTest::addColumn<LifecycleState>("from");
    QTest::addColumn<LifecycleState>("to");
    QTest::addColumn<bool>("allowed");

    using S = LifecycleState;
    // All 16 pairs; the same table as the trigger in resources/sql/0001_init.sql.
    QTest::newRow("active -> active") << S::Active << S::Active << false;
    QTest::newRow("active -> suspended") << S::Active << S::Suspended << true;
    QTest::newRow("active -> archived") << S::Active << S::Archived << false;
    QTest::newRow("active -> deleted") << S::Active << S::Deleted << true;

    QTest::newRow("suspended -> active") << S::Suspended << S::Active << true;
    QTest::newRow("suspended -> suspended") << S::Suspended << S::Suspended << false;
    QTest::newRow("suspended -> archived") << S::Suspended << S::Archived << true;
    QTest::newRow("suspended -> deleted") << S::Suspended << S::Deleted << true;

    QTest::newRow("archived -> active") << S::Archived << S::Active << true;
    QTest::newRow("archived -> suspended") << S::Archived << S::Suspended << false;
    QTest::newRow("archived -> archived") << S::Archived << S::Archived << false;
    QTest::newRow("archived -> deleted") << S::Archived << S::Deleted << true;

    QTest::newRow("deleted -> active") << S::Deleted << S::Active << true;
    QTest::newRow("deleted -> suspended") << S::Deleted << S::Suspended << false;
    QTest::newRow("deleted -> archived") << S::Deleted << S::Archived << false;
    QTest::newRow("deleted -> deleted") << S::Deleted << S::Deleted << false;
}

void tst_LifecycleState::transition()
{
    QFETCH(LifecycleState, from);
    QFETCH(LifecycleState, to);
    QFETCH(bool, allowed);

    QCOMPARE(isTransitionAllowed(from, to), allowed);
}

void tst_LifecycleState::keyRoundTrip_data()
{
    QTest::addColumn<LifecycleState>("state");
    QTest::addColumn<QString>("key");

    QTest::newRow("active") << LifecycleState::Active << QStringLiteral("active");
    QTest::newRow("suspended") << LifecycleState::Suspended << QStringLiteral("suspended");
    QTest::newRow("archived") << LifecycleState::Archived << QStringLiteral("archived");
    QTest::newRow("deleted") << LifecycleState::Deleted << QStringLiteral("deleted");
}

void tst_LifecycleState::keyRoundTrip()
{
    QFETCH(LifecycleState, state);
    QFETCH(QString, key);

    QCOMPARE(lifecycleStateKey(state), key);
    const std::optional<LifecycleState> parsed = lifecycleStateFromKey(key);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, state);
}

void tst_LifecycleState::unknownKey_data()
{
    QTest::addColumn<QString>("key");

    QTest::newRow("empty") << QString();
    QTest::newRow("unknown word") << QStringLiteral("frozen");
    // Keys are stored in lower case; anything else is not a key.
    QTest::newRow("capitalised") << QStringLiteral("Active");
    QTest::newRow("padded") << QStringLiteral(" active");
}

void tst_LifecycleState::unknownKey()
{
    QFETCH(QString, key);

    QVERIFY(!lifecycleStateFromKey(key).has_value());
}

void tst_LifecycleState::keysInOrder()
{
    QCOMPARE(lifecycleStateKeys(), (QStringList{QStringLiteral("active"), QStringLiteral("suspended"),
                                                QStringLiteral("archived"), QStringLiteral("deleted")}));
}

QTEST_APPLESS_MAIN(tst_LifecycleState)
#include "tst_lifecyclestate.moc"
