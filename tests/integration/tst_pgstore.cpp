#include <QtTest>
class Tst_pgstore : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_pgstore)
#include "tst_pgstore.moc"
