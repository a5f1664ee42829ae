-- 0004_lifecycle: lifecycle transitions that cascade, release what they held, need a reason,
-- respect "prevent deletion" and a deletion cap, and a resumable purge that leaves a tombstone.
--
-- Cascade. A transition to a more restrictive state (active < suspended < archived < deleted)
-- takes every descendant that is less restrictive along and marks it as held by the tenant
-- the operator acted on (held_by), remembering the state it had of its own (own_state). A
-- transition back to active releases the tenants it held, top down: each returns to its own
-- state, or to its parent's state where the parent is still more restrictive. So suspending
-- a parent and resuming it gives back exactly what was there, including a sub-tenant that
-- had been suspended on its own. The C++ twin of these rules is models/domain/lifecycle.h.
--
-- A direct transition (a statement by a person, psql or the API) must be one of the table's
-- transitions and carry a reason (set_config('tenancy.reason', ..., true)). Cascaded rows are
-- written by the cascade trigger only (pg_trigger_depth() > 1) and skip the table: releasing
-- may go from archived back to suspended, which no person may do directly.
--
-- Time. Every lifecycle date uses tenancy.clock_now(): now() plus an offset that only the
-- schema owner can set (and that is audited), so tests can step past a retention period.

-- ---------------------------------------------------------------------------------------
-- Clock and guard rails (owner-written singletons, audited)
-- ---------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS tenancy.clock (
    singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT clock_singleton CHECK (singleton),
    offset_by interval NOT NULL DEFAULT interval '0'
);
INSERT INTO tenancy.clock DEFAULT VALUES ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION tenancy.clock_now() RETURNS timestamptz
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$ SELECT now() + coalesce((SELECT c.offset_by FROM tenancy.clock c), interval '0') $$;

CREATE TABLE IF NOT EXISTS tenancy.guard_rails (
    singleton            boolean PRIMARY KEY DEFAULT true CONSTRAINT guard_rails_singleton CHECK (singleton),
    -- At most this share of the tenants may be deleted within 30 days (0: none at all).
    deletion_cap_percent numeric(5, 2) NOT NULL DEFAULT 10
        CONSTRAINT guard_rails_deletion_cap_range CHECK (deletion_cap_percent BETWEEN 0 AND 100),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenancy.guard_rails DEFAULT VALUES ON CONFLICT DO NOTHING;

-- Changes to the clock and the guard rails are part of the audit trail.
CREATE OR REPLACE FUNCTION tenancy.audit_singleton_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' OR TG_TABLE_NAME NOT IN ('clock', 'guard_rails') THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    PERFORM audit_append(TG_TABLE_NAME || '.' || lower(TG_OP), NULL,
                         CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                         CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['clock', 'guard_rails'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS audit_change ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON tenancy.%I '
                       'FOR EACH ROW EXECUTE FUNCTION tenancy.audit_singleton_change()', t);
    END LOOP;
END
$$;

-- How many more tenants may be deleted now: the cap is deletion_cap_percent of the tenants
-- that still exist (purged tombstones don't count), at least 1 unless the percent is 0; a
-- deletion counts while it is younger than 30 days and not restored.
CREATE OR REPLACE FUNCTION tenancy.deletion_allowance(
        OUT cap integer, OUT deleted_recently integer, OUT tenants bigint,
        OUT percent numeric, OUT window_days integer)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    window_days := 30;
    percent := coalesce((SELECT g.deletion_cap_percent FROM guard_rails g), 10);
    SELECT count(*) INTO tenants FROM tenancy.tenants t WHERE t.purged_at IS NULL;
    SELECT count(*) INTO deleted_recently FROM tenancy.tenants t
     WHERE t.state = 'deleted' AND t.state_changed_at > clock_now() - make_interval(days => window_days);
    cap := CASE WHEN percent <= 0 THEN 0 ELSE greatest(1, floor(tenants * percent / 100))::integer END;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Holds
-- ---------------------------------------------------------------------------------------

ALTER TABLE tenancy.tenants ADD COLUMN IF NOT EXISTS held_by uuid REFERENCES tenancy.tenants (id);
ALTER TABLE tenancy.tenants ADD COLUMN IF NOT EXISTS own_state text;
ALTER TABLE tenancy.tenants DROP CONSTRAINT IF EXISTS tenants_hold;
ALTER TABLE tenancy.tenants ADD CONSTRAINT tenants_hold CHECK (
    (held_by IS NULL AND own_state IS NULL)
    OR (held_by IS NOT NULL AND own_state IN ('active', 'suspended', 'archived')));

-- The transition that carried the last state change along (null: a direct one). Set by
-- tenants_before_write, which alone can tell a cascade from a direct change.
ALTER TABLE tenancy.tenants ADD COLUMN IF NOT EXISTS state_cause uuid;
ALTER TABLE tenancy.lifecycle_events ADD COLUMN IF NOT EXISTS cascade_root uuid;

CREATE INDEX IF NOT EXISTS tenants_held_by ON tenancy.tenants (held_by) WHERE held_by IS NOT NULL;
-- Child counts without deleted tenants (the tree's "Show deleted" off) stay index-only.
CREATE INDEX IF NOT EXISTS tenants_deleted_children ON tenancy.tenants (parent_id) WHERE state = 'deleted';
CREATE INDEX IF NOT EXISTS tenants_deleted_at ON tenancy.tenants (state_changed_at) WHERE state = 'deleted';
CREATE INDEX IF NOT EXISTS tenants_purge_due ON tenancy.tenants (purge_after)
    WHERE state = 'deleted' AND purged_at IS NULL;

CREATE OR REPLACE FUNCTION tenancy.state_rank(p_state text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE p_state WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 WHEN 'archived' THEN 2
                              WHEN 'deleted' THEN 3 END $$;

-- ---------------------------------------------------------------------------------------
-- Rules on tenants (replaces 0001's): the lifecycle part is new, the hierarchy part is as it was.
-- ---------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION tenancy.tenants_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    parent_depth integer := 0;
    subtree_height integer := 0;
    moved boolean := TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id;
    -- Written by tenants_state_cascade, which runs as the table's owner. Depth alone is not
    -- proof: any login can fire an UPDATE from a trigger of its own (on a temporary table).
    cascaded boolean := pg_trigger_depth() > 1
        AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = TG_RELID);
    retention_days integer;
    stamp timestamptz;
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
        IF NOT cascaded AND TG_OP = 'UPDATE' AND NEW.held_by IS NOT NULL
           AND NOT (NEW.parent_id IS NOT NULL AND (NEW.held_by = NEW.parent_id
                    OR EXISTS (SELECT 1 FROM ancestors(NEW.parent_id) a WHERE a.id = NEW.held_by))) THEN
            -- The holder is no longer above it: from now on the state is the tenant's own.
            NEW.held_by := NULL;
            NEW.own_state := NULL;
        END IF;
        IF NEW.parent_id IS NOT NULL AND (SELECT p.state FROM tenants p WHERE p.id = NEW.parent_id) = 'deleted' THEN
            RAISE check_violation USING
                MESSAGE = format('Tenant "%s" cannot be placed under a deleted tenant.', NEW.slug),
                HINT = 'Restore the parent first, or choose another one.',
                CONSTRAINT = 'tenants_parent_not_deleted';
        END IF;
    END IF;

    IF TG_OP = 'INSERT' THEN
        RETURN NEW;
    END IF;

    IF NEW.state IS DISTINCT FROM OLD.state THEN
        -- Transitions are serialised with moves and each other: the cascade walks a subtree
        -- that must not change under it, and the deletion cap counts committed deletions.
        PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
        stamp := clock_now();
        IF OLD.purged_at IS NOT NULL THEN
            RAISE check_violation USING
                MESSAGE = format('Tenant "%s" was purged on %s; only its tombstone is left.',
                                 OLD.slug, to_char(OLD.purged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')),
                CONSTRAINT = 'tenants_lifecycle_transition';
        END IF;
        IF NOT cascaded THEN
            IF NOT ((OLD.state = 'active'    AND NEW.state IN ('suspended', 'deleted'))
                 OR (OLD.state = 'suspended' AND NEW.state IN ('active', 'archived', 'deleted'))
                 OR (OLD.state = 'archived'  AND NEW.state IN ('active', 'deleted'))
                 OR (OLD.state = 'deleted'   AND NEW.state = 'active')) THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" cannot go from %s to %s.', NEW.slug, OLD.state, NEW.state),
                    CONSTRAINT = 'tenants_lifecycle_transition';
            END IF;
            IF OLD.state = 'deleted' AND OLD.purge_after <= stamp THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" is past its retention period (it ended %s) and cannot be restored.',
                                     NEW.slug, to_char(OLD.purge_after AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
                    CONSTRAINT = 'tenants_lifecycle_transition';
            END IF;
            IF coalesce(current_setting('tenancy.reason', true), '') !~ '[^[:space:]]' THEN
                RAISE check_violation USING
                    MESSAGE = format('Changing tenant "%s" from %s to %s needs a reason.', NEW.slug, OLD.state, NEW.state),
                    HINT = 'Run SELECT set_config(''tenancy.reason'', ''<why>'', true) in the same transaction first.',
                    CONSTRAINT = 'tenants_lifecycle_reason';
            END IF;
            IF NEW.state = 'deleted' AND coalesce((NEW.settings ->> 'prevent_deletion')::boolean, false) THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" is protected from deletion.', NEW.slug),
                    HINT = 'Clear "prevent deletion" in its settings first.',
                    CONSTRAINT = 'tenants_prevent_deletion';
            END IF;
            NEW.held_by := NULL;
            NEW.own_state := NULL;
            IF NEW.state = 'deleted' THEN
                retention_days := coalesce((NEW.settings ->> 'retention_days')::integer, 90);
                NEW.purge_after := stamp + make_interval(days => retention_days);
            END IF;
        END IF;
        -- A cascaded deletion brings its purge date (the root's); nothing else has one.
        IF NEW.state <> 'deleted' THEN
            NEW.purge_after := NULL;
        END IF;
        NEW.state_changed_at := stamp;
        NEW.state_cause := CASE WHEN cascaded THEN nullif(current_setting('tenancy.cascade_root', true), '')::uuid END;
    ELSE
        NEW.state_cause := OLD.state_cause;
        -- Only a state change moves these; retention can't be edited around.
        NEW.state_changed_at := OLD.state_changed_at;
        NEW.purge_after := OLD.purge_after;
        IF NOT moved AND NOT cascaded THEN
            NEW.held_by := OLD.held_by;
            NEW.own_state := OLD.own_state;
        END IF;
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.created_at := OLD.created_at;
    NEW.id := OLD.id;
    RETURN NEW;
END
$$;

-- Like quotas (0002): the serialising locks before any row lock. PostgreSQL locks an updated
-- row before its row triggers run, so a plain UPDATE that took the hierarchy lock in its row
-- trigger (and the audit lock at the end) could deadlock with the store, which takes both
-- locks first and then the rows.
CREATE OR REPLACE FUNCTION tenancy.tenants_lock_order() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tenants_lock_order ON tenancy.tenants;
CREATE TRIGGER tenants_lock_order
    BEFORE INSERT OR UPDATE ON tenancy.tenants
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.tenants_lock_order();

-- The cascade of a direct transition (see the top of this file).
CREATE OR REPLACE FUNCTION tenancy.tenants_state_cascade() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    blocker record;
    lvl integer;
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' OR TG_TABLE_NAME <> 'tenants' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    IF NEW.state_cause IS NOT NULL THEN
        RETURN NULL; -- a cascaded row (tenants_before_write says which) doesn't cascade again
    END IF;
    PERFORM set_config('tenancy.cascade_root', NEW.id::text, true);
    IF state_rank(NEW.state) > state_rank(OLD.state) THEN
        IF NEW.state = 'deleted' THEN
            SELECT t.slug INTO blocker
              FROM descendants(NEW.id) d JOIN tenants t ON t.id = d.id
             WHERE t.state <> 'deleted' AND coalesce((t.settings ->> 'prevent_deletion')::boolean, false)
             ORDER BY d.level, t.slug
             LIMIT 1;
            IF FOUND THEN
                RAISE check_violation USING
                    MESSAGE = format('Tenant "%s" cannot be deleted: its sub-tenant "%s" is protected from deletion.',
                                     NEW.slug, blocker.slug),
                    HINT = 'Clear "prevent deletion" on the sub-tenant first, or move it out of the subtree.',
                    CONSTRAINT = 'tenants_prevent_deletion';
            END IF;
        END IF;
        UPDATE tenants t
           SET state = NEW.state, held_by = NEW.id, own_state = coalesce(t.own_state, t.state),
               purge_after = CASE WHEN NEW.state = 'deleted' THEN NEW.purge_after END
          FROM descendants(NEW.id) d
         WHERE t.id = d.id AND state_rank(t.state) < state_rank(NEW.state);
    ELSE
        -- Released, top down: back to the own state, or the parent's where that is stricter
        -- (then held by whatever holds the parent).
        FOR lvl IN 1..8 LOOP
            UPDATE tenants t
               SET state = r.state, held_by = r.holder, own_state = r.own,
                   purge_after = r.purge_after
              FROM (SELECT c.id,
                           CASE WHEN state_rank(c.own_state) >= state_rank(p.state) THEN c.own_state ELSE p.state END AS state,
                           CASE WHEN state_rank(c.own_state) >= state_rank(p.state) THEN NULL
                                ELSE coalesce(p.held_by, p.id) END AS holder,
                           CASE WHEN state_rank(c.own_state) >= state_rank(p.state) THEN NULL ELSE c.own_state END AS own,
                           CASE WHEN state_rank(c.own_state) < state_rank(p.state) AND p.state = 'deleted'
                                THEN p.purge_after END AS purge_after
                      FROM descendants(NEW.id) d
                      JOIN tenants c ON c.id = d.id
                      JOIN tenants p ON p.id = c.parent_id
                     WHERE d.level = lvl AND c.held_by = NEW.id AND c.purged_at IS NULL) r
             WHERE t.id = r.id;
        END LOOP;
    END IF;
    PERFORM set_config('tenancy.cascade_root', '', true);
    RETURN NULL;
END
$$;

-- Named to fire after tenants_record_lifecycle, so the root's event comes first.
DROP TRIGGER IF EXISTS tenants_state_cascade ON tenancy.tenants;
CREATE TRIGGER tenants_state_cascade
    AFTER UPDATE OF state ON tenancy.tenants
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION tenancy.tenants_state_cascade();

-- After a move, sub-tenants held by an old ancestor that is no longer above them would never
-- be released: the moved tenant, whose own state the hold now is, holds them instead.
CREATE OR REPLACE FUNCTION tenancy.tenants_move_holds() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' OR TG_TABLE_NAME <> 'tenants' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    UPDATE tenants t SET held_by = NEW.id
      FROM descendants(NEW.id) d
     WHERE t.id = d.id AND t.held_by IS NOT NULL AND t.held_by <> NEW.id
       AND t.held_by NOT IN (SELECT x.id FROM descendants(NEW.id) x)
       AND t.held_by NOT IN (SELECT a.id FROM ancestors(NEW.id) a); -- still above: still the holder
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tenants_move_holds ON tenancy.tenants;
CREATE TRIGGER tenants_move_holds
    AFTER UPDATE OF parent_id ON tenancy.tenants
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
    EXECUTE FUNCTION tenancy.tenants_move_holds();

-- Every state change is recorded with who, why and, for a cascaded one, which transition
-- carried it along.
CREATE OR REPLACE FUNCTION tenancy.tenants_record_lifecycle() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO lifecycle_events (tenant_id, from_state, to_state, reason, actor, at, cascade_root)
        VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state,
                nullif(current_setting('tenancy.reason', true), ''), current_actor(), NEW.state_changed_at,
                CASE WHEN TG_OP = 'UPDATE' THEN NEW.state_cause END);
    END IF;
    RETURN NULL;
END
$$;

-- The deletion cap, checked after every statement that deletes (the cascade's included).
CREATE OR REPLACE FUNCTION tenancy.tenants_check_deletion_cap() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    a record;
    stamp timestamptz := clock_now();
BEGIN
    -- A row deleted by this transaction has state_changed_at = clock_now() (the transaction's
    -- time). No join with old_rows: as an EXISTS the planner picks a nested loop over the
    -- transition tables, 1.5 s for a 10,000-row statement that deletes nothing.
    IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.state = 'deleted' AND n.state_changed_at = stamp) THEN
        RETURN NULL;
    END IF;
    SELECT * INTO a FROM deletion_allowance();
    IF a.deleted_recently > a.cap THEN
        RAISE check_violation USING
            MESSAGE = format('Deleting is refused: it would make %s deletions within %s days, above the cap of %s (%s %% of %s tenants).',
                             a.deleted_recently, a.window_days, a.cap, trim_scale(a.percent), a.tenants),
            HINT = 'Delete fewer tenants, or ask the schema owner to raise the cap (tenantctl lifecycle cap --percent P).',
            CONSTRAINT = 'tenants_deletion_cap';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS tenants_check_deletion_cap ON tenancy.tenants;
CREATE TRIGGER tenants_check_deletion_cap
    AFTER UPDATE ON tenancy.tenants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.tenants_check_deletion_cap();

-- ---------------------------------------------------------------------------------------
-- Purge: one batch per call, each call its own transaction, so it can be interrupted and
-- re-run at any point. Removes memories, usage samples, then quotas and current usage of
-- one tenant past its retention; the tenants row stays as a tombstone (purged_at), and the
-- lifecycle events and the audit trail stay. A tenant under a legal hold is never purged.
-- ---------------------------------------------------------------------------------------

-- "Prevent deletion" set on a deleted tenant, or on the deleted tenant that holds it (whose
-- deletion took it along), keeps its data: a legal hold.
CREATE OR REPLACE FUNCTION tenancy.legal_hold(t tenancy.tenants) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
    SELECT coalesce((t.settings ->> 'prevent_deletion')::boolean, false)
        OR coalesce((SELECT (h.settings ->> 'prevent_deletion')::boolean FROM tenancy.tenants h
                      WHERE h.id = t.held_by), false)
$$;

CREATE OR REPLACE FUNCTION tenancy.purge_step(p_batch integer DEFAULT 5000)
    RETURNS TABLE (tenant_id uuid, slug text, memories bigint, usage_samples bigint, finished boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    victim record;
    budget integer := p_batch;
    n bigint;
BEGIN
    IF p_batch IS NULL OR p_batch < 1 THEN
        RAISE invalid_parameter_value USING MESSAGE = 'The purge batch size must be at least 1.';
    END IF;
    -- The order every writer takes its locks in (hierarchy, audit chain, rows).
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.hierarchy'));
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    SELECT t.id, t.slug INTO victim
      FROM tenancy.tenants t
     WHERE t.state = 'deleted' AND t.purged_at IS NULL AND t.purge_after <= clock_now()
       AND NOT legal_hold(t)
     ORDER BY t.purge_after, t.id
     LIMIT 1
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    tenant_id := victim.id;
    slug := victim.slug;

    DELETE FROM tenancy.memories m
     WHERE m.tenant_id = victim.id
       AND m.id IN (SELECT x.id FROM tenancy.memories x WHERE x.tenant_id = victim.id LIMIT budget);
    GET DIAGNOSTICS n = ROW_COUNT;
    memories := n;
    budget := budget - n;
    usage_samples := 0;
    IF budget > 0 THEN
        DELETE FROM tenancy.usage_samples s
         WHERE s.tenant_id = victim.id
           AND (s.resource, s.at) IN (SELECT x.resource, x.at FROM tenancy.usage_samples x
                                       WHERE x.tenant_id = victim.id LIMIT budget);
        GET DIAGNOSTICS n = ROW_COUNT;
        usage_samples := n;
        budget := budget - n;
    END IF;
    -- Budget left over means both tables are empty for this tenant.
    finished := budget > 0;
    IF finished THEN
        DELETE FROM tenancy.quotas q WHERE q.tenant_id = victim.id;
        DELETE FROM tenancy.usage_current u WHERE u.tenant_id = victim.id;
        UPDATE tenancy.tenants t SET purged_at = clock_now() WHERE t.id = victim.id;
    END IF;
    PERFORM audit_append('tenants.purge', victim.id, NULL,
                         jsonb_build_object('memories', memories, 'usage_samples', usage_samples,
                                            'finished', finished));
    RETURN NEXT;
END
$$;

-- Tenants due for purging now, and the rows they still hold (for progress and previews).
CREATE OR REPLACE FUNCTION tenancy.purge_due(OUT tenants bigint, OUT held bigint)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
    SELECT count(*) FILTER (WHERE NOT tenancy.legal_hold(t)), count(*) FILTER (WHERE tenancy.legal_hold(t))
      FROM tenancy.tenants t
     WHERE t.state = 'deleted' AND t.purged_at IS NULL AND t.purge_after <= tenancy.clock_now()
$$;

-- ---------------------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION tenancy.tenants_state_cascade(), tenancy.tenants_move_holds(), tenancy.tenants_check_deletion_cap(),
    tenancy.tenants_lock_order(),
    tenancy.audit_singleton_change(), tenancy.purge_step(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenancy.purge_step(integer) TO tenancy_operator;
GRANT SELECT ON tenancy.clock, tenancy.guard_rails TO tenancy_operator, tenancy_auditor;
