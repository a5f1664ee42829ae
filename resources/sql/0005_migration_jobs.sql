-- 0005_migration_jobs: the database side of the resumable data migration (issue 6).
--
-- A job (tenancy.migration_jobs) moves the memories of a source tenant that match a selector
-- to a target tenant, in keyset batches on (tenant_id, id) with one transaction per batch.
-- The selector is stored as JSON only. Its SQL is compiled by the client (Selector::compile,
-- parameterised) and run by the client as a parameterised statement; no SQL text is ever
-- stored in or executed from the database.
--
-- One batch is one transaction, at READ COMMITTED (the audit chain needs it):
--
--   BEGIN;
--   SELECT * FROM tenancy.migration_lock_batch($job);          -- locks, checks, checkpoint
--   SELECT m.id FROM tenancy.memories m
--    WHERE m.tenant_id = $source AND ($checkpoint IS NULL OR m.id > $checkpoint)
--      AND <compiled predicate>
--    ORDER BY m.id LIMIT $batch FOR UPDATE;                    -- not SKIP LOCKED: that would lose rows
--   SELECT * FROM tenancy.migration_apply_batch($job, $ids);   -- moves, maps, counts, checkpoint
--   COMMIT;
--
-- The checkpoint and counters are written in the same transaction as the rows, so a kill at
-- any point (before or during COMMIT) leaves either the whole batch or none of it, and the
-- next run continues from the checkpoint it reads. A second runner of the same job waits on
-- the job row (locked by migration_lock_batch) and then sees the advanced checkpoint.
--
-- Rows changed since the plan: the predicate is evaluated again at batch time, and FOR UPDATE
-- at READ COMMITTED re-evaluates it on the newest version of a row a concurrent writer was
-- changing, so a row whose metadata no longer matches is simply not selected (it stays in the
-- source, untouched). A row deleted meanwhile is not there to move. A row inserted into the
-- source after the job started with an id below the checkpoint is not moved by this job
-- (ids are random uuids): running a new job with the same selector sweeps it.
--
-- preserve_ids = true moves a row by changing its tenant_id (the key is (tenant_id, id), so
-- the id stays). If the target already holds a row with that id, the row is skipped: it stays
-- in the source and is counted in skipped_rows. preserve_ids = false inserts a copy with a
-- new id into the target, deletes the source row, and records (old_id, new_id) in
-- tenancy.migration_id_map. include_metadata = false moves the content with metadata {}.
--
-- Lock order, as every writer (0004): hierarchy, audit chain, then rows.

CREATE TABLE IF NOT EXISTS tenancy.migration_jobs (
    -- A job spans two tenants, so it has an id of its own (not keyed by a tenant).
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_tenant    uuid NOT NULL REFERENCES tenancy.tenants (id),
    target_tenant    uuid NOT NULL REFERENCES tenancy.tenants (id),
    selector         jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT migration_jobs_selector_object CHECK (jsonb_typeof(selector) = 'object'),
    preserve_ids     boolean NOT NULL DEFAULT true,
    include_metadata boolean NOT NULL DEFAULT true,
    state            text NOT NULL DEFAULT 'planned'
        CONSTRAINT migration_jobs_state CHECK (state IN ('planned', 'running', 'paused', 'cancelled', 'failed', 'finished')),
    planned_rows     bigint NOT NULL DEFAULT 0 CONSTRAINT migration_jobs_planned_rows CHECK (planned_rows >= 0),
    planned_bytes    bigint NOT NULL DEFAULT 0 CONSTRAINT migration_jobs_planned_bytes CHECK (planned_bytes >= 0),
    moved_rows       bigint NOT NULL DEFAULT 0,
    moved_bytes      bigint NOT NULL DEFAULT 0,
    skipped_rows     bigint NOT NULL DEFAULT 0,
    batches          bigint NOT NULL DEFAULT 0,
    -- The last source id handled (moved or skipped); the next batch starts after it.
    checkpoint       uuid,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL,
    error            text,
    version          bigint NOT NULL DEFAULT 1,
    CONSTRAINT migration_jobs_distinct_tenants CHECK (source_tenant <> target_tenant)
);
CREATE INDEX IF NOT EXISTS migration_jobs_source ON tenancy.migration_jobs (source_tenant, id);
CREATE INDEX IF NOT EXISTS migration_jobs_target ON tenancy.migration_jobs (target_tenant, id);

-- New ids given to moved rows when preserve_ids is false.
CREATE TABLE IF NOT EXISTS tenancy.migration_id_map (
    job_id bigint NOT NULL REFERENCES tenancy.migration_jobs (id) ON DELETE CASCADE,
    old_id uuid NOT NULL,
    new_id uuid NOT NULL,
    PRIMARY KEY (job_id, old_id),
    CONSTRAINT migration_id_map_new_unique UNIQUE (job_id, new_id)
);

-- ---------------------------------------------------------------------------------------
-- Rules on jobs
-- ---------------------------------------------------------------------------------------

-- The message for a target that can't receive rows, or null when it can.
CREATE OR REPLACE FUNCTION tenancy.migration_target_refusal(p_job bigint, p_target uuid) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
    SELECT CASE
        WHEN t.id IS NULL THEN format('Migration job %s: target tenant %s does not exist.', p_job, p_target)
        WHEN t.state <> 'active' THEN
            format('Migration job %s: target tenant "%s" is %s; rows can only be moved into an active tenant.',
                   p_job, t.slug, t.state)
        END
      FROM (SELECT p_target AS wanted) w LEFT JOIN tenants t ON t.id = w.wanted
$$;

CREATE OR REPLACE FUNCTION tenancy.migration_jobs_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    refusal text;
    stamp timestamptz := clock_now();
BEGIN
    IF NEW.source_tenant = NEW.target_tenant THEN
        RAISE check_violation USING
            MESSAGE = 'A migration job needs two different tenants: the source and the target are the same tenant.',
            CONSTRAINT = 'migration_jobs_distinct_tenants';
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_actor();
        NEW.created_at := stamp;
        NEW.state := 'planned';
        NEW.moved_rows := 0; NEW.moved_bytes := 0; NEW.skipped_rows := 0; NEW.batches := 0;
        NEW.checkpoint := NULL; NEW.started_at := NULL; NEW.finished_at := NULL;
        NEW.version := 1;
        refusal := migration_target_refusal(NEW.id, NEW.target_tenant);
        IF refusal IS NOT NULL THEN
            RAISE check_violation USING MESSAGE = refusal, CONSTRAINT = 'migration_jobs_target_active';
        END IF;
    ELSE
        IF NEW.id <> OLD.id OR NEW.source_tenant <> OLD.source_tenant OR NEW.target_tenant <> OLD.target_tenant
           OR NEW.selector <> OLD.selector OR NEW.preserve_ids <> OLD.preserve_ids
           OR NEW.include_metadata <> OLD.include_metadata OR NEW.created_by <> OLD.created_by
           OR NEW.created_at <> OLD.created_at THEN
            RAISE check_violation USING
                MESSAGE = format('Migration job %s: its tenants, selector and options cannot change; plan a new job.', OLD.id),
                CONSTRAINT = 'migration_jobs_immutable';
        END IF;
        IF NEW.state IS DISTINCT FROM OLD.state THEN
            IF NOT ((OLD.state = 'planned' AND NEW.state IN ('running', 'cancelled'))
                 OR (OLD.state = 'running' AND NEW.state IN ('paused', 'cancelled', 'failed', 'finished'))
                 OR (OLD.state = 'paused'  AND NEW.state IN ('running', 'cancelled'))
                 OR (OLD.state = 'failed'  AND NEW.state IN ('running', 'cancelled'))) THEN
                RAISE check_violation USING
                    MESSAGE = format('Migration job %s cannot go from %s to %s.', OLD.id, OLD.state, NEW.state),
                    CONSTRAINT = 'migration_jobs_transition';
            END IF;
            IF NEW.state = 'running' THEN
                refusal := migration_target_refusal(OLD.id, NEW.target_tenant);
                IF refusal IS NOT NULL THEN
                    RAISE check_violation USING MESSAGE = refusal, CONSTRAINT = 'migration_jobs_target_active';
                END IF;
                NEW.started_at := coalesce(OLD.started_at, stamp);
                NEW.error := NULL;
            ELSIF NEW.state IN ('finished', 'cancelled', 'failed') THEN
                NEW.finished_at := stamp;
            END IF;
        END IF;
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := stamp;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS migration_jobs_before_write ON tenancy.migration_jobs;
CREATE TRIGGER migration_jobs_before_write
    BEFORE INSERT OR UPDATE ON tenancy.migration_jobs
    FOR EACH ROW EXECUTE FUNCTION tenancy.migration_jobs_before_write();

-- Serialising locks before the job's row lock (see 0004's tenants_lock_order). The hierarchy
-- lock is shared: it only keeps the target's state from changing under the statement.
CREATE OR REPLACE FUNCTION tenancy.migration_jobs_lock_order() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('tenancy.hierarchy'));
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS migration_jobs_lock_order ON tenancy.migration_jobs;
CREATE TRIGGER migration_jobs_lock_order
    BEFORE INSERT OR UPDATE ON tenancy.migration_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.migration_jobs_lock_order();

-- ---------------------------------------------------------------------------------------
-- Audit: 0003's statement trigger, extended to migration_jobs (keyed by source tenant, id).
-- Every insert and update of a job is one audit row with the job before and after, so
-- created, started, each batch, finished and cancelled are all on the chain with counts.
-- ---------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION tenancy.audit_statement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    action text := TG_TABLE_NAME || '.' || lower(TG_OP);
    -- The row's key: tenants by id, quotas by (tenant_id, resource), lifecycle events by
    -- (tenant_id, id), migration jobs by (source_tenant, id). Keys never change (the tables'
    -- triggers keep them), so an update pairs its old and new rows by key. Rows are audited
    -- in key order.
    key1 text := CASE TG_TABLE_NAME WHEN 'tenants' THEN 'id' WHEN 'migration_jobs' THEN 'source_tenant' ELSE 'tenant_id' END;
    key2 text := CASE TG_TABLE_NAME WHEN 'quotas' THEN 'resource' WHEN 'lifecycle_events' THEN 'id'
                                    WHEN 'migration_jobs' THEN 'id' END;
    stamp timestamptz := clock_timestamp();
    who text := current_actor();
    rows refcursor;
    r record;
    link bigint;
    prev bytea;
    -- Appended in place (plpgsql expands arrays), so a statement of many rows stays linear.
    ids bigint[] := '{}';
    tenant_ids uuid[] := '{}';
    befores jsonb[] := '{}';
    afters jsonb[] := '{}';
    prevs bytea[] := '{}';
    hashes bytea[] := '{}';
BEGIN
    IF TG_TABLE_SCHEMA <> 'tenancy' OR TG_TABLE_NAME NOT IN ('tenants', 'quotas', 'lifecycle_events', 'migration_jobs') THEN
        RAISE insufficient_privilege USING MESSAGE = format('%I serves tenancy tables only.', TG_NAME);
    END IF;

    -- The statement's rows as (before, after), in key order.
    IF TG_OP = 'INSERT' THEN
        OPEN rows FOR SELECT NULL::jsonb AS before, j AS after
                        FROM (SELECT to_jsonb(x) AS j FROM new_rows x) n ORDER BY j ->> key1, j ->> key2;
    ELSIF TG_OP = 'DELETE' THEN
        OPEN rows FOR SELECT j AS before, NULL::jsonb AS after
                        FROM (SELECT to_jsonb(x) AS j FROM old_rows x) o ORDER BY j ->> key1, j ->> key2;
    ELSIF TG_TABLE_NAME = 'tenants' THEN
        OPEN rows FOR SELECT to_jsonb(o) AS before, to_jsonb(n) AS after
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                       WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n) -- written with identical values
                       ORDER BY n.id::text;
    ELSIF TG_TABLE_NAME = 'quotas' THEN
        OPEN rows FOR SELECT to_jsonb(o) AS before, to_jsonb(n) AS after
                        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.resource = o.resource
                       WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)
                       ORDER BY n.tenant_id::text, n.resource;
    ELSIF TG_TABLE_NAME = 'migration_jobs' THEN
        OPEN rows FOR SELECT to_jsonb(o) AS before, to_jsonb(n) AS after
                        FROM old_rows o JOIN new_rows n ON n.id = o.id
                       WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)
                       ORDER BY n.source_tenant::text, n.id::text;
    ELSE
        OPEN rows FOR SELECT to_jsonb(o) AS before, to_jsonb(n) AS after
                        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
                       WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n)
                       ORDER BY n.tenant_id::text, n.id::text;
    END IF;

    LOOP
        FETCH rows INTO r;
        EXIT WHEN NOT FOUND;
        IF cardinality(ids) = 0 THEN
            -- Under REPEATABLE READ or SERIALIZABLE the previous link would come from an old
            -- snapshot and fork the chain.
            IF current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE object_not_in_prerequisite_state USING
                    MESSAGE = 'Changes to tenancy tables must run at READ COMMITTED isolation (the audit chain needs it).';
            END IF;
            -- Links are serialised by a transaction-level lock, so ids, and therefore the
            -- chain's order, follow the writers' commit order.
            PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
            SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
        END IF;
        link := nextval(pg_get_serial_sequence('tenancy.audit_log', 'id'));
        ids := array_append(ids, link);
        tenant_ids := array_append(tenant_ids, (coalesce(r.after, r.before) ->> key1)::uuid);
        befores := array_append(befores, r.before);
        afters := array_append(afters, r.after);
        prevs := array_append(prevs, prev);
        prev := audit_hash(prev, link, stamp, who, action, (coalesce(r.after, r.before) ->> key1)::uuid, r.before, r.after);
        hashes := array_append(hashes, prev);
    END LOOP;
    CLOSE rows;
    IF cardinality(ids) = 0 THEN
        RETURN NULL;
    END IF;

    INSERT INTO audit_log (id, at, actor, action, tenant_id, before, after, prev_hash, hash)
        OVERRIDING SYSTEM VALUE
        SELECT u.id, stamp, who, action, u.tenant_id, u.before, u.after, u.prev_hash, u.hash
          FROM unnest(ids, tenant_ids, befores, afters, prevs, hashes)
               AS u (id, tenant_id, before, after, prev_hash, hash);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS audit_insert ON tenancy.migration_jobs;
CREATE TRIGGER audit_insert AFTER INSERT ON tenancy.migration_jobs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement();
DROP TRIGGER IF EXISTS audit_update ON tenancy.migration_jobs;
CREATE TRIGGER audit_update AFTER UPDATE ON tenancy.migration_jobs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement();
DROP TRIGGER IF EXISTS audit_delete ON tenancy.migration_jobs;
CREATE TRIGGER audit_delete AFTER DELETE ON tenancy.migration_jobs REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement();

-- ---------------------------------------------------------------------------------------
-- The batch step
-- ---------------------------------------------------------------------------------------

-- First statement of a batch transaction: takes the locks in order (hierarchy shared, audit
-- chain, the job's row), and refuses unless the job is running and the target is active.
-- Returns what the client's SELECT needs: the source tenant, the checkpoint (null: from the
-- start) and the selector to compile.
CREATE OR REPLACE FUNCTION tenancy.migration_lock_batch(p_job bigint,
        OUT source_tenant uuid, OUT target_tenant uuid, OUT checkpoint uuid, OUT selector jsonb)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    job migration_jobs;
    refusal text;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE object_not_in_prerequisite_state USING
            MESSAGE = 'Migration batches must run at READ COMMITTED isolation (the audit chain needs it).';
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtext('tenancy.hierarchy'));
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    SELECT * INTO job FROM migration_jobs j WHERE j.id = p_job FOR UPDATE;
    IF NOT FOUND THEN
        RAISE no_data_found USING MESSAGE = format('Migration job %s does not exist.', p_job);
    END IF;
    IF job.state <> 'running' THEN
        RAISE object_not_in_prerequisite_state USING
            MESSAGE = format('Migration job %s is %s; only a running job moves rows (start or resume it first).',
                             p_job, job.state);
    END IF;
    refusal := migration_target_refusal(p_job, job.target_tenant);
    IF refusal IS NOT NULL THEN
        RAISE check_violation USING MESSAGE = refusal, CONSTRAINT = 'migration_jobs_target_active';
    END IF;
    source_tenant := job.source_tenant;
    target_tenant := job.target_tenant;
    checkpoint := job.checkpoint;
    selector := job.selector;
END
$$;

-- Moves exactly the given source rows (the client selected them with the compiled predicate,
-- FOR UPDATE, after migration_lock_batch in the same transaction), all or nothing: ids must
-- all lie after the checkpoint; ids no longer in the source are ignored. Advances the
-- checkpoint to the greatest id and the counters. Returns this batch's counts.
CREATE OR REPLACE FUNCTION tenancy.migration_apply_batch(p_job bigint, p_ids uuid[],
        OUT moved_rows bigint, OUT moved_bytes bigint, OUT skipped_rows bigint, OUT checkpoint uuid)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    job migration_jobs;
    refusal text;
    last_id uuid;
    batch_moved bigint;
    batch_bytes bigint;
    batch_skipped bigint;
BEGIN
    -- Idempotent when migration_lock_batch ran first; enforces the order when it didn't.
    PERFORM pg_advisory_xact_lock_shared(hashtext('tenancy.hierarchy'));
    PERFORM pg_advisory_xact_lock(hashtext('tenancy.audit_log'));
    SELECT * INTO job FROM migration_jobs j WHERE j.id = p_job FOR UPDATE;
    IF NOT FOUND THEN
        RAISE no_data_found USING MESSAGE = format('Migration job %s does not exist.', p_job);
    END IF;
    IF job.state <> 'running' THEN
        RAISE object_not_in_prerequisite_state USING
            MESSAGE = format('Migration job %s is %s; only a running job moves rows.', p_job, job.state);
    END IF;
    refusal := migration_target_refusal(p_job, job.target_tenant);
    IF refusal IS NOT NULL THEN
        RAISE check_violation USING MESSAGE = refusal, CONSTRAINT = 'migration_jobs_target_active';
    END IF;
    IF coalesce(cardinality(p_ids), 0) = 0 THEN
        moved_rows := 0; moved_bytes := 0; skipped_rows := 0; checkpoint := job.checkpoint;
        RETURN;
    END IF;
    IF job.checkpoint IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(p_ids) i WHERE i <= job.checkpoint) THEN
        RAISE check_violation USING
            MESSAGE = format('Migration job %s: the batch holds ids at or before the checkpoint %s '
                             '(another runner moved them already); select again after the checkpoint.',
                             p_job, job.checkpoint),
            CONSTRAINT = 'migration_jobs_checkpoint';
    END IF;
    SELECT i INTO last_id FROM unnest(p_ids) i ORDER BY i DESC LIMIT 1;

    CREATE TEMP TABLE IF NOT EXISTS migration_batch (id uuid PRIMARY KEY, size_bytes bigint, clash boolean)
        ON COMMIT DELETE ROWS;
    TRUNCATE migration_batch;
    INSERT INTO migration_batch (id, size_bytes, clash)
    SELECT m.id, m.size_bytes,
           job.preserve_ids AND EXISTS (SELECT 1 FROM memories t WHERE t.tenant_id = job.target_tenant AND t.id = m.id)
      FROM memories m
     WHERE m.tenant_id = job.source_tenant AND m.id = ANY (p_ids)
     ORDER BY m.id
       FOR UPDATE OF m;

    IF job.preserve_ids THEN
        UPDATE memories m
           SET tenant_id = job.target_tenant,
               metadata = CASE WHEN job.include_metadata THEN m.metadata ELSE '{}'::jsonb END
          FROM migration_batch b
         WHERE m.tenant_id = job.source_tenant AND m.id = b.id AND NOT b.clash;
    ELSE
        WITH moved AS (
            DELETE FROM memories m USING migration_batch b
             WHERE m.tenant_id = job.source_tenant AND m.id = b.id
            RETURNING m.id, m.content, m.metadata, m.created_at
        ), fresh AS (
            SELECT moved.*, gen_random_uuid() AS new_id FROM moved
        ), copied AS (
            INSERT INTO memories (tenant_id, id, content, metadata, created_at)
            SELECT job.target_tenant, f.new_id, f.content,
                   CASE WHEN job.include_metadata THEN f.metadata ELSE '{}'::jsonb END, f.created_at
              FROM fresh f
            RETURNING 1
        )
        INSERT INTO migration_id_map (job_id, old_id, new_id)
        SELECT p_job, f.id, f.new_id FROM fresh f;
    END IF;

    SELECT count(*) FILTER (WHERE NOT b.clash), coalesce(sum(b.size_bytes) FILTER (WHERE NOT b.clash), 0),
           count(*) FILTER (WHERE b.clash)
      INTO batch_moved, batch_bytes, batch_skipped
      FROM migration_batch b;
    moved_rows := batch_moved;
    moved_bytes := batch_bytes;
    skipped_rows := batch_skipped;
    checkpoint := last_id;
    TRUNCATE migration_batch;

    UPDATE migration_jobs j
       SET moved_rows = j.moved_rows + batch_moved,
           moved_bytes = j.moved_bytes + batch_bytes,
           skipped_rows = j.skipped_rows + batch_skipped,
           batches = j.batches + 1,
           checkpoint = last_id
     WHERE j.id = p_job;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Privileges and row-level security
-- ---------------------------------------------------------------------------------------

REVOKE ALL ON tenancy.migration_jobs, tenancy.migration_id_map FROM PUBLIC;
REVOKE ALL ON FUNCTION tenancy.migration_jobs_before_write(), tenancy.migration_jobs_lock_order(),
    tenancy.migration_lock_batch(bigint), tenancy.migration_apply_batch(bigint, uuid[]),
    tenancy.migration_target_refusal(bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenancy.migration_lock_batch(bigint), tenancy.migration_apply_batch(bigint, uuid[])
    TO tenancy_operator;
GRANT EXECUTE ON FUNCTION tenancy.migration_target_refusal(bigint, uuid) TO tenancy_operator;
-- Operators plan jobs and drive their state; counters and the checkpoint are written by
-- migration_apply_batch only (it runs as the owner).
GRANT SELECT ON tenancy.migration_jobs, tenancy.migration_id_map TO tenancy_operator, tenancy_auditor;
GRANT INSERT (source_tenant, target_tenant, selector, preserve_ids, include_metadata, planned_rows, planned_bytes),
      UPDATE (state, error, planned_rows, planned_bytes)
    ON tenancy.migration_jobs TO tenancy_operator;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['migration_jobs', 'migration_id_map'] LOOP
        EXECUTE format('ALTER TABLE tenancy.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE tenancy.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS owner_all ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY owner_all ON tenancy.%I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format('DROP POLICY IF EXISTS operator_all ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY operator_all ON tenancy.%I TO tenancy_operator USING (true) WITH CHECK (true)', t);
        EXECUTE format('DROP POLICY IF EXISTS auditor_read ON tenancy.%I', t);
        EXECUTE format('CREATE POLICY auditor_read ON tenancy.%I FOR SELECT TO tenancy_auditor USING (true)', t);
    END LOOP;
END
$$;
