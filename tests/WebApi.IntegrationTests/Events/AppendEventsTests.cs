using System.Net;
using System.Text;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Events;

public sealed class AppendEventsTests : ApiTest
{
    private HttpClient _writer = null!;

    [SetUp]
    public async Task CreateWriter() => _writer = await Auth.PartnerClientAsync("events:read", "events:write");

    [TearDown]
    public void DisposeWriter() => _writer.Dispose();

    [Test]
    public async Task Appending_returns_201_with_versions_positions_and_a_location()
    {
        var response = await _writer.AppendAsync("order-17", new { events = new[] { Event("order.placed"), Event("order.paid") } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("streamId").GetString(), Is.EqualTo("order-17"));
            Assert.That(body.GetProperty("fromVersion").GetInt64(), Is.EqualTo(1));
            Assert.That(body.GetProperty("toVersion").GetInt64(), Is.EqualTo(2));
            Assert.That(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()), Is.EqualTo(new[] { 1L, 2L }));
            Assert.That(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()), Is.EqualTo(new[] { 1L, 2L }));
            Assert.That(body.GetProperty("events")[0].GetProperty("eventId").GetGuid().Version, Is.EqualTo(7));
            Assert.That(response.Headers.Location?.PathAndQuery, Is.EqualTo("/api/v1/streams/order-17/events?fromVersion=1"));
            Assert.That(response.Headers.Location?.IsAbsoluteUri, Is.True);
        });

        var more = await _writer.AppendOkAsync("order-17", Event("order.shipped"));
        Assert.That(more.GetProperty("fromVersion").GetInt64(), Is.EqualTo(3));
        Assert.That(more.GetProperty("events")[0].GetProperty("position").GetInt64(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_service_adds_correlation_and_client_to_metadata_and_keeps_client_keys()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/streams/meta-1/events")
        {
            Content = new StringContent(
                """{"events":[{"type":"x.y","data":{"a":1},"metadata":{"source":"erp","clientId":"spoofed"}}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-ID", "corr-123");
        Assert.That((await _writer.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var stored = await (await _writer.GetAsync("/api/v1/streams/meta-1/events")).ReadJsonAsync();
        var metadata = stored.GetProperty("items")[0].GetProperty("metadata");
        Assert.Multiple(() =>
        {
            Assert.That(metadata.GetProperty("source").GetString(), Is.EqualTo("erp"));
            Assert.That(metadata.GetProperty("correlationId").GetString(), Is.EqualTo("corr-123"));
            Assert.That(metadata.GetProperty("clientId").GetString(), Does.StartWith("c").And.Not.EqualTo("spoofed"));
            Assert.That(stored.GetProperty("items")[0].GetProperty("data").GetProperty("a").GetInt32(), Is.EqualTo(1));
        });
    }

    [TestCase("-leading-dash", "streamId")]
    [TestCase("has%20space", "streamId")]
    [TestCase("doc:orders:1", "streamId")]
    [TestCase("run:123", "streamId")]
    public async Task Invalid_or_system_stream_ids_are_400(string streamId, string field)
    {
        var response = await _writer.PostAsync($"/api/v1/streams/{streamId}/events", Json("""{"events":[{"type":"a","data":{}}]}"""));

        await AssertFieldErrorAsync(response, field);
    }

    [Test]
    public async Task A_stream_id_longer_than_200_characters_is_400()
    {
        var response = await _writer.AppendAsync(new string('s', 201), new { events = new[] { Event() } });

        await AssertFieldErrorAsync(response, "streamId");
    }

    [TestCase("""{"expectedVersion":-1,"events":[{"type":"a","data":{}}]}""", "expectedVersion")]
    [TestCase("""{"events":[]}""", "events")]
    [TestCase("""{}""", "events")]
    [TestCase("""{"events":[{"type":"","data":{}}]}""", "events[0].type")]
    [TestCase("""{"events":[{"type":"9lives","data":{}}]}""", "events[0].type")]
    [TestCase("""{"events":[{"type":"has space","data":{}}]}""", "events[0].type")]
    [TestCase("""{"events":[{"type":"a","data":[1,2]}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"a","data":"text"}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"a"}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"a","data":{"s":"nul\u0000here"}}]}""", "events[0].data")]
    [TestCase("""{"events":[{"type":"a","data":{},"metadata":[1]}]}""", "events[0].metadata")]
    [TestCase("""{"events":[{"type":"a","data":{}},{"type":"b","data":{}, "eventId":"not-a-uuid"}]}""", "events[1].eventId")]
    [TestCase("""{"events":[{"type":"a","data":{},"eventId":"00000000-0000-0000-0000-000000000000"}]}""", "events[0].eventId")]
    [TestCase("""{"events":[{"type":"a","data":{},"eventId":"0190e6d6-0000-7000-8000-000000000001"},{"type":"b","data":{},"eventId":"0190e6d6-0000-7000-8000-000000000001"}]}""", "events")]
    public async Task Each_field_rule_is_a_400_naming_the_field(string body, string field)
    {
        var response = await _writer.PostAsync("/api/v1/streams/valid-stream/events", Json(body));

        await AssertFieldErrorAsync(response, field);
        Assert.That(await TestDatabase.CountAsync("es_events"), Is.Zero);
    }

    [Test]
    public async Task A_type_longer_than_128_characters_and_more_than_100_events_are_400()
    {
        var longType = await _writer.AppendAsync("s", new { events = new[] { Event(new string('t', 129)) } });
        var tooMany = await _writer.AppendAsync("s", new { events = Enumerable.Range(0, 101).Select(_ => Event()).ToArray() });

        await AssertFieldErrorAsync(longType, "events[0].type");
        await AssertFieldErrorAsync(tooMany, "events");
    }

    [Test]
    public async Task A_batch_with_one_invalid_event_stores_nothing()
    {
        var response = await _writer.AppendAsync("atomic-1", new { events = new[] { Event("ok.one"), Event("ok.two"), Event("bad type") } });

        await AssertFieldErrorAsync(response, "events[2].type");
        Assert.That((await _writer.GetAsync("/api/v1/streams/atomic-1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await TestDatabase.CountAsync("es_events"), Is.Zero);
    }

    [Test]
    public async Task Expected_version_0_creates_and_then_conflicts_with_the_current_version()
    {
        var created = await _writer.AppendAsync("ev-0", new { expectedVersion = 0, events = new[] { Event() } });
        var again = await _writer.AppendAsync("ev-0", new { expectedVersion = 0, events = new[] { Event() } });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/wrong-expected-version"));
        Assert.That(problem.GetProperty("currentVersion").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Expected_version_N_appends_when_it_matches_and_conflicts_when_it_does_not()
    {
        await _writer.AppendOkAsync("ev-n", Event(), Event());

        var stale = await _writer.AppendAsync("ev-n", new { expectedVersion = 1, events = new[] { Event() } });
        var exact = await _writer.AppendAsync("ev-n", new { expectedVersion = 2, events = new[] { Event() } });
        var missing = await _writer.AppendAsync("ev-missing", new { expectedVersion = 3, events = new[] { Event() } });

        var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));
        Assert.That(exact.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await exact.ReadJsonAsync()).GetProperty("fromVersion").GetInt64(), Is.EqualTo(3));
        Assert.That((await missing.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("currentVersion").GetInt64(), Is.Zero);
        Assert.That((await _writer.GetAsync("/api/v1/streams/ev-missing")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Retrying_an_identical_batch_returns_the_original_result_and_stores_nothing()
    {
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var batch = new { events = new[] { Event("a.b", new { n = 1 }, ids[0]), Event("a.c", new { n = 2 }, ids[1]) } };
        var first = await _writer.AppendAsync("retry-1", batch);
        await _writer.AppendOkAsync("retry-1", Event());

        var retry = await _writer.AppendAsync("retry-1", batch);

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await TestDatabase.CountAsync("es_events"), Is.EqualTo(3));
    }

    [Test]
    public async Task Reusing_an_event_id_with_other_content_or_in_another_stream_is_409_and_stores_nothing()
    {
        var id = Guid.CreateVersion7();
        await _writer.AppendOkAsync("owner-stream", Event("a.b", new { n = 1 }, id));

        var otherData = await _writer.AppendAsync("owner-stream", new { events = new[] { Event("a.b", new { n = 2 }, id) } });
        var otherStream = await _writer.AppendAsync("another-stream", new { events = new[] { Event("x.new"), Event("a.b", new { n = 1 }, id) } });

        var problem = await otherData.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/event-id-conflict"));
        await otherStream.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await TestDatabase.CountAsync("es_events"), Is.EqualTo(1));
        Assert.That((await _writer.GetAsync("/api/v1/streams/another-stream")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Sixteen_concurrent_appends_with_the_same_expected_version_let_exactly_one_through()
    {
        await _writer.AppendOkAsync("contended", Event(), Event(), Event());

        var attempts = Enumerable.Range(0, 16).Select(i =>
            _writer.AppendAsync("contended", new { expectedVersion = 3, events = new[] { Event("attempt", new { i }), Event("attempt", new { i }) } }));
        var responses = await Task.WhenAll(attempts);

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(15));
        var stream = await (await _writer.GetAsync("/api/v1/streams/contended/events?limit=1000")).ReadJsonAsync();
        Assert.That(stream.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()), Is.EqualTo(new[] { 1L, 2, 3, 4, 5 }));
        Assert.That(stream.GetProperty("version").GetInt64(), Is.EqualTo(5));
    }

    [Test]
    public async Task Appending_needs_the_events_write_scope()
    {
        using var reader = await Auth.PartnerClientAsync("events:read");

        var response = await reader.AppendAsync("s", new { events = new[] { Event() } });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, $"expected an error for '{field}': {errors}");
    }
}
