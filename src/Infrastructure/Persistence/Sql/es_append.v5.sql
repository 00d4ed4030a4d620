-- Appends a batch of events to one stream of one tenant, atomically, in one statement.
--
-- Guarantees (see README "Event store"):
--   * optimistic concurrency: the stream row is locked, then the expected version is checked under the lock;
--   * idempotency: a batch whose event ids are all stored in this stream, in this order, with the same types and data
--     returns the stored result and writes nothing; any other reuse of an id raises EAIDC;
--   * no skipped events: positions come from the tenant's es_tenant_logs row, whose row lock is held until commit,
--     so a tenant's appends commit in position order and the counter (being transactional) leaves no holes.
-- Lock order is always tenant log row, then stream rows: no deadlock between appends, including group-committed batches
-- that call this function several times in one transaction.
-- Errors: EAWEV wrong expected version (the message ends with the current version), EAIDC event id conflict, EASTQ storage quota.
-- v5: per-tenant storage quota: es_tenant_logs.stored_bytes counts the stored size of the tenant's events; an append that would
-- pass p_max_stored_bytes is refused whole.
-- v4: system streams (doc:, run:, webhook:) never evaluate triggers — the service's own lifecycle events cannot wake agents,
-- so runs cannot multiply through agent.run.queued — and the caller passes the trigger caps (es_enqueue_triggered_runs v2).
-- v3: agents' triggers. Matching events enqueue one run per (agent, event) in this same transaction (es_enqueue_triggered_runs).
-- v2: no pg_notify here. A NOTIFY makes every notifying transaction in the database commit one after another (PostgreSQL
-- takes a database-wide lock from pre-commit to the end of the commit, WAL flush included), which capped appends at one
-- flush each; the API now announces committed appends itself, after the commit (EventAnnouncer).
DROP FUNCTION IF EXISTS es_append(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[], integer, integer);

CREATE FUNCTION es_append(
    p_tenant_id uuid,
    p_stream_id text,
    p_expected_version bigint,
    p_event_ids uuid[],
    p_types text[],
    p_data jsonb[],
    p_metadata jsonb[],
    p_max_triggered_runs integer DEFAULT NULL,
    p_max_runs_per_minute integer DEFAULT NULL,
    p_max_stored_bytes bigint DEFAULT NULL)
RETURNS TABLE (out_event_id uuid, out_version bigint, out_position bigint, out_created_at timestamptz, out_replayed boolean)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_count integer := cardinality(p_event_ids);
    v_current bigint;
    v_found integer;
    v_first_stored bigint;
    v_last_position bigint;
    v_stored bigint;
    v_bytes bigint;
    v_now timestamptz := now();
BEGIN
    -- The tenant's serialisation point comes first, so that every transaction takes its locks in the same order.
    SELECT l.last_position, l.stored_bytes INTO v_last_position, v_stored FROM es_tenant_logs l WHERE l.tenant_id = p_tenant_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO es_tenant_logs (tenant_id, last_position) VALUES (p_tenant_id, 0) ON CONFLICT (tenant_id) DO NOTHING;
        SELECT l.last_position, l.stored_bytes INTO v_last_position, v_stored FROM es_tenant_logs l WHERE l.tenant_id = p_tenant_id FOR UPDATE;
    END IF;

    SELECT s.version INTO v_current
      FROM es_streams s
     WHERE s.tenant_id = p_tenant_id AND s.stream_id = p_stream_id
       FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO es_streams (tenant_id, stream_id, version, created_at, updated_at)
        VALUES (p_tenant_id, p_stream_id, 0, v_now, v_now)
        ON CONFLICT (tenant_id, stream_id) DO NOTHING;
        SELECT s.version INTO v_current
          FROM es_streams s
         WHERE s.tenant_id = p_tenant_id AND s.stream_id = p_stream_id
           FOR UPDATE;
    END IF;

    -- Idempotency comes before the version check, so a retry of a committed append is not reported as a conflict.
    SELECT count(*) INTO v_found FROM es_events e WHERE e.event_id = ANY (p_event_ids) AND e.tenant_id = p_tenant_id;
    IF v_found > 0 THEN
        SELECT e.version INTO v_first_stored
          FROM es_events e
         WHERE e.tenant_id = p_tenant_id AND e.event_id = p_event_ids[1] AND e.stream_id = p_stream_id;
        IF v_found = v_count AND v_first_stored IS NOT NULL AND NOT EXISTS (
            SELECT 1
              FROM unnest(p_event_ids, p_types, p_data) WITH ORDINALITY AS r(id, typ, dat, ord)
              LEFT JOIN es_events e ON e.tenant_id = p_tenant_id AND e.event_id = r.id
             WHERE e.event_id IS NULL
                OR e.stream_id <> p_stream_id
                OR e.event_type <> r.typ
                OR e.data <> r.dat
                OR e.version <> v_first_stored + r.ord - 1)
        THEN
            RETURN QUERY
                SELECT e.event_id, e.version, e.position, e.created_at, true
                  FROM es_events e
                 WHERE e.tenant_id = p_tenant_id AND e.event_id = ANY (p_event_ids)
                 ORDER BY e.version;
            RETURN;
        END IF;
        RAISE EXCEPTION 'event id conflict' USING ERRCODE = 'EAIDC';
    END IF;

    IF p_expected_version IS NOT NULL AND p_expected_version <> v_current THEN
        RAISE EXCEPTION 'wrong expected version, current version %', v_current USING ERRCODE = 'EAWEV';
    END IF;

    -- The tenant's storage quota counts the events' stored (possibly compressed) size; a replay above stores nothing new.
    SELECT coalesce(sum(pg_column_size(r.dat) + coalesce(pg_column_size(r.meta), 0)), 0) INTO v_bytes
      FROM unnest(p_data, p_metadata) AS r(dat, meta);
    IF p_max_stored_bytes IS NOT NULL AND v_stored + v_bytes > p_max_stored_bytes THEN
        RAISE EXCEPTION 'the tenant stores % bytes of events, at most %', v_stored, p_max_stored_bytes USING ERRCODE = 'EASTQ';
    END IF;

    UPDATE es_streams
       SET version = v_current + v_count, updated_at = v_now
     WHERE tenant_id = p_tenant_id AND stream_id = p_stream_id;

    v_last_position := v_last_position + v_count;
    UPDATE es_tenant_logs SET last_position = v_last_position, stored_bytes = stored_bytes + v_bytes WHERE tenant_id = p_tenant_id;

    INSERT INTO es_events (tenant_id, position, stream_id, version, event_id, event_type, data, metadata, created_at)
    SELECT p_tenant_id, v_last_position - v_count + r.ord, p_stream_id, v_current + r.ord, r.id, r.typ, r.dat,
           coalesce(r.meta, '{}'::jsonb), v_now
      FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS r(id, typ, dat, meta, ord);

    -- Agents woken by these events get their runs in this transaction: no trigger is lost if the process dies right after.
    IF p_stream_id NOT LIKE 'doc:%' AND p_stream_id NOT LIKE 'run:%' AND p_stream_id NOT LIKE 'webhook:%'
       AND EXISTS (SELECT 1 FROM agents a WHERE a.tenant_id = p_tenant_id AND a.deleted_at IS NULL AND a.trigger_event_types && p_types) THEN
        PERFORM es_enqueue_triggered_runs(p_tenant_id, p_stream_id, v_current, v_last_position - v_count, p_event_ids, p_types, p_data, p_metadata,
            p_max_triggered_runs, p_max_runs_per_minute);
    END IF;

    RETURN QUERY
        SELECT r.id, v_current + r.ord, v_last_position - v_count + r.ord, v_now, false
          FROM unnest(p_event_ids) WITH ORDINALITY AS r(id, ord);
END;
$$;
