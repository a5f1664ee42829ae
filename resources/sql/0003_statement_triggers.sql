-- 0003_statement_triggers: the audit trail is written once per statement instead of once per
-- row, and quota changes notify once per tenant and statement.
--
-- The row trigger of 0001 cost about 70 µs a row (a SECURITY DEFINER call with its own
-- search_path, the chain lock, a read of the last link, one INSERT), which made a tier applied
-- to a 10,000-tenant subtree (100,000 rows) spend most of its time auditing. Now each statement
-- takes the lock and reads the last link once, hashes its rows in a loop, and inserts them
-- with one INSERT. The chain, the row format and audit_verify() are unchanged: one audit row
-- per changed table row, hash = sha256(prev_hash || canonical row).

CREATE OR REPLACE FUNCTION tenancy.audit_statement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
DECLARE
    action text := TG_TABLE_NAME || '.' || lower(TG_OP);
    -- The row's key: tenants by id, quotas by (tenant_id, resource), lifecycle events by
    -- (tenant_id, id). Keys never change (the tables' triggers keep them), so an update pairs
    -- its old and new rows by key. Rows are audited in key order.
    key1 text := CASE WHEN TG_TABLE_NAME = 'tenants' THEN 'id' ELSE 'tenant_id' END;
    key2 text := CASE TG_TABLE_NAME WHEN 'quotas' THEN 'resource' WHEN 'lifecycle_events' THEN 'id' END;
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
    IF TG_TABLE_SCHEMA <> 'tenancy' OR TG_TABLE_NAME NOT IN ('tenants', 'quotas', 'lifecycle_events') THEN
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

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'quotas', 'lifecycle_events'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS audit_row_change ON tenancy.%I', t);
        EXECUTE format('DROP TRIGGER IF EXISTS audit_insert ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON tenancy.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS audit_update ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON tenancy.%I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS audit_delete ON tenancy.%I', t);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON tenancy.%I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_statement()', t);
    END LOOP;
END
$$;
DROP FUNCTION IF EXISTS tenancy.audit_row_change();

REVOKE ALL ON FUNCTION tenancy.audit_statement() FROM PUBLIC;

-- A statement that writes the quotas of many tenants (a tier applied to a subtree: nine rows
-- per tenant) sends one notification per tenant, not per row: every console re-reads a
-- tenant's quotas as a whole anyway.
CREATE OR REPLACE FUNCTION tenancy.notify_quota_statement() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, tenancy, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tenancy_changes',
                          jsonb_build_object('table', 'quotas', 'op', TG_OP, 'tenant', c.tenant_id)::text)
           FROM (SELECT DISTINCT o.tenant_id FROM old_rows o) c;
    ELSE
        PERFORM pg_notify('tenancy_changes',
                          jsonb_build_object('table', 'quotas', 'op', TG_OP, 'tenant', c.tenant_id)::text)
           FROM (SELECT DISTINCT n.tenant_id FROM new_rows n) c;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS notify_change ON tenancy.quotas;
DROP TRIGGER IF EXISTS notify_insert ON tenancy.quotas;
CREATE TRIGGER notify_insert AFTER INSERT ON tenancy.quotas REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.notify_quota_statement();
DROP TRIGGER IF EXISTS notify_update ON tenancy.quotas;
CREATE TRIGGER notify_update AFTER UPDATE ON tenancy.quotas REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.notify_quota_statement();
DROP TRIGGER IF EXISTS notify_delete ON tenancy.quotas;
CREATE TRIGGER notify_delete AFTER DELETE ON tenancy.quotas REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.notify_quota_statement();
REVOKE ALL ON FUNCTION tenancy.notify_quota_statement() FROM PUBLIC;
