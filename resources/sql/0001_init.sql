-- 0001_init: the tenancy schema — tenants, resources, quotas, usage, lifecycle, memories,
-- the hash-chained audit log, the three group roles and row-level security.
--
-- Applied by `tenantctl db migrate` inside one transaction, as the role that will own the
-- schema. Safe to re-run: every statement checks what exists.

CREATE SCHEMA IF NOT EXISTS tenancy;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Group roles (NOLOGIN); logins are granted one of them. Roles belong to the whole cluster,
-- so two databases migrated at the same time race to create them: the loser's CREATE waits
-- for the winner and then fails on the unique index, which is fine.
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['tenancy_operator', 'tenancy_auditor', 'tenancy_app'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS tenancy.resources (
    key          text PRIMARY KEY CONSTRAINT resources_key_format CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    unit         text NOT NULL CONSTRAINT resources_unit CHECK (unit IN ('count', 'bytes', 'per_minute', 'seconds', 'usd')),
    display_name text NOT NULL,
    metered      boolean NOT NULL DEFAULT false, -- has hourly usage samples
    sort_order   integer NOT NULL DEFAULT 0
);

INSERT INTO tenancy.resources (key, unit, display_name, metered, sort_order) VALUES
    ('items',                 'count',      'Memory items',         true,  10),
    ('storage_bytes',         'bytes',      'Storage',              true,  20),
    ('queries_per_minute',    'per_minute', 'Queries per minute',   true,  30),
    ('concurrent_queries',    'count',      'Concurrent queries',   false, 40),
    ('query_timeout_seconds', 'seconds',    'Query timeout',        false, 50),
    ('max_result_bytes',      'bytes',      'Maximum result size',  false, 60),
    ('api_keys',              'count',      'API keys',             false, 70),
    ('users',                 'count',      'Users',                false, 80),
    ('budget_usd_monthly',    'usd',        'Monthly budget (USD)', false, 90)
ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS tenancy.tenants (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    parent_id        uuid REFERENCES tenancy.tenants (id) ON DELETE RESTRICT,
    slug             text COLLATE "C" NOT NULL -- bytewise order, identical in every client
        CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-zA-Z0-9_.-]+$' AND char_length(slug) BETWEEN 1 AND 255),
    display_name     text NOT NULL
        CONSTRAINT tenants_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200 AND btrim(display_name) <> ''),
    tier             text NOT NULL DEFAULT 'starter'
        CONSTRAINT tenants_tier CHECK (tier IN ('starter', 'professional', 'enterprise')),
    state            text NOT NULL DEFAULT 'active'
        CONSTRAINT tenants_state CHECK (state IN ('active', 'suspended', 'archived', 'deleted')),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    purge_after      timestamptz,
    purged_at        timestamptz, -- set when the data was purged; the row stays as a tombstone
    settings         jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT tenants_settings_object CHECK (jsonb_typeof(settings) = 'object'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 1,
    CONSTRAINT tenants_sibling_slug UNIQUE NULLS NOT DISTINCT (parent_id, slug),
    CONSTRAINT tenants_not_own_parent CHECK (parent_id IS DISTINCT FROM id),
    CONSTRAINT tenants_deleted_has_purge_date CHECK (state <> 'deleted' OR purge_after IS NOT NULL)
);
-- Fan-out is skewed (one parent may have 10,000 children while most have a handful), and the
-- planner's average over few distinct parents then prefers a sequential scan for "children
-- of X" (the per-row child count took 100 ms for a 10,000-child page). Tell it parents are
-- many: about one per five tenants.
ALTER TABLE tenancy.tenants ALTER COLUMN parent_id SET (n_distinct = -0.2);
-- Children of a parent in slug order (keyset pagination) and their counts (index-only).
-- The sibling-slug constraint's index (parent_id, slug) serves both.
-- Search by substring of slug or display name across the whole hierarchy.
CREATE INDEX IF NOT EXISTS tenants_search_trgm ON tenancy.tenants
    USING gin (lower(slug || ' ' || display_name) public.gin_trgm_ops);

CREATE TABLE IF NOT EXISTS tenancy.quotas (
    tenant_id       uuid NOT NULL REFERENCES tenancy.tenants (id) ON DELETE CASCADE,
    resource        text NOT NULL REFERENCES tenancy.resources (key),
    hard_limit      bigint CONSTRAINT quotas_hard_limit_non_negative CHECK (hard_limit >= 0), -- null: inherit (unlimited at the top)
    soft_thresholds smallint[] NOT NULL DEFAULT '{80,90,95}'
        CONSTRAINT quotas_soft_thresholds_range CHECK (
            cardinality(soft_thresholds) BETWEEN 0 AND 5
            AND 1 <= ALL (soft_thresholds) AND 100 >= ALL (soft_thresholds)),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, resource)
);

-- Hourly metering. No foreign keys on purpose: it is the highest-volume table and is written
-- by the platform; `lifecycle purge` removes a tenant's samples explicitly.
CREATE TABLE IF NOT EXISTS tenancy.usage_samples (
    tenant_id uuid NOT NULL,
    resource  text NOT NULL,
    at        timestamptz NOT NULL,
    value     bigint NOT NULL CONSTRAINT usage_samples_value_non_negative CHECK (value >= 0),
    PRIMARY KEY (tenant_id, resource, at)
);

-- The latest sample per tenant and resource, kept by a statement trigger on usage_samples,
-- so the tree shows usage next to the limit without aggregating history.
CREATE TABLE IF NOT EXISTS tenancy.usage_current (
    tenant_id uuid NOT NULL REFERENCES tenancy.tenants (id) ON DELETE CASCADE,
    resource  text NOT NULL REFERENCES tenancy.resources (key),
    at        timestamptz NOT NULL,
    value     bigint NOT NULL,
    PRIMARY KEY (tenant_id, resource)
);

CREATE TABLE IF NOT EXISTS tenancy.lifecycle_events (
    tenant_id  uuid NOT NULL REFERENCES tenancy.tenants (id) ON DELETE CASCADE,
    id         bigint GENERATED ALWAYS AS IDENTITY,
    from_state text,
    to_state   text NOT NULL,
    reason     text,
    actor      text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS tenancy.memories (
    tenant_id  uuid NOT NULL REFERENCES tenancy.tenants (id),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    content    text NOT NULL,
    metadata   jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT memories_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    size_bytes bigint GENERATED ALWAYS AS (octet_length(content) + octet_length(metadata::text)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Append-only and hash-chained: hash = sha256(prev_hash || canonical row). A single chain
-- across tenants, so this is a reference table, not a distributed one, in a Citus layout.
CREATE TABLE IF NOT EXISTS tenancy.audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    tenant_id uuid,
    before    jsonb,
    after     jsonb,
    prev_hash bytea,
    hash      bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_tenant ON tenancy.audit_log (tenant_id, id);

-- ---------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------

-- The tenant the platform selected with set_config('tenancy.tenant', <uuid>, true).
CREATE OR REPLACE FUNCTION tenancy.current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('tenancy.tenant', true), '')::uuid $$;

-- Who to record: the login, and the person it acts for when a service (tenant-api) says so.
-- The setting alone can't be trusted (any login may set it), so the login is always named.
CREATE OR REPLACE FUNCTION tenancy.current_actor() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN coalesce(current_setting('tenancy.actor', true), '') IN ('', session_user::text)
                THEN session_user::text
                ELSE current_setting('tenancy.actor', true) || ' via ' || session_user::text END
$$;

-- Ancestors of a tenant, nearest first (level 1 = parent). Bounded: depth is at most 8.
CREATE OR REPLACE FUNCTION tenancy.ancestors(p_tenant uuid)
    RETURNS TABLE (id uuid, level integer)
    LANGUAGE sql STABLE
    AS $$
    WITH RECURSIVE up (id, level) AS (
        SELECT t.parent_id, 1 FROM tenancy.tenants t WHERE t.id = p_tenant AND t.parent_id IS NOT NULL
        UNION ALL
        SELECT t.parent_id, up.level + 1
          FROM up JOIN tenancy.tenants t ON t.id = up.id
         WHERE t.parent_id IS NOT NULL AND up.level < 64
    )
    SELECT up.id, up.level FROM up
$$;

-- Depth of a tenant: 1 at the top level.
CREATE OR REPLACE FUNCTION tenancy.depth_of(p_tenant uuid) RETURNS integer
    LANGUAGE sql STABLE
    AS $$ SELECT 1 + count(*)::integer FROM tenancy.ancestors(p_tenant) $$;

-- The limit that applies to a tenant: its own, else the nearest ancestor's; null = unlimited.
CREATE OR REPLACE FUNCTION tenancy.effective_limit(p_tenant uuid, p_resource text) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
    SELECT q.hard_limit
      FROM (SELECT p_tenant AS id, 0 AS level UNION ALL SELECT a.id, a.level FROM tenancy.ancestors(p_tenant) a) chain
      JOIN tenancy.quotas q ON q.tenant_id = chain.id AND q.resource = p_resource
     WHERE q.hard_limit IS NOT NULL
     ORDER BY chain.level
     LIMIT 1
$$;

-- Descendants of a tenant (not itself), with their distance.
CREATE OR REPLACE FUNCTION tenancy.descendants(p_tenant uuid)
    RETURNS TABLE (id uuid, level integer)
    LANGUAGE sql STABLE
    AS $$
    WITH RECURSIVE down (id, level) AS (
        SELECT t.id, 1 FROM tenancy.tenants t WHERE t.parent_id = p_tenant
        UNION ALL
        SELECT t.id, down.level + 1 FROM down JOIN tenancy.tenants t ON t.parent_id = down.id
         WHERE down.level < 64
    )
    SELECT id, level FROM down
$$;

-- ---------------------------------------------------------------------------------------
-- Rules on tenants: hierarchy (no cycles, depth <= 8, limits fit the new parent),
-- lifecycle transitions, bookkeeping (version, timestamps, lifecycle events).
-- ---------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION tenancy.tenants_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    parent_depth integer := 0;
    subtree_height integer := 0;
    moved boolean := TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id;
    retention_days integer;
    violation record;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE check_violation USING
            MESSAGE = format('The id of tenant "%s" cannot change.', OLD.slug),
            CONSTRAINT = 'tenants_id_immutable';
    END IF;
    IF moved THEN
        -- Hierarchy changes are serialised so two concurrent moves can't build a cycle
        -- between them; inserts only need the shared lock.
        IF TG_OP = 'INSERT' THEN
            PERFORM pg_advisory_xact_lock_shared(hashtext('tenancy.hierarchy'));
        ELSE
            PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
        END IF;

        IF NEW.parent_id IS NOT NULL THEN
            IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = NEW.parent_id) THEN
                RAISE foreign_key_violation USING
                    MESSAGE = format('Parent tenant %s does not exist.', NEW.parent_id),
                    CONSTRAINT = 'tenants_parent_id_fkey';
            END IF;
            IF TG_OP = 'UPDATE' AND (NEW.parent_id = NEW.id
                    OR EXISTS (SELECT 1 FROM ancestors(NEW.parent_id) a WHERE a.id = NEW.id)) THEN
                RAISE check_violation USING
                    MESSAGE = format('Moving tenant "%s" under %s would create a cycle: the new parent is inside its own subtree.',
                                     NEW.slug, NEW.parent_id),
                    CONSTRAINT = 'tenants_no_cycle';
            END IF;
            parent_depth := depth_of(NEW.parent_id);
        END IF;

        IF TG_OP = 'UPDATE' THEN
            SELECT coalesce(max(d.level), 0) INTO subtree_height FROM descendants(NEW.id) d;
        END IF;
        IF parent_depth + 1 + subtree_height > 8 THEN
            RAISE check_violation USING
                MESSAGE = format('Tenant "%s" would be at depth %s with a subtree %s levels deep; the hierarchy allows at most 8 levels.',
                                 NEW.slug, parent_depth + 1, subtree_height),
                CONSTRAINT = 'tenants_max_depth';
        END IF;

        -- A moved subtree's explicit limits must fit under the new parent's effective limits.
        IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT NULL THEN
            SELECT q.resource, q.hard_limit, effective_limit(NEW.parent_id, q.resource) AS parent_limit
              INTO violation
              FROM quotas q
             WHERE (q.tenant_id = NEW.id OR q.tenant_id IN (SELECT d.id FROM descendants(NEW.id) d))
               AND q.hard_limit > effective_limit(NEW.parent_id, q.resource)
             LIMIT 1;
            IF FOUND THEN
                RAISE check_violation USING
                    MESSAGE = format('Moving tenant "%s" is refused: its subtree has a %s limit of %s, above the new parent''s limit of %s.',
                                     NEW.slug, violation.resource, violation.hard_limit, violation.parent_limit),
                    CONSTRAINT = 'quotas_within_parent';
            END IF;
        END IF;
    END IF;

    IF TG_OP = 'UPDATE' THEN
        IF NEW.state IS DISTINCT FROM OLD.state THEN
            IF NOT ((OLD.state = 'active'    AND NEW.state IN ('suspended', 'deleted'))
                 OR (OLD.state = 'suspended' AND NEW.state IN ('active', 'archived', 'deleted'))
                 OR (OLD.state = 'archived'  AND NEW.state IN ('active', 'deleted'))
                 OR (OLD.state = 'deleted'   AND NEW.state = 'active')) THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" cannot go from %s to %s.', NEW.slug, OLD.state, NEW.state),
                    CONSTRAINT = 'tenants_lifecycle_transition';
            END IF;
            IF OLD.state = 'deleted' AND (OLD.purged_at IS NOT NULL OR OLD.purge_after <= now()) THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" is past its retention period and cannot be restored.', NEW.slug),
                    CONSTRAINT = 'tenants_lifecycle_transition';
            END IF;
            NEW.state_changed_at := now();
            IF NEW.state = 'deleted' THEN
                retention_days := coalesce((NEW.settings ->> 'retention_days')::integer, 90);
                NEW.purge_after := now() + make_interval(days => retention_days);
            ELSE
                NEW.purge_after := NULL;
            END IF;
        ELSE
            -- Only a state change moves these; retention can't be edited around.
            NEW.state_changed_at := OLD.state_changed_at;
            NEW.purge_after := OLD.purge_after;
        END IF;
        NEW.version := OLD.version + 1;
        NEW.updated_at := now();
        NEW.created_at := OLD.created_at;
        NEW.id := OLD.id;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS tenants_before_write ON tenancy.tenants;
CREATE TRIGGER tenants_before_write
    BEFORE INSERT OR UPDATE ON tenancy.tenants
    FOR EACH ROW EXECUTE FUNCTION tenancy.tenants_before_write();

-- A child of a non-active parent can't be active. Checked at commit, so a cascade may update
-- parent and descendants in any order within one transaction.
CREATE OR REPLACE FUNCTION tenancy.tenants_check_active_parent() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    current_row tenants;
BEGIN
    SELECT * INTO current_row FROM tenants WHERE id = NEW.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF current_row.state = 'active' AND current_row.parent_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM tenants p WHERE p.id = current_row.parent_id AND p.state <> 'active') THEN
        RAISE check_violation USING
            MESSAGE = format('Tenant "%s" cannot be active while its parent is not active.', current_row.slug),
            CONSTRAINT = 'tenants_active_parent';
    END IF;
    IF current_row.state <> 'active'
       AND EXISTS (SELECT 1 FROM tenants c WHERE c.parent_id = current_row.id AND c.state = 'active') THEN
        RAISE check_violation USING
            MESSAGE = format('Tenant "%s" cannot be %s while it has active sub-tenants; change them in the same transaction.',
                             current_row.slug, current_row.state),
            CONSTRAINT = 'tenants_active_parent';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tenants_check_active_parent ON tenancy.tenants;
CREATE CONSTRAINT TRIGGER tenants_check_active_parent
    AFTER INSERT OR UPDATE OF state, parent_id ON tenancy.tenants
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION tenancy.tenants_check_active_parent();

-- Every state change is recorded with who and why (reason from set_config('tenancy.reason')).
CREATE OR REPLACE FUNCTION tenancy.tenants_record_lifecycle() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO lifecycle_events (tenant_id, from_state, to_state, reason, actor, at)
        VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state,
                nullif(current_setting('tenancy.reason', true), ''), current_actor(), now());
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tenants_record_lifecycle ON tenancy.tenants;
CREATE TRIGGER tenants_record_lifecycle
    AFTER INSERT OR UPDATE OF state ON tenancy.tenants
    FOR EACH ROW EXECUTE FUNCTION tenancy.tenants_record_lifecycle();

-- ---------------------------------------------------------------------------------------
-- Rules on quotas: a sub-tenant's limit never exceeds its parent's effective limit, and a
-- parent's limit is never lowered below a descendant's.
-- ---------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION tenancy.quotas_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    parent uuid;
    parent_limit bigint;
    child record;
BEGIN
    -- Serialised with hierarchy changes and other quota writes: two concurrent edits (parent
    -- lowered, child raised) would otherwise each pass against the other's old value.
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
    IF NEW.hard_limit IS NOT NULL THEN
        SELECT t.parent_id INTO parent FROM tenants t WHERE t.id = NEW.tenant_id;
        IF parent IS NOT NULL THEN
            parent_limit := effective_limit(parent, NEW.resource);
            IF parent_limit IS NOT NULL AND NEW.hard_limit > parent_limit THEN
                RAISE check_violation USING
                    MESSAGE = format('The %s limit %s is above the parent''s effective limit of %s.',
                                     NEW.resource, NEW.hard_limit, parent_limit),
                    HINT = 'Raise the parent''s limit first, or choose a limit within it.',
                    CONSTRAINT = 'quotas_within_parent';
            END IF;
        END IF;
        SELECT t.slug, q.hard_limit INTO child
          FROM descendants(NEW.tenant_id) d
          JOIN quotas q ON q.tenant_id = d.id AND q.resource = NEW.resource
          JOIN tenants t ON t.id = d.id
         WHERE q.hard_limit > NEW.hard_limit
         ORDER BY q.hard_limit DESC
         LIMIT 1;
        IF FOUND THEN
            RAISE check_violation USING
                MESSAGE = format('The %s limit %s is below sub-tenant "%s"''s limit of %s.',
                                 NEW.resource, NEW.hard_limit, child.slug, child.hard_limit),
                HINT = 'Lower the sub-tenants'' limits first (in the same transaction).',
                CONSTRAINT = 'quotas_within_parent';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS quotas_before_write ON tenancy.quotas;
CREATE TRIGGER quotas_before_write
    BEFORE INSERT OR UPDATE ON tenancy.quotas
    FOR EACH ROW EXECUTE FUNCTION tenancy.quotas_before_write();

-- Keeps usage_current at the newest sample of each tenant and resource.
CREATE OR REPLACE FUNCTION tenancy.usage_samples_track_current() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    INSERT INTO usage_current AS c (tenant_id, resource, at, value)
    SELECT DISTINCT ON (n.tenant_id, n.resource) n.tenant_id, n.resource, n.at, n.value
      FROM new_rows n
     ORDER BY n.tenant_id, n.resource, n.at DESC
    ON CONFLICT (tenant_id, resource) DO UPDATE
        SET at = excluded.at, value = excluded.value
        WHERE c.at <= excluded.at;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS usage_samples_track_current ON tenancy.usage_samples;
CREATE TRIGGER usage_samples_track_current
    AFTER INSERT ON tenancy.usage_samples
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.usage_samples_track_current();

-- ---------------------------------------------------------------------------------------
-- Audit trail (hash chain) and change notification
-- ---------------------------------------------------------------------------------------

-- The canonical form of an audit row: independent of the session's TimeZone and DateStyle.
CREATE OR REPLACE FUNCTION tenancy.audit_hash(
        p_prev bytea, p_id bigint, p_at timestamptz, p_actor text, p_action text,
        p_tenant uuid, p_before jsonb, p_after jsonb) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT sha256(coalesce(p_prev, '\x'::bytea) || convert_to(concat_ws(E'\x1f',
        p_id::text,
        to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        p_actor, p_action, coalesce(p_tenant::text, ''),
        coalesce(p_before::text, ''), coalesce(p_after::text, '')), 'UTF8'))
$$;

-- Appends one link to the chain. Links are serialised by a transaction-level advisory lock,
-- so ids, and therefore the chain order, follow commit order of the writers.
CREATE OR REPLACE FUNCTION tenancy.audit_append(p_action text, p_tenant uuid, p_before jsonb, p_after jsonb)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    prev bytea;
    new_id bigint;
    stamp timestamptz := clock_timestamp();
    who text := current_actor();
BEGIN
    -- Under REPEATABLE READ or SERIALIZABLE the previous link would come from an old snapshot
    -- and fork the chain.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE object_not_in_prerequisite_state USING
            MESSAGE = 'Changes to tenancy tables must run at READ COMMITTED isolation (the audit chain needs it).';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
    new_id := nextval(pg_get_serial_sequence('tenancy.audit_log', 'id'));
    INSERT INTO audit_log (id, at, actor, action, tenant_id, before, after, prev_hash, hash)
        OVERRIDING SYSTEM VALUE
        VALUES (new_id, stamp, who, p_action, p_tenant, p_before, p_after, prev,
                audit_hash(prev, new_id, stamp, who, p_action, p_tenant, p_before, p_after));
END
$$;
REVOKE ALL ON FUNCTION tenancy.audit_append(text, uuid, jsonb, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tenancy.audit_row_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    before_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    after_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    key text := CASE WHEN TG_TABLE_NAME = 'tenants' THEN 'id' ELSE 'tenant_id' END;
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    IF before_row IS NOT DISTINCT FROM after_row THEN
        RETURN NULL;
    END IF;
    PERFORM audit_append(TG_TABLE_NAME || '.' || lower(TG_OP),
                         (coalesce(after_row, before_row) ->> key)::uuid, before_row, after_row);
    RETURN NULL;
END
$$;

-- Walks the chain in id order; first_bad_id is null when every link verifies.
CREATE OR REPLACE FUNCTION tenancy.audit_verify(OUT checked bigint, OUT first_bad_id bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    r audit_log;
    prev bytea := NULL;
BEGIN
    checked := 0;
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        IF r.prev_hash IS DISTINCT FROM prev
           OR r.hash IS DISTINCT FROM audit_hash(prev, r.id, r.at, r.actor, r.action, r.tenant_id, r.before, r.after) THEN
            first_bad_id := r.id;
            RETURN;
        END IF;
        prev := r.hash;
        checked := checked + 1;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION tenancy.notify_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    payload jsonb := jsonb_build_object('table', TG_TABLE_NAME, 'op', TG_OP);
BEGIN
    IF TG_TABLE_NAME = 'tenants' THEN
        payload := payload || jsonb_build_object(
            'tenant', coalesce(NEW.id, OLD.id),
            'parent', CASE WHEN TG_OP <> 'DELETE' THEN NEW.parent_id ELSE OLD.parent_id END,
            'old_parent', CASE WHEN TG_OP <> 'INSERT' THEN OLD.parent_id END);
    ELSE
        payload := payload || jsonb_build_object('tenant', coalesce(NEW.tenant_id, OLD.tenant_id));
    END IF;
    PERFORM pg_notify('tenancy_changes', payload::text);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'quotas', 'lifecycle_events'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS audit_row_change ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON tenancy.%I '
                       'FOR EACH ROW EXECUTE FUNCTION tenancy.audit_row_change()', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['tenants', 'quotas'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS notify_change ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON tenancy.%I '
                       'FOR EACH ROW EXECUTE FUNCTION tenancy.notify_change()', t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Privileges and row-level security
-- ---------------------------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA tenancy FROM PUBLIC;
-- Trigger functions need no EXECUTE to fire; without it nobody can attach the ones that run as
-- the owner (SECURITY DEFINER) to a table of their own and forge audit or usage rows.
REVOKE ALL ON FUNCTION tenancy.tenants_before_write(), tenancy.tenants_check_active_parent(),
    tenancy.tenants_record_lifecycle(), tenancy.quotas_before_write(), tenancy.usage_samples_track_current(),
    tenancy.audit_row_change(), tenancy.notify_change() FROM PUBLIC;
GRANT USAGE ON SCHEMA tenancy TO tenancy_operator, tenancy_auditor, tenancy_app;
GRANT EXECUTE ON FUNCTION tenancy.audit_verify() TO tenancy_operator, tenancy_auditor;
-- The migrator creates schema_migrations before running this file; every role reads it to
-- know whether the console matches the database.
GRANT SELECT ON tenancy.schema_migrations TO tenancy_operator, tenancy_auditor, tenancy_app;

GRANT SELECT ON tenancy.resources TO tenancy_operator, tenancy_auditor, tenancy_app;
GRANT SELECT ON tenancy.tenants, tenancy.quotas, tenancy.usage_samples, tenancy.usage_current,
                tenancy.lifecycle_events, tenancy.audit_log
    TO tenancy_operator, tenancy_auditor;
-- Operators write the columns a person edits; ids, versions, timestamps and retention are the
-- triggers' (and the owner's purge job's).
GRANT INSERT (id, parent_id, slug, display_name, tier, state, settings),
      UPDATE (parent_id, slug, display_name, tier, state, settings) ON tenancy.tenants TO tenancy_operator;
GRANT INSERT (tenant_id, resource, hard_limit, soft_thresholds), UPDATE (hard_limit, soft_thresholds), DELETE
    ON tenancy.quotas TO tenancy_operator;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenancy.memories TO tenancy_operator;
-- Auditors see what exists, never what tenants wrote.
GRANT SELECT (tenant_id, id, metadata, size_bytes, created_at) ON tenancy.memories TO tenancy_auditor;
-- The platform: its own tenant only (policies below).
GRANT SELECT ON tenancy.tenants, tenancy.quotas, tenancy.usage_current TO tenancy_app;
GRANT SELECT, INSERT ON tenancy.usage_samples TO tenancy_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenancy.memories TO tenancy_app;

-- Policies per tenant-owned table: staff roles see every row (writes are limited by the
-- grants above), the platform sees rows of its selected tenant while that tenant is active,
-- and the schema owner (whoever runs the migration; SECURITY DEFINER triggers run as it)
-- keeps full access despite FORCE.
DO $$
DECLARE
    t text;
    app_rule text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'quotas', 'usage_samples', 'usage_current',
                             'lifecycle_events', 'memories', 'audit_log'] LOOP
        EXECUTE format('ALTER TABLE tenancy.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE tenancy.%I FORCE ROW LEVEL SECURITY', t);

        EXECUTE format('DROP POLICY IF EXISTS owner_all ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY owner_all ON tenancy.%I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format('DROP POLICY IF EXISTS operator_all ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY operator_all ON tenancy.%I TO tenancy_operator USING (true) WITH CHECK (true)', t);
        EXECUTE format('DROP POLICY IF EXISTS auditor_read ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY auditor_read ON tenancy.%I FOR SELECT TO tenancy_auditor USING (true)', t);

        EXECUTE format('DROP POLICY IF EXISTS app_isolation ON tenancy.%I', t);
        IF t = 'audit_log' THEN
            CONTINUE; -- the platform has no grant on the audit log
        ELSIF t = 'tenants' THEN
            app_rule := 'id = tenancy.current_tenant() AND state = ''active''';
        ELSE
            -- The subquery is itself filtered by the tenants policy: active tenant only.
            app_rule := 'tenant_id = tenancy.current_tenant() AND EXISTS '
                        '(SELECT 1 FROM tenancy.tenants t WHERE t.id = tenant_id)';
        END IF;
        EXECUTE format('CREATE POLICY app_isolation ON tenancy.%I TO tenancy_app USING (%s) WITH CHECK (%s)',
                       t, app_rule, app_rule);
    END LOOP;
END
$$;
