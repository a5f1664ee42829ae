#include <QtTest>
class Tst_tenantctl : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_tenantctl)
#include "tst_tenantctl.moc"
