-- A time-ordered UUID (version 7) for rows created in SQL; PostgreSQL 15 has no uuidv7().
CREATE OR REPLACE FUNCTION es_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE
AS $$
    SELECT encode(
        set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
        'hex')::uuid;
$$;

-- Enqueues one run for every (enabled, live agent of the tenant, appended event) whose trigger matches: exact event type,
-- optional stream prefix. Loop guard: an event caused by an agent's own run never triggers that agent, and an event whose
-- causation chain is 5 deep triggers nothing. The unique index on (agent_id, source_event_id) makes it at most one run per
-- (agent, event) whatever happens. Each run's agent.run.queued event is appended in the same transaction.
CREATE OR REPLACE FUNCTION es_enqueue_triggered_runs(
    p_tenant_id uuid,
    p_stream_id text,
    p_first_version bigint,
    p_first_position bigint,
    p_event_ids uuid[],
    p_types text[],
    p_data jsonb[],
    p_metadata jsonb[])
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN
        INSERT INTO agent_runs (id, tenant_id, agent_id, agent, effective_scopes, status, input, trigger, source_event_id,
                                causation_depth, max_attempts, max_concurrent_runs, timeout_seconds, available_at, created_at, updated_at)
        SELECT es_uuid_v7(), p_tenant_id, a.id, a.settings, a.granted_scopes, 'queued',
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
        ON CONFLICT (agent_id, source_event_id) WHERE source_event_id IS NOT NULL DO NOTHING
        RETURNING id, agent_id, trigger, causation_depth
    LOOP
        PERFORM es_append(p_tenant_id, 'run:' || r.id::text, 0, ARRAY[gen_random_uuid()], ARRAY['agent.run.queued'],
            ARRAY[jsonb_build_object('runId', r.id, 'agentId', r.agent_id, 'status', 'queued', 'trigger', r.trigger)],
            ARRAY[jsonb_build_object('causation', jsonb_build_object('runId', r.id, 'agentId', r.agent_id, 'depth', r.causation_depth))]);
    END LOOP;
END;
$$;
