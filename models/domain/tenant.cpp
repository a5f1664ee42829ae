#include "models/domain/tenant.h"

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
