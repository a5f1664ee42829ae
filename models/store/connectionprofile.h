#pragma once

#include "models/domain/result.h"

#include <QString>

namespace tc {

// Where to connect. Holds no secret: the password is passed separately (and will come from
// the keychain), so a profile can be written to QSettings as it is.
struct ConnectionProfile
{
    enum class Kind { Direct, Api };

    QString name;
    Kind kind = Kind::Direct;
    // Direct: either a libpq conninfo string ...
    QString conninfo;
    // ... or the fields of the connect dialog (used when conninfo is empty).
    QString host;
    int port = 0; // 0: libpq's default (PGPORT, else 5432)
    QString database;
    QString user;
    QString sslMode; // empty = libpq default ("prefer")

    // Usage history from a Prometheus server instead of tenancy.usage_samples (empty = the
    // database), and the metric that carries the tenant_id and resource labels.
    QString prometheusUrl;
    QString prometheusMetric; // empty = "tenancy_usage"

    // The conninfo to hand to libpq, with the password (quoted) when one is given, a connect
    // timeout, and an application name. Fails with InvalidConnectionString and libpq's reason.
    Result<QString> libpqConninfo(const QString &password = {}) const;

    // "user@host:port/database" with what is known, for titles and logs; never the password.
    QString summary() const;
};

// Quotes a value for a libpq conninfo string (single quotes, backslash escapes).
QString conninfoQuoted(const QString &value);

} // namespace tc
