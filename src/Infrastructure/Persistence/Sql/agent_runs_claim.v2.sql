-- v2 (issue #20): as v1, and a run that paused hands back what it needs to go on (its conversation and answered calls).
DROP FUNCTION agent_runs_claim(text, double precision, integer);

-- Claims up to p_limit queued runs for one instance in one statement (issue #17): the runs, each agent's room under its
-- maxConcurrentRuns, the promotion to running under a fresh lease, and every run's agent.run.started event in run:{id},
-- all in the statement's own transaction, so the tenant's log lock is held only while the events are written and the
-- commit is flushed — never across a round trip to the client. The status change stored (queued → running) is the claim of
-- the run state machine (Domain/Agents/RunLifecycle); the rest is queue mechanics.
--
-- Lock order, as everywhere: run rows, then agent rows, then tenants' log rows (in tenant order), then stream rows.
CREATE FUNCTION agent_runs_claim(p_owner text, p_lease_seconds double precision, p_limit integer)
RETURNS TABLE (out_id uuid, out_tenant_id uuid, out_agent_id uuid, out_agent text, out_scopes text[], out_input text,
               out_attempt integer, out_failed_attempts integer, out_max_attempts integer, out_lease_token uuid,
               out_seconds_left double precision, out_causation_depth integer, out_step_count integer,
               out_conversation text, out_required_action text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    v_candidates uuid[];
    v_admitted uuid[];
    v_tenant uuid;
    v_refused integer;
BEGIN
    -- Due runs, oldest first, that no other claimer holds.
    SELECT array_agg(c.id) INTO v_candidates FROM (
        SELECT r.id FROM agent_runs r
         WHERE r.status = 'queued' AND r.available_at <= now()
         ORDER BY r.available_at, r.id
         LIMIT p_limit
           FOR UPDATE OF r SKIP LOCKED) c;
    IF v_candidates IS NULL THEN
        RETURN;
    END IF;

    -- Their agents, in id order: claimers of one agent queue up here, and each then counts the runs the one before it claimed.
    PERFORM 1 FROM agents a WHERE a.id IN (SELECT r.agent_id FROM agent_runs r WHERE r.id = ANY (v_candidates)) ORDER BY a.id FOR NO KEY UPDATE;

    -- A statement of its own (a fresh snapshot, after the agent locks): each agent admits as many as it has room for.
    SELECT array_agg(c.id) INTO v_admitted FROM (
        SELECT r.id,
               row_number() OVER (PARTITION BY r.agent_id ORDER BY r.available_at, r.id) AS n,
               r.max_concurrent_runs - (SELECT count(*) FROM agent_runs x WHERE x.agent_id = r.agent_id AND x.status IN ('running', 'cancelling')) AS room
          FROM agent_runs r
         WHERE r.id = ANY (v_candidates)) c
     WHERE c.n <= c.room;
    IF v_admitted IS NULL THEN
        RETURN;
    END IF;

    -- started_at is the clock at promotion, not now() (the transaction's start): a run's [started_at, finished_at] never
    -- overlaps a run it had to wait for.
    UPDATE agent_runs r
       SET status = 'running', attempt = r.attempt + 1, lease_owner = p_owner, lease_token = gen_random_uuid(),
           lease_expires_at = now() + make_interval(secs => p_lease_seconds), started_at = coalesce(r.started_at, clock_timestamp()),
           deadline_at = now() + make_interval(secs => r.timeout_seconds), updated_at = now()
     WHERE r.id = ANY (v_admitted);

    FOR v_tenant IN SELECT DISTINCT r.tenant_id FROM agent_runs r WHERE r.id = ANY (v_admitted) ORDER BY 1 LOOP
        SELECT count(*) INTO v_refused
          FROM (SELECT array_agg(r.id ORDER BY r.id) AS ids, array_agg(r.agent_id ORDER BY r.id) AS agents,
                       array_agg(r.attempt ORDER BY r.id) AS attempts, array_agg(r.causation_depth ORDER BY r.id) AS depths, count(*)::integer AS n
                  FROM agent_runs r WHERE r.id = ANY (v_admitted) AND r.tenant_id = v_tenant) s
         CROSS JOIN LATERAL es_append_group(
               v_tenant,
               (SELECT array_agg('run:' || i::text ORDER BY o) FROM unnest(s.ids) WITH ORDINALITY AS u(i, o)),
               array_fill(NULL::bigint, ARRAY[s.n]),
               array_fill(1, ARRAY[s.n]),
               (SELECT array_agg(g ORDER BY g) FROM generate_series(1, s.n) g),
               (SELECT array_agg(es_uuid_v7()) FROM generate_series(1, s.n)),
               array_fill('agent.run.started'::text, ARRAY[s.n]),
               (SELECT array_agg(jsonb_build_object('runId', i, 'agentId', s.agents[o], 'status', 'running', 'attempt', s.attempts[o]) ORDER BY o)
                  FROM unnest(s.ids) WITH ORDINALITY AS u(i, o)),
               (SELECT array_agg(jsonb_build_object('causation', jsonb_build_object('runId', i, 'agentId', s.agents[o], 'depth', s.depths[o])) ORDER BY o)
                  FROM unnest(s.ids) WITH ORDINALITY AS u(i, o))) g
         WHERE g.out_status <> 'appended';
        IF v_refused > 0 THEN
            RAISE EXCEPTION 'agent.run.started was refused for % runs of tenant %', v_refused, v_tenant;
        END IF;
    END LOOP;

    RETURN QUERY
        SELECT r.id, r.tenant_id, r.agent_id, r.agent::text, r.effective_scopes, r.input::text, r.attempt, r.failed_attempts,
               r.max_attempts, r.lease_token, extract(epoch FROM r.deadline_at - now())::double precision, r.causation_depth, r.step_count,
               r.conversation, r.required_action::text
          FROM agent_runs r
         WHERE r.id = ANY (v_admitted)
         ORDER BY r.available_at, r.id;
END;
$$;
