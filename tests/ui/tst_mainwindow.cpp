#include <QtTest>
class Tst_mainwindow : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_mainwindow)
#include "tst_mainwindow.moc"
