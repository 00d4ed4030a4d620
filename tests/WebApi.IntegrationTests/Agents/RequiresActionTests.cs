using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.FakeModelServer;

namespace EventAgents.WebApi.IntegrationTests.Agents;

/// <summary>Issue #20: runs that pause for client tool outputs and approvals (requires_action), durably, through real HTTP.</summary>
[NonParallelizable]
public sealed class RequiresActionTests : ApiTest
{
    private static readonly string[] Approver = [.. AllAgentScopes, "agents:approve"];

    private static readonly object QuoteSchema = new
    {
        type = "object",
        properties = new { sku = new { type = "string" } },
        required = new[] { "sku" },
        additionalProperties = false,
    };

    private static object QuoteTool => new { kind = "client", name = "price_quote", description = "Quotes a price.", parameters = QuoteSchema };

    private static object Calls(params (string Tool, object Arguments)[] calls) =>
        new { toolCalls = calls.Select(c => new { tool = c.Tool, arguments = c.Arguments }).ToArray() };

    [Test]
    public async Task A_client_tool_pauses_the_run_until_its_output_is_posted_then_the_model_gets_it()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("quoter", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "A-17" })))).GetProperty("id").GetGuid();

        var paused = await http.WaitForRunAsync(runId, IsPaused);
        var call = paused.GetProperty("requiredAction").GetProperty("calls").EnumerateArray().Single();
        var posted = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "call_1", output = new { price = 99.5 } } } });
        var answered = await posted.ReadJsonAsync();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(paused.GetProperty("status").GetString(), Is.EqualTo("requires_action"));
        Assert.That((call.GetProperty("id").GetString(), call.GetProperty("tool").GetString(), call.GetProperty("toolKind").GetString(), call.GetProperty("needs").GetString()),
            Is.EqualTo(("call_1", "price_quote", "client", "output")));
        Assert.That(call.GetProperty("arguments").GetProperty("sku").GetString(), Is.EqualTo("A-17"));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), answered.ToString());
        Assert.That(answered.GetProperty("status").GetString(), Is.Not.EqualTo("requires_action"));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("price").GetDouble(), Is.EqualTo(99.5));
        Assert.That(run.GetProperty("requiredAction").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var types = (await http.RunEventsAsync(runId)).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types, Is.EqualTo(new[]
        {
            "agent.run.queued", "agent.run.started", "agent.run.step", "agent.run.requires_action", "agent.run.resumed", "agent.run.started",
            "agent.run.step", "agent.run.step", "agent.run.succeeded",
        }));
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That((step.GetProperty("toolKind").GetString(), step.GetProperty("status").GetString()), Is.EqualTo(("client", "succeeded")));
        Assert.That(step.GetProperty("result").GetProperty("price").GetDouble(), Is.EqualTo(99.5));
        Assert.That(step.GetProperty("answeredBy").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_client_tool_call_whose_arguments_fail_its_schema_does_not_pause_the_model_is_told_why()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("quoter-strict", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();

        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = 17 })))).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("error").GetString(), Is.EqualTo("invalid-arguments"));
        Assert.That((await http.RunEventsAsync(runId)).Select(e => e.GetProperty("type").GetString()), Does.Not.Contain("agent.run.requires_action"));
    }

    [Test]
    public async Task Answers_are_idempotent_a_different_answer_is_a_409_and_an_unknown_call_a_422()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("quoter2", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "A" }), ("price_quote", new { sku = "B" })))).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, IsPaused);
        var url = $"/api/v1/runs/{runId}/tool-outputs";

        var first = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_1", output = (object)1 } } });
        var again = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_1", output = (object)1 } } });
        var different = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_1", output = (object)2 } } });
        var unknown = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_9", output = (object)3 } } });
        var halfWrong = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_2", output = (object)4 }, new { callId = "call_9", output = (object)5 } } });
        var stillPaused = await http.GetRunAsync(runId);
        var last = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_2", output = (object)6 } } });
        var run = await http.WaitForRunAsync(runId);
        var afterwards = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_2", output = (object)6 } } });
        var lateAndDifferent = await http.PostAsJsonAsync(url, new { outputs = new[] { new { callId = "call_2", output = (object)7 } } });

        Assert.That((first.StatusCode, again.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        await different.AssertProblemAsync(HttpStatusCode.Conflict);
        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await halfWrong.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(stillPaused.GetProperty("requiredAction").GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("answered").GetBoolean()),
            Is.EqualTo(new[] { true, false }), "nothing of a refused request is stored");
        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(run.GetProperty("output").GetProperty("results").EnumerateArray().Select(r => r.GetInt32()), Is.EqualTo(new[] { 1, 6 }));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same answer after the run went on changes nothing");
        await lateAndDifferent.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_http_tool_that_requires_approval_runs_once_after_approval_and_the_step_names_the_approver()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        var partner = await Auth.CreatePartnerAsync(Approver);
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var runner = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret, string.Join(' ', AllAgentScopes));
        var agentId = (await http.CreateAgentOkAsync(Agent("guarded-crm", b => b["customTools"] = new[]
        {
            new { kind = "http", name = "lookup_customer", parameters = new { type = "object" }, url = receiver.Url.ToString(), requiresApproval = true },
        }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("lookup_customer", new { customerId = "c-9" })))).GetProperty("id").GetGuid();
        var paused = await http.WaitForRunAsync(runId, IsPaused);
        var approval = new { decisions = new[] { new { callId = "call_1", approve = true, reason = (string?)null } } };

        var withoutScope = await runner.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", approval);
        var callsBeforeApproval = receiver.Calls.Count;
        var approved = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", approval);
        var run = await http.WaitForRunAsync(runId);
        var twice = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", approval);

        Assert.That(paused.GetProperty("requiredAction").GetProperty("calls")[0].GetProperty("needs").GetString(), Is.EqualTo("approval"));
        await withoutScope.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(callsBeforeApproval, Is.Zero, "nothing is called before approval");
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Task.Delay(300);
        Assert.That(receiver.Calls, Has.Count.EqualTo(1), "an approved call runs exactly once");
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(step.GetProperty("approval").GetProperty("approved").GetBoolean(), Is.True);
        Assert.That(step.GetProperty("approval").GetProperty("by").GetString(), Is.EqualTo(partner.ClientId));
        Assert.That(step.GetProperty("toolKind").GetString(), Is.EqualTo("http"));
    }

    [Test]
    public async Task A_rejected_built_in_call_is_not_run_and_the_model_is_told_the_reason()
    {
        using var http = await Auth.PartnerClientAsync(Approver);
        var agentId = (await http.CreateAgentOkAsync(Agent("careful", b =>
        {
            b["tools"] = new[] { "events.append", "events.read" };
            b["toolsRequiringApproval"] = new[] { "events.append" };
        }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(
            ("events.read", new { streamId = "nothing-here" }),
            ("events.append", new { streamId = "careful-1", type = "note.added", data = new { x = 1 } })))).GetProperty("id").GetGuid();
        var paused = await http.WaitForRunAsync(runId, IsPaused);

        var rejected = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals",
            new { decisions = new[] { new { callId = "call_2", approve = false, reason = "No notes today." } } });
        var run = await http.WaitForRunAsync(runId);
        var stream = await http.GetAsync("/api/v1/streams/careful-1/events");

        Assert.That(paused.GetProperty("requiredAction").GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("tool").GetString()),
            Is.EqualTo(new[] { "events.append" }), "the call that needs no approval ran at once");
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var told = run.GetProperty("output").GetProperty("results")[1];
        Assert.That((told.GetProperty("error").GetString(), told.GetProperty("message").GetString()), Is.EqualTo(("rejected", "No notes today.")));
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing was appended");
        var steps = (await http.RunStepsAsync(runId)).Where(s => s.GetProperty("kind").GetString() == "tool_call").ToList();
        Assert.That(steps.Select(s => s.GetProperty("tool").GetString()), Is.EqualTo(new[] { "events.read", "events.append" }));
        Assert.That(steps[1].GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("rejected"));
        Assert.That(steps[1].GetProperty("approval").GetProperty("approved").GetBoolean(), Is.False);
    }

    [Test]
    public async Task An_approved_call_that_an_instance_began_and_never_finished_is_reported_interrupted_not_run_twice()
    {
        // What a crash between the approval and the end of the call leaves behind: the call marked started, no result,
        // and the run queued again by the lease sweep.
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(Approver);
        var agentId = (await http.CreateAgentOkAsync(Agent("crashy", b => b["customTools"] = new[]
        {
            new { kind = "http", name = "lookup_customer", parameters = new { type = "object" }, url = receiver.Url.ToString(), requiresApproval = true },
        }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("lookup_customer", new { customerId = "c-1" })))).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, IsPaused);
        await using (var connection = new Npgsql.NpgsqlConnection(ApiFactory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var crash = new Npgsql.NpgsqlCommand(
                "UPDATE agent_runs SET required_action = jsonb_set(jsonb_set(required_action, '{calls,0,answer}', " +
                "jsonb_build_object('output', null, 'approved', true, 'reason', null, 'answeredBy', 'someone', 'answeredAt', now())), " +
                "'{calls,0,started}', 'true'), status = 'queued', available_at = now() WHERE id = $1", connection);
            crash.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = runId });
            Assert.That(await crash.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("error").GetString(), Is.EqualTo("interrupted"));
        Assert.That(receiver.Calls, Is.Empty, "the call was not run again");
    }

    [Test]
    public async Task A_paused_run_can_be_cancelled_and_then_takes_no_answer()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("quitter", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "Z" })))).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, IsPaused);

        var cancelled = await http.PostAsync($"/api/v1/runs/{runId}/cancel", null);
        var late = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "call_1", output = (object)1 } } });

        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await cancelled.ReadJsonAsync()).GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        await late.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await http.RunEventsAsync(runId)).Last().GetProperty("type").GetString(), Is.EqualTo("agent.run.cancelled"));
    }

    [Test]
    public async Task A_run_whose_calls_are_not_answered_in_time_fails_with_action_timeout()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("impatient", b =>
        {
            b["customTools"] = new[] { QuoteTool };
            b["actionTimeoutSeconds"] = 1;
        }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "T" })))).GetProperty("id").GetGuid();

        var run = await http.WaitForRunAsync(runId, seconds: 20);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.ToString());
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("action-timeout"));
        Assert.That((await http.RunEventsAsync(runId)).Select(e => e.GetProperty("type").GetString()), Does.Contain("agent.run.requires_action"));
    }

    [Test]
    public async Task A_paused_run_is_answered_on_another_instance_and_goes_on()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("roaming", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "R" })))).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, IsPaused);

        await using var second = new ApiFactory();
        using var elsewhere = second.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var answered = await elsewhere.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "call_1", output = "quoted" } } });
        var run = await http.WaitForRunAsync(runId);

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetString(), Is.EqualTo("quoted"));
    }

    [Test]
    public async Task Another_tenant_gets_404s_from_the_new_endpoints()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(Approver);
        var agentId = (await http.CreateAgentOkAsync(Agent("private", b => b["customTools"] = new[] { QuoteTool }))).GetProperty("id").GetGuid();
        var runId = (await http.StartRunAsync(agentId, Calls(("price_quote", new { sku = "P" })))).GetProperty("id").GetGuid();
        await http.WaitForRunAsync(runId, IsPaused);

        var outputs = await other.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "call_1", output = (object)1 } } });
        var approvals = await other.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", new { decisions = new[] { new { callId = "call_1", approve = true } } });

        await outputs.AssertProblemAsync(HttpStatusCode.NotFound);
        await approvals.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await http.GetRunAsync(runId)).GetProperty("status").GetString(), Is.EqualTo("requires_action"));
    }

    [Test]
    public async Task The_openai_provider_pauses_on_a_client_tool_and_gets_its_output_in_the_next_request()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("quoter-gpt", b =>
        {
            b["model"] = new { provider = "openai" };
            b["customTools"] = new[] { QuoteTool };
        }))).GetProperty("id").GetGuid();
        Shared.Script(ToolCall("price_quote", new { sku = "G-1" }), Answer("""{"quoted":true}"""));

        var runId = (await http.StartRunAsync(agentId, new { task = "quote" })).GetProperty("id").GetGuid();
        var paused = await http.WaitForRunAsync(runId, IsPaused);
        await http.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "call_1", output = new { price = 12 } } } });
        var run = await http.WaitForRunAsync(runId);

        Assert.That(paused.GetProperty("requiredAction").GetProperty("calls")[0].GetProperty("arguments").GetProperty("sku").GetString(), Is.EqualTo("G-1"));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var requests = Shared.Requests.ToList();
        Assert.That(requests, Has.Count.EqualTo(2), "the pause asks the model nothing");
        var toolMessage = requests[1].Json.GetProperty("messages").EnumerateArray().Last();
        Assert.That(toolMessage.GetProperty("role").GetString(), Is.EqualTo("tool"));
        Assert.That(toolMessage.GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
        Assert.That(JsonDocument.Parse(toolMessage.GetProperty("content").GetString()!).RootElement.GetProperty("price").GetInt32(), Is.EqualTo(12));
    }

    [Test]
    public async Task Bad_answer_bodies_are_400s_naming_the_member()
    {
        using var http = await Auth.PartnerClientAsync(Approver);
        var runId = Guid.NewGuid();

        var noOutputs = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = Array.Empty<object>() });
        var nullOutput = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/tool-outputs", new { outputs = new[] { new { callId = "c", output = (object?)null } } });
        var twice = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", new { decisions = new[] { new { callId = "c", approve = true }, new { callId = "c", approve = false } } });
        var noDecision = await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", new { decisions = new[] { new { callId = "c" } } });

        Assert.That((await noOutputs.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("outputs", out _), Is.True);
        Assert.That((await nullOutput.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("outputs[0].output", out _), Is.True);
        Assert.That((await twice.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("decisions", out _), Is.True);
        Assert.That((await noDecision.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("decisions[0].approve", out _), Is.True);
    }

    private static bool IsPaused(JsonElement run) => run.GetProperty("status").GetString() is "requires_action" or "succeeded" or "failed";
}
