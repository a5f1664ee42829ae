-- 0002_quota_statement_checks: quota rules checked once per statement, and tenant settings
-- validated by the database.
--
-- 0001 checked each quota row in a BEFORE ROW trigger, against the table as it was before the
-- row. That made a batch depend on row order: lowering a parent and its children together
-- failed whichever came first, and a tier applied to a 10,000-tenant subtree walked every
-- row's descendants (quadratic). Now a statement may change any set of rows; the rules are
-- checked after it, against the result, in one set-based query.

-- Bookkeeping only: versions count from 1 and are the trigger's, not the writer's.
CREATE OR REPLACE FUNCTION tenancy.quotas_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + 1;
        NEW.tenant_id := OLD.tenant_id;
        NEW.resource := OLD.resource;
    ELSE
        NEW.version := 1;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- Quota writes are serialised with each other and with hierarchy changes before they touch a
-- row: two concurrent edits (parent lowered, child raised) would otherwise each pass against
-- the other's old value, and taking the lock only after the rows invites deadlocks.
CREATE OR REPLACE FUNCTION tenancy.quotas_lock_hierarchy() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
    RETURN NULL;
END
$$;

-- After a statement: every own limit it wrote must fit under the parent's effective limit, and
-- below each written row the nearest own limits (lowering a row can only break those; deeper
-- ones are bounded by them) must fit under the row's new effective limit. The invariant holds
-- for every row, so checking these is enough. Each written row walks up once; the rows below
-- carry the bound down, so a parent with 10,000 children costs one pass over them.
CREATE OR REPLACE FUNCTION tenancy.quotas_check_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    v record;
    ids uuid[];
    keys text[];
    lowered boolean[];
BEGIN
    -- Only a limit that went down (or appeared) can break the limits below it; raising one,
    -- or going back to inherit, needs no look at the subtree.
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(n.tenant_id), array_agg(n.resource),
               array_agg(n.hard_limit IS NOT NULL AND (o.hard_limit IS NULL OR n.hard_limit < o.hard_limit))
          INTO ids, keys, lowered
          FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.resource = n.resource;
    ELSE
        SELECT array_agg(n.tenant_id), array_agg(n.resource), array_agg(n.hard_limit IS NOT NULL)
          INTO ids, keys, lowered
          FROM new_rows n;
    END IF;

    WITH RECURSIVE changed AS (
        SELECT DISTINCT c.tenant_id, c.resource, c.lowered FROM unnest(ids, keys, lowered) AS c (tenant_id, resource, lowered)
    ),
    -- Walk up from each written row's parent to the first own limit.
    up (tenant_id, resource, cur, found, found_at) AS (
        SELECT c.tenant_id, c.resource, t.parent_id, NULL::bigint, NULL::uuid
          FROM changed c JOIN tenants t ON t.id = c.tenant_id
        UNION ALL
        SELECT u.tenant_id, u.resource, p.parent_id, q.hard_limit, u.cur
          FROM up u
          JOIN tenants p ON p.id = u.cur
          LEFT JOIN quotas q ON q.tenant_id = u.cur AND q.resource = u.resource
         WHERE u.found IS NULL AND u.cur IS NOT NULL
    ),
    -- Each written row: its own limit now, and its parent's effective limit.
    bounds AS MATERIALIZED (
        SELECT c.tenant_id, c.resource, c.lowered, q.hard_limit AS own, u.found AS parent_limit,
               u.found_at AS parent_limit_at
          FROM changed c
          LEFT JOIN quotas q ON q.tenant_id = c.tenant_id AND q.resource = c.resource
          LEFT JOIN up u ON u.tenant_id = c.tenant_id AND u.resource = c.resource AND u.found IS NOT NULL
    ),
    -- Below each written row, down to the nearest own limits, with the bound they must fit under.
    frontier (tenant_id, resource, own, bound, bound_at) AS (
        SELECT t.id, b.resource, q.hard_limit, coalesce(b.own, b.parent_limit),
               CASE WHEN b.own IS NOT NULL THEN b.tenant_id ELSE b.parent_limit_at END
          FROM bounds b
          JOIN tenants t ON t.parent_id = b.tenant_id
          LEFT JOIN quotas q ON q.tenant_id = t.id AND q.resource = b.resource
         WHERE b.lowered
        UNION ALL
        SELECT t.id, f.resource, q.hard_limit, f.bound, f.bound_at
          FROM frontier f
          JOIN tenants t ON t.parent_id = f.tenant_id
          LEFT JOIN quotas q ON q.tenant_id = t.id AND q.resource = f.resource
         WHERE f.own IS NULL
    ),
    violations AS (
        -- above: a written limit over its parent's
        SELECT true AS above, b.resource, b.own AS lim, b.parent_limit AS bound, b.tenant_id AS row_at,
               b.parent_limit_at AS bound_at
          FROM bounds b WHERE b.own > b.parent_limit
        UNION ALL
        -- below: a sub-tenant's own limit over the bound a written row now sets
        SELECT false, f.resource, f.own, f.bound, f.tenant_id, f.bound_at
          FROM frontier f WHERE f.own > f.bound
    )
    SELECT x.above, x.resource, x.lim, x.bound, r.slug AS row_slug, a.slug AS bound_slug INTO v
      FROM violations x
      JOIN tenants r ON r.id = x.row_at
      JOIN tenants a ON a.id = x.bound_at
     ORDER BY x.above DESC, x.lim - x.bound DESC
     LIMIT 1;

    IF NOT FOUND THEN
        RETURN NULL;
    ELSIF v.above THEN
        RAISE check_violation USING
            MESSAGE = format('The %s limit %s of "%s" is above the parent''s effective limit of %s (set on "%s").',
                             v.resource, v.lim, v.row_slug, v.bound, v.bound_slug),
            HINT = 'Raise the parent''s limit first, or choose a limit within it.',
            CONSTRAINT = 'quotas_within_parent';
    ELSE
        RAISE check_violation USING
            MESSAGE = format('The %s limit %s of "%s" is below sub-tenant "%s"''s limit of %s.',
                             v.resource, v.bound, v.bound_slug, v.row_slug, v.lim),
            HINT = 'Lower the sub-tenants'' limits first, or in the same statement.',
            CONSTRAINT = 'quotas_within_parent';
    END IF;
END
$$;

DROP TRIGGER IF EXISTS quotas_before_write ON tenancy.quotas;
CREATE TRIGGER quotas_before_write
    BEFORE INSERT OR UPDATE ON tenancy.quotas
    FOR EACH ROW EXECUTE FUNCTION tenancy.quotas_before_write();

DROP TRIGGER IF EXISTS quotas_lock_hierarchy ON tenancy.quotas;
CREATE TRIGGER quotas_lock_hierarchy
    BEFORE INSERT OR UPDATE ON tenancy.quotas
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.quotas_lock_hierarchy();

-- Transition tables need one trigger per event.
DROP TRIGGER IF EXISTS quotas_check_rules_insert ON tenancy.quotas;
CREATE TRIGGER quotas_check_rules_insert
    AFTER INSERT ON tenancy.quotas
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.quotas_check_rules();
DROP TRIGGER IF EXISTS quotas_check_rules_update ON tenancy.quotas;
CREATE TRIGGER quotas_check_rules_update
    AFTER UPDATE ON tenancy.quotas
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.quotas_check_rules();

REVOKE ALL ON FUNCTION tenancy.quotas_lock_hierarchy(), tenancy.quotas_check_rules() FROM PUBLIC;

-- Settings a person edits have types and ranges; other keys are free for the platform.
CREATE OR REPLACE FUNCTION tenancy.settings_valid(s jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT jsonb_typeof(s) = 'object'
       AND (NOT s ? 'features' OR (jsonb_typeof(s -> 'features') = 'array'
            AND NOT jsonb_path_exists(s -> 'features', '$[*] ? (@.type() != "string")')))
       AND (NOT s ? 'inherit_features' OR jsonb_typeof(s -> 'inherit_features') = 'boolean')
       AND (NOT s ? 'prevent_deletion' OR jsonb_typeof(s -> 'prevent_deletion') = 'boolean')
       AND (NOT s ? 'retention_days' OR (jsonb_typeof(s -> 'retention_days') = 'number'
            AND (s ->> 'retention_days')::numeric BETWEEN 1 AND 3650
            AND (s ->> 'retention_days')::numeric = trunc((s ->> 'retention_days')::numeric)))
$$;

ALTER TABLE tenancy.tenants DROP CONSTRAINT IF EXISTS tenants_settings_valid;
ALTER TABLE tenancy.tenants ADD CONSTRAINT tenants_settings_valid CHECK (tenancy.settings_valid(settings));
