#include <QtTest>
class Tst_demoseeder : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_demoseeder)
#include "tst_demoseeder.moc"
