using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.FakeModelServer;

namespace EventAgents.WebApi.IntegrationTests.Agents;

/// <summary>Issue #20: partner functions (http tools) on an agent, called signed, checked against their schema, through real HTTP.</summary>
[NonParallelizable]
public sealed class HttpToolsTests : ApiTest
{
    private static readonly object LookupSchema = new
    {
        type = "object",
        properties = new { customerId = new { type = "string", minLength = 1 } },
        required = new[] { "customerId" },
        additionalProperties = false,
    };

    private static object LookupTool(Uri url, int? timeoutSeconds = null) => new
    {
        kind = "http",
        name = "lookup_customer",
        description = "Looks a customer up in the CRM.",
        parameters = LookupSchema,
        url = url.ToString(),
        timeoutSeconds,
    };

    [Test]
    public async Task The_echo_model_calls_a_partner_function_signed_with_the_agents_tool_secret_and_gets_its_answer()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var created = await http.CreateAgentOkAsync(Agent("crm", b => b["customTools"] = new[] { LookupTool(receiver.Url) }));
        var agentId = created.GetProperty("id").GetGuid();
        var secret = created.GetProperty("toolSecret").GetString()!;

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "lookup_customer", arguments = new { customerId = "c-1" } } } }))
            .GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
        var (message, runHeader, toolHeader) = receiver.Calls.Single();
        Assert.That(JsonDocument.Parse(message.Body).RootElement.GetProperty("customerId").GetString(), Is.EqualTo("c-1"), "the body is the arguments");
        Assert.That(WebhookReceiver.Verifies(message, secret), Is.True, "signed with the secret shown at creation");
        Assert.That((runHeader, toolHeader), Is.EqualTo((runId.ToString("D"), "lookup_customer")));
        Assert.That(message.Id, Does.StartWith("tool_"));

        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(step.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(step.GetProperty("toolKind").GetString(), Is.EqualTo("http"));
        Assert.That(step.GetProperty("tool").GetString(), Is.EqualTo("lookup_customer"));
        Assert.That(step.GetProperty("arguments").GetProperty("customerId").GetString(), Is.EqualTo("c-1"));
        Assert.That(step.GetProperty("result").GetProperty("tier").GetString(), Is.EqualTo("gold"));
    }

    [Test]
    public async Task Arguments_that_fail_the_schema_are_never_sent_the_step_fails_and_the_model_is_told_why()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("strict", b => b["customTools"] = new[] { LookupTool(receiver.Url) })))
            .GetProperty("id").GetGuid();

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "lookup_customer", arguments = new { customerId = 5, extra = true } } } }))
            .GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), "a failed tool call does not fail the run");
        var told = run.GetProperty("output").GetProperty("results")[0];
        Assert.That(told.GetProperty("error").GetString(), Is.EqualTo("invalid-arguments"));
        Assert.That(told.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()), Does.Contain("/customerId"));
        Assert.That(receiver.Calls, Is.Empty, "nothing was sent");
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(step.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(step.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("invalid-arguments"));
        Assert.That(step.GetProperty("error").GetProperty("message").GetString(), Does.Contain("/customerId"));
    }

    [Test]
    public async Task The_openai_provider_is_offered_the_partners_schema_and_gets_the_functions_answer()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("crm-gpt", b =>
        {
            b["model"] = new { provider = "openai" };
            b["customTools"] = new[] { LookupTool(receiver.Url) };
        }))).GetProperty("id").GetGuid();
        Shared.Script(ToolCall("lookup_customer", new { customerId = "c-2" }), Answer("""{"tier":"gold"}"""));

        var run = await http.WaitForRunAsync((await http.StartRunAsync(agentId, new { task = "tier?" })).GetProperty("id").GetGuid());

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        var requests = Shared.Requests.ToList();
        var offered = requests[0].Json.GetProperty("tools").EnumerateArray().Single().GetProperty("function");
        Assert.That(offered.GetProperty("name").GetString(), Is.EqualTo("lookup_customer"));
        Assert.That(offered.GetProperty("parameters").GetProperty("required")[0].GetString(), Is.EqualTo("customerId"));
        Assert.That(requests[1].Body, Does.Contain("Ada Lovelace"), "the function's answer went back to the model");
        Assert.That(JsonDocument.Parse(receiver.Calls.Single().Message.Body).RootElement.GetProperty("customerId").GetString(), Is.EqualTo("c-2"));
    }

    [TestCase(500, 0, "http-error")]
    [TestCase(200, 3, "timed-out")]
    public async Task A_function_that_fails_or_is_too_slow_is_a_failed_step_the_model_is_told_about(int status, int delaySeconds, string code)
    {
        await using var receiver = await ToolReceiver.StartAsync();
        receiver.Status = status;
        receiver.Delay = TimeSpan.FromSeconds(delaySeconds);
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("flaky-crm", b => b["customTools"] = new[] { LookupTool(receiver.Url, timeoutSeconds: 1) })))
            .GetProperty("id").GetGuid();

        var runId = (await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "lookup_customer", arguments = new { customerId = "c-3" } } } }))
            .GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("output").GetProperty("results")[0].GetProperty("error").GetString(), Is.EqualTo(code), run.ToString());
        var step = (await http.RunStepsAsync(runId)).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(step.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(code));
    }

    [Test]
    public async Task The_tool_secret_is_shown_once_rotates_and_another_tenant_cannot_rotate_it()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(AllAgentScopes);
        var created = await http.CreateAgentOkAsync(Agent("rotating", b => b["customTools"] = new[] { LookupTool(receiver.Url) }));
        var agentId = created.GetProperty("id").GetGuid();
        var first = created.GetProperty("toolSecret").GetString()!;

        var agent = await (await http.GetAsync($"/api/v1/agents/{agentId}")).ReadJsonAsync();
        var rotated = await http.PostAsync($"/api/v1/agents/{agentId}/rotate-tool-secret", null);
        var second = (await rotated.ReadJsonAsync()).GetProperty("secret").GetString()!;
        var foreign = await other.PostAsync($"/api/v1/agents/{agentId}/rotate-tool-secret", null);
        await http.WaitForRunAsync((await http.StartRunAsync(agentId, new { toolCalls = new[] { new { tool = "lookup_customer", arguments = new { customerId = "c-4" } } } }))
            .GetProperty("id").GetGuid());

        Assert.That(first, Does.StartWith("whsec_"));
        Assert.That(agent.TryGetProperty("toolSecret", out _), Is.False, "never shown again");
        Assert.That(agent.GetProperty("customTools")[0].GetProperty("kind").GetString(), Is.EqualTo("http"));
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rotated.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(second, Does.StartWith("whsec_").And.Not.EqualTo(first));
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        var message = receiver.Calls.Single().Message;
        Assert.That((WebhookReceiver.Verifies(message, second), WebhookReceiver.Verifies(message, first)), Is.EqualTo((true, false)));
    }

    [TestCase("""{ "kind": "http", "name": "bad name", "parameters": { "type": "object" }, "url": "https://example.com/f" }""", "customTools[0].name")]
    [TestCase("""{ "kind": "http", "name": "documents_read", "parameters": { "type": "object" }, "url": "https://example.com/f" }""", "customTools[0].name")]
    [TestCase("""{ "kind": "http", "name": "f", "parameters": { "type": "string" }, "url": "https://example.com/f" }""", "customTools[0].parameters")]
    [TestCase("""{ "kind": "http", "name": "f", "parameters": { "type": "object", "properties": 5 }, "url": "https://example.com/f" }""", "customTools[0].parameters")]
    [TestCase("""{ "kind": "http", "name": "f", "parameters": { "type": "object", "properties": { "a": { "$ref": "https://example.com/s.json" } } }, "url": "https://example.com/f" }""", "customTools[0].parameters")]
    [TestCase("""{ "kind": "http", "name": "f", "parameters": { "type": "object" }, "url": "ftp://example.com/f" }""", "customTools[0].url")]
    [TestCase("""{ "kind": "http", "name": "f", "parameters": { "type": "object" }, "url": "https://example.com/f", "timeoutSeconds": 61 }""", "customTools[0].timeoutSeconds")]
    [TestCase("""{ "kind": "mcp", "name": "crm", "url": "https://example.com/mcp", "allowedTools": [] }""", "customTools[0].allowedTools")]
    [TestCase("""{ "kind": "mcp", "name": "crm", "url": "https://example.com/mcp", "allowedTools": ["has space"] }""", "customTools[0].allowedTools")]
    [TestCase("""{ "kind": "mcp", "name": "crm", "url": "ftp://example.com/mcp", "allowedTools": ["a"] }""", "customTools[0].url")]
    [TestCase("""{ "kind": "mcp", "name": "crm", "url": "https://example.com/mcp", "allowedTools": ["a"], "parameters": { "type": "object" } }""", "customTools[0].parameters")]
    public async Task An_invalid_custom_tool_is_a_400_naming_the_member(string tool, string member)
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var body = $$"""{ "name": "bad-tools", "instructions": "x", "model": { "provider": "echo" }, "customTools": [ {{tool}} ] }""";

        var response = await http.PostAsync("/api/v1/agents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(member), problem.ToString());
    }

    [Test]
    public async Task Two_tools_of_one_name_and_an_unknown_kind_are_400s()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var tool = """{ "kind": "http", "name": "f", "parameters": { "type": "object" }, "url": "https://example.com/f" }""";

        var twice = await http.PostAsync("/api/v1/agents", Body($$"""[ {{tool}}, {{tool}} ]"""));
        var unknown = await http.PostAsync("/api/v1/agents", Body("""[ { "kind": "smtp", "name": "f", "parameters": { "type": "object" } } ]"""));

        var problem = await twice.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("customTools", out _), Is.True, problem.ToString());
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest);

        static StringContent Body(string tools) => new(
            $$"""{ "name": "twins", "instructions": "x", "model": { "provider": "echo" }, "customTools": {{tools}} }""", System.Text.Encoding.UTF8, "application/json");
    }

    [TestCase("http", "lookup_customer")]
    [TestCase("mcp", "crm")]
    public async Task A_tool_at_an_internal_address_is_refused_when_the_agent_is_written(string kind, string name)
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "false" });
        using var http = await new TestAuth(factory).PartnerClientAsync(AllAgentScopes);
        var internalUrl = new Uri("http://169.254.169.254/latest/");
        object tool = kind == "http" ? LookupTool(internalUrl) : new { kind, name, url = internalUrl.ToString(), allowedTools = new[] { "lookup_customer" } };

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent("ssrf", b => b["customTools"] = new[] { tool }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(name).And.Contain("refused"));
    }

    [Test]
    public async Task The_ssrf_guard_also_refuses_at_connect_time_for_http_tools_and_mcp_servers()
    {
        // The write-time check is bypassed here (the tools are called directly), as DNS rebinding would bypass it.
        await using var receiver = await ToolReceiver.StartAsync();
        await using var mcp = await McpTestServer.StartAsync();
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "false" });
        var auth = new TestAuth(factory);
        var partner = await auth.CreatePartnerAsync(AllAgentScopes);
        using var http = await auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var agentId = (await http.CreateAgentOkAsync(Agent("guarded"))).GetProperty("id").GetGuid();
        var arguments = JsonDocument.Parse("""{ "customerId": "c-1" }""").RootElement;

        var called = await factory.Services.GetRequiredService<EventAgents.Infrastructure.Agents.Tools.HttpToolCaller>().CallAsync(
            partner.TenantId, agentId, Guid.NewGuid(), new Domain.Agents.HttpTool { Name = "lookup_customer", Url = receiver.Url.ToString() },
            "tool_test", arguments, CancellationToken.None);
        var connecting = factory.Services.GetRequiredService<EventAgents.Infrastructure.Agents.Tools.McpToolConnector>().ConnectAsync(
            new Domain.Agents.McpTool { Name = "crm", Url = mcp.Url.ToString(), AllowedTools = ["lookup_customer"] }, null, CancellationToken.None);

        Assert.That(called.Error?.Code, Is.EqualTo("unreachable"));
        Assert.That(receiver.Calls, Is.Empty);
        Assert.ThrowsAsync<EventAgents.Infrastructure.Agents.Tools.ToolServerUnavailableException>(async () => await connecting);
        Assert.That(mcp.Authorizations, Is.Empty, "no request reached the MCP server");
    }

    [Test]
    public async Task A_triggered_run_holds_a_custom_tool_only_when_the_trigger_tools_name_it()
    {
        await using var receiver = await ToolReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var plain = await http.CreateAgentOkAsync(Agent("t-plain", b =>
        {
            b["customTools"] = new[] { LookupTool(receiver.Url) };
            b["triggers"] = new[] { new { eventType = "crm.asked", streamPrefix = (string?)null } };
        }));
        var granted = await http.CreateAgentOkAsync(Agent("t-granted", b =>
        {
            b["customTools"] = new[] { LookupTool(receiver.Url) };
            b["triggers"] = new[] { new { eventType = "crm.asked", streamPrefix = (string?)null } };
            b["triggerTools"] = new[] { "lookup_customer" };
        }));

        await http.AppendAsync("asks-1", new { events = new[] { new { type = "crm.asked", data = new { toolCalls = new[] { new { tool = "lookup_customer", arguments = new { customerId = "c-5" } } } } } } });
        var plainRun = (await http.RunsOfAsync(plain.GetProperty("id").GetGuid(), expected: 1)).Single();
        var grantedRun = (await http.RunsOfAsync(granted.GetProperty("id").GetGuid(), expected: 1)).Single();
        await http.WaitForRunAsync(plainRun.GetProperty("id").GetGuid());
        await http.WaitForRunAsync(grantedRun.GetProperty("id").GetGuid());

        var plainStep = (await http.RunStepsAsync(plainRun.GetProperty("id").GetGuid())).Single(s => s.GetProperty("kind").GetString() == "tool_call");
        Assert.That(plainStep.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("tool-not-granted"));
        Assert.That(plainStep.GetProperty("toolKind").GetString(), Is.EqualTo("http"));
        Assert.That(receiver.Calls.Select(c => c.RunId), Is.EqualTo(new[] { grantedRun.GetProperty("id").GetGuid().ToString("D") }));
    }
}
