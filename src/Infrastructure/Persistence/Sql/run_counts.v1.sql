-- Runs queued per tenant and second (issue #17): the per-minute run quota sums at most 60 rows instead of counting the
-- tenant's runs of the last minute one by one (which cost a heap visit per run: at 300 runs/s, 18,000 of them per start).
-- Exact to the second: a second counts while its start lies within the last minute.
-- Every increment is made while the tenant's log lock is held (after es_append_group in the start's statement, inside the
-- append's transaction for triggered runs), so the row is never contended and its lock always comes after the log's.
CREATE TABLE agent_run_counts (
    tenant_id uuid NOT NULL,
    second timestamptz NOT NULL,
    runs integer NOT NULL,
    PRIMARY KEY (tenant_id, second));

INSERT INTO agent_run_counts (tenant_id, second, runs)
SELECT tenant_id, date_trunc('second', created_at), count(*)
  FROM agent_runs
 WHERE created_at > now() - interval '1 minute'
 GROUP BY 1, 2;

CREATE FUNCTION es_count_runs(p_tenant_id uuid, p_runs integer)
RETURNS void
LANGUAGE sql
AS $$
    INSERT INTO agent_run_counts AS c (tenant_id, second, runs)
    VALUES (p_tenant_id, date_trunc('second', now()), p_runs)
    ON CONFLICT (tenant_id, second) DO UPDATE SET runs = c.runs + excluded.runs;
$$;

CREATE FUNCTION es_recent_runs(p_tenant_id uuid)
RETURNS bigint
LANGUAGE sql
STABLE
AS $$
    SELECT coalesce(sum(runs), 0)::bigint FROM agent_run_counts
     WHERE tenant_id = p_tenant_id AND second > now() - interval '1 minute';
$$;
