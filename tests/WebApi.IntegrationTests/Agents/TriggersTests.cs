using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Agents;

public sealed class TriggersTests : ApiTest
{
    [Test]
    public async Task A_matching_event_queues_exactly_one_run_whose_input_is_the_event()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("order.placed", "order-");

        await http.AppendOkAsync("order-1", Event("order.placed"));
        await http.AppendOkAsync("other-1", Event("order.placed"));
        await http.AppendOkAsync("order-2", Event("order.cancelled"));
        var runs = await http.RunsOfAsync(agentId, expected: 1);
        var run = await http.WaitForRunAsync(runs[0].GetProperty("id").GetGuid());

        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("trigger").GetProperty("kind").GetString(), Is.EqualTo("event"));
        Assert.That(run.GetProperty("trigger").GetProperty("streamId").GetString(), Is.EqualTo("order-1"));
        Assert.That(run.GetProperty("input").GetProperty("type").GetString(), Is.EqualTo("order.placed"));
        Assert.That(run.GetProperty("input").GetProperty("data").GetProperty("n").GetInt32(), Is.EqualTo(1));
        Assert.That(run.GetProperty("output").GetProperty("streamId").GetString(), Is.EqualTo("order-1"), "echo answers with its input");
    }

    [Test]
    public async Task Concurrent_appends_queue_one_run_per_event_and_replays_or_rejected_appends_queue_none()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("tick", null);
        var eventIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(eventIds.Select((id, i) => http.AppendOkAsync($"ticks-{i % 4}", new { eventId = id, type = "tick", data = new { i } })));
        var replay = await http.PostAsJsonAsync("/api/v1/streams/ticks-0/events", new { events = new[] { new { eventId = eventIds[0], type = "tick", data = new { i = 0 } } } });
        var rejected = await http.PostAsJsonAsync("/api/v1/streams/ticks-0/events", new { expectedVersion = 0, events = new[] { new { type = "tick", data = new { } } } });
        var runs = await http.RunsOfAsync(agentId, expected: 20);

        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an idempotent replay");
        Assert.That(runs, Has.Count.EqualTo(20));
        Assert.That(runs.Select(r => r.GetProperty("trigger").GetProperty("eventId").GetGuid()), Is.EquivalentTo(eventIds));
    }

    [Test]
    public async Task Another_tenants_events_disabled_and_deleted_agents_trigger_nothing()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("ping", null);
        var disabled = (await http.CreateAgentOkAsync(Agent("off", b =>
        {
            b["triggers"] = new[] { new { eventType = "ping" } };
            b["enabled"] = false;
        }))).GetProperty("id").GetGuid();
        var deleted = await http.CreateTriggeredAgentAsync("ping", null, "gone");
        await http.DeleteAsync($"/api/v1/agents/{deleted}");

        await other.AppendOkAsync("s", Event("ping"));
        await Task.Delay(300);
        Assert.That(await http.RunsOfAsync(agentId, expected: 0), Is.Empty);

        await http.AppendOkAsync("s", Event("ping"));
        Assert.That(await http.RunsOfAsync(agentId, expected: 1), Has.Count.EqualTo(1));
        Assert.That(await http.RunsOfAsync(disabled, expected: 0), Is.Empty);
        Assert.That(await http.RunsOfAsync(deleted, expected: 0), Is.Empty);
    }

    [Test]
    public async Task An_agent_is_never_woken_by_its_own_runs_events_but_others_are()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var looping = (await http.CreateAgentOkAsync(Agent("looping", b =>
        {
            b["tools"] = new[] { "events.append" };
            b["triggers"] = new[] { new { eventType = "ping" } };
        }))).GetProperty("id").GetGuid();
        var listener = await http.CreateTriggeredAgentAsync("ping", null, "listener");

        var runId = (await http.StartRunAsync(looping, new
        {
            toolCalls = new[] { new { tool = "events.append", arguments = new { streamId = "pings", type = "ping", data = new { } } } },
        })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var woken = await http.RunsOfAsync(listener, expected: 1);
        Assert.That(woken, Has.Count.EqualTo(1));
        await Task.Delay(300);
        Assert.That((await http.RunsOfAsync(looping, expected: 1)).Select(r => r.GetProperty("id").GetGuid()), Is.EqualTo(new[] { runId }));
    }

    [Test]
    public async Task A_causation_chain_five_deep_triggers_nothing_and_clients_cannot_forge_causation()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("deep", null);

        // Through the API, a client's own "causation" metadata is replaced: the event still triggers.
        await http.AppendOkAsync("forged", Event("deep", metadata: new { causation = new { agentId, depth = 9 } }));
        Assert.That(await http.RunsOfAsync(agentId, expected: 1), Has.Count.EqualTo(1));

        // What runs write carries their depth; es_append refuses to go deeper than 5.
        await using var connection = new Npgsql.NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        foreach (var depth in new[] { 4, 5 })
        {
            await using var append = new Npgsql.NpgsqlCommand(
                "SELECT es_append((SELECT tenant_id FROM agents WHERE id = $1), $2, NULL, ARRAY[gen_random_uuid()], ARRAY['deep'], ARRAY['{}'::jsonb], " +
                "ARRAY[jsonb_build_object('causation', jsonb_build_object('runId', gen_random_uuid(), 'agentId', gen_random_uuid(), 'depth', $3::int))])",
                connection);
            append.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = agentId });
            append.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = $"chain-{depth}" });
            append.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = depth });
            await append.ExecuteNonQueryAsync();
        }

        await http.RunsOfAsync(agentId, expected: 2);
        await Task.Delay(300);
        var runs = await http.RunsOfAsync(agentId, expected: 3);
        Assert.That(runs.Select(r => r.GetProperty("trigger").GetProperty("streamId").GetString()), Is.EquivalentTo(new[] { "forged", "chain-4" }));
    }

    [Test]
    public async Task The_loop_guard_of_the_trigger_reaction_is_the_domains_rule()
    {
        // The reaction runs in SQL inside the append's transaction; walk every depth and causing agent through it and through
        // RunLifecycle.MayTrigger, so the two cannot drift.
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("guarded", null);
        var otherAgent = Guid.NewGuid();
        var cases = new List<(string Stream, bool Expected)>();
        await using var connection = new Npgsql.NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        for (var depth = 0; depth <= Domain.Agents.RunLifecycle.MaxCausationDepth + 1; depth++)
        {
            foreach (var (name, causingAgent) in new (string, Guid?)[] { ("none", null), ("self", agentId), ("other", otherAgent) })
            {
                if (causingAgent is null && depth > 0)
                {
                    continue;
                }

                var stream = $"guard-{depth}-{name}";
                cases.Add((stream, Domain.Agents.RunLifecycle.MayTrigger(depth, causingAgent, agentId)));
                await using var append = new Npgsql.NpgsqlCommand(
                    "SELECT es_append((SELECT tenant_id FROM agents WHERE id = $1), $2, NULL, ARRAY[gen_random_uuid()], ARRAY['guarded'], ARRAY['{}'::jsonb], " +
                    "ARRAY[CASE WHEN $3::uuid IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('causation', " +
                    "jsonb_build_object('runId', gen_random_uuid(), 'agentId', $3::uuid, 'depth', $4::int)) END])",
                    connection);
                append.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = agentId });
                append.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = stream });
                append.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)causingAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                append.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = depth });
                await append.ExecuteNonQueryAsync();
            }
        }

        var expected = cases.Where(c => c.Expected).Select(c => c.Stream).ToList();
        Assert.That(expected, Is.Not.Empty.And.Count.LessThan(cases.Count), "the walk covers both answers");
        var runs = await http.RunsOfAsync(agentId, expected: expected.Count);
        Assert.That(runs.Select(r => r.GetProperty("trigger").GetProperty("streamId").GetString()), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task A_triggered_run_is_queued_with_the_same_agent_snapshot_limits_and_event_as_a_started_run()
    {
        // Queuing is written twice: in C# for POST .../runs and in PL/pgSQL for the trigger reaction inside the append's
        // transaction. Compare what both store, so the two cannot drift apart.
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("twins", b =>
        {
            b["triggers"] = new[] { new { eventType = "twin.made", streamPrefix = (string?)null } };
            b["maxAttempts"] = 2;
            b["timeoutSeconds"] = 77;
            b["maxConcurrentRuns"] = 3;
        }))).GetProperty("id").GetGuid();

        var started = (await http.StartRunAsync(agentId, new { n = 1 })).GetProperty("id").GetGuid();
        await http.AppendOkAsync("twins-1", Event("twin.made"));
        var triggered = (await http.RunsOfAsync(agentId, expected: 2)).Select(r => r.GetProperty("id").GetGuid()).Single(id => id != started);

        var (startedRow, startedEvent) = await QueuedRowAndEventAsync(started);
        var (triggeredRow, triggeredEvent) = await QueuedRowAndEventAsync(triggered);

        Assert.That(triggeredRow, Is.EqualTo(startedRow), "agent snapshot, status, attempts, limits and timeout");
        Assert.That(startedRow, Does.Contain("\"maxAttempts\": 2").And.Contain("|2|3|77"));
        Assert.That(triggeredEvent, Is.EqualTo(startedEvent), "the agent.run.queued event's shape");
    }

    /// <summary>What queuing stored for a run, without what differs by design (ids, input, trigger, scopes, times).</summary>
    private static async Task<(string Row, string Event)> QueuedRowAndEventAsync(Guid runId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT r.agent::text || '|' || r.max_attempts || '|' || r.max_concurrent_runs || '|' || r.timeout_seconds, " +
            "e.event_type || '|' || (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(e.data) k) || '|' || " +
            "(e.data ->> 'status') || '|' || (e.data ->> 'agentId') || '|' || jsonb_typeof(e.data -> 'trigger') || '|' || " +
            "(SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(e.metadata -> 'causation') k) " +
            "FROM agent_runs r JOIN es_events e ON e.tenant_id = r.tenant_id AND e.stream_id = 'run:' || r.id::text AND e.version = 1 " +
            "WHERE r.id = $1",
            connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = runId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, $"run {runId} and its agent.run.queued are stored");
        return (reader.GetString(0), reader.GetString(1));
    }

    [Test]
    public async Task Triggering_appends_racing_the_workers_claims_never_deadlock()
    {
        // A claim locks the agent row and then appends to run:{id}; a triggering append holds the tenant's log lock and
        // inserts runs of that agent. With FOR UPDATE on the agent row these two deadlocked (found by the fuzz suite).
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = await http.CreateTriggeredAgentAsync("tick", null);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 15; i++)
            {
                answers.Add((await http.AppendAsync($"ticks-{writer}", new { events = new[] { Event("tick", new { writer, i }) } })).StatusCode);
            }

            return answers;
        }));
        var runs = await http.RunsOfAsync(agentId, expected: 120);
        var finished = new List<JsonElement>();
        foreach (var run in runs)
        {
            finished.Add(await http.WaitForRunAsync(run.GetProperty("id").GetGuid(), seconds: 60));
        }


        Assert.That(statuses.SelectMany(s => s), Is.All.EqualTo(HttpStatusCode.Created), "no append failed (a deadlock is a 503)");
        Assert.That(runs, Has.Count.EqualTo(120));
        Assert.That(finished.Select(run => run.GetProperty("status").GetString()), Is.All.EqualTo("succeeded"));
    }
}
