#include "tenantresolver.h"

#include "models/domain/validation.h"
#include "models/store/tenantstore.h"

#include <algorithm>

namespace tc {

namespace {

template<typename T>
Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

// The characters a slug may have, in the bytewise order the database sorts slugs in.
const QString &slugAlphabet()
{
    static const QString alphabet =
        QStringLiteral("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    return alphabet;
}

// The largest valid slug below `slug` (or a string no valid slug sorts between): the keyset
// position right before it, so one row of children(parent, before(slug), 1) is the sibling
// with that slug if there is one. Slugs sort bytewise (COLLATE "C") and are at most 255
// characters, which is what makes such a predecessor exist.
QString slugBefore(const QString &slug)
{
    const QString prefix = slug.chopped(1);
    const qsizetype last = slugAlphabet().indexOf(slug.back());
    if (last <= 0)
        return prefix; // nothing sorts between "ab" and "ab-"
    return prefix + slugAlphabet().at(last - 1) + QString(kSlugMaxLength - slug.size(), slugAlphabet().back());
}

Error notNamed(const QString &name)
{
    return Error{ErrorKind::NotFound,
                 QStringLiteral("No tenant is named \"%1\"; name one by its slug, its path (acme/eu) or its id.")
                     .arg(name)};
}

} // namespace

QString ResolvedTenant::path() const
{
    return TenantResolver::joinPath(parentPath(), tenant.slug);
}

QString ResolvedTenant::parentPath() const
{
    QString p;
    for (const Tenant &a : ancestors)
        p = TenantResolver::joinPath(p, a.slug);
    return p;
}

QString TenantResolver::joinPath(const QString &parentPath, const QString &slug)
{
    return parentPath.isEmpty() ? slug : parentPath + kSeparator + slug;
}

Result<ResolvedTenant> TenantResolver::resolve(const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (name.isEmpty())
        return Error::validation(QStringLiteral("The tenant name is empty; give a slug, a path (acme/eu) or an id."));
    const QUuid id = QUuid::fromString(name);
    if (!id.isNull()) {
        const Result<Tenant> t = wait(m_store.tenant(id));
        if (t.ok())
            return withAncestors(t.value());
        // A slug may look like an id; only then is it worth looking further.
        if (t.error().kind != ErrorKind::NotFound || validateSlug(name))
            return t.error();
        const Result<ResolvedTenant> bySlugName = bySlug(name);
        if (!bySlugName.ok() && bySlugName.error().kind == ErrorKind::NotFound)
            return Error{ErrorKind::NotFound, QStringLiteral("No tenant has the id or slug \"%1\".").arg(name)};
        return bySlugName;
    }
    if (name.contains(kSeparator)) {
        QStringList slugs = name.split(kSeparator);
        if (slugs.first().isEmpty())
            slugs.removeFirst(); // "/acme/eu": from the top, as every path is
        if (!slugs.isEmpty() && slugs.last().isEmpty())
            slugs.removeLast();
        if (slugs.isEmpty() || slugs.contains(QString()))
            return Error::validation(
                QStringLiteral("\"%1\" is not a tenant path; a path is slugs from the top joined with '/', like acme/eu.")
                    .arg(name));
        return byPath(slugs, name);
    }
    return bySlug(name);
}

Result<ResolvedTenant> TenantResolver::withAncestors(const Tenant &tenant)
{
    ResolvedTenant resolved{tenant, {}};
    // At most 8 levels: one read per level is cheap and needs no query of its own.
    for (QUuid parent = tenant.parentId; !parent.isNull();) {
        if (resolved.ancestors.size() > kMaxDepth)
            return Error{ErrorKind::Internal,
                         QStringLiteral("The ancestors of tenant \"%1\" form a cycle.").arg(tenant.slug)};
        const Result<Tenant> p = wait(m_store.tenant(parent));
        if (!p.ok())
            return p.error();
        resolved.ancestors.prepend(p.value());
        parent = p->parentId;
    }
    return resolved;
}

Result<ResolvedTenant> TenantResolver::byPath(const QStringList &slugs, const QString &name)
{
    ResolvedTenant resolved;
    QUuid parent;
    for (qsizetype i = 0; i < slugs.size(); ++i) {
        const QString &slug = slugs.at(i);
        if (validateSlug(slug))
            return notNamed(name);
        const Result<std::optional<Tenant>> child = childWithSlug(parent, slug);
        if (!child.ok())
            return child.error();
        if (!child.value()) {
            if (i == 0)
                return Error{ErrorKind::NotFound, QStringLiteral("No top-level tenant has the slug \"%1\".").arg(slug)};
            return Error{ErrorKind::NotFound,
                         QStringLiteral("%1 has no sub-tenant \"%2\".").arg(slugs.mid(0, i).join(kSeparator), slug)};
        }
        if (i > 0)
            resolved.ancestors.append(resolved.tenant);
        resolved.tenant = *child.value();
        parent = resolved.tenant.id;
    }
    return resolved;
}

Result<std::optional<Tenant>> TenantResolver::childWithSlug(const QUuid &parent, const QString &slug)
{
    const Result<TenantPage> page = wait(m_store.children(parent, slugBefore(slug), 1));
    if (!page.ok())
        return page.error();
    if (page->tenants.isEmpty() || page->tenants.first().slug != slug)
        return std::optional<Tenant>();
    return std::optional<Tenant>(page->tenants.first());
}

Result<ResolvedTenant> TenantResolver::bySlug(const QString &slug)
{
    if (validateSlug(slug))
        return notNamed(slug);
    // Search finds substrings of slugs and names, in slug order, a window at a time: once the
    // window reaches past `slug`, every tenant with exactly that slug is in it.
    QList<TenantMatch> exact;
    for (int limit = 500;; limit *= 10) {
        const Result<SearchResult> found = wait(m_store.search(slug, limit));
        if (!found.ok())
            return found.error();
        exact.clear();
        for (const TenantMatch &m : found->matches) {
            if (m.tenant.slug == slug)
                exact.append(m);
        }
        const bool complete = !found->truncated || found->matches.isEmpty() || found->matches.last().tenant.slug > slug;
        if (complete)
            break;
        if (limit >= 5'000'000)
            return Error::validation(QStringLiteral("Too many tenants match \"%1\" to tell whether the slug is unique; "
                                                    "name the tenant by its path (acme/eu) or its id.")
                                         .arg(slug));
    }
    if (exact.isEmpty())
        return Error{ErrorKind::NotFound, QStringLiteral("No tenant has the slug \"%1\".").arg(slug)};
    if (exact.size() == 1)
        return ResolvedTenant{exact.first().tenant, exact.first().ancestors};
    QStringList paths;
    for (const TenantMatch &m : std::as_const(exact))
        paths.append(ResolvedTenant{m.tenant, m.ancestors}.path());
    std::sort(paths.begin(), paths.end());
    return Error::validation(QStringLiteral("The slug \"%1\" names %2 tenants: %3; name one by its path or id.")
                                 .arg(slug)
                                 .arg(paths.size())
                                 .arg(paths.join(QStringLiteral(", "))));
}

} // namespace tc
