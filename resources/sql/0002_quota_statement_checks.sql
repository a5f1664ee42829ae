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

-- After a statement: every own limit it wrote, and the nearest own limits below each written
-- row (lowering a parent can only break those; deeper ones are bounded by them), must not be
-- above the parent's effective limit. The invariant holds for every row, so checking these is
-- enough.
CREATE OR REPLACE FUNCTION tenancy.quotas_check_rules() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    v record;
BEGIN
    WITH RECURSIVE changed AS (
        SELECT DISTINCT n.tenant_id, n.resource FROM new_rows n
    ),
    frontier (tenant_id, resource) AS (
        SELECT t.id, c.resource FROM changed c JOIN tenants t ON t.parent_id = c.tenant_id
        UNION
        SELECT t.id, f.resource
          FROM frontier f JOIN tenants t ON t.parent_id = f.tenant_id
         WHERE NOT EXISTS (SELECT 1 FROM quotas q
                            WHERE q.tenant_id = f.tenant_id AND q.resource = f.resource
                              AND q.hard_limit IS NOT NULL)
    ),
    checks AS (
        SELECT k.tenant_id, k.resource, q.hard_limit, t.slug, t.parent_id,
               EXISTS (SELECT 1 FROM changed c WHERE c.tenant_id = k.tenant_id AND c.resource = k.resource) AS written
          FROM (SELECT tenant_id, resource FROM changed UNION SELECT tenant_id, resource FROM frontier) k
          JOIN quotas q ON q.tenant_id = k.tenant_id AND q.resource = k.resource AND q.hard_limit IS NOT NULL
          JOIN tenants t ON t.id = k.tenant_id
         WHERE t.parent_id IS NOT NULL
    ),
    -- Walk up from each checked row's parent to the first own limit (its effective limit).
    up (tenant_id, resource, hard_limit, slug, written, cur, found, found_at) AS (
        SELECT c.tenant_id, c.resource, c.hard_limit, c.slug, c.written, c.parent_id, NULL::bigint, NULL::uuid
          FROM checks c
        UNION ALL
        SELECT u.tenant_id, u.resource, u.hard_limit, u.slug, u.written, p.parent_id, q.hard_limit, u.cur
          FROM up u
          JOIN tenants p ON p.id = u.cur
          LEFT JOIN quotas q ON q.tenant_id = u.cur AND q.resource = u.resource
         WHERE u.found IS NULL AND u.cur IS NOT NULL
    )
    SELECT u.*, a.slug AS found_slug INTO v
      FROM up u JOIN tenants a ON a.id = u.found_at
     WHERE u.found IS NOT NULL AND u.hard_limit > u.found
     ORDER BY u.written DESC, u.hard_limit - u.found DESC
     LIMIT 1;

    IF FOUND THEN
        IF v.written THEN
            RAISE check_violation USING
                MESSAGE = format('The %s limit %s of "%s" is above the parent''s effective limit of %s (set on "%s").',
                                 v.resource, v.hard_limit, v.slug, v.found, v.found_slug),
                HINT = 'Raise the parent''s limit first, or choose a limit within it.',
                CONSTRAINT = 'quotas_within_parent';
        ELSE
            RAISE check_violation USING
                MESSAGE = format('The %s limit %s of "%s" is below sub-tenant "%s"''s limit of %s.',
                                 v.resource, v.found, v.found_slug, v.slug, v.hard_limit),
                HINT = 'Lower the sub-tenants'' limits first, or in the same statement.',
                CONSTRAINT = 'quotas_within_parent';
        END IF;
    END IF;
    RETURN NULL;
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
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.quotas_check_rules();

REVOKE ALL ON FUNCTION tenancy.quotas_lock_hierarchy(), tenancy.quotas_check_rules() FROM PUBLIC;

-- Settings a person edits have types and ranges; other keys are free for the platform.
CREATE OR REPLACE FUNCTION tenancy.settings_valid(s jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
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
