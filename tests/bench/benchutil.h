#pragma once

// Small helpers shared by the tenant-bench sections.

#include <QElapsedTimer>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace tc::bench {

// `conninfo` with its dbname replaced by `db`.
inline QString withDatabase(QString conninfo, const QString &db)
{
    conninfo.replace(QRegularExpression(QStringLiteral("dbname=\\S+")), QStringLiteral("dbname=") + db);
    return conninfo;
}

// `s` as an SQL string literal.
inline QString sqlLiteral(const QString &s)
{
    QString q = s;
    q.replace(u'\'', QStringLiteral("''"));
    return u'\'' + q + u'\'';
}

// The median (-1 for no values).
inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v.at(v.size() / 2);
}

inline double msSince(const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e6; }

// psql's own \timing of one statement (client round trip, rows transferred), in ms: the
// median of `runs` executions in one warm session, after one warm-up.
inline double psqlMs(const QString &conninfo, const QString &sql, int runs)
{
    QStringList args{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                     QStringLiteral("-d"), conninfo, QStringLiteral("-c"), QStringLiteral("\\timing on")};
    for (int i = 0; i <= runs; ++i)
        args << QStringLiteral("-c") << sql;
    QProcess p;
    p.start(QStringLiteral("psql"), args);
    p.waitForFinished(600000);
    static const QRegularExpression time(QStringLiteral("Time: ([0-9.]+) ms"));
    QList<double> times;
    auto it = time.globalMatch(QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
    while (it.hasNext())
        times << it.next().captured(1).toDouble();
    if (times.size() > 1)
        times.removeFirst();
    return median(times);
}

} // namespace tc::bench
