#pragma once

// Every SQL statement of PgStore. Values are always bound ($1, $2, ...).

namespace tc::pg::sql {

// Columns read by tenantFromRow(), in this order. `pl` must provide the parent's effective
// limits (pl.items_limit, pl.storage_limit, pl.qpm_limit) for rows that inherit theirs.
// After the tenant itself, for the tree's alert: latest usage of queries_per_minute, its own
// quota row as "hard limit|thresholds" (one index probe for both) and the parent's effective
// limit, the thresholds of items and storage_bytes, then the display name and unit of those
// three metered resources (uncorrelated: evaluated once per statement). Queries per minute is
// read by subqueries, not two more joins: with six joined tables the planner's join search
// alone cost more than the whole page before.
#define TC_TENANT_COLUMNS                                                                       \
    "t.id, t.parent_id, t.slug, t.display_name, t.tier, t.state, "                              \
    "(extract(epoch FROM t.state_changed_at) * 1000)::bigint, "                                 \
    "(extract(epoch FROM t.purge_after) * 1000)::bigint, t.settings::text, "                    \
    "(extract(epoch FROM t.created_at) * 1000)::bigint, "                                       \
    "(extract(epoch FROM t.updated_at) * 1000)::bigint, t.version, "                            \
    "(SELECT count(*) FROM tenancy.tenants c WHERE c.parent_id = t.id), "                       \
    "ui.value, coalesce(qi.hard_limit, pl.items_limit), "                                       \
    "us.value, coalesce(qs.hard_limit, pl.storage_limit), "                                     \
    "(SELECT count(*) FROM tenancy.tenants c WHERE c.parent_id = t.id AND c.state = 'deleted'), "  \
    "t.held_by, t.own_state, (extract(epoch FROM t.purged_at) * 1000)::bigint, "                \
    "(SELECT x.value FROM tenancy.usage_current x WHERE x.tenant_id = t.id AND x.resource = 'queries_per_minute'), " \
    "(SELECT coalesce(x.hard_limit::text, '') || '|' || x.soft_thresholds::text FROM tenancy.quotas x " \
    "  WHERE x.tenant_id = t.id AND x.resource = 'queries_per_minute'), pl.qpm_limit, "         \
    "qi.soft_thresholds::text, qs.soft_thresholds::text, "                                      \
    "(SELECT r.display_name || '|' || r.unit FROM tenancy.resources r WHERE r.key = 'items'), "  \
    "(SELECT r.display_name || '|' || r.unit FROM tenancy.resources r WHERE r.key = 'storage_bytes'), " \
    "(SELECT r.display_name || '|' || r.unit FROM tenancy.resources r WHERE r.key = 'queries_per_minute') "

#define TC_TENANT_JOINS                                                                         \
    " LEFT JOIN tenancy.quotas qi ON qi.tenant_id = t.id AND qi.resource = 'items'"             \
    " LEFT JOIN tenancy.quotas qs ON qs.tenant_id = t.id AND qs.resource = 'storage_bytes'"     \
    " LEFT JOIN tenancy.usage_current ui ON ui.tenant_id = t.id AND ui.resource = 'items'"      \
    " LEFT JOIN tenancy.usage_current us ON us.tenant_id = t.id AND us.resource = 'storage_bytes' "

// $1 parent id (text, may be null), $2 after slug, $3 limit, $4 include deleted tenants. The
// parent's effective limits are computed once per page, not per row.
inline constexpr const char *childrenOf =
    "WITH pl AS MATERIALIZED (SELECT tenancy.effective_limit($1::uuid, 'items') AS items_limit, "
    "                                tenancy.effective_limit($1::uuid, 'storage_bytes') AS storage_limit, "
    "                                tenancy.effective_limit($1::uuid, 'queries_per_minute') AS qpm_limit) "
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t CROSS JOIN pl" TC_TENANT_JOINS
    "WHERE t.parent_id = $1::uuid AND t.slug > $2 AND ($4 OR t.state <> 'deleted') ORDER BY t.slug LIMIT $3";

// Ordered by (parent_id, slug), the index's own order: "parent_id IS NULL" does not make the
// column a constant for the planner (only "=" does), and ORDER BY slug alone made it sort all
// 12,000 top-level tenants of the 100,000-tenant demo (100 ms instead of a few).
inline constexpr const char *topLevel =
    "WITH pl AS MATERIALIZED (SELECT NULL::bigint AS items_limit, NULL::bigint AS storage_limit, "
    "                                NULL::bigint AS qpm_limit) "
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t CROSS JOIN pl" TC_TENANT_JOINS
    "WHERE t.parent_id IS NULL AND t.slug > $1 AND ($3 OR t.state <> 'deleted') "
    "ORDER BY t.parent_id, t.slug LIMIT $2";

// All children and the deleted ones (a partial index counts those), $2 include deleted.
inline constexpr const char *countChildren =
    "SELECT count(*) - CASE WHEN $2 THEN 0 ELSE (SELECT count(*) FROM tenancy.tenants "
    "                  WHERE parent_id = $1::uuid AND state = 'deleted') END "
    "FROM tenancy.tenants WHERE parent_id = $1::uuid";
inline constexpr const char *countTopLevel =
    "SELECT count(*) - CASE WHEN $1 THEN 0 ELSE (SELECT count(*) FROM tenancy.tenants "
    "                  WHERE parent_id IS NULL AND state = 'deleted') END "
    "FROM tenancy.tenants WHERE parent_id IS NULL";

// $1 uuid[] literal. Each row gets its own parent's effective limits (few rows).
inline constexpr const char *tenantsByIds =
    "SELECT " TC_TENANT_COLUMNS
    "FROM tenancy.tenants t "
    "CROSS JOIN LATERAL (SELECT tenancy.effective_limit(t.parent_id, 'items') AS items_limit, "
    "                           tenancy.effective_limit(t.parent_id, 'storage_bytes') AS storage_limit, "
    "                           tenancy.effective_limit(t.parent_id, 'queries_per_minute') AS qpm_limit) pl"
    TC_TENANT_JOINS
    "WHERE t.id = ANY ($1::uuid[])";

// $1 LIKE pattern (already escaped, lower case, with % around), $2 limit + 1, $3 include
// deleted tenants. Returns the matches and all their ancestors, flagged.
inline constexpr const char *searchIds =
    "WITH RECURSIVE m AS ("
    "  SELECT t.id FROM tenancy.tenants t"
    "   WHERE lower(t.slug || ' ' || t.display_name) LIKE $1 AND ($3 OR t.state <> 'deleted')"
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


// --- Tenant writes ---

inline constexpr const char *tenantForWrite =
    "SELECT slug, state, version, settings::text, parent_id FROM tenancy.tenants WHERE id = $1::uuid FOR UPDATE";
// $1 parent (null = top level), $2 slug.
inline constexpr const char *siblingSlugTaken =
    "SELECT EXISTS (SELECT 1 FROM tenancy.tenants WHERE parent_id IS NOT DISTINCT FROM $1::uuid AND slug = $2)";
inline constexpr const char *insertTenant =
    "INSERT INTO tenancy.tenants (parent_id, slug, display_name, tier, settings) "
    "VALUES ($1::uuid, $2, $3, $4, $5::jsonb) RETURNING id";
// $1 id, $2 slug, $3 display name, $4 settings (each null = unchanged).
inline constexpr const char *updateTenant =
    "UPDATE tenancy.tenants SET slug = coalesce($2, slug), display_name = coalesce($3, display_name), "
    "settings = coalesce($4::jsonb, settings) WHERE id = $1::uuid RETURNING version";
// Compare-and-set on the parent: $1 id, $2 expected parent, $3 new parent (nulls = top level).
inline constexpr const char *moveTenant =
    "UPDATE tenancy.tenants SET parent_id = $3::uuid "
    "WHERE id = $1::uuid AND parent_id IS NOT DISTINCT FROM $2::uuid RETURNING id";
// Every write transaction of the store takes both serialising locks first, in the order the
// schema's triggers take them (hierarchy, then audit chain), before any row lock: a writer that
// held rows while waiting for a lock another writer holds while waiting for those rows would
// deadlock.
inline constexpr const char *lockForWrite =
    "SELECT pg_advisory_xact_lock(hashtext('tenancy.hierarchy')), pg_advisory_xact_lock(hashtext('tenancy.audit_log'))";
inline constexpr const char *slugOf = "SELECT slug FROM tenancy.tenants WHERE id = $1::uuid";

// --- Quotas ---

// $1 tenant. Every resource of the catalog with the tenant's own row, the parent's effective
// limit and the ancestor it comes from, the largest own limit below, and the latest usage.
inline constexpr const char *quotasOf =
    "WITH anc AS MATERIALIZED (SELECT a.id, a.level FROM tenancy.ancestors($1::uuid) a),"
    " below AS MATERIALIZED (SELECT d.id FROM tenancy.descendants($1::uuid) d),"
    " dmax AS (SELECT DISTINCT ON (q.resource) q.resource, q.hard_limit, t.slug"
    "            FROM below b JOIN tenancy.quotas q ON q.tenant_id = b.id AND q.hard_limit IS NOT NULL"
    "            JOIN tenancy.tenants t ON t.id = b.id"
    "           ORDER BY q.resource, q.hard_limit DESC, t.slug) "
    "SELECT r.key, r.display_name, r.unit, r.sort_order, r.metered,"
    "       q.hard_limit, q.soft_thresholds::text, q.version,"
    "       pl.hard_limit, pl.id, pl.slug, dmax.hard_limit, dmax.slug, uc.value"
    "  FROM tenancy.resources r"
    "  LEFT JOIN tenancy.quotas q ON q.tenant_id = $1::uuid AND q.resource = r.key"
    "  LEFT JOIN LATERAL (SELECT aq.hard_limit, a.id, anct.slug FROM anc a"
    "         JOIN tenancy.quotas aq ON aq.tenant_id = a.id AND aq.resource = r.key AND aq.hard_limit IS NOT NULL"
    "         JOIN tenancy.tenants anct ON anct.id = a.id"
    "        ORDER BY a.level LIMIT 1) pl ON true"
    "  LEFT JOIN dmax ON dmax.resource = r.key"
    "  LEFT JOIN tenancy.usage_current uc ON uc.tenant_id = $1::uuid AND uc.resource = r.key"
    " ORDER BY r.sort_order, r.key";

inline constexpr const char *tenantExists = "SELECT EXISTS (SELECT 1 FROM tenancy.tenants WHERE id = $1::uuid)";
inline constexpr const char *resourceKeys = "SELECT key FROM tenancy.resources ORDER BY sort_order, key";

// $1 uuid[], $2 text[] (pairs). The existing rows, locked for the rest of the transaction.
inline constexpr const char *lockQuotaRows =
    "SELECT q.tenant_id, q.resource, q.hard_limit, q.soft_thresholds::text, q.version"
    "  FROM tenancy.quotas q"
    "  JOIN unnest($1::uuid[], $2::text[]) AS k (tenant_id, resource) USING (tenant_id, resource)"
    "   FOR UPDATE OF q";
// $1 uuid[]: every row of these tenants, locked.
inline constexpr const char *lockQuotasOfTenants =
    "SELECT q.tenant_id, q.resource, q.hard_limit, q.soft_thresholds::text, q.version"
    "  FROM tenancy.quotas q WHERE q.tenant_id = ANY ($1::uuid[]) FOR UPDATE";

// One statement for a batch, so the rules (checked after each statement) see the batch whole.
// $1 uuid[], $2 text[] resource, $3 bigint[] limit (null = inherit), $4 text[] thresholds as
// array literals. The caller passes every existing row's thresholds (its own or the ones to
// keep); null only for a new row, which then gets the column's default.
inline constexpr const char *upsertQuotas =
    "INSERT INTO tenancy.quotas AS q (tenant_id, resource, hard_limit, soft_thresholds) "
    "SELECT i.tenant_id, i.resource, i.hard_limit,"
    "       coalesce(i.thresholds::smallint[], '{80,90,95}')" // the column's default
    "  FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[]) AS i (tenant_id, resource, hard_limit, thresholds) "
    "ON CONFLICT (tenant_id, resource) DO UPDATE"
    "   SET hard_limit = excluded.hard_limit, soft_thresholds = excluded.soft_thresholds "
    "RETURNING q.tenant_id, q.resource, q.version";

// $1 roots uuid[], $2 whether to include their subtrees. Each tenant once, with its depth.
inline constexpr const char *bulkTargets =
    "WITH RECURSIVE down (id, parent_id, depth) AS ("
    "   SELECT t.id, t.parent_id, tenancy.depth_of(t.id) FROM tenancy.tenants t WHERE t.id = ANY ($1::uuid[])"
    "   UNION"
    "   SELECT c.id, c.parent_id, d.depth + 1 FROM down d JOIN tenancy.tenants c ON c.parent_id = d.id WHERE $2)"
    "SELECT DISTINCT ON (d.id) d.id, d.parent_id, d.depth, t.tier FROM down d JOIN tenancy.tenants t ON t.id = d.id";

// $1 uuid[] of tenants: their effective limit for every resource.
inline constexpr const char *effectiveLimits =
    "SELECT p.id, r.key, tenancy.effective_limit(p.id, r.key)"
    "  FROM unnest($1::uuid[]) AS p (id) CROSS JOIN tenancy.resources r";

// $1 tier, $2 uuid[].
inline constexpr const char *setTier =
    "UPDATE tenancy.tenants SET tier = $1 WHERE id = ANY ($2::uuid[]) AND tier IS DISTINCT FROM $1";

// --- Lifecycle ---

inline constexpr const char *setReason = "SELECT set_config('tenancy.reason', $1, true)";
// $1 uuid[]: the requested tenants, locked; $2 true: deepest first (a stricter state, so a
// requested sub-tenant changes in its own right before an ancestor's cascade could hold it),
// false: shallowest first (back to active: a parent first, so its children may follow).
inline constexpr const char *lifecycleTargets =
    "SELECT t.id, t.slug, t.state, t.version, tenancy.depth_of(t.id) AS depth"
    "  FROM tenancy.tenants t WHERE t.id = ANY ($1::uuid[])"
    " ORDER BY CASE WHEN $2 THEN -tenancy.depth_of(t.id) ELSE tenancy.depth_of(t.id) END, t.slug"
    " FOR NO KEY UPDATE";
// $1 id: state, version, and whether this transaction changed it already (a cascade).
inline constexpr const char *lifecycleStateNow =
    "SELECT state, version, xmin = pg_current_xact_id()::xid FROM tenancy.tenants WHERE id = $1::uuid";
// $1 id, $2 state. The version is checked by the caller under the row lock.
inline constexpr const char *setState =
    "UPDATE tenancy.tenants SET state = $2 WHERE id = $1::uuid";
// Every state change of this transaction so far, in order: the events the triggers wrote.
inline constexpr const char *changesOfThisTransaction =
    "SELECT e.tenant_id, t.parent_id, t.slug, e.from_state, e.to_state, e.cascade_root"
    "  FROM tenancy.lifecycle_events e JOIN tenancy.tenants t ON t.id = e.tenant_id"
    " WHERE e.xmin = pg_current_xact_id()::xid AND e.from_state IS NOT NULL"
    " ORDER BY e.id";
// $1 uuid[]: the data the tenants hold.
inline constexpr const char *dataHeld =
    "SELECT (SELECT count(*) FROM tenancy.memories m WHERE m.tenant_id = ANY ($1::uuid[])),"
    "       (SELECT coalesce(sum(m.size_bytes), 0) FROM tenancy.memories m WHERE m.tenant_id = ANY ($1::uuid[])),"
    "       (SELECT count(*) FROM tenancy.usage_samples s WHERE s.tenant_id = ANY ($1::uuid[]))";
// $1 uuid[]: the earliest purge date among them (millis), null if none is deleted.
inline constexpr const char *earliestPurge =
    "SELECT (extract(epoch FROM min(purge_after)) * 1000)::bigint FROM tenancy.tenants"
    " WHERE id = ANY ($1::uuid[]) AND state = 'deleted'";
inline constexpr const char *deletionAllowance =
    "SELECT cap, deleted_recently, tenants, percent::float8, window_days FROM tenancy.deletion_allowance()";
inline constexpr const char *setDeletionCap =
    "UPDATE tenancy.guard_rails SET deletion_cap_percent = $1::numeric, updated_at = now()";
// Surfaces the deferred checks (a child active under a parent that isn't) before a rollback.
inline constexpr const char *checkDeferred = "SET CONSTRAINTS ALL IMMEDIATE";
// $1 tenant: oldest first.
inline constexpr const char *lifecycleHistory =
    "SELECT e.id, e.tenant_id, e.from_state, e.to_state, e.reason, e.actor,"
    "       (extract(epoch FROM e.at) * 1000)::bigint, e.cascade_root, r.slug"
    "  FROM tenancy.lifecycle_events e LEFT JOIN tenancy.tenants r ON r.id = e.cascade_root"
    " WHERE e.tenant_id = $1::uuid ORDER BY e.at, e.id";
inline constexpr const char *purgeDue = "SELECT tenants, held FROM tenancy.purge_due()";
inline constexpr const char *purgeStep =
    "SELECT tenant_id, slug, memories, usage_samples, finished FROM tenancy.purge_step($1)";

// --- Usage ---
//
// Timestamps travel as epoch milliseconds ($n::bigint), buckets are date_bin() of the bucket
// width aligned to the epoch (as tc::bucketStartMs()). The statements below may plan above
// the JIT threshold (tenancy.resources is never analysed: 9 rows, estimated as hundreds),
// and compiling costs far more than they run: usageSession turns JIT off for the transaction
// and gives the aggregates room so they don't spill to disk. Not more: hash tables are sized
// by the estimate (a recursive subtree is guessed at hundreds of tenants), and at 64 MB
// allocating them took longer than a 30-tenant breakdown's work (50 ms instead of 10).
// A chart nobody waits for any more must not hold one of the two worker connections for
// minutes (a year's breakdown of a 10,000-tenant subtree): 30 s, then a clear error.
inline constexpr const char *usageSession =
    "SELECT set_config('jit', 'off', true), set_config('work_mem', '16MB', true),"
    "       set_config('statement_timeout', '30s', true)";

// $1 tenant, $2 text[] resource keys (empty: every metered resource), $3 from, $4 to (ms,
// half-open), $5 bucket seconds. One row per bucket with samples (min, max, mean, the newest
// sample's value, count), in catalog order then time; a requested resource without samples
// in the window gives one row with a null bucket (so unknown keys are told from empty ones);
// the last column says whether the tenant exists. The samples are read by the primary key's
// range (tenant_id, resource, at), one range per resource.
inline constexpr const char *usageSeries =
    "SELECT r.key, b.start_ms, b.min, b.max, b.mean, b.last, b.samples,"
    "       (SELECT EXISTS (SELECT 1 FROM tenancy.tenants t WHERE t.id = $1::uuid))"
    "  FROM tenancy.resources r"
    "  LEFT JOIN LATERAL ("
    "       SELECT date_bin(make_interval(secs => $5::float8), s.at, TIMESTAMPTZ 'epoch') AS bucket,"
    "              (extract(epoch FROM date_bin(make_interval(secs => $5::float8), s.at, TIMESTAMPTZ 'epoch'))"
    "               * 1000)::bigint AS start_ms,"
    "              min(s.value) AS min, max(s.value) AS max, avg(s.value)::float8 AS mean,"
    "              (array_agg(s.value ORDER BY s.at DESC))[1] AS last, count(*) AS samples"
    "         FROM tenancy.usage_samples s"
    "        WHERE s.tenant_id = $1::uuid AND s.resource = r.key"
    "          AND s.at >= TIMESTAMPTZ 'epoch' + $3::bigint * interval '1 millisecond'"
    "          AND s.at < TIMESTAMPTZ 'epoch' + $4::bigint * interval '1 millisecond'"
    "        GROUP BY 1) b ON true"
    " WHERE CASE WHEN cardinality($2::text[]) = 0 THEN r.metered ELSE r.key = ANY ($2::text[]) END"
    " ORDER BY r.sort_order, r.key, b.bucket";

// $1 tenant, $2 resource: whether each exists, and the resource's unit.
inline constexpr const char *usageTarget =
    "SELECT EXISTS (SELECT 1 FROM tenancy.tenants WHERE id = $1::uuid),"
    "       (SELECT unit FROM tenancy.resources WHERE key = $2)";

// $1 tenant, $2 resource, $3 from, $4 to (ms, half-open), $5 bucket seconds, $6 groups kept.
// Groups: the tenant's own samples, and each direct child with everything below it. A group's
// value in a bucket is the mean over the bucket's hours (those with any sample in the subtree)
// of the group's hourly sum, so the groups of a bucket add up to the subtree's mean hourly sum.
// One sample per tenant and hour is assumed (hourly metering); buckets finer than an hour
// take their own samples. Children are ranked by their peak bucket; those after $6 are summed
// as one more group. Rows: (ord, null, null, null, bucket ms, value) per group and bucket with
// samples, ord 0 = own, 1..$6 = children by peak, $6 + 1 = the others; and one row per child
// group (ord, child id or null for the others, slug, tenants in the group, null, null).
inline constexpr const char *usageBreakdown =
    "WITH RECURSIVE sub (id, grp) AS ("
    "    SELECT t.id, t.id FROM tenancy.tenants t WHERE t.id = $1::uuid"
    "    UNION ALL"
    "    SELECT c.id, CASE WHEN sub.id = $1::uuid THEN c.id ELSE sub.grp END"
    "      FROM sub JOIN tenancy.tenants c ON c.parent_id = sub.id),"
    // Per group and bucket, and (grp null) per bucket and hour: one pass over the samples.
    " agg AS MATERIALIZED ("
    "    SELECT sub.grp,"
    "           date_bin(make_interval(secs => $5::float8),"
    "                    date_bin(make_interval(secs => least($5::float8, 3600)), s.at, TIMESTAMPTZ 'epoch'),"
    "                    TIMESTAMPTZ 'epoch') AS bucket,"
    "           date_bin(make_interval(secs => least($5::float8, 3600)), s.at, TIMESTAMPTZ 'epoch') AS slot,"
    "           sum(s.value)::float8 AS v"
    "      FROM sub"
    "      JOIN tenancy.usage_samples s ON s.tenant_id = sub.id AND s.resource = $2"
    "                                  AND s.at >= TIMESTAMPTZ 'epoch' + $3::bigint * interval '1 millisecond'"
    "                                  AND s.at < TIMESTAMPTZ 'epoch' + $4::bigint * interval '1 millisecond'"
    "     GROUP BY GROUPING SETS ((sub.grp, 2), (2, 3))),"
    " hours AS (SELECT bucket, count(*) AS n FROM agg WHERE grp IS NULL GROUP BY bucket),"
    " by_bucket AS MATERIALIZED ("
    "    SELECT a.grp, a.bucket, a.v / h.n AS v FROM agg a JOIN hours h USING (bucket) WHERE a.grp IS NOT NULL),"
    " peaks AS (SELECT grp, max(v) AS peak FROM by_bucket WHERE grp <> $1::uuid GROUP BY grp),"
    " ranked AS MATERIALIZED ("
    "    SELECT p.grp, t.slug, row_number() OVER (ORDER BY p.peak DESC, t.slug, p.grp) AS rank"
    "      FROM peaks p JOIN tenancy.tenants t ON t.id = p.grp),"
    " sizes AS (SELECT grp, count(*) AS n FROM sub GROUP BY grp) "
    "SELECT CASE WHEN b.grp = $1::uuid THEN 0 WHEN r.rank <= $6::bigint THEN r.rank ELSE $6::bigint + 1 END,"
    "       NULL::text, NULL::text, NULL::bigint, (extract(epoch FROM b.bucket) * 1000)::bigint, sum(b.v)"
    "  FROM by_bucket b LEFT JOIN ranked r ON r.grp = b.grp GROUP BY 1, b.bucket "
    "UNION ALL "
    "SELECT least(r.rank, $6::bigint + 1), CASE WHEN min(r.rank) <= $6::bigint THEN min(r.grp::text) END,"
    "       CASE WHEN min(r.rank) <= $6::bigint THEN min(r.slug) END, sum(z.n)::bigint, NULL, NULL"
    "  FROM ranked r JOIN sizes z ON z.grp = r.grp GROUP BY 1";

// $1 resource: its unit (no row: not in the catalog).
inline constexpr const char *resourceUnit = "SELECT unit FROM tenancy.resources WHERE key = $1";

// $1 resource, $2 rows, $3 include deleted tenants, $4 trend days. Every tenant's effective limit in one pass
// down the hierarchy (own limit, else the parent's effective one), next to its latest usage;
// the $2 with the highest share used (no limit: after all with one, by usage), each with its
// ancestors' slugs ('/'-separated, top level first), own soft thresholds, the usage and size
// of its subtree (counted from the ancestor lists, not walked per row) and the least-squares
// line through its samples of the $4 days up to its newest one, x in seconds
// relative to that sample.
inline constexpr const char *topConsumers =
    "WITH RECURSIVE tree (id, slug, state, lim, own, path) AS ("
    "    SELECT t.id, t.slug, t.state, q.hard_limit, q.hard_limit IS NOT NULL, ARRAY[]::uuid[]"
    "      FROM tenancy.tenants t"
    "      LEFT JOIN tenancy.quotas q ON q.tenant_id = t.id AND q.resource = $1"
    "     WHERE t.parent_id IS NULL"
    "    UNION ALL"
    "    SELECT c.id, c.slug, c.state, coalesce(q.hard_limit, tree.lim), q.hard_limit IS NOT NULL, tree.path || tree.id"
    "      FROM tree JOIN tenancy.tenants c ON c.parent_id = tree.id"
    "      LEFT JOIN tenancy.quotas q ON q.tenant_id = c.id AND q.resource = $1),"
    " cur AS MATERIALIZED ("
    "    SELECT tree.id, tree.lim, tree.own, tree.path, tree.slug, tree.state, uc.value AS used, uc.at,"
    "           CASE WHEN tree.lim IS NULL THEN NULL"
    "                WHEN tree.lim = 0 THEN CASE WHEN uc.value > 0 THEN 'Infinity'::float8 ELSE 0 END"
    "                ELSE uc.value::float8 / tree.lim END AS ratio"
    "      FROM tree LEFT JOIN tenancy.usage_current uc ON uc.tenant_id = tree.id AND uc.resource = $1"
    "     WHERE $3::boolean OR tree.state <> 'deleted'),"
    " top AS MATERIALIZED ("
    "    SELECT * FROM cur WHERE used IS NOT NULL"
    "     ORDER BY ratio DESC NULLS LAST, used DESC, slug, id LIMIT $2::bigint),"
    " roll AS ("
    "    SELECT a.id, sum(c.used) AS used, count(*) AS tenants"
    "      FROM cur c CROSS JOIN LATERAL unnest(c.path || c.id) AS a (id)"
    "     WHERE a.id IN (SELECT id FROM top)"
    "     GROUP BY a.id) "
    "SELECT top.id, top.slug, (SELECT d.display_name FROM tenancy.tenants d WHERE d.id = top.id), top.state,"
    "       top.used, top.lim, top.own,"
    "       (SELECT q.soft_thresholds::text FROM tenancy.quotas q WHERE q.tenant_id = top.id AND q.resource = $1),"
    "       roll.used, roll.tenants,"
    "       (SELECT string_agg(p.slug, '/' ORDER BY a.n) FROM unnest(top.path) WITH ORDINALITY AS a (id, n)"
    "          JOIN tenancy.tenants p ON p.id = a.id),"
    "       (extract(epoch FROM top.at) * 1000)::bigint, tr.slope, tr.intercept, tr.n"
    "  FROM top JOIN roll ON roll.id = top.id"
    "  LEFT JOIN LATERAL ("
    "       SELECT regr_slope(s.value, extract(epoch FROM s.at - top.at)) AS slope,"
    "              regr_intercept(s.value, extract(epoch FROM s.at - top.at)) AS intercept,"
    "              regr_count(s.value, extract(epoch FROM s.at - top.at)) AS n"
    "         FROM tenancy.usage_samples s"
    "        WHERE s.tenant_id = top.id AND s.resource = $1"
    "          AND s.at > top.at - make_interval(days => $4::int) AND s.at <= top.at) tr ON true"
    " ORDER BY top.ratio DESC NULLS LAST, top.used DESC, top.slug, top.id";

#undef TC_TENANT_COLUMNS
#undef TC_TENANT_JOINS

// --- Migration jobs ---

// $1 tenant: its slug and lifecycle state.
inline constexpr const char *migrationTenant = "SELECT slug, state FROM tenancy.tenants WHERE id = $1::uuid";
// Followed by the compiled selector (its parameters from $2), then ")" and, for the sample,
// migrationSampleTail. $1 source tenant.
inline constexpr const char *migrationCountHead =
    "SELECT count(*), coalesce(sum(m.size_bytes), 0)::bigint FROM tenancy.memories m"
    " WHERE m.tenant_id = $1::uuid AND (";
inline constexpr const char *migrationSampleHead =
    "SELECT m.id, m.size_bytes, m.metadata::text, (extract(epoch FROM m.created_at) * 1000)::bigint"
    "  FROM tenancy.memories m WHERE m.tenant_id = $1::uuid AND (";
inline constexpr const char *migrationSampleTail = ") ORDER BY m.id LIMIT 20";
// $1 target: effective limit and current usage of the resources a move adds to.
inline constexpr const char *migrationTargetQuota =
    "SELECT r.key, tenancy.effective_limit($1::uuid, r.key), coalesce(uc.value, 0)::bigint"
    "  FROM unnest(ARRAY['items', 'storage_bytes']) WITH ORDINALITY AS r (key, ord)"
    "  LEFT JOIN tenancy.usage_current uc ON uc.tenant_id = $1::uuid AND uc.resource = r.key"
    " ORDER BY r.ord";
inline constexpr const char *insertMigrationJob =
    "INSERT INTO tenancy.migration_jobs"
    " (source_tenant, target_tenant, selector, preserve_ids, include_metadata, planned_rows, planned_bytes)"
    " VALUES ($1::uuid, $2::uuid, $3::jsonb, $4, $5, $6, $7) RETURNING id";
#define TC_MIGRATION_JOB_COLUMNS                                                                          \
    "SELECT j.id, j.source_tenant, j.target_tenant, s.slug, t.slug, j.selector::text, j.preserve_ids,"   \
    "       j.include_metadata, j.state, j.planned_rows, j.planned_bytes, j.moved_rows, j.moved_bytes,"  \
    "       j.skipped_rows, j.batches, j.created_by, (extract(epoch FROM j.created_at) * 1000)::bigint,"  \
    "       (extract(epoch FROM j.started_at) * 1000)::bigint, (extract(epoch FROM j.finished_at) * 1000)::bigint," \
    "       (extract(epoch FROM j.updated_at) * 1000)::bigint, j.error, j.version"                      \
    "  FROM tenancy.migration_jobs j JOIN tenancy.tenants s ON s.id = j.source_tenant"                    \
    "  JOIN tenancy.tenants t ON t.id = j.target_tenant "
// $1 job id.
inline constexpr const char *migrationJobById = TC_MIGRATION_JOB_COLUMNS "WHERE j.id = $1";
// $1 limit.
inline constexpr const char *migrationJobsNewest = TC_MIGRATION_JOB_COLUMNS "ORDER BY j.id DESC LIMIT $1";
#undef TC_MIGRATION_JOB_COLUMNS
// $1 job id, $2 state key, $3 error text ('': none).
// A cancel keeps the reason a failed job stopped.
inline constexpr const char *setMigrationState =
    "UPDATE tenancy.migration_jobs SET state = $2,"
    " error = coalesce(nullif($3, ''), CASE WHEN $2 = 'cancelled' THEN error END) WHERE id = $1";
// A runner's own pause or failure: only a job still running (see pgmigration.cpp).
inline constexpr const char *setMigrationStateIfRunning =
    "UPDATE tenancy.migration_jobs SET state = $2, error = nullif($3, '') WHERE id = $1 AND state = 'running'";
// The batch protocol of 0005_migration_jobs.sql. $1 job.
inline constexpr const char *migrationLockBatch =
    "SELECT source_tenant, checkpoint FROM tenancy.migration_lock_batch($1)";
// $1 source, $2 checkpoint ('' = from the start), $3 batch size; the compiled selector's
// parameters from $4, then migrationBatchTail.
inline constexpr const char *migrationBatchHead =
    "SELECT m.id FROM tenancy.memories m"
    " WHERE m.tenant_id = $1::uuid AND ($2 = '' OR m.id > nullif($2, '')::uuid) AND (";
inline constexpr const char *migrationBatchTail = ") ORDER BY m.id LIMIT $3::int FOR UPDATE";
// $1 job, $2 uuid[].
inline constexpr const char *migrationApplyBatch =
    "SELECT moved_rows, moved_bytes, skipped_rows FROM tenancy.migration_apply_batch($1, $2::uuid[])";
// $1 job.
inline constexpr const char *migrationIdMap =
    "SELECT old_id, new_id FROM tenancy.migration_id_map WHERE job_id = $1 ORDER BY old_id";

} // namespace tc::pg::sql
