-- v3 of the trigger reaction (issue #17): as v2, but the per-minute cap reads the tenant's per-second run counts
-- (run_counts.v1.sql) and adds the runs it queues to them, like a run started through the API.
CREATE OR REPLACE FUNCTION es_enqueue_triggered_runs(
    p_tenant_id uuid,
    p_stream_id text,
    p_first_version bigint,
    p_first_position bigint,
    p_event_ids uuid[],
    p_types text[],
    p_data jsonb[],
    p_metadata jsonb[],
    p_max_runs integer,
    p_max_per_minute integer)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    v_ids uuid[];
    v_agents uuid[];
    v_triggers jsonb[];
    v_depths integer[];
    v_count integer;
    v_recent integer;
BEGIN
    IF p_max_per_minute IS NOT NULL THEN
        v_recent := es_recent_runs(p_tenant_id);
    END IF;

    WITH queued AS (
        INSERT INTO agent_runs (id, tenant_id, agent_id, agent, effective_scopes, status, input, trigger, source_event_id,
                                causation_depth, max_attempts, max_concurrent_runs, timeout_seconds, available_at, created_at, updated_at)
        SELECT es_uuid_v7(), p_tenant_id, a.id, a.settings, a.trigger_scopes, 'queued',
               jsonb_build_object('eventId', e.id, 'type', e.typ, 'streamId', p_stream_id, 'version', p_first_version + e.ord,
                                  'position', p_first_position + e.ord, 'data', e.dat, 'metadata', coalesce(e.meta, '{}'::jsonb)),
               jsonb_build_object('kind', 'event', 'eventId', e.id, 'eventType', e.typ, 'streamId', p_stream_id,
                                  'position', p_first_position + e.ord),
               e.id,
               coalesce((e.meta -> 'causation' ->> 'depth')::integer, 0) + 1,
               (a.settings ->> 'maxAttempts')::integer, (a.settings ->> 'maxConcurrentRuns')::integer,
               (a.settings ->> 'timeoutSeconds')::integer, now(), now(), now()
          FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(id, typ, dat, meta, ord)
          JOIN agents a ON a.tenant_id = p_tenant_id AND a.deleted_at IS NULL AND e.typ = ANY (a.trigger_event_types)
         WHERE (a.settings ->> 'enabled')::boolean
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.settings -> 'triggers') t
                        WHERE t ->> 'eventType' = e.typ
                          AND (t ->> 'streamPrefix' IS NULL OR starts_with(p_stream_id, t ->> 'streamPrefix')))
           AND coalesce((e.meta -> 'causation' ->> 'depth')::integer, 0) < 5
           AND coalesce(e.meta -> 'causation' ->> 'agentId', '') <> a.id::text
           AND NOT EXISTS (SELECT 1 FROM api_clients c WHERE c.client_id = a.written_by AND c.revoked_at IS NOT NULL)
        ON CONFLICT (agent_id, source_event_id) WHERE source_event_id IS NOT NULL DO NOTHING
        RETURNING id, agent_id, trigger, causation_depth)
    SELECT array_agg(q.id), array_agg(q.agent_id), array_agg(q.trigger), array_agg(q.causation_depth)
      INTO v_ids, v_agents, v_triggers, v_depths
      FROM queued q;

    v_count := coalesce(cardinality(v_ids), 0);
    IF v_count = 0 THEN
        RETURN;
    END IF;

    IF p_max_runs IS NOT NULL AND v_count > p_max_runs THEN
        RAISE EXCEPTION 'the append would queue % agent runs, at most %', v_count, p_max_runs USING ERRCODE = 'EATRC';
    END IF;

    IF p_max_per_minute IS NOT NULL AND v_recent + v_count > p_max_per_minute THEN
        RAISE EXCEPTION 'the tenant has queued % agent runs in the last minute, at most %', v_recent, p_max_per_minute USING ERRCODE = 'EATRL';
    END IF;

    PERFORM es_count_runs(p_tenant_id, v_count);

    -- Each run's agent.run.queued goes to its own run:{id} stream; system streams never wake agents (es_append v4).
    FOR i IN 1 .. v_count LOOP
        PERFORM es_append(p_tenant_id, 'run:' || v_ids[i]::text, 0, ARRAY[gen_random_uuid()], ARRAY['agent.run.queued'],
            ARRAY[jsonb_build_object('runId', v_ids[i], 'agentId', v_agents[i], 'status', 'queued', 'trigger', v_triggers[i])],
            ARRAY[jsonb_build_object('causation', jsonb_build_object('runId', v_ids[i], 'agentId', v_agents[i], 'depth', v_depths[i]))]);
    END LOOP;
END;
$$;
