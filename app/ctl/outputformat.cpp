#include "outputformat.h"

#include <algorithm>

namespace tc::ctl {

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QJsonValue idJson(const QUuid &id)
{
    return id.isNull() ? QJsonValue() : QJsonValue(idText(id));
}

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QStringLiteral("-");
}

QString table(const QStringList &header, const QList<QStringList> &rows, const QList<int> &rightAligned)
{
    QList<qsizetype> widths(header.size(), 0);
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header.at(c).size();
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    QStringList lines;
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            if (c > 0)
                text += QStringLiteral("  ");
            const int width = int(widths.at(c));
            text +=
                rightAligned.contains(int(c)) ? cells.at(c).rightJustified(width) : cells.at(c).leftJustified(width);
        }
        // Trailing blanks of the last column help nobody.
        while (text.endsWith(u' '))
            text.chop(1);
        lines.append(text);
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    return lines.join(u'\n');
}

QString keyValues(const QList<QPair<QString, QString>> &pairs)
{
    qsizetype width = 0;
    for (const auto &p : pairs)
        width = std::max(width, p.first.size());
    QStringList lines;
    for (const auto &p : pairs)
        lines.append((p.first.leftJustified(width) + QStringLiteral("  ") + p.second).trimmed());
    return lines.join(u'\n');
}

QString counted(qint64 n, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : plural.isEmpty() ? singular + u's' : plural);
}

} // namespace tc::ctl
