#include <QtTest>
class Tst_tenantchange : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_tenantchange)
#include "tst_tenantchange.moc"
