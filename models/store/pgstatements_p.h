#pragma once

// Every SQL statement of PgStore. Values are always bound ($1, $2, ...).

namespace tc::pg::sql {

// Columns read by tenantFromRow(), in this order. `pl` must provide the parent's effective
// limits (pl.items_limit, pl.storage_limit) for rows that inherit theirs.
#define TC_TENANT_COLUMNS                                                                       \
    "t.id, t.parent_id, t.slug, t.display_name, t.tier, t.state, "                              \
    "(extract(epoch FROM t.state_changed_at) * 1000)::bigint, "                                 \
    "(extract(epoch FROM t.purge_after) * 1000)::bigint, t.settings::text, "                    \
    "(extract(epoch FROM t.created_at) * 1000)::bigint, "                                       \
    "(extract(epoch FROM t.updated_at) * 1000)::bigint, t.version, "                            \
    "(SELECT count(*) FROM tenancy.tenants c WHERE c.parent_id = t.id), "                       \
    "ui.value, coalesce(qi.hard_limit, pl.items_limit), "                                       \
    "us.value, coalesce(qs.hard_limit, pl.storage_limit) "

#define TC_TENANT_JOINS                                                                         \
    " LEFT JOIN tenancy.quotas qi ON qi.tenant_id = t.id AND qi.resource = 'items'"             \
    " LEFT JOIN tenancy.quotas qs ON qs.tenant_id = t.id AND qs.resource = 'storage_bytes'"     \
    " LEFT JOIN tenancy.usage_current ui ON ui.tenant_id = t.id AND ui.resource = 'items'"      \
    " LEFT JOIN tenancy.usage_current us ON us.tenant_id = t.id AND us.resource = 'storage_bytes' "

// $1 parent id (text, may be null), $2 after slug, $3 limit. The parent's effective limits
// are computed once per page, not per row.
inline constexpr const char *childrenOf =
    "WITH pl AS MATERIALIZED (SELECT tenancy.effective_limit($1::uuid, 'items') AS items_limit, "
    "                                tenancy.effective_limit($1::uuid, 'storage_bytes') AS storage_limit) "
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t CROSS JOIN pl" TC_TENANT_JOINS
    "WHERE t.parent_id = $1::uuid AND t.slug > $2 ORDER BY t.slug LIMIT $3";

// Ordered by (parent_id, slug), the index's own order: "parent_id IS NULL" does not make the
// column a constant for the planner (only "=" does), and ORDER BY slug alone made it sort all
// 12,000 top-level tenants of the 100,000-tenant demo (100 ms instead of a few).
inline constexpr const char *topLevel =
    "WITH pl AS MATERIALIZED (SELECT NULL::bigint AS items_limit, NULL::bigint AS storage_limit) "
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t CROSS JOIN pl" TC_TENANT_JOINS
    "WHERE t.parent_id IS NULL AND t.slug > $1 ORDER BY t.parent_id, t.slug LIMIT $2";

inline constexpr const char *countChildren =
    "SELECT count(*) FROM tenancy.tenants WHERE parent_id = $1::uuid";
inline constexpr const char *countTopLevel =
    "SELECT count(*) FROM tenancy.tenants WHERE parent_id IS NULL";

// $1 uuid[] literal. Each row gets its own parent's effective limits (few rows).
inline constexpr const char *tenantsByIds =
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t "
    "CROSS JOIN LATERAL (SELECT tenancy.effective_limit(t.parent_id, 'items') AS items_limit, "
    "                           tenancy.effective_limit(t.parent_id, 'storage_bytes') AS storage_limit) pl"
    TC_TENANT_JOINS
    "WHERE t.id = ANY ($1::uuid[])";

// $1 LIKE pattern (already escaped, lower case, with % around), $2 limit + 1.
// Returns the matches and all their ancestors, flagged.
inline constexpr const char *searchIds =
    "WITH RECURSIVE m AS ("
    "  SELECT t.id FROM tenancy.tenants t"
    "   WHERE lower(t.slug || ' ' || t.display_name) LIKE $1"
    "   ORDER BY t.slug, t.id LIMIT $2),"
    " up (id, parent_id, is_match) AS ("
    "  SELECT t.id, t.parent_id, true FROM tenancy.tenants t JOIN m ON m.id = t.id"
    "  UNION"
    "  SELECT p.id, p.parent_id, false FROM up JOIN tenancy.tenants p ON p.id = up.parent_id)"
    "SELECT id, bool_or(is_match) FROM up GROUP BY id";

inline constexpr const char *auditVerify = "SELECT checked, first_bad_id FROM tenancy.audit_verify()";

inline constexpr const char *tenantCount = "SELECT count(*) FROM tenancy.tenants";

inline constexpr const char *sessionInfo =
    "SELECT current_user, "
    "  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
    "  coalesce((SELECT pg_has_role(current_user, n.nspowner, 'USAGE') FROM pg_namespace n"
    "             WHERE n.nspname = 'tenancy'), false), "
    "  EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'tenancy_operator'"
    "          AND pg_has_role(current_user, r.oid, 'USAGE')), "
    "  EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'tenancy_auditor'"
    "          AND pg_has_role(current_user, r.oid, 'USAGE')), "
    "  EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'tenancy_app'"
    "          AND pg_has_role(current_user, r.oid, 'USAGE')), "
    "  current_setting('server_version'), "
    "  to_regclass('tenancy.schema_migrations') IS NOT NULL";

inline constexpr const char *schemaVersion =
    "SELECT coalesce(max(version), 0) FROM tenancy.schema_migrations";

#undef TC_TENANT_COLUMNS
#undef TC_TENANT_JOINS

} // namespace tc::pg::sql
