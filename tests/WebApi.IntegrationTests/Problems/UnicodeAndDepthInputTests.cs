using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Problems;

/// <summary>JSON that System.Text.Json parses but PostgreSQL or a later read cannot take: a clear 400, never a 500 (issue #16).</summary>
public sealed class UnicodeAndDepthInputTests : ApiTest
{
    private static readonly string[] Scopes = ["events:read", "events:write", "documents:read", "documents:write", "agents:read", "agents:write", "agents:run"];

    [TestCase("""{"events":[{"type":"x","data":{"a":"\ud800"}}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"x","data":{"\udc00":1}}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"x","data":{},"metadata":{"a":["ok","x\ud800y"]}}]}""", "events[0].metadata")]
    public async Task An_unpaired_surrogate_in_an_append_is_a_400_and_nothing_is_stored(string body, string field)
    {
        using var http = await Auth.PartnerClientAsync(Scopes);

        var response = await http.PostAsync("/api/v1/streams/s-1/events", Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That((await http.GetAsync("/api/v1/streams/s-1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_surrogate_pair_is_fine()
    {
        using var http = await Auth.PartnerClientAsync(Scopes);

        var response = await http.PostAsync("/api/v1/streams/s-1/events", Json("""{"events":[{"type":"x","data":{"a":"\ud83d\ude00"}}]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var events = await (await http.GetAsync("/api/v1/streams/s-1/events")).ReadJsonAsync();
        Assert.That(events.GetProperty("items")[0].GetProperty("data").GetProperty("a").GetString(), Is.EqualTo("😀"));
    }

    [Test]
    public async Task Document_writes_run_inputs_and_filters_with_an_unpaired_surrogate_are_400s()
    {
        using var http = await Auth.PartnerClientAsync(Scopes);
        await http.PutOkAsync("orders", "o-1", new { status = "open" });
        var agent = (await http.CreateAgentOkAsync(AgentsApi.Agent())).GetProperty("id").GetGuid();

        var put = await http.PutAsync(DocumentsApi.Url("orders", "o-2"), Json("""{"data":{"a":"\ud800"}}"""));
        var patch = await http.PatchAsync(DocumentsApi.Url("orders", "o-1"),
            new StringContent("""{"a":"\udfff"}""", Encoding.UTF8, "application/merge-patch+json"));
        var create = await http.PostAsync("/api/v1/collections/orders/documents", Json("""{"data":{"x":"\ud800"}}"""));
        var run = await http.PostAsync($"/api/v1/agents/{agent}/runs", Json("""{"input":"\ud800"}"""));
        var where = await http.GetAsync("/api/v1/collections/orders/documents?where[status]=%22%5Cud800%22");

        await put.AssertProblemAsync(HttpStatusCode.BadRequest);
        await patch.AssertProblemAsync(HttpStatusCode.BadRequest);
        await create.AssertProblemAsync(HttpStatusCode.BadRequest);
        await run.AssertProblemAsync(HttpStatusCode.BadRequest);
        var filter = await where.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(filter.GetProperty("errors").GetProperty("where[status]")[0].GetString(), Does.Contain("surrogate"));
        var current = await (await http.GetAsync(DocumentsApi.Url("orders", "o-1"))).ReadJsonAsync();
        Assert.That(current.GetProperty("version").GetInt64(), Is.EqualTo(1), "the refused patch changed nothing");
        Assert.That((await http.GetAsync($"/api/v1/runs?agentId={agent}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await (await http.GetAsync($"/api/v1/runs?agentId={agent}")).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_merge_patch_that_takes_a_document_to_depth_64_can_be_read_back_at_that_version()
    {
        using var http = await Auth.PartnerClientAsync(Scopes);
        await http.PutOkAsync("deep", "d-1", new { x = 1 });
        var patch = new StringBuilder();
        for (var i = 0; i < 63; i++)
        {
            patch.Append("{\"a\":");
        }

        patch.Append('1').Append('}', 63);

        var patched = await http.PatchAsync(DocumentsApi.Url("deep", "d-1"), new StringContent(patch.ToString(), Encoding.UTF8, "application/merge-patch+json"));
        var atVersion = await http.GetAsync(DocumentsApi.Url("deep", "d-1") + "?version=2");
        var history = await http.GetAsync(DocumentsApi.Url("deep", "d-1") + "/history");

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        Assert.That(atVersion.StatusCode, Is.EqualTo(HttpStatusCode.OK), await atVersion.Content.ReadAsStringAsync());
        Assert.That((await atVersion.ReadJsonAsync()).GetProperty("data").GetProperty("a").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
        Assert.That(history.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
