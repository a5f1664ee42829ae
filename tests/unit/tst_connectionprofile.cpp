#include "models/store/connectionprofile.h"

#include <QtTest>

using namespace tc;

namespace {

ConnectionProfile fieldsProfile(const QString &host, int port, const QString &database, const QString &user,
                                const QString &sslMode = {})
{
    ConnectionProfile p;
    p.host = host;
    p.port = port;
    p.database = database;
    p.user = user;
    p.sslMode = sslMode;
    return p;
}

ConnectionProfile conninfoProfile(const QString &conninfo)
{
    ConnectionProfile p;
    p.conninfo = conninfo;
    return p;
}

} // namespace

Q_DECLARE_METATYPE(tc::ConnectionProfile)

class tst_ConnectionProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conninfoQuoted_data();
    void conninfoQuoted();
    void quotedValueIsAccepted_data();
    void quotedValueIsAccepted();
    void libpqConninfo_data();
    void libpqConninfo();
    void invalidConninfo_data();
    void invalidConninfo();
    void summary_data();
    void summary();
};

void tst_ConnectionProfile::conninfoQuoted_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("plain") << QStringLiteral("secret") << QStringLiteral("'secret'");
    QTest::newRow("space") << QStringLiteral("my db") << QStringLiteral("'my db'");
    QTest::newRow("quote and backslash") << QStringLiteral("pa'ss\\") << QStringLiteral("'pa\\'ss\\\\'");
    QTest::newRow("equals sign") << QStringLiteral("a=b") << QStringLiteral("'a=b'");
    QTest::newRow("non-ASCII") << QStringLiteral("Zürich") << QStringLiteral("'Zürich'");
}

void tst_ConnectionProfile::conninfoQuoted()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);

    QCOMPARE(tc::conninfoQuoted(value), expected);
}

void tst_ConnectionProfile::quotedValueIsAccepted_data()
{
    QTest::addColumn<QString>("value");

    QTest::newRow("empty") << QString();
    QTest::newRow("quote and backslash") << QStringLiteral("pa'ss\\");
    QTest::newRow("only quotes") << QStringLiteral("'''");
    QTest::newRow("trailing backslash") << QStringLiteral("x\\");
    QTest::newRow("looks like another key") << QStringLiteral("x' host='evil");
}

// A quoted value must come through libpq's parser as one value, whatever it holds.
void tst_ConnectionProfile::quotedValueIsAccepted()
{
    QFETCH(QString, value);

    const QString conninfo = QStringLiteral("application_name=") + tc::conninfoQuoted(value) + QStringLiteral(" host=h");
    const Result<QString> result = conninfoProfile(conninfo).libpqConninfo();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    // application_name was given, so only the timeout is added.
    QCOMPARE(*result, conninfo + QStringLiteral(" connect_timeout=5"));
}

void tst_ConnectionProfile::libpqConninfo_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");

    const QString tail = QStringLiteral(" connect_timeout=5 application_name=tenant-console");
    const QString uriTail = QStringLiteral("connect_timeout=5&application_name=tenant-console");

    QTest::newRow("fields")
        << fieldsProfile(QStringLiteral("h"), 5432, QStringLiteral("d"), QStringLiteral("u")) << QString()
        << QStringLiteral("host='h' port=5432 dbname='d' user='u'") + tail;
    QTest::newRow("fields with sslmode")
        << fieldsProfile(QStringLiteral("h"), 6432, QStringLiteral("d"), QStringLiteral("u"), QStringLiteral("require"))
        << QString() << QStringLiteral("host='h' port=6432 dbname='d' user='u' sslmode='require'") + tail;
    QTest::newRow("fields with password")
        << fieldsProfile(QStringLiteral("h"), 5432, QStringLiteral("d"), QStringLiteral("u")) << QStringLiteral("secret")
        << QStringLiteral("host='h' port=5432 dbname='d' user='u'") + tail + QStringLiteral(" password='secret'");
    QTest::newRow("fields with quote and backslash in password")
        << fieldsProfile(QStringLiteral("h"), 5432, QStringLiteral("d"), QStringLiteral("u"))
        << QStringLiteral("pa'ss\\")
        << QStringLiteral("host='h' port=5432 dbname='d' user='u'") + tail + QStringLiteral(" password='pa\\'ss\\\\'");
    QTest::newRow("fields quoted")
        << fieldsProfile(QStringLiteral("my host"), 5432, QStringLiteral("o'brien"), QStringLiteral("u")) << QString()
        << QStringLiteral("host='my host' port=5432 dbname='o\\'brien' user='u'") + tail;
    QTest::newRow("fields without host and port")
        << fieldsProfile(QString(), 0, QStringLiteral("d"), QString()) << QString()
        << QStringLiteral("dbname='d'") + tail;

    QTest::newRow("conninfo") << conninfoProfile(QStringLiteral("host=h dbname=d")) << QString()
                              << QStringLiteral("host=h dbname=d") + tail;
    QTest::newRow("conninfo trimmed") << conninfoProfile(QStringLiteral("  host=h dbname=d \n")) << QString()
                                      << QStringLiteral("host=h dbname=d") + tail;
    QTest::newRow("conninfo with own timeout")
        << conninfoProfile(QStringLiteral("host=h connect_timeout=2")) << QString()
        << QStringLiteral("host=h connect_timeout=2 application_name=tenant-console");
    QTest::newRow("conninfo with own application name")
        << conninfoProfile(QStringLiteral("host=h application_name=psql")) << QString()
        << QStringLiteral("host=h application_name=psql connect_timeout=5");
    QTest::newRow("conninfo with both")
        << conninfoProfile(QStringLiteral("host=h connect_timeout=2 application_name=psql")) << QString()
        << QStringLiteral("host=h connect_timeout=2 application_name=psql");
    QTest::newRow("conninfo with password")
        << conninfoProfile(QStringLiteral("host=h")) << QStringLiteral("pa'ss\\")
        << QStringLiteral("host=h") + tail + QStringLiteral(" password='pa\\'ss\\\\'");

    QTest::newRow("uri") << conninfoProfile(QStringLiteral("postgresql://u@h/d")) << QString()
                         << QStringLiteral("postgresql://u@h/d?") + uriTail;
    QTest::newRow("short uri scheme") << conninfoProfile(QStringLiteral("postgres://u@h/d")) << QString()
                                      << QStringLiteral("postgres://u@h/d?") + uriTail;
    QTest::newRow("uri with query") << conninfoProfile(QStringLiteral("postgresql://u@h/d?sslmode=require"))
                                    << QString() << QStringLiteral("postgresql://u@h/d?sslmode=require&") + uriTail;
    QTest::newRow("uri with own timeout")
        << conninfoProfile(QStringLiteral("postgresql://u@h/d?connect_timeout=2")) << QString()
        << QStringLiteral("postgresql://u@h/d?connect_timeout=2&application_name=tenant-console");
    QTest::newRow("uri with password")
        << conninfoProfile(QStringLiteral("postgresql://u@h/d")) << QStringLiteral("p@ss w'&")
        << QStringLiteral("postgresql://u@h/d?") + uriTail + QStringLiteral("&password=p%40ss%20w%27%26");
}

void tst_ConnectionProfile::libpqConninfo()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, password);
    QFETCH(QString, expected);

    const Result<QString> result = profile.libpqConninfo(password);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(*result, expected);
    QCOMPARE(result->count(QStringLiteral("connect_timeout=")), qsizetype(1));
    QCOMPARE(result->count(QStringLiteral("application_name=")), qsizetype(1));
}

void tst_ConnectionProfile::invalidConninfo_data()
{
    QTest::addColumn<QString>("conninfo");
    // libpq's reason, which the message passes on.
    QTest::addColumn<QString>("reason");

    QTest::newRow("key without value") << QStringLiteral("host=x port") << QStringLiteral("missing \"=\" after \"port\"");
    QTest::newRow("unknown key") << QStringLiteral("nonsense_key=1")
                                 << QStringLiteral("invalid connection option \"nonsense_key\"");
    QTest::newRow("unterminated quote") << QStringLiteral("host='unterminated")
                                        << QStringLiteral("unterminated quoted string");
    QTest::newRow("uri with unknown parameter") << QStringLiteral("postgresql://u@h/d?nonsense_key=1")
                                                << QStringLiteral("invalid URI query parameter: \"nonsense_key\"");
}

void tst_ConnectionProfile::invalidConninfo()
{
    QFETCH(QString, conninfo);
    QFETCH(QString, reason);

    const Result<QString> result = conninfoProfile(conninfo).libpqConninfo(QStringLiteral("secret"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::InvalidConnectionString);
    const QString message = result.error().message;
    QVERIFY2(message.startsWith(QLatin1String("The connection string is not valid")), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("secret")), qPrintable(message));
}

void tst_ConnectionProfile::summary_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("expected");

    QTest::newRow("fields") << fieldsProfile(QStringLiteral("h"), 5432, QStringLiteral("d"), QStringLiteral("u"))
                            << QStringLiteral("u@h:5432/d");
    QTest::newRow("fields without user")
        << fieldsProfile(QStringLiteral("db.example.com"), 6432, QStringLiteral("tenancy"), QString())
        << QStringLiteral("db.example.com:6432/tenancy");
    QTest::newRow("fields without host, port or database")
        << fieldsProfile(QString(), 0, QString(), QStringLiteral("u")) << QStringLiteral("u@localhost");

    QTest::newRow("conninfo without password") << conninfoProfile(QStringLiteral("host=h dbname=d"))
                                               << QStringLiteral("host=h dbname=d");
    QTest::newRow("conninfo with password") << conninfoProfile(QStringLiteral("host=h password=secret dbname=d"))
                                            << QStringLiteral("host=h password=*** dbname=d");
    QTest::newRow("conninfo with spaced password")
        << conninfoProfile(QStringLiteral("host=h password = secret dbname=d"))
        << QStringLiteral("host=h password=*** dbname=d");
    QTest::newRow("conninfo with quoted password")
        << conninfoProfile(QStringLiteral("host=h password='my secret\\' x' dbname=d"))
        << QStringLiteral("host=h password=*** dbname=d");
    QTest::newRow("conninfo with sslpassword") << conninfoProfile(QStringLiteral("host=h sslpassword=secret"))
                                               << QStringLiteral("host=h sslpassword=***");
    QTest::newRow("uri with password") << conninfoProfile(QStringLiteral("postgresql://u:secret@h/d"))
                                       << QStringLiteral("postgresql://u:***@h/d");
    QTest::newRow("short uri with password") << conninfoProfile(QStringLiteral("postgres://u:secret@h:5433/d"))
                                             << QStringLiteral("postgres://u:***@h:5433/d");
    QTest::newRow("uri with password parameter")
        << conninfoProfile(QStringLiteral("postgresql://u@h/d?password=secret"))
        << QStringLiteral("postgresql://u@h/d?password=***");
}

void tst_ConnectionProfile::summary()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, expected);

    const QString summary = profile.summary();
    QCOMPARE(summary, expected);
    QVERIFY2(!summary.contains(QLatin1String("secret")), qPrintable(summary));
}

QTEST_APPLESS_MAIN(tst_ConnectionProfile)
#include "tst_connectionprofile.moc"
