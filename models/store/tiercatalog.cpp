#include "models/store/tiercatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tc::TierCatalog {

Result<QList<TierPreset>> parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::validation(QStringLiteral("tiers.json is not valid JSON: %1 at offset %2.")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset));
    QList<TierPreset> presets;
    for (const QJsonValue &value : doc.object().value(QLatin1String("tiers")).toArray()) {
        const QJsonObject o = value.toObject();
        const auto tier = tierFromKey(o.value(QLatin1String("key")).toString());
        if (!tier)
            return Error::validation(QStringLiteral("tiers.json names an unknown tier \"%1\".")
                                         .arg(o.value(QLatin1String("key")).toString()));
        for (const TierPreset &seen : std::as_const(presets)) {
            if (seen.tier == *tier)
                return Error::validation(QStringLiteral("tiers.json defines \"%1\" twice.").arg(tierKey(*tier)));
        }
        TierPreset preset{*tier, o.value(QLatin1String("display_name")).toString(), {}};
        const QJsonObject quotas = o.value(QLatin1String("quotas")).toObject();
        for (auto it = quotas.begin(); it != quotas.end(); ++it) {
            if (it.value().isNull()) {
                preset.quotas.append({it.key(), std::nullopt});
            } else if (it.value().isDouble() && it.value().toDouble() >= 0) {
                preset.quotas.append({it.key(), qint64(it.value().toDouble())});
            } else {
                return Error::validation(QStringLiteral("tiers.json: %1.%2 must be a non-negative number or null.")
                                             .arg(tierKey(*tier), it.key()));
            }
        }
        presets.append(preset);
    }
    if (presets.size() != 3)
        return Error::validation(QStringLiteral("tiers.json must define starter, professional and enterprise."));
    return presets;
}

const QList<TierPreset> &bundled()
{
    static const QList<TierPreset> presets = [] {
        QFile f(QStringLiteral(":/tiers.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("tiers.json is missing from the resources");
        auto parsed = parse(f.readAll());
        if (!parsed.ok())
            qFatal("%s", qPrintable(parsed.error().message));
        return parsed.value();
    }();
    return presets;
}

const TierPreset *preset(Tier tier)
{
    for (const TierPreset &p : bundled()) {
        if (p.tier == tier)
            return &p;
    }
    return nullptr;
}

} // namespace tc::TierCatalog
