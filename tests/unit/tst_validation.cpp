#include "models/domain/validation.h"

#include <QtTest>

using namespace tc;

namespace {

// n copies of one code point, which may take two UTF-16 units.
QString repeated(char32_t codePoint, int n)
{
    QString out;
    const QString one = QString::fromUcs4(&codePoint, 1);
    for (int i = 0; i < n; ++i)
        out += one;
    return out;
}

const char32_t kGrinningFace = U'\U0001F600';

} // namespace

class tst_Validation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validSlug_data();
    void validSlug();
    void invalidSlug_data();
    void invalidSlug();
    void validDisplayName_data();
    void validDisplayName();
    void invalidDisplayName_data();
    void invalidDisplayName();
    void likeEscaped_data();
    void likeEscaped();
};

void tst_Validation::validSlug_data()
{
    QTest::addColumn<QString>("slug");

    QTest::newRow("one letter") << QStringLiteral("a");
    QTest::newRow("hyphenated") << QStringLiteral("acme-corp");
    QTest::newRow("every allowed class") << QStringLiteral("A.b_c-1");
    QTest::newRow("digits only") << QStringLiteral("0123456789");
    QTest::newRow("255 characters") << QString(kSlugMaxLength, u'x');
}

void tst_Validation::validSlug()
{
    QFETCH(QString, slug);

    const std::optional<Error> error = validateSlug(slug);
    QVERIFY2(!error, qPrintable(error ? error->message : QString()));
}

void tst_Validation::invalidSlug_data()
{
    QTest::addColumn<QString>("slug");
    // A piece of the message that tells the user what to fix.
    QTest::addColumn<QString>("expectedInMessage");

    QTest::newRow("empty") << QString() << QStringLiteral("The slug is empty; give 1 to 255 characters.");
    QTest::newRow("256 characters") << QString(kSlugMaxLength + 1, u'x')
                                    << QStringLiteral("The slug has 256 characters; at most 255 are allowed.");
    QTest::newRow("space") << QStringLiteral("has space") << QStringLiteral("' ' at position 4 is not allowed.");
    QTest::newRow("non-ASCII letter") << QStringLiteral("ümlaut") << QStringLiteral("'ü' at position 1 is not allowed.");
    QTest::newRow("semicolon") << QStringLiteral("semi;colon") << QStringLiteral("';' at position 5 is not allowed.");
    QTest::newRow("slash") << QStringLiteral("slash/x") << QStringLiteral("'/' at position 6 is not allowed.");
    QTest::newRow("last character") << QStringLiteral("trailing%") << QStringLiteral("'%' at position 9 is not allowed.");
}

void tst_Validation::invalidSlug()
{
    QFETCH(QString, slug);
    QFETCH(QString, expectedInMessage);

    const std::optional<Error> error = validateSlug(slug);
    QVERIFY(error.has_value());
    QCOMPARE(error->kind, ErrorKind::Validation);
    QVERIFY2(error->message.contains(expectedInMessage), qPrintable(error->message));
}

void tst_Validation::validDisplayName_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("one character") << QStringLiteral("A");
    QTest::newRow("non-ASCII") << QStringLiteral("Café Zürich");
    QTest::newRow("inner and outer spaces") << QStringLiteral("  Acme  Corp ");
    QTest::newRow("one emoji") << repeated(kGrinningFace, 1);
    QTest::newRow("200 characters") << QString(kDisplayNameMaxLength, u'n');
    QTest::newRow("200 umlauts") << QString(kDisplayNameMaxLength, u'ü');
    // 400 UTF-16 units, but the database counts 200 characters.
    QTest::newRow("200 emoji") << repeated(kGrinningFace, kDisplayNameMaxLength);
}

void tst_Validation::validDisplayName()
{
    QFETCH(QString, name);

    const std::optional<Error> error = validateDisplayName(name);
    QVERIFY2(!error, qPrintable(error ? error->message : QString()));
}

void tst_Validation::invalidDisplayName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedMessage");

    const QString empty = QStringLiteral("The display name is empty; give 1 to 200 characters.");
    QTest::newRow("empty") << QString() << empty;
    QTest::newRow("spaces only") << QStringLiteral("   ") << empty;
    QTest::newRow("tab and newline") << QStringLiteral("\t\n") << empty;
    QTest::newRow("201 characters") << QString(kDisplayNameMaxLength + 1, u'n')
                                    << QStringLiteral("The display name has 201 characters; at most 200 are allowed.");
    QTest::newRow("201 emoji") << repeated(kGrinningFace, kDisplayNameMaxLength + 1)
                               << QStringLiteral("The display name has 201 characters; at most 200 are allowed.");
}

void tst_Validation::invalidDisplayName()
{
    QFETCH(QString, name);
    QFETCH(QString, expectedMessage);

    const std::optional<Error> error = validateDisplayName(name);
    QVERIFY(error.has_value());
    QCOMPARE(error->kind, ErrorKind::Validation);
    QCOMPARE(error->message, expectedMessage);
}

void tst_Validation::likeEscaped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("nothing to escape") << QStringLiteral("acme corp") << QStringLiteral("acme corp");
    QTest::newRow("percent, underscore, backslash")
        << QStringLiteral("50%_off\\") << QStringLiteral("50\\%\\_off\\\\");
    QTest::newRow("only wildcards") << QStringLiteral("%%__") << QStringLiteral("\\%\\%\\_\\_");
    QTest::newRow("non-ASCII untouched") << QStringLiteral("Zürich_%") << QStringLiteral("Zürich\\_\\%");
}

void tst_Validation::likeEscaped()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    QCOMPARE(tc::likeEscaped(text), expected);
}

QTEST_APPLESS_MAIN(tst_Validation)
#include "tst_validation.moc"
