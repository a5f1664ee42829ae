#include "models/domain/tenant.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tc {

std::optional<double> UsageLimit::fraction() const
{
    if (!used || !limit)
        return std::nullopt;
    if (*limit == 0)
        return *used > 0 ? 1.0 : 0.0;
    return double(*used) / double(*limit);
}

std::optional<TenantChange> TenantChange::fromPayload(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    TenantChange change;
    const QString op = o.value(QLatin1String("op")).toString();
    if (op == QLatin1String("INSERT"))
        change.operation = Operation::Insert;
    else if (op == QLatin1String("UPDATE"))
        change.operation = Operation::Update;
    else if (op == QLatin1String("DELETE"))
        change.operation = Operation::Delete;
    else
        return std::nullopt;
    change.table = o.value(QLatin1String("table")).toString();
    change.tenantId = QUuid::fromString(o.value(QLatin1String("tenant")).toString());
    change.parentId = QUuid::fromString(o.value(QLatin1String("parent")).toString());
    change.oldParentId = QUuid::fromString(o.value(QLatin1String("old_parent")).toString());
    if (change.tenantId.isNull())
        return std::nullopt;
    return change;
}

} // namespace tc

namespace tc {

TenantSettings TenantSettings::fromJson(const QJsonObject &settings)
{
    TenantSettings s;
    for (const QJsonValue &f : settings.value(QLatin1String("features")).toArray()) {
        if (f.isString() && !s.features.contains(f.toString()))
            s.features.append(f.toString());
    }
    s.inheritFeatures = settings.value(QLatin1String("inherit_features")).toBool(false);
    s.retentionDays = settings.value(QLatin1String("retention_days")).toInt(90);
    s.preventDeletion = settings.value(QLatin1String("prevent_deletion")).toBool(false);
    return s;
}

QJsonObject TenantSettings::toJson(const QJsonObject &base) const
{
    QJsonObject o = base;
    o.insert(QStringLiteral("features"), QJsonArray::fromStringList(features));
    o.insert(QStringLiteral("inherit_features"), inheritFeatures);
    o.insert(QStringLiteral("retention_days"), retentionDays);
    o.insert(QStringLiteral("prevent_deletion"), preventDeletion);
    return o;
}

const QStringList &knownFeatures()
{
    static const QStringList features{QStringLiteral("semantic_search"), QStringLiteral("analytics"),
                                      QStringLiteral("export"),          QStringLiteral("sso"),
                                      QStringLiteral("audit_export"),    QStringLiteral("custom_models")};
    return features;
}

} // namespace tc
