using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.Infrastructure.Agents.Runs;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;

namespace EventAgents.WebApi.IntegrationTests.Agents;

public sealed class RunsTests : ApiTest
{
    [Test]
    public async Task An_echo_run_goes_from_queued_to_succeeded_with_its_steps_usage_and_events()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();

        var response = await http.PostAsJsonAsync($"/api/v1/agents/{agentId}/runs", new { input = new { hello = "world" } });
        var queued = await response.ReadJsonAsync();
        var runId = queued.GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/v1/runs/{runId}"));
            Assert.That(queued.GetProperty("status").GetString(), Is.EqualTo("queued"));
            Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
            Assert.That(run.GetProperty("output").GetProperty("hello").GetString(), Is.EqualTo("world"));
            Assert.That(run.GetProperty("attempt").GetInt32(), Is.EqualTo(1));
            Assert.That(run.GetProperty("failedAttempts").GetInt32(), Is.Zero);
            Assert.That(run.GetProperty("usage").GetProperty("inputTokens").GetInt64(), Is.Positive);
            Assert.That(run.GetProperty("usage").GetProperty("outputTokens").GetInt64(), Is.Positive);
            Assert.That(run.GetProperty("trigger").GetProperty("kind").GetString(), Is.EqualTo("api"));
            Assert.That(run.GetProperty("finishedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(run.GetProperty("startedAt").GetDateTimeOffset()));
        });

        var steps = (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items");
        Assert.That(steps.GetArrayLength(), Is.EqualTo(1));
        Assert.That(steps[0].GetProperty("kind").GetString(), Is.EqualTo("model_call"));
        Assert.That(steps[0].GetProperty("messagesSent").GetInt32(), Is.EqualTo(1));

        var events = await http.RunEventsAsync(runId);
        Assert.That(events.Select(e => e.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "agent.run.queued", "agent.run.started", "agent.run.step", "agent.run.succeeded" }));
        Assert.That(events[3].GetProperty("position").GetInt64(), Is.EqualTo(events[2].GetProperty("position").GetInt64() + 1));
        Assert.That(events[3].GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(events[2].GetProperty("createdAt").GetDateTimeOffset()),
            "the final answer's step is committed with the end of the attempt: no reader sees one without the other");
    }

    [Test]
    public async Task Echo_tool_calls_run_as_the_tenant_and_are_recorded_as_steps_with_causation()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["tools"] = new[] { "documents.write", "documents.read" })))
            .GetProperty("id").GetGuid();
        var input = new
        {
            toolCalls = new object[]
            {
                new { tool = "documents.write", arguments = new { collection = "notes", id = "n-1", data = new { text = "from an agent" } } },
                new { tool = "documents.read", arguments = new { collection = "notes", id = "n-1" } },
                new { tool = "events.append", arguments = new { streamId = "s", type = "x.y", data = new { } } },
            },
        };

        var runId = (await http.StartRunAsync(agentId, input)).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var results = run.GetProperty("output").GetProperty("results");
        Assert.That(results[1].GetProperty("data").GetProperty("text").GetString(), Is.EqualTo("from an agent"));
        Assert.That(results[2].GetProperty("error").GetString(), Is.EqualTo("tool-not-available"),
            "events.append is not one of the agent's tools: never offered, never run, and the model is told so neutrally");
        var steps = (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("kind").GetString()), Is.EqualTo(new[] { "model_call", "tool_call", "tool_call", "tool_call", "model_call" }));
        Assert.That(steps[0].GetProperty("toolCalls").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "documents.write", "documents.read", "events.append" }), "tool calls by API name");
        Assert.That(steps[0].GetProperty("toolCalls")[0].GetProperty("id").GetString(), Is.EqualTo("call_1"));
        Assert.That(steps[1].GetProperty("tool").GetString(), Is.EqualTo("documents.write"));
        Assert.That(steps[1].GetProperty("toolCallId").GetString(), Is.EqualTo("call_1"));
        Assert.That(steps[1].GetProperty("arguments").GetProperty("collection").GetString(), Is.EqualTo("notes"));
        Assert.That(steps[1].GetProperty("result").GetRawText(), Does.Contain("from an agent"));
        var refused = steps[3];
        Assert.That(refused.GetProperty("tool").GetString(), Is.EqualTo("events.append"));
        Assert.That(refused.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(refused.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("tool-not-granted"));
        Assert.That(refused.GetProperty("arguments").GetProperty("streamId").GetString(), Is.EqualTo("s"));
        Assert.That((await http.GetAsync("/api/v1/streams/s")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the refused append wrote nothing");

        var history = await (await http.GetAsync("/api/v1/collections/notes/documents/n-1/history")).ReadJsonAsync();
        var causation = history.GetProperty("items")[0].GetProperty("metadata").GetProperty("causation");
        Assert.That(causation.GetProperty("runId").GetGuid(), Is.EqualTo(runId));
        Assert.That(causation.GetProperty("agentId").GetGuid(), Is.EqualTo(agentId));
    }

    [Test]
    public async Task A_call_to_an_unknown_tool_by_an_agent_without_tools_is_recorded_refused_and_the_run_goes_on()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["tools"] = Array.Empty<string>()))).GetProperty("id").GetGuid();
        var input = new { toolCalls = new object[] { new { tool = "shell_exec", arguments = new { command = "rm -rf /" } } } };

        var run = await http.WaitForRunAsync((await http.StartRunAsync(agentId, input)).GetProperty("id").GetGuid());

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var steps = (await (await http.GetAsync($"/api/v1/runs/{run.GetProperty("id").GetGuid()}/steps")).ReadJsonAsync()).GetProperty("items");
        Assert.That(steps.EnumerateArray().Select(s => s.GetProperty("kind").GetString()), Is.EqualTo(new[] { "model_call", "tool_call", "model_call" }));
        Assert.That(steps[1].GetProperty("tool").GetString(), Is.EqualTo("shell_exec"));
        Assert.That(steps[1].GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("unknown-tool"));
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("error").GetString(), Is.EqualTo("tool-not-available"),
            "the model hears a neutral refusal, not which tools exist");
    }

    [Test]
    public async Task The_same_idempotency_key_returns_the_same_run_and_a_different_body_is_a_422()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var otherAgent = (await other.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();

        var first = await http.StartRunAsync(agentId, new { n = 1 }, "key-1");
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agentId}/runs") { Content = JsonContent.Create(new { input = new { n = 1 } }) };
        again.Headers.Add("Idempotency-Key", "key-1");
        var replay = await http.SendAsync(again);
        var replayed = await replay.ReadJsonAsync();
        var different = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agentId}/runs") { Content = JsonContent.Create(new { input = new { n = 2 } }) };
        different.Headers.Add("Idempotency-Key", "key-1");
        var elsewhere = await other.StartRunAsync(otherAgent, new { n = 1 }, "key-1");

        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(replayed.GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
        await (await http.SendAsync(different)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(elsewhere.GetProperty("id").GetGuid(), Is.Not.EqualTo(first.GetProperty("id").GetGuid()));
        var runs = await (await http.GetAsync($"/api/v1/runs?agentId={agentId}")).ReadJsonAsync();
        Assert.That(runs.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_requests_with_one_idempotency_key_create_one_run()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agentId}/runs") { Content = JsonContent.Create(new { input = "same" }) };
            request.Headers.Add("Idempotency-Key", "parallel");
            return http.SendAsync(request);
        }));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.Accepted, HttpStatusCode.Conflict));
        var ids = new HashSet<Guid>();
        foreach (var accepted in responses.Where(r => r.StatusCode == HttpStatusCode.Accepted))
        {
            ids.Add((await accepted.ReadJsonAsync()).GetProperty("id").GetGuid());
        }

        Assert.That(ids, Has.Count.EqualTo(1));
        var runs = await (await http.GetAsync($"/api/v1/runs?agentId={agentId}")).ReadJsonAsync();
        Assert.That(runs.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancel_stops_a_queued_run_at_once_and_a_running_one_promptly_and_is_idempotent()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["maxConcurrentRuns"] = 1))).GetProperty("id").GetGuid();
        var running = (await http.StartRunAsync(agentId, new { delayMs = 20_000 })).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(running, r => r.GetProperty("status").GetString() == "running");
        var queued = (await http.StartRunAsync(agentId, new { n = 2 })).GetProperty("id").GetGuid();

        var cancelQueued = await http.PostAsync($"/api/v1/runs/{queued}/cancel", null);
        var cancelledAtOnce = await cancelQueued.ReadJsonAsync();
        var again = await http.PostAsync($"/api/v1/runs/{queued}/cancel", null);
        var cancelRunning = await http.PostAsync($"/api/v1/runs/{running}/cancel", null);
        var stopped = await http.WaitForRunAsync(running, seconds: 5);

        Assert.Multiple(() =>
        {
            Assert.That(cancelQueued.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(cancelledAtOnce.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(cancelRunning.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("cancelled"), stopped.ToString());
        });
        Assert.That((await http.RunEventsAsync(running)).Count(e => e.GetProperty("type").GetString() == "agent.run.cancelled"), Is.EqualTo(1));
        Assert.That((await http.RunEventsAsync(queued)).Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[] { "agent.run.queued", "agent.run.cancelled" }));
    }

    [Test]
    public async Task An_attempt_that_ends_after_a_cancel_it_has_not_heard_of_ends_the_run_cancelled()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, new { delayMs = 20_000 })).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, r => r.GetProperty("status").GetString() == "running");

        // This test becomes the attempt's holder (the API's worker loses the lease and writes nothing more), and the run is
        // then asked to stop behind its back: the attempt ends believing the run is running.
        var token = Guid.NewGuid();
        Guid tenantId;
        int attempt;
        await using (var connection = new NpgsqlConnection(ApiFactory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var take = new NpgsqlCommand(
                "UPDATE agent_runs SET lease_token = $2, lease_expires_at = now() + interval '1 minute' WHERE id = $1 RETURNING tenant_id, attempt", connection);
            take.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
            take.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = token });
            await using (var reader = await take.ExecuteReaderAsync())
            {
                Assert.That(await reader.ReadAsync(), Is.True);
                (tenantId, attempt) = (reader.GetGuid(0), reader.GetInt32(1));
            }

            await using var cancel = new NpgsqlCommand("UPDATE agent_runs SET status = 'cancelling' WHERE id = $1", connection);
            cancel.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
            await cancel.ExecuteNonQueryAsync();
        }

        var lease = new RunLease(runId, tenantId, agentId, attempt, token, 0, "running", 0);
        var stored = await TestEnvironment.Api.Services.GetRequiredService<RunQueue>()
            .EndAttemptAsync(lease, AttemptEnd.Succeeded("{\"done\":true}"), onlyIfExpired: false, CancellationToken.None);

        var run = await http.GetRunAsync(runId);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo("cancelled"), "the decision was taken again on the status the write found");
            Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("cancelled"), run.ToString());
            Assert.That(run.GetProperty("output").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        var types = (await http.RunEventsAsync(runId)).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types[^1], Is.EqualTo("agent.run.cancelled"));
        Assert.That(types, Does.Not.Contain("agent.run.succeeded"));
    }

    [Test]
    public async Task Runs_started_together_each_write_their_lifecycle_in_order_and_the_global_log_has_no_holes()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["maxConcurrentRuns"] = 100))).GetProperty("id").GetGuid();

        var runIds = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i => (await http.StartRunAsync(agentId, new { i })).GetProperty("id").GetGuid()));
        foreach (var runId in runIds)
        {
            Assert.That((await http.WaitForRunAsync(runId)).GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            var events = await http.RunEventsAsync(runId);
            Assert.That(events.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("version").GetInt64())), Is.EqualTo(new[]
            {
                ("agent.run.queued", 1L), ("agent.run.started", 2L), ("agent.run.step", 3L), ("agent.run.succeeded", 4L),
            }));
        }

        var positions = new List<long>();
        for (long after = 0; ;)
        {
            var page = (await (await http.GetAsync($"/api/v1/events?after={after}&limit=1000")).ReadJsonAsync()).GetProperty("items");
            if (page.GetArrayLength() == 0)
            {
                break;
            }

            positions.AddRange(page.EnumerateArray().Select(e => e.GetProperty("position").GetInt64()));
            after = positions[^1];
        }

        Assert.That(positions, Has.Count.EqualTo(40 * 4));
        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, positions.Count).Select(p => (long)p)), "gapless, in order");
    }

    [Test]
    public async Task Cancelling_a_succeeded_run_is_a_409()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, "hi")).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId);

        await (await http.PostAsync($"/api/v1/runs/{runId}/cancel", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_run_that_exceeds_its_timeout_ends_timed_out()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["timeoutSeconds"] = 1))).GetProperty("id").GetGuid();

        var runId = (await http.StartRunAsync(agentId, new { delayMs = 30_000 })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId, seconds: 8);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("timed_out"), run.ToString());
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("timed-out"));
        Assert.That(run.GetProperty("attempt").GetInt32(), Is.EqualTo(1), "a timeout is not retried");
    }

    [Test]
    public async Task Max_concurrent_runs_holds_and_every_run_still_finishes()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        await using var second = new ApiFactory();
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["maxConcurrentRuns"] = 2))).GetProperty("id").GetGuid();
        _ = second.Server;
        var runIds = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            runIds.Add((await http.StartRunAsync(agentId, new { delayMs = 600, i })).GetProperty("id").GetGuid());
        }

        var runs = new List<JsonElement>();
        foreach (var runId in runIds)
        {
            runs.Add(await http.WaitForRunAsync(runId, seconds: 20));
        }

        Assert.That(runs.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("succeeded"));
        // Exact, not sampled: the most runs whose [startedAt, finishedAt] intervals (database clock) overlap at any instant.
        var edges = runs.SelectMany(r => new[]
        {
            (At: r.GetProperty("startedAt").GetDateTimeOffset(), Delta: 1),
            (At: r.GetProperty("finishedAt").GetDateTimeOffset(), Delta: -1),
        }).OrderBy(e => e.At).ThenBy(e => e.Delta);
        var (current, most) = (0, 0);
        foreach (var edge in edges)
        {
            current += edge.Delta;
            most = Math.Max(most, current);
        }

        Assert.That(most, Is.EqualTo(2), "two at a time, never more, across both hosts");
    }

    [Test]
    public async Task Two_worker_hosts_on_one_database_run_each_run_exactly_once()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        await using var second = new ApiFactory();
        _ = second.Server;
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["maxConcurrentRuns"] = 100))).GetProperty("id").GetGuid();

        var runIds = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i => (await http.StartRunAsync(agentId, new { i })).GetProperty("id").GetGuid()));
        foreach (var runId in runIds)
        {
            var run = await http.WaitForRunAsync(runId);
            Assert.That((run.GetProperty("status").GetString(), run.GetProperty("attempt").GetInt32()), Is.EqualTo(("succeeded", 1)));
            var steps = (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items");
            Assert.That(steps.GetArrayLength(), Is.EqualTo(1), "one model call per run");
            Assert.That((await http.RunEventsAsync(runId)).Count(e => e.GetProperty("type").GetString() == "agent.run.started"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_run_whose_worker_dies_is_taken_over_and_the_dead_worker_writes_nothing_more()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, new { delayMs = 1500 })).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, r => r.GetProperty("status").GetString() == "running");

        // The worker "dies": its lease now belongs to nobody and has expired, as if it had stopped heartbeating.
        await using (var connection = new NpgsqlConnection(ApiFactory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var steal = new NpgsqlCommand(
                "UPDATE agent_runs SET lease_token = gen_random_uuid(), lease_expires_at = now() - interval '1 second' WHERE id = $1", connection);
            steal.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
            Assert.That(await steal.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("attempt").GetInt32(), Is.EqualTo(2));
        Assert.That(run.GetProperty("failedAttempts").GetInt32(), Is.EqualTo(1));
        var steps = (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("attempt").GetInt32()), Is.EqualTo(new[] { 2 }), "the first worker's late step was refused");
        var types = (await http.RunEventsAsync(runId)).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types.Count(t => t == "agent.run.retrying"), Is.EqualTo(1));
        Assert.That(types.Count(t => t == "agent.run.succeeded"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_run_that_still_wants_tools_at_its_step_limit_fails_with_max_steps_exceeded()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b =>
        {
            b["tools"] = new[] { "documents.read" };
            b["maxSteps"] = 1;
        }))).GetProperty("id").GetGuid();

        var runId = (await http.StartRunAsync(agentId, new
        {
            toolCalls = new[] { new { tool = "documents.read", arguments = new { collection = "c", id = "x" } } },
        })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.ToString());
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("max-steps-exceeded"));
        Assert.That(run.GetProperty("attempt").GetInt32(), Is.EqualTo(1), "not retried");
    }

    [Test]
    public async Task Runs_released_at_shutdown_are_finished_by_another_instance_without_counting_as_failures()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent(change: b => b["maxConcurrentRuns"] = 100))).GetProperty("id").GetGuid();
        var stopping = new ApiFactory();
        // Started on the instance that will stop, whose workers hear of them first (the other one only by notification),
        // so it holds some of them when it stops.
        using var onStopping = stopping.CreateClient();
        onStopping.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var runIds = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            runIds.Add((await onStopping.StartRunAsync(agentId, new { delayMs = 4000, i })).GetProperty("id").GetGuid());
        }

        foreach (var runId in runIds.Take(4))
        {
            await http.WaitForRunAsync(runId, r => r.GetProperty("status").GetString() != "queued");
        }

        await stopping.DisposeAsync();
        var runs = new List<JsonElement>();
        foreach (var runId in runIds)
        {
            runs.Add(await http.WaitForRunAsync(runId, seconds: 30));
        }

        Assert.That(runs.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("succeeded"));
        Assert.That(runs.Select(r => r.GetProperty("failedAttempts").GetInt32()), Is.All.Zero, "a release is not a failure");
        var released = runs.Where(r => r.GetProperty("attempt").GetInt32() == 2).ToList();
        Assert.That(released, Is.Not.Empty, "the stopped instance held runs and released them");
        foreach (var run in released)
        {
            var retrying = (await http.RunEventsAsync(run.GetProperty("id").GetGuid())).Single(e => e.GetProperty("type").GetString() == "agent.run.retrying");
            Assert.That(retrying.GetProperty("data").GetProperty("released").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task Runs_steps_and_cancel_of_another_tenant_are_404s()
    {
        using var owner = await Auth.PartnerClientAsync(AllAgentScopes);
        using var stranger = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await owner.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await owner.StartRunAsync(agentId, "mine")).GetProperty("id").GetGuid();

        await (await stranger.GetAsync($"/api/v1/runs/{runId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/runs/{runId}/steps")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/runs/{runId}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/v1/agents/{agentId}/runs", new { input = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await stranger.GetAsync("/api/v1/runs")).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Live_follows_a_run_to_its_end_and_closes()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent())).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, new { delayMs = 300 })).GetProperty("id").GetGuid();

        var (response, sse) = await SseReader.OpenAsync(http, $"/api/v1/runs/{runId}/live");
        using var _ = sse;
        var types = new List<string?>();
        while (types.LastOrDefault() is not ("agent.run.succeeded" or "agent.run.failed"))
        {
            types.Add((await sse.NextEventAsync(TimeSpan.FromSeconds(10))).Type);
        }

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(types, Is.EqualTo(new[] { "agent.run.queued", "agent.run.started", "agent.run.step", "agent.run.succeeded" }));
        Assert.ThrowsAsync<EndOfStreamException>(async () => await sse.NextEventAsync(TimeSpan.FromSeconds(5)), "the stream closes after the end");
    }
}
