#pragma once

// How tenantctl writes things down: ids, times, aligned tables and "key  value" lines. Shared
// by every command group, so all of them print alike.

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace tc::ctl {

// An id without braces; null ids as JSON null.
QString idText(const QUuid &id);
QJsonValue idJson(const QUuid &id);

// ISO-8601 UTC ("2024-05-01T12:00:00Z") for machines, "2024-05-01 12:00:00 UTC" for people;
// an invalid time is JSON null or "-".
QJsonValue timeJson(const QDateTime &t);
QString timeText(const QDateTime &t);

// Columns padded to their widest cell, two blanks apart; `rightAligned` columns are numbers.
QString table(const QStringList &header, const QList<QStringList> &rows, const QList<int> &rightAligned = {});

// "key    value" lines with the values in one column.
QString keyValues(const QList<QPair<QString, QString>> &pairs);

// "1 sub-tenant", "12 sub-tenants": a count with its noun; the plural is `singular` + "s"
// unless given.
QString counted(qint64 n, const QString &singular, const QString &plural = {});

} // namespace tc::ctl
