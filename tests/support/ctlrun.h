#pragma once

// What a tenantctl process did, for the tests that run the built binary: exit, stdout, stderr.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tc::test {

struct CtlRun
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;

    QStringList errLines() const { return err.split(u'\n', Qt::SkipEmptyParts); }
    bool exitedNormally() const { return finished && status == QProcess::NormalExit; }
    QString summary() const
    {
        return QStringLiteral("finished: %1, exit code: %2\nstdout: %3\nstderr: %4")
            .arg(finished ? QStringLiteral("yes") : QStringLiteral("no"))
            .arg(exitCode)
            .arg(out, err);
    }
};

// The environment without libpq's variables, so none leaks in from the shell running the tests.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            env.remove(key);
    }
    return env;
}

} // namespace tc::test
