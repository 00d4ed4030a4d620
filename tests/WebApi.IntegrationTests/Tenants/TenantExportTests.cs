using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Tenants;

/// <summary>
/// Tenant exports (GDPR art. 20): a background job whose NDJSON content is consistent as of one global-log position while
/// writes go on, downloadable in resumable byte ranges, without secrets, for the tenant's own tenant:export clients and admins.
/// </summary>
public sealed class TenantExportTests : ApiTest
{
    [Test]
    public async Task An_export_under_concurrent_writes_holds_exactly_the_log_up_to_its_position_and_a_state_of_that_same_moment()
    {
        var partner = await Auth.CreatePartnerAsync("tenant:export", "events:read", "events:write", "documents:read", "documents:write", "webhooks:manage");
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        await http.AppendOkAsync("order-1", Event("order.placed", new { total = 10 }));
        await http.PutOkAsync("orders", "o-1", new { status = "open" });
        var webhook = await (await http.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.com/hook", eventTypes = new[] { "x" } })).ReadJsonAsync();
        await http.AppendOkAsync("gone", Event("a"));
        (await http.DeleteAsync("/api/v1/streams/gone")).EnsureSuccessStatusCode();

        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                await http.AppendOkAsync("busy", Event("tick", new { i }));
                await http.PutOkAsync("counters", "busy", new { i });
            }
        });
        await Task.Delay(300);
        var export = await StartAndWaitAsync(http, partner.TenantId);
        await stop.CancelAsync();
        await writes;

        var content = await http.GetAsync($"{ExportUrl(partner.TenantId, export)}/content");
        var bytes = await content.Content.ReadAsByteArrayAsync();
        Assert.That(content.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(content.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(content.Headers.ETag?.Tag, Is.EqualTo($"\"{export.GetProperty("sha256").GetString()}\""));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(export.GetProperty("sha256").GetString()));
        Assert.That(bytes.LongLength, Is.EqualTo(export.GetProperty("byteCount").GetInt64()));

        var lines = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var position = lines[0].GetProperty("position").GetInt64();
        Assert.That(position, Is.EqualTo(export.GetProperty("position").GetInt64()));
        Assert.That(lines[^1].GetProperty("kind").GetString(), Is.EqualTo("end"));
        Assert.That(lines[^1].GetProperty("lines").GetInt64(), Is.EqualTo(lines.Count));
        var events = Kind(lines, "event");
        var log = (await http.ReadAllAsync()).Where(e => e.GetProperty("position").GetInt64() <= position && e.GetProperty("streamId").GetString() != "gone").ToList();
        Assert.That(events.Select(e => e.GetProperty("eventId").GetGuid()), Is.EqualTo(log.Select(e => e.GetProperty("eventId").GetGuid())),
            "every event up to the position, in order, and none after it");
        var busyEvents = events.Count(e => e.GetProperty("streamId").GetString() == "busy");
        Assert.That(Kind(lines, "stream").Single(s => s.GetProperty("streamId").GetString() == "busy").GetProperty("version").GetInt64(), Is.EqualTo(busyEvents),
            "the stream's version is of the same moment as the events");
        var counter = Kind(lines, "document").Single(d => d.GetProperty("id").GetString() == "busy");
        var counterEvents = events.Count(e => e.GetProperty("streamId").GetString() == "doc:counters:busy");
        Assert.That(counter.GetProperty("version").GetInt64(), Is.EqualTo(counterEvents), "the document is of the same moment as the log");
        Assert.That(Kind(lines, "stream").Select(s => s.GetProperty("streamId").GetString()), Has.None.EqualTo("gone"), "deleted streams are not exported");
        Assert.That(Kind(lines, "webhook").Single().GetProperty("url").GetString(), Is.EqualTo("https://example.com/hook"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.That(text, Does.Not.Contain(webhook.GetProperty("secret").GetString()!), "no secret is exported");
        Assert.That(text, Does.Not.Contain(partner.ClientSecret));
    }

    [Test]
    public async Task A_download_resumes_with_byte_ranges_and_if_range()
    {
        var partner = await Auth.CreatePartnerAsync("tenant:export", "events:write");
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        for (var i = 0; i < 10; i++)
        {
            await http.AppendOkAsync($"order-{i}", Event("order.placed", new { note = new string('x', 300) }));
        }

        var export = await StartAndWaitAsync(http, partner.TenantId);
        var url = $"{ExportUrl(partner.TenantId, export)}/content";
        var whole = await (await http.GetAsync(url)).Content.ReadAsByteArrayAsync();
        Assert.That(whole.Length, Is.GreaterThan(3000), "several stored chunks (Exports:ChunkBytes is 1024 in tests)");

        var from = 1500;
        var resume = new HttpRequestMessage(HttpMethod.Get, url);
        resume.Headers.Range = new RangeHeaderValue(from, null);
        resume.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{export.GetProperty("sha256").GetString()}\""));
        var partial = await http.SendAsync(resume);
        var tail = await partial.Content.ReadAsByteArrayAsync();

        Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(partial.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes {from}-{whole.Length - 1}/{whole.Length}"));
        Assert.That(whole.Take(from).Concat(tail), Is.EqualTo(whole), "the first part and the resumed rest make the whole");

        var middle = new HttpRequestMessage(HttpMethod.Get, url);
        middle.Headers.Range = new RangeHeaderValue(1000, 2100);
        Assert.That(await (await http.SendAsync(middle)).Content.ReadAsByteArrayAsync(), Is.EqualTo(whole.Skip(1000).Take(1101)), "a range across chunks");

        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.Range = new RangeHeaderValue(from, null);
        stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"other\""));
        var restarted = await http.SendAsync(stale);
        Assert.That(restarted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "If-Range of other content: the whole again");

        var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new RangeHeaderValue(whole.Length + 10, null);
        var unsatisfiable = await http.SendAsync(beyond);
        Assert.That(unsatisfiable.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(unsatisfiable.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes */{whole.Length}"));
    }

    [Test]
    public async Task Exports_are_for_the_tenants_own_exporting_clients_and_admins_only()
    {
        var alice = await Auth.CreatePartnerAsync("tenant:export", "events:write");
        using var aliceHttp = await Auth.ClientWithTokenAsync(alice.ClientId, alice.ClientSecret);
        var bob = await Auth.CreatePartnerAsync("tenant:export", "events:write");
        using var bobHttp = await Auth.ClientWithTokenAsync(bob.ClientId, bob.ClientSecret);
        var carol = await Auth.CreatePartnerAsync("events:write");
        using var carolHttp = await Auth.ClientWithTokenAsync(carol.ClientId, carol.ClientSecret);
        var export = await StartAndWaitAsync(aliceHttp, alice.TenantId);

        await (await bobHttp.PostAsync($"/api/v1/tenants/{alice.TenantId}/exports", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bobHttp.GetAsync(ExportUrl(alice.TenantId, export))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bobHttp.GetAsync($"{ExportUrl(alice.TenantId, export)}/content")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bobHttp.GetAsync(ExportUrl(bob.TenantId, export))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await carolHttp.PostAsync($"/api/v1/tenants/{carol.TenantId}/exports", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await Admin.GetAsync(ExportUrl(alice.TenantId, export))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var byAdmin = await Admin.PostAsync($"/api/v1/tenants/{bob.TenantId}/exports", null);
        Assert.That(byAdmin.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(byAdmin.Headers.Location?.ToString(), Does.Contain($"/api/v1/tenants/{bob.TenantId}/exports/"));
        await (await Admin.PostAsync($"/api/v1/tenants/{Guid.NewGuid()}/exports", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static string ExportUrl(Guid tenantId, JsonElement export) => $"/api/v1/tenants/{tenantId}/exports/{export.GetProperty("id").GetGuid()}";

    private static List<JsonElement> Kind(IEnumerable<JsonElement> lines, string kind) =>
        lines.Where(l => l.GetProperty("kind").GetString() == kind).ToList();

    private static async Task<JsonElement> StartAndWaitAsync(HttpClient http, Guid tenantId)
    {
        var started = await http.PostAsync($"/api/v1/tenants/{tenantId}/exports", null);
        var export = await started.ReadJsonAsync();
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), export.ToString());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (export.GetProperty("status").GetString() is "pending" or "running")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the export did not finish");
            await Task.Delay(100);
            export = await (await http.GetAsync(ExportUrl(tenantId, export))).ReadJsonAsync();
        }

        Assert.That(export.GetProperty("status").GetString(), Is.EqualTo("succeeded"), export.ToString());
        return export;
    }
}
