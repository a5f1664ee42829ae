#include <QtTest>
class Tst_tenanttreemodel_pg : public QObject { Q_OBJECT private Q_SLOTS: void placeholder() { QSKIP("being written"); } };
QTEST_GUILESS_MAIN(Tst_tenanttreemodel_pg)
#include "tst_tenanttreemodel_pg.moc"
