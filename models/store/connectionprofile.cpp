#include "models/store/connectionprofile.h"

#include <QRegularExpression>
#include <QUrl>

#include <libpq-fe.h>

#include <memory>

namespace tc {

namespace {
constexpr int kDefaultConnectTimeoutSeconds = 5;
}

QString conninfoQuoted(const QString &value)
{
    QString out = QStringLiteral("'");
    for (QChar c : value) {
        if (c == u'\'' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'\'';
    return out;
}

Result<QString> ConnectionProfile::libpqConninfo(const QString &password) const
{
    QString base = conninfo.trimmed();
    if (base.isEmpty()) {
        QStringList parts;
        if (!host.isEmpty())
            parts << QStringLiteral("host=") + conninfoQuoted(host);
        if (port > 0)
            parts << QStringLiteral("port=%1").arg(port);
        if (!database.isEmpty())
            parts << QStringLiteral("dbname=") + conninfoQuoted(database);
        if (!user.isEmpty())
            parts << QStringLiteral("user=") + conninfoQuoted(user);
        if (!sslMode.isEmpty())
            parts << QStringLiteral("sslmode=") + conninfoQuoted(sslMode);
        base = parts.join(u' ');
    }

    // Parse before connecting: a typo gets libpq's exact reason, not a connection error.
    char *errmsg = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(base.toUtf8().constData(), &errmsg), &PQconninfoFree);
    if (!options) {
        QString reason = errmsg ? QString::fromUtf8(errmsg).trimmed() : QStringLiteral("out of memory");
        PQfreemem(errmsg);
        return Error{ErrorKind::InvalidConnectionString,
                     QStringLiteral("The connection string is not valid: %1. Use key=value pairs "
                                    "(host=... port=... dbname=... user=...) or a postgresql:// URI.")
                         .arg(reason)};
    }
    bool hasTimeout = false;
    bool hasApplicationName = false;
    for (PQconninfoOption *o = options.get(); o->keyword; ++o) {
        if (!o->val)
            continue;
        hasTimeout |= qstrcmp(o->keyword, "connect_timeout") == 0;
        hasApplicationName |= qstrcmp(o->keyword, "application_name") == 0;
    }

    QStringList extra;
    if (!hasTimeout)
        extra << QStringLiteral("connect_timeout=%1").arg(kDefaultConnectTimeoutSeconds);
    if (!hasApplicationName)
        extra << QStringLiteral("application_name=tenant-console");
    const bool isUri = base.startsWith(QLatin1String("postgresql://")) || base.startsWith(QLatin1String("postgres://"));
    if (!password.isEmpty()) {
        extra << QStringLiteral("password=")
                     + (isUri ? QString::fromLatin1(QUrl::toPercentEncoding(password)) : conninfoQuoted(password));
    }
    if (extra.isEmpty())
        return base;
    // A URI takes its extra parameters after "?", a key=value string after a space.
    if (isUri)
        return base + (base.contains(u'?') ? u'&' : u'?') + extra.join(u'&');
    return (base + u' ' + extra.join(u' ')).trimmed();
}

QString ConnectionProfile::summary() const
{
    if (!conninfo.isEmpty()) {
        QString s = conninfo;
        // Never show a password that was typed into a conninfo string.
        static const QRegularExpression password(QStringLiteral("password\\s*=\\s*('([^'\\\\]|\\\\.)*'|\\S+)"));
        s.replace(password, QStringLiteral("password=***"));
        static const QRegularExpression uriPassword(QStringLiteral("(postgres(ql)?://[^:/@]*):[^@/]*@"));
        s.replace(uriPassword, QStringLiteral("\\1:***@"));
        return s;
    }
    QString s;
    if (!user.isEmpty())
        s += user + u'@';
    s += host.isEmpty() ? QStringLiteral("localhost") : host;
    if (port > 0)
        s += u':' + QString::number(port);
    if (!database.isEmpty())
        s += u'/' + database;
    return s;
}

} // namespace tc
