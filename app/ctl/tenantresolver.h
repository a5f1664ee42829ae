#pragma once

#include "models/domain/result.h"
#include "models/domain/tenant.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace tc {

class TenantStore;

// A tenant with its ancestors (top level first), so its path can be shown.
struct ResolvedTenant
{
    Tenant tenant;
    QList<Tenant> ancestors;

    // "acme/eu/research": the slugs from the top, joined with '/'.
    QString path() const;
    // "acme/eu" for acme/eu/research; empty at the top level.
    QString parentPath() const;
};

// Finds the tenant a person names on the command line: by id, by path ("acme/eu/research") or
// by a bare slug when exactly one tenant has it (slugs are unique only among siblings). Only
// TenantStore reads; blocks until they finish (tenantctl has no event loop to return to).
class TenantResolver
{
public:
    explicit TenantResolver(TenantStore &store) : m_store(store) {}

    // NotFound when nothing has that name; Validation when a bare slug names several tenants
    // (the message lists their paths) or the name can't be a tenant's.
    Result<ResolvedTenant> resolve(const QString &name);
    // The ancestors of a tenant read by id, for its path.
    Result<ResolvedTenant> withAncestors(const Tenant &tenant);

    // The path separator, and how a path is made from slugs.
    static constexpr QChar kSeparator = u'/';
    static QString joinPath(const QString &parentPath, const QString &slug);

private:
    Result<ResolvedTenant> byPath(const QStringList &slugs, const QString &name);
    Result<ResolvedTenant> bySlug(const QString &slug);
    Result<std::optional<Tenant>> childWithSlug(const QUuid &parent, const QString &slug);

    TenantStore &m_store;
};

} // namespace tc
