#include <QtTest>
class Tst_tenanttreemodel : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_tenanttreemodel)
#include "tst_tenanttreemodel.moc"
