using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;

namespace EventAgents.WebApi.IntegrationTests.Agents;

public sealed class AgentsTests : ApiTest
{
    [Test]
    public async Task Creating_an_agent_returns_201_with_location_etag_and_the_documented_defaults()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent("triage", b =>
        {
            b["tools"] = new[] { "documents.read", "events.append" };
            b["triggers"] = new[] { new { eventType = "order.placed", streamPrefix = "order-" } };
        }));
        var agent = await response.ReadJsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), agent.ToString());
        var id = agent.GetProperty("id").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/v1/agents/{id}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(agent.GetProperty("timeoutSeconds").GetInt32(), Is.EqualTo(120));
            Assert.That(agent.GetProperty("maxAttempts").GetInt32(), Is.EqualTo(3));
            Assert.That(agent.GetProperty("maxSteps").GetInt32(), Is.EqualTo(16));
            Assert.That(agent.GetProperty("maxConcurrentRuns").GetInt32(), Is.EqualTo(4));
            Assert.That(agent.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(agent.GetProperty("model").GetProperty("provider").GetString(), Is.EqualTo("echo"));
            Assert.That(agent.GetProperty("triggers")[0].GetProperty("streamPrefix").GetString(), Is.EqualTo("order-"));
        });

        var read = await http.GetAsync($"/api/v1/agents/{id}");
        var stored = await read.ReadJsonAsync();
        Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        Assert.That(stored.GetProperty("tools").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "documents.read", "events.append" }));
    }

    [TestCase("model", null, "model")]
    [TestCase("timeoutSeconds", 0, "timeoutSeconds")]
    [TestCase("timeoutSeconds", 901, "timeoutSeconds")]
    [TestCase("maxAttempts", 11, "maxAttempts")]
    [TestCase("maxSteps", 65, "maxSteps")]
    [TestCase("maxConcurrentRuns", 0, "maxConcurrentRuns")]
    [TestCase("name", "", "name")]
    [TestCase("instructions", "", "instructions")]
    public async Task An_invalid_field_is_a_400_naming_it(string field, object? value, string errorKey)
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent(change: b => b[field] = value));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(errorKey, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Unknown_providers_tools_and_bad_triggers_are_400s_naming_the_member()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent(change: b =>
        {
            b["model"] = new { provider = "skynet", temperature = 3 };
            b["tools"] = new[] { "shell.exec" };
            b["triggers"] = new[] { new { eventType = "not valid", streamPrefix = "a b" } };
        }));

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.That(
            errors.EnumerateObject().Select(e => e.Name),
            Is.SupersetOf(new[] { "model.provider", "model.temperature", "tools[0]", "triggers[0].eventType", "triggers[0].streamPrefix" }));
    }

    [Test]
    public async Task An_openai_agent_is_a_422_when_the_provider_is_not_configured()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Agents:OpenAI:BaseUrl"] = "" });
        using var http = await new TestAuth(factory).PartnerClientAsync(AllAgentScopes);

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent(change: b => b["model"] = new { provider = "openai" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("provider-not-configured"));
    }

    [Test]
    public async Task A_client_cannot_give_an_agent_a_tool_whose_scope_it_lacks()
    {
        using var http = await Auth.PartnerClientAsync("agents:write", "agents:read", "documents:read");

        var response = await http.PostAsJsonAsync("/api/v1/agents", Agent(change: b => b["tools"] = new[] { "documents.read", "events.append" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("events:write"));
        var list = await (await http.GetAsync("/api/v1/agents")).ReadJsonAsync();
        Assert.That(list.GetProperty("items").GetArrayLength(), Is.Zero, "nothing half-written");
    }

    [Test]
    public async Task Names_are_unique_per_tenant_and_free_again_after_a_delete()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        using var other = await Auth.PartnerClientAsync(AllAgentScopes);
        var first = await http.CreateAgentOkAsync(Agent("same"));

        var duplicate = await http.PostAsJsonAsync("/api/v1/agents", Agent("same"));
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await other.CreateAgentOkAsync(Agent("same"));

        var deleted = await http.DeleteAsync($"/api/v1/agents/{first.GetProperty("id").GetGuid()}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await http.CreateAgentOkAsync(Agent("same"));
    }

    [Test]
    public async Task Replacing_needs_if_match_and_bumps_the_version()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var id = (await http.CreateAgentOkAsync(Agent("v"))).GetProperty("id").GetGuid();
        var url = $"/api/v1/agents/{id}";

        var missing = await http.PutAsJsonAsync(url, Agent("v", b => b["maxSteps"] = 8));
        await missing.AssertProblemAsync(HttpStatusCode.PreconditionRequired);

        var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Agent("v", b => b["maxSteps"] = 8)) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        (await (await http.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion");

        var current = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Agent("v2", b => b["maxSteps"] = 8)) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var replaced = await http.SendAsync(current);
        var body = await replaced.ReadJsonAsync();

        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(replaced.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        Assert.That((body.GetProperty("name").GetString(), body.GetProperty("maxSteps").GetInt32(), body.GetProperty("version").GetInt64()), Is.EqualTo(("v2", 8, 2L)));
    }

    [Test]
    public async Task A_deleted_agent_is_gone_from_reads_and_lists()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        var id = (await http.CreateAgentOkAsync(Agent("gone"))).GetProperty("id").GetGuid();

        Assert.That((await http.DeleteAsync($"/api/v1/agents/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await (await http.GetAsync($"/api/v1/agents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"/api/v1/agents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await http.GetAsync("/api/v1/agents")).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Another_tenant_cannot_see_change_or_delete_an_agent()
    {
        using var owner = await Auth.PartnerClientAsync(AllAgentScopes);
        using var stranger = await Auth.PartnerClientAsync(AllAgentScopes);
        var id = (await owner.CreateAgentOkAsync(Agent("mine"))).GetProperty("id").GetGuid();

        await (await stranger.GetAsync($"/api/v1/agents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/agents/{id}") { Content = JsonContent.Create(Agent("theirs")) };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        await (await stranger.SendAsync(put)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/v1/agents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await stranger.GetAsync("/api/v1/agents")).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That((await owner.GetAsync($"/api/v1/agents/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Listing_pages_through_every_agent_once()
    {
        using var http = await Auth.PartnerClientAsync(AllAgentScopes);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await http.CreateAgentOkAsync(Agent(name));
        }

        var first = await (await http.GetAsync("/api/v1/agents?limit=2")).ReadJsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await http.GetAsync($"/api/v1/agents?limit=2&cursor={cursor}")).ReadJsonAsync();

        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(a => a.GetProperty("name").GetString());
        Assert.That(names, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Reading_needs_agents_read_and_writing_needs_agents_write()
    {
        using var reader = await Auth.PartnerClientAsync("agents:read");
        using var writer = await Auth.PartnerClientAsync("agents:write");

        await (await reader.PostAsJsonAsync("/api/v1/agents", Agent())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await writer.GetAsync("/api/v1/agents")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
