#include <QtTest>
class Tst_tiercatalog : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_tiercatalog)
#include "tst_tiercatalog.moc"
