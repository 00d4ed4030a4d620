using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

public sealed class ReadStreamsTests : ApiTest
{
    private HttpClient _http = null!;

    [SetUp]
    public async Task CreateClient() => _http = await Auth.PartnerClientAsync("events:read", "events:write");

    [TearDown]
    public void DisposeClient() => _http.Dispose();

    [Test]
    public async Task A_stream_reports_its_version_and_times()
    {
        await _http.AppendOkAsync("info-1", Event(), Event());

        var stream = await (await _http.GetAsync("/api/v1/streams/info-1")).ReadJsonAsync();

        Assert.That(stream.GetProperty("streamId").GetString(), Is.EqualTo("info-1"));
        Assert.That(stream.GetProperty("version").GetInt64(), Is.EqualTo(2));
        Assert.That(stream.GetProperty("updatedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(stream.GetProperty("createdAt").GetDateTimeOffset()));
    }

    [Test]
    public async Task Unknown_streams_are_404()
    {
        await (await _http.GetAsync("/api/v1/streams/nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync("/api/v1/streams/nope/events")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Reading_forward_pages_with_the_next_cursor_until_the_end()
    {
        await _http.AppendOkAsync("paged", Enumerable.Range(1, 5).Select(i => Event("n", new { i })).ToArray());

        var first = await (await _http.GetAsync("/api/v1/streams/paged/events?limit=2")).ReadJsonAsync();
        var second = await (await _http.GetAsync($"/api/v1/streams/paged/events?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).ReadJsonAsync();
        var third = await (await _http.GetAsync($"/api/v1/streams/paged/events?limit=2&cursor={second.GetProperty("nextCursor").GetString()}")).ReadJsonAsync();

        Assert.That(Versions(first), Is.EqualTo(new[] { 1L, 2 }));
        Assert.That(Versions(second), Is.EqualTo(new[] { 3L, 4 }));
        Assert.That(Versions(third), Is.EqualTo(new[] { 5L }));
        Assert.That(third.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(5));
        Assert.That(first.GetProperty("items")[0].GetProperty("data").GetProperty("i").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Reading_backward_starts_at_the_end_or_at_from_version()
    {
        await _http.AppendOkAsync("back", Event(), Event(), Event(), Event());

        var latest = await (await _http.GetAsync("/api/v1/streams/back/events?direction=backward&limit=3")).ReadJsonAsync();
        var fromTwo = await (await _http.GetAsync("/api/v1/streams/back/events?direction=backward&fromVersion=2")).ReadJsonAsync();

        Assert.That(Versions(latest), Is.EqualTo(new[] { 4L, 3, 2 }));
        Assert.That(latest.GetProperty("nextCursor").GetString(), Is.EqualTo("1"));
        Assert.That(Versions(fromTwo), Is.EqualTo(new[] { 2L, 1 }));
        var rest = await (await _http.GetAsync("/api/v1/streams/back/events?direction=backward&limit=3&cursor=1")).ReadJsonAsync();
        Assert.That(Versions(rest), Is.EqualTo(new[] { 1L }));
        await (await _http.GetAsync("/api/v1/streams/back/events?cursor=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    [TestCase("direction=sideways", "direction")]
    [TestCase("fromVersion=0", "fromVersion")]
    public async Task Bad_read_parameters_are_400(string query, string field)
    {
        await _http.AppendOkAsync("params", Event());

        var problem = await (await _http.GetAsync($"/api/v1/streams/params/events?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Streams_are_listed_by_prefix_a_page_at_a_time()
    {
        foreach (var id in new[] { "order-1", "order-2", "order-3", "orders_x", "invoice-1" })
        {
            await _http.AppendOkAsync(id, Event());
        }

        var first = await (await _http.GetAsync("/api/v1/streams?prefix=order-&limit=2")).ReadJsonAsync();
        var second = await (await _http.GetAsync($"/api/v1/streams?prefix=order-&limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).ReadJsonAsync();
        var all = await (await _http.GetAsync("/api/v1/streams")).ReadJsonAsync();

        Assert.That(Ids(first).Concat(Ids(second)), Is.EqualTo(new[] { "order-1", "order-2", "order-3" }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(Ids(all), Is.EqualTo(new[] { "invoice-1", "order-1", "order-2", "order-3", "orders_x" }));
    }

    private static IEnumerable<long> Versions(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64());

    private static IEnumerable<string?> Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("streamId").GetString());
}
