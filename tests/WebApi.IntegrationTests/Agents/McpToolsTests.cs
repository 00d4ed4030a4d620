using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.FakeModelServer;

namespace EventAgents.WebApi.IntegrationTests.Agents;

/// <summary>Issue #20: tools of a partner's MCP server (official SDK on both sides), only those on the agent's allow-list.</summary>
[NonParallelizable]
public sealed class McpToolsTests : ApiTest
{
    private static object Crm(Uri url, bool requiresApproval = false) =>
        new { kind = "mcp", name = "crm", url = url.ToString(), allowedTools = new[] { "lookup_customer", "create_ticket" }, requiresApproval };

    [Test]
    public async Task The_echo_model_calls_an_allowed_tool_of_an_mcp_server_and_gets_its_answer()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-echo", b => b["customTools"] = new[] { Crm(server.Url) }))).GetProperty("id").GetGuid();
        var customer = "m-" + Guid.NewGuid().ToString("N")[..8];

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "crm_lookup_customer", arguments = new { customerId = customer } } } }))
            .GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("name").GetString(), Is.EqualTo("Grace Hopper"));
        Assert.That(McpTestServer.Calls, Does.Contain(("lookup_customer", customer)));
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That((step.GetProperty("tool").GetString(), step.GetProperty("toolKind").GetString()), Is.EqualTo(("crm_lookup_customer", "mcp")));
        Assert.That(step.GetProperty("result").GetProperty("customerId").GetString(), Is.EqualTo(customer));
    }

    [Test]
    public async Task A_server_that_checks_callers_gets_the_agents_tool_secret_as_a_bearer_token_only_when_asked()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var created = await http.CreateAgentOkAsync(Agent("mcp-auth", b => b["customTools"] = new[]
        {
            new { kind = "mcp", name = "crm", url = server.Url.ToString(), allowedTools = new[] { "lookup_customer" }, sendToolSecret = true },
        }));
        var plain = (await http.CreateAgentOkAsync(Agent("mcp-anon", b => b["customTools"] = new[] { Crm(server.Url) }))).GetProperty("id").GetGuid();

        await http.WaitForRunAsync((await http.StartRunAsync(created.GetProperty("id").GetGuid(), "x")).GetProperty("id").GetGuid());
        var sentWithSecret = server.Authorizations.Distinct().ToList();
        await http.WaitForRunAsync((await http.StartRunAsync(plain, "x")).GetProperty("id").GetGuid());

        Assert.That(sentWithSecret, Is.EqualTo(new[] { "Bearer " + created.GetProperty("toolSecret").GetString() }));
        Assert.That(server.Authorizations.Skip(server.Authorizations.Count - 1).Single(), Is.Empty, "the other agent sends no secret");
    }

    [Test]
    public async Task The_openai_provider_is_offered_only_the_allowed_tools_with_the_servers_schemas()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-gpt", b =>
        {
            b["model"] = new { provider = "openai" };
            b["customTools"] = new[] { Crm(server.Url) };
        }))).GetProperty("id").GetGuid();
        Shared.Script(ToolCall("crm_create_ticket", new { title = "printer on fire" }), Answer("done"));

        var run = await http.WaitForRunAsync((await http.StartRunAsync(agentId, "help")).GetProperty("id").GetGuid());

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var requests = Shared.Requests.ToList();
        var offered = requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToList();
        Assert.That(offered.Select(f => f.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "crm_lookup_customer", "crm_create_ticket" }),
            "delete_everything is listed by the server but not allowed");
        Assert.That(offered.Single(f => f.GetProperty("name").GetString() == "crm_lookup_customer").GetProperty("parameters")
            .GetProperty("properties").TryGetProperty("customerId", out _), Is.True);
        Assert.That(McpTestServer.Calls, Does.Contain(("create_ticket", "printer on fire")));
        Assert.That(requests[1].Body, Does.Contain("ticket T-1 opened"));
    }

    [Test]
    public async Task A_tool_the_server_has_but_the_agent_does_not_allow_is_refused_and_never_called()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-strict", b => b["customTools"] = new[] { Crm(server.Url) }))).GetProperty("id").GetGuid();
        var before = McpTestServer.Calls.Count(c => c.Tool == "delete_everything");

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "crm_delete_everything", arguments = new { } } } })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(McpTestServer.Calls.Count(c => c.Tool == "delete_everything"), Is.EqualTo(before));
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(step.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("unknown-tool"));
    }

    [Test]
    public async Task Arguments_that_fail_the_servers_schema_are_not_sent()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-schema", b => b["customTools"] = new[] { Crm(server.Url) }))).GetProperty("id").GetGuid();
        var before = McpTestServer.Calls.Count;

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "crm_lookup_customer", arguments = new { wrong = 1 } } } })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("error").GetString(), Is.EqualTo("invalid-arguments"), run.ToString());
        Assert.That(McpTestServer.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task An_mcp_tool_that_requires_approval_pauses_and_runs_after_approval()
    {
        await using var server = await McpTestServer.StartAsync();
        using var http = await Auth.PartnerClientAsync([.. AllAgentScopes, "agents:approve"]);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-approve", b => b["customTools"] = new[] { Crm(server.Url, requiresApproval: true) })))
            .GetProperty("id").GetGuid();
        var title = "t-" + Guid.NewGuid().ToString("N")[..8];
        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "crm_create_ticket", arguments = new { title } } } })).GetProperty("id").GetGuid();

        var paused = await http.WaitForRunAsync(runId, r => r.GetProperty("status").GetString() != "queued" && r.GetProperty("status").GetString() != "running");
        var notYet = McpTestServer.Calls.Count(c => c.Argument == title);
        await http.PostAsJsonAsync($"/api/v1/runs/{runId}/approvals", new { decisions = new[] { new { callId = "call_1", approve = true } } });
        var run = await http.WaitForRunAsync(runId);

        Assert.That(paused.GetProperty("status").GetString(), Is.EqualTo("requires_action"), paused.ToString());
        Assert.That(paused.GetProperty("requiredAction").GetProperty("calls")[0].GetProperty("toolKind").GetString(), Is.EqualTo("mcp"));
        Assert.That(notYet, Is.Zero);
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(McpTestServer.Calls.Count(c => c.Argument == title), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreachable_server_fails_the_attempt_retryably()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("mcp-down", b =>
        {
            b["customTools"] = new[] { Crm(new Uri("http://127.0.0.1:9/mcp")) };
            b["maxAttempts"] = 1;
        }))).GetProperty("id").GetGuid();

        var run = await http.WaitForRunAsync((await http.StartRunAsync(agentId, "x")).GetProperty("id").GetGuid(), seconds: 30);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.ToString());
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("tool-server-unavailable"));
        Assert.That(run.GetProperty("error").GetProperty("retryable").GetBoolean(), Is.True);
    }
}
