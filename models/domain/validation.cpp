#include "models/domain/validation.h"

#include <QList>

namespace tc {

std::optional<Error> validateSlug(const QString &slug)
{
    if (slug.isEmpty())
        return Error::validation(QStringLiteral("The slug is empty; give 1 to %1 characters.").arg(kSlugMaxLength));
    if (slug.size() > kSlugMaxLength)
        return Error::validation(QStringLiteral("The slug has %1 characters; at most %2 are allowed.")
                                     .arg(slug.size())
                                     .arg(kSlugMaxLength));
    for (qsizetype i = 0; i < slug.size(); ++i) {
        const QChar c = slug.at(i);
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
                        || c == u'_' || c == u'.' || c == u'-';
        if (!ok)
            return Error::validation(
                QStringLiteral("The slug may only contain letters a-z, digits, '_', '.' and '-'; "
                               "'%1' at position %2 is not allowed.")
                    .arg(c)
                    .arg(i + 1));
    }
    return std::nullopt;
}

std::optional<Error> validateDisplayName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error::validation(QStringLiteral("The display name is empty; give 1 to %1 characters.")
                                     .arg(kDisplayNameMaxLength));
    // The database counts characters (code points), not UTF-16 units.
    const qsizetype length = name.toUcs4().size();
    if (length > kDisplayNameMaxLength)
        return Error::validation(QStringLiteral("The display name has %1 characters; at most %2 are allowed.")
                                     .arg(length)
                                     .arg(kDisplayNameMaxLength));
    return std::nullopt;
}

QString likeEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            out += u'\\';
        out += c;
    }
    return out;
}

} // namespace tc
