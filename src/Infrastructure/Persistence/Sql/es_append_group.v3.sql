-- v3 (issue #22): an erased stream (es_streams.erased_at) can never be written again: its appends answer 'stream-erased',
-- checked before idempotency (an erased event's retry must not read as a conflict, nor replay its erased rows). Same
-- signature as v2, so it replaces it in place. Everything else is v2 unchanged.
-- v2 (issue #21): documents record the version of their collection's schema they were checked against
-- (p_doc_schema_versions, the documents.schema_version column), and the schema registry's system streams (schema:) never
-- wake agents, like the other system streams. Everything else is v1 unchanged.
-- Appends a group of appends of one tenant — each to its own stream, each all-or-nothing — in one statement (issue #17).
-- It replaces es_append for every caller in the API (Infrastructure/Events/AppendStatement builds the only call).
--
-- Guarantees, per append, exactly those of es_append v5 executed one after another in the group's order:
--   * optimistic concurrency: the expected version is checked against the stream's version under the tenant lock;
--   * idempotency: an append whose event ids are all stored in its stream, in this order, with the same types and data
--     returns the stored events and writes nothing; any other reuse of an id is an event-id conflict;
--   * the tenant's storage quota (p_max_stored_bytes) counts the appends accepted before it;
--   * agents' triggers enqueue their runs in this transaction, with the trigger caps of es_enqueue_triggered_runs v2;
--   * no skipped events: positions come from the tenant's es_tenant_logs row, locked first and held until commit, so the
--     tenant's groups commit in position order and the counter (transactional) leaves no holes.
-- Every append's outcome is a result row, never an exception, so one append's conflict costs the others nothing: no
-- savepoints, no resends. Outcomes: appended | replayed (a row per event) | wrong-expected-version (out_version = the
-- stream's current version) | event-id-conflict | stream-erased | storage-quota | runs-per-append | runs-per-minute (out_detail says why).
--
-- Set-based: one statement each reads the streams' versions, probes the group's event ids, sizes the payloads, inserts
-- every accepted event, upserts the streams, writes the documents and bumps the tenant's position once. Only an append
-- that reuses an event id or wakes an agent takes a per-append statement (the replay check; the trigger fan-out, inside a
-- subtransaction so a refused fan-out refuses that append alone).
--
-- Preconditions the caller keeps (GroupCommitAppender splits a group into rounds to keep them): within one call no stream
-- appears twice and no event id appears twice. Stream rows are not locked one by one: every writer of es_streams holds the
-- tenant lock first.
--
-- Documents: an append with p_doc_collections[k] set is a document write; once accepted its projection row is upserted
-- with p_doc_data[k] at the stream's new version (NULL data deletes it), and the appended rows carry the document's
-- created_at and stored text.
CREATE OR REPLACE FUNCTION es_append_group(
    p_tenant_id uuid,
    p_streams text[],
    p_expected bigint[],
    p_counts integer[],
    p_event_appends integer[],
    p_event_ids uuid[],
    p_types text[],
    p_data jsonb[],
    p_metadata jsonb[],
    p_doc_collections text[] DEFAULT NULL,
    p_doc_ids text[] DEFAULT NULL,
    p_doc_data jsonb[] DEFAULT NULL,
    p_max_triggered_runs integer DEFAULT NULL,
    p_max_runs_per_minute integer DEFAULT NULL,
    p_max_stored_bytes bigint DEFAULT NULL,
    p_doc_schema_versions integer[] DEFAULT NULL)
RETURNS TABLE (out_append integer, out_status text, out_event_id uuid, out_version bigint, out_position bigint,
               out_created_at timestamptz, out_detail text, out_document_created_at timestamptz, out_document_data text)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_n integer := cardinality(p_streams);
    v_now timestamptz := now();
    v_first_position bigint;
    v_position bigint;
    v_stored bigint;
    v_current bigint[];
    v_erased boolean[];
    v_bytes bigint[];
    v_reused integer[];
    v_wakes boolean;
    v_status text[] := array_fill(NULL::text, ARRAY[v_n]);
    v_version bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
    v_start integer[] := array_fill(NULL::integer, ARRAY[v_n]);
    v_first bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
    v_detail text[] := array_fill(NULL::text, ARRAY[v_n]);
    v_next integer := 1;
    v_s integer;
    v_e integer;
    v_found integer;
    v_first_stored bigint;
    v_appended boolean := false;
BEGIN
    -- The tenant's serialisation point comes first, so that every transaction takes its locks in the same order.
    SELECT l.last_position, l.stored_bytes INTO v_first_position, v_stored FROM es_tenant_logs l WHERE l.tenant_id = p_tenant_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO es_tenant_logs (tenant_id, last_position) VALUES (p_tenant_id, 0) ON CONFLICT (tenant_id) DO NOTHING;
        SELECT l.last_position, l.stored_bytes INTO v_first_position, v_stored FROM es_tenant_logs l WHERE l.tenant_id = p_tenant_id FOR UPDATE;
    END IF;
    v_position := v_first_position;

    SELECT array_agg(coalesce(s.version, 0) ORDER BY a.k), array_agg(s.erased_at IS NOT NULL ORDER BY a.k) INTO v_current, v_erased
      FROM unnest(p_streams) WITH ORDINALITY AS a(stream, k)
      LEFT JOIN es_streams s ON s.tenant_id = p_tenant_id AND s.stream_id = a.stream;

    SELECT array_agg(coalesce(b.bytes, 0) ORDER BY a.k) INTO v_bytes
      FROM generate_series(1, v_n) AS a(k)
      LEFT JOIN (SELECT r.app, sum(pg_column_size(r.dat) + coalesce(pg_column_size(r.meta), 0)) AS bytes
                   FROM unnest(p_event_appends, p_data, p_metadata) AS r(app, dat, meta)
                  GROUP BY r.app) b ON b.app = a.k;

    SELECT array_agg(DISTINCT r.app) INTO v_reused
      FROM unnest(p_event_appends, p_event_ids) AS r(app, id)
      JOIN es_events e ON e.tenant_id = p_tenant_id AND e.event_id = r.id;

    v_wakes := EXISTS (SELECT 1 FROM agents a WHERE a.tenant_id = p_tenant_id AND a.deleted_at IS NULL AND a.trigger_event_types && p_types);

    FOR k IN 1 .. v_n LOOP
        v_s := v_next;
        v_e := v_next + p_counts[k] - 1;
        v_start[k] := v_s;
        v_next := v_e + 1;

        IF v_erased[k] THEN
            v_status[k] := 'stream-erased';
            CONTINUE;
        END IF;

        -- Idempotency comes before the version check, so a retry of a committed append is not reported as a conflict.
        IF v_reused IS NOT NULL AND k = ANY (v_reused) THEN
            SELECT count(*) INTO v_found FROM es_events e WHERE e.tenant_id = p_tenant_id AND e.event_id = ANY (p_event_ids[v_s:v_e]);
            SELECT e.version INTO v_first_stored
              FROM es_events e
             WHERE e.tenant_id = p_tenant_id AND e.event_id = p_event_ids[v_s] AND e.stream_id = p_streams[k];
            IF v_found = p_counts[k] AND v_first_stored IS NOT NULL AND NOT EXISTS (
                SELECT 1
                  FROM unnest(p_event_ids[v_s:v_e], p_types[v_s:v_e], p_data[v_s:v_e]) WITH ORDINALITY AS r(id, typ, dat, ord)
                  LEFT JOIN es_events e ON e.tenant_id = p_tenant_id AND e.event_id = r.id
                 WHERE e.event_id IS NULL
                    OR e.stream_id <> p_streams[k]
                    OR e.event_type <> r.typ
                    OR e.data <> r.dat
                    OR e.version <> v_first_stored + r.ord - 1)
            THEN
                v_status[k] := 'replayed';
            ELSE
                v_status[k] := 'event-id-conflict';
            END IF;
            CONTINUE;
        END IF;

        IF p_expected[k] IS NOT NULL AND p_expected[k] <> v_current[k] THEN
            v_status[k] := 'wrong-expected-version';
            v_version[k] := v_current[k];
            CONTINUE;
        END IF;

        IF p_max_stored_bytes IS NOT NULL AND v_stored + v_bytes[k] > p_max_stored_bytes THEN
            v_status[k] := 'storage-quota';
            v_detail[k] := format('the tenant stores %s bytes of events, at most %s', v_stored, p_max_stored_bytes);
            CONTINUE;
        END IF;

        v_status[k] := 'appended';
        v_version[k] := v_current[k] + 1;
        v_first[k] := v_position + 1;
        v_position := v_position + p_counts[k];
        v_stored := v_stored + v_bytes[k];
        v_appended := true;

        -- Agents woken by these events get their runs in this transaction. The fan-out appends agent.run.queued events
        -- through es_append, which takes its positions from the log row: the row is brought up to this append first and
        -- read back after. System streams (doc:, run:, webhook:, schema:) never wake agents.
        IF v_wakes AND p_streams[k] NOT LIKE 'doc:%' AND p_streams[k] NOT LIKE 'run:%' AND p_streams[k] NOT LIKE 'webhook:%' AND p_streams[k] NOT LIKE 'schema:%'
           AND EXISTS (SELECT 1 FROM agents a WHERE a.tenant_id = p_tenant_id AND a.deleted_at IS NULL AND a.trigger_event_types && p_types[v_s:v_e]) THEN
            BEGIN
                UPDATE es_tenant_logs SET last_position = v_position, stored_bytes = v_stored WHERE tenant_id = p_tenant_id;
                PERFORM es_enqueue_triggered_runs(p_tenant_id, p_streams[k], v_current[k], v_first[k] - 1, p_event_ids[v_s:v_e],
                    p_types[v_s:v_e], p_data[v_s:v_e], p_metadata[v_s:v_e], p_max_triggered_runs, p_max_runs_per_minute);
                SELECT l.last_position, l.stored_bytes INTO v_position, v_stored FROM es_tenant_logs l WHERE l.tenant_id = p_tenant_id;
            EXCEPTION WHEN SQLSTATE 'EATRC' OR SQLSTATE 'EATRL' THEN
                v_status[k] := CASE SQLSTATE WHEN 'EATRC' THEN 'runs-per-append' ELSE 'runs-per-minute' END;
                v_detail[k] := SQLERRM;
                v_position := v_first[k] - 1;
                v_stored := v_stored - v_bytes[k];
            END;
        END IF;
    END LOOP;

    IF v_appended THEN
        UPDATE es_tenant_logs SET last_position = v_position, stored_bytes = v_stored WHERE tenant_id = p_tenant_id;

        INSERT INTO es_streams AS s (tenant_id, stream_id, version, created_at, updated_at)
        SELECT p_tenant_id, p_streams[k], v_version[k] + p_counts[k] - 1, v_now, v_now
          FROM generate_series(1, v_n) AS k
         WHERE v_status[k] = 'appended'
        ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at;

        INSERT INTO es_events (tenant_id, position, stream_id, version, event_id, event_type, data, metadata, created_at)
        SELECT p_tenant_id, v_first[r.app] + r.ord - v_start[r.app], p_streams[r.app], v_version[r.app] + r.ord - v_start[r.app],
               r.id, r.typ, r.dat, coalesce(r.meta, '{}'::jsonb), v_now
          FROM unnest(p_event_appends, p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS r(app, id, typ, dat, meta, ord)
         WHERE v_status[r.app] = 'appended';

        IF p_doc_collections IS NOT NULL THEN
            INSERT INTO documents AS d (tenant_id, collection, id, version, data, created_at, updated_at, schema_version)
            SELECT p_tenant_id, p_doc_collections[k], p_doc_ids[k], v_version[k], p_doc_data[k], v_now, v_now, p_doc_schema_versions[k]
              FROM generate_series(1, v_n) AS k
             WHERE v_status[k] = 'appended' AND p_doc_collections[k] IS NOT NULL AND p_doc_data[k] IS NOT NULL
            ON CONFLICT (tenant_id, collection, id) DO UPDATE
                SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at, schema_version = excluded.schema_version;

            DELETE FROM documents d
             USING generate_series(1, v_n) AS k
             WHERE v_status[k] = 'appended' AND p_doc_collections[k] IS NOT NULL AND p_doc_data[k] IS NULL
               AND d.tenant_id = p_tenant_id AND d.collection = p_doc_collections[k] AND d.id = p_doc_ids[k];
        END IF;
    END IF;

    RETURN QUERY
        SELECT r.app, 'appended'::text, r.id, v_version[r.app] + r.ord - v_start[r.app], v_first[r.app] + r.ord - v_start[r.app],
               v_now, NULL::text, d.created_at, d.data::text
          FROM unnest(p_event_appends, p_event_ids) WITH ORDINALITY AS r(app, id, ord)
          LEFT JOIN documents d
            ON p_doc_collections IS NOT NULL AND d.tenant_id = p_tenant_id
           AND d.collection = p_doc_collections[r.app] AND d.id = p_doc_ids[r.app]
         WHERE v_status[r.app] = 'appended'
        UNION ALL
        SELECT r.app, 'replayed'::text, e.event_id, e.version, e.position, e.created_at, NULL::text, NULL::timestamptz, NULL::text
          FROM unnest(p_event_appends, p_event_ids) AS r(app, id)
          JOIN es_events e ON e.tenant_id = p_tenant_id AND e.event_id = r.id
         WHERE v_status[r.app] = 'replayed'
        UNION ALL
        SELECT k, v_status[k], NULL::uuid, v_version[k], NULL::bigint, NULL::timestamptz, v_detail[k], NULL::timestamptz, NULL::text
          FROM generate_series(1, v_n) AS k
         WHERE v_status[k] NOT IN ('appended', 'replayed')
        ORDER BY 1, 4;
END;
$$;
