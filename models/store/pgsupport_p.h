#pragma once

// libpqxx stays behind this private header: only the store's .cpp files include it.

#include "models/domain/result.h"
#include "models/domain/tenant.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QString>

#include <pqxx/pqxx>

#include <exception>
#include <string>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace tc::pg {

inline std::string str(const QString &s) { return s.toStdString(); }
inline QString qstr(const pqxx::field &f) { return QString::fromUtf8(f.c_str(), int(f.size())); }

// Maps what libpqxx threw to a typed Error; `context` says what was being done.
Error toError(const std::exception &e, const QString &context);
// The same for a failed connection attempt (no SQLSTATE; classified by libpq's message).
Error connectError(const std::exception &e);

// Runs `body` and turns every exception into an Error, so none crosses the store boundary.
template<typename T, typename Body>
Result<T> guarded(const QString &context, Body &&body)
{
    try {
        return body();
    } catch (const std::exception &e) {
        return toError(e, context);
    }
}

// A timestamp selected as epoch milliseconds (null: invalid).
QDateTime fromMillis(const pqxx::field &f);

// Reads a row of the tenant column list in pgstatements_p.h, with its usage alert.
Tenant tenantFromRow(const pqxx::row &row);

// Soft thresholds as the database writes a smallint[] ("{80,90,95}"), ascending.
QList<int> thresholdsFromText(QStringView text);
// What a quota without a row of its own uses (the column's default).
inline const QList<int> kDefaultSoftThresholds{80, 90, 95};

// PostgreSQL array literal of uuids, bound as one text parameter (never interpolated).
std::string uuidArrayLiteral(const QList<QUuid> &ids);

} // namespace tc::pg
