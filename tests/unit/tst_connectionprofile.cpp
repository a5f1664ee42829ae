#include <QtTest>
class Tst_connectionprofile : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_connectionprofile)
#include "tst_connectionprofile.moc"
