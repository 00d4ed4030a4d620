using System.Text.Json;
using System.Text.RegularExpressions;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.FakeModelServer;

namespace EventAgents.WebApi.IntegrationTests.Agents;

/// <summary>The openai provider against a real OpenAI-compatible HTTP server on 127.0.0.1.</summary>
[NonParallelizable]
public sealed partial class OpenAIProviderTests : ApiTest
{
    private static FakeModelServer Model => Shared;

    [Test]
    public async Task A_tool_call_then_an_answer_makes_a_run_with_steps_usage_and_wire_safe_tool_names()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(AllAgentScopes);
        await other.PutAsync("/api/v1/collections/notes/documents/secret", JsonContent(new { data = new { text = "other tenant's secret" } }));
        await http.PutAsync("/api/v1/collections/notes/documents/mine", JsonContent(new { data = new { text = "my note" } }));
        var agentId = (await http.CreateAgentOkAsync(Agent("gpt", b =>
        {
            b["model"] = new { provider = "openai", temperature = 0.2 };
            b["tools"] = new[] { "documents.read", "events.append" };
        }))).GetProperty("id").GetGuid();
        Model.Script(ToolCall("documents_read", new { collection = "notes", id = "secret" }), Answer("""{"verdict":"ok"}"""));

        var runId = (await http.StartRunAsync(agentId, new { task = "triage" })).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetProperty("verdict").GetString(), Is.EqualTo("ok"));
        Assert.That(run.GetProperty("usage").GetProperty("inputTokens").GetInt64(), Is.EqualTo(20));
        Assert.That(run.GetProperty("usage").GetProperty("outputTokens").GetInt64(), Is.EqualTo(10));
        var requests = Model.Requests.ToList();
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests[0].Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
        var toolNames = requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!).ToList();
        Assert.That(toolNames, Is.EquivalentTo(new[] { "documents_read", "events_append" }));
        Assert.That(toolNames, Has.All.Matches<string>(name => WireName().IsMatch(name)));
        Assert.That(requests[0].Json.GetProperty("model").GetString(), Is.EqualTo("fake-model"));
        Assert.That(requests.Select(r => r.Body), Has.None.Contains("other tenant's secret"), "a tool can never reach another tenant's data");
        Assert.That(requests[1].Body, Does.Contain("not-found"));

        var steps = (await (await http.GetAsync($"/api/v1/runs/{runId}/steps")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("kind").GetString()), Is.EqualTo(new[] { "model_call", "tool_call", "model_call" }));
        Assert.That(steps[1].GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("not-found"));
    }

    [Test]
    public async Task A_500_from_the_model_is_retried_with_backoff_and_the_next_attempt_succeeds()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("flaky", b => b["model"] = new { provider = "openai" }))).GetProperty("id").GetGuid();
        Model.Script(Status(500), Answer("recovered"));

        var runId = (await http.StartRunAsync(agentId, "hello")).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("output").GetString(), Is.EqualTo("recovered"));
        Assert.That((run.GetProperty("attempt").GetInt32(), run.GetProperty("failedAttempts").GetInt32()), Is.EqualTo((2, 1)));
        var retrying = (await http.RunEventsAsync(runId)).Single(e => e.GetProperty("type").GetString() == "agent.run.retrying");
        Assert.That(retrying.GetProperty("data").GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("model-unavailable"));
        Assert.That(retrying.GetProperty("data").GetProperty("nextAttemptAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.MinValue));
    }

    [Test]
    public async Task A_model_that_keeps_failing_ends_failed_after_max_attempts()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("down", b =>
        {
            b["model"] = new { provider = "openai" };
            b["maxAttempts"] = 3;
        }))).GetProperty("id").GetGuid();
        Model.Script(Status(503), Status(503), Status(503), Status(503));

        var runId = (await http.StartRunAsync(agentId, "hello")).GetProperty("id").GetGuid();
        var run = await http.WaitForRunAsync(runId, seconds: 20);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.ToString());
        Assert.That((run.GetProperty("attempt").GetInt32(), run.GetProperty("failedAttempts").GetInt32()), Is.EqualTo((3, 3)));
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("model-unavailable"));
        Assert.That(run.GetProperty("error").GetProperty("retryable").GetBoolean(), Is.True);
        Assert.That(run.GetProperty("error").GetProperty("message").GetString(), Does.Not.Contain("scripted failure"), "no response bodies in errors");
        Assert.That(Model.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_400_from_the_model_fails_the_run_without_retrying()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var agentId = (await http.CreateAgentOkAsync(Agent("rejected", b => b["model"] = new { provider = "openai" }))).GetProperty("id").GetGuid();
        Model.Script(Status(400));

        var run = await http.WaitForRunAsync((await http.StartRunAsync(agentId, "hello")).GetProperty("id").GetGuid());

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.ToString());
        Assert.That(run.GetProperty("attempt").GetInt32(), Is.EqualTo(1));
        Assert.That(run.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("model-rejected"));
        var body = (await (await http.GetAsync($"/api/v1/runs/{run.GetProperty("id").GetGuid()}")).Content.ReadAsStringAsync());
        Assert.That(body, Does.Not.Contain(ApiKey).And.Not.Contain(Model.BaseUrl.ToString()));
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex WireName();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
