using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Operations;

/// <summary>
/// Admission control as callers meet it: slow clients hold no slot, one tenant cannot take the service from another, only
/// the live streams bypass it, per-IP limits trust forwarded addresses only from configured proxies, and a stalled database
/// shrinks the limit and sheds with 503 + Retry-After, then recovers.
/// </summary>
[NonParallelizable]
public sealed partial class AdmissionControlTests : ApiTest
{
    /// <summary>The accepted-latency goal of the overload promise (docs/reliability.md).</summary>
    private static readonly TimeSpan P99Goal = TimeSpan.FromMilliseconds(500);

    /// <summary>The shipped admission settings, instead of the shared test host's unbounded queue.</summary>
    private static readonly Dictionary<string, string?> Shipped = new()
    {
        ["Overload:QueueLimit"] = "1024",
        ["Overload:MaxQueueMilliseconds"] = "5000",
    };

    [TestCase(16)]
    [TestCase(64)]
    public async Task Slow_anonymous_bodies_hold_no_slot_so_another_tenants_calls_are_served_on_time(int slowCallers)
    {
        await using var factory = KestrelFactory(Shipped);
        using var other = await new TestAuth(factory).PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");

        await AssertServedDespiteAsync(other, Enumerable.Range(0, slowCallers).Select(_ => SlowBodySender.StartAsync(
            ServerUri(factory), "POST", "/api/v1/auth/token", "application/x-www-form-urlencoded", bodyBytes: 8192, bytesPerSecond: 400)));
    }

    [TestCase(16)]
    [TestCase(64)]
    public async Task Slow_bodies_from_one_tenant_do_not_hold_up_another_tenant(int slowCallers)
    {
        await using var factory = KestrelFactory(Shipped);
        var auth = new TestAuth(factory);
        var slowTenant = await auth.CreatePartnerAsync("documents:write");
        var token = await auth.TokenAsync(slowTenant.ClientId, slowTenant.ClientSecret);
        using var other = await auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");

        await AssertServedDespiteAsync(other, Enumerable.Range(0, slowCallers).Select(i => SlowBodySender.StartAsync(
            ServerUri(factory), "PUT", $"/api/v1/collections/slow/documents/d{i}", "application/json", bodyBytes: 8192, bytesPerSecond: 400, token)));
    }

    [Test]
    public async Task A_document_whose_id_ends_in_live_is_limited_like_any_document_call_while_live_streams_bypass_the_limit()
    {
        await using var factory = SlowController.OneSlotHost();
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read", "documents:read", "documents:write");
        var holdingRead = http.GetAsync("/test/slow");
        var holdingWrite = http.PostAsync("/test/slow", null);
        await SlowController.WaitForEntriesAsync(2);

        var put = await http.PutAsync("notes", "live", new { text = "not a stream" });
        var get = await http.GetAsync(DocumentsApi.Url("notes", "live"));
        using var follow = await http.GetAsync("/api/v1/events/live", HttpCompletionOption.ResponseHeadersRead);
        SlowController.Release.TrySetResult();
        await Task.WhenAll(holdingRead, holdingWrite);

        await put.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        await get.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(follow.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the live stream holds no slot and is never shed");
        Assert.That(follow.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That((await http.PutAsync("notes", "live", new { text = "now" })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Per_ip_limits_ignore_forwarded_addresses_unless_they_come_from_a_trusted_proxy()
    {
        var limits = new Dictionary<string, string?> { ["RateLimit:TokenPermitsPerMinute"] = "1", ["RateLimit:TokenBurst"] = "2" };
        await using (var direct = KestrelFactory(limits))
        {
            using var http = direct.CreateClient();
            var statuses = new List<HttpStatusCode>();
            foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
            {
                statuses.Add(await TokenStatusAsync(http, ("X-Forwarded-For", address)));
            }

            Assert.That(statuses[2], Is.EqualTo(HttpStatusCode.TooManyRequests), "without a trusted proxy every caller counts as 127.0.0.1");
        }

        await using var proxied = KestrelFactory(new Dictionary<string, string?>(limits) { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" });
        using var client = proxied.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            await TokenStatusAsync(client, ("X-Forwarded-For", "203.0.113.1"));
        }

        Assert.That(await TokenStatusAsync(client, ("X-Forwarded-For", "203.0.113.1")), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await TokenStatusAsync(client, ("X-Forwarded-For", "203.0.113.2")), Is.EqualTo(HttpStatusCode.Unauthorized),
            "another forwarded address has a bucket of its own");
        for (var i = 0; i < 2; i++)
        {
            await TokenStatusAsync(client, ("Forwarded", "for=198.51.100.7;proto=https"));
        }

        Assert.That(await TokenStatusAsync(client, ("Forwarded", "for=198.51.100.7")), Is.EqualTo(HttpStatusCode.TooManyRequests),
            "an RFC 7239 Forwarded header counts too");
        Assert.That(await TokenStatusAsync(client, ("Forwarded", "for=\"[2001:db8::7]:4711\"")), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_stalled_database_shrinks_the_write_limit_sheds_with_retry_after_and_the_limit_recovers()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?>(Shipped) { ["Metrics:Prometheus"] = "true" });
        var auth = new TestAuth(factory);
        var partner = await auth.CreatePartnerAsync("events:read", "events:write");
        using var http = await auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var scraper = factory.CreateClient();
        await AppendLoadAsync(http, writers: 32, TimeSpan.FromSeconds(3));
        var before = await WriteLimitAsync(scraper);

        await using var blocker = new NpgsqlConnection(ApiFactory.ConnectionString);
        await blocker.OpenAsync();
        await using var stall = await blocker.BeginTransactionAsync();
        await using (var lockLog = new NpgsqlCommand("SELECT 1 FROM es_tenant_logs WHERE tenant_id = @tenant FOR UPDATE", blocker, stall))
        {
            lockLog.Parameters.AddWithValue("tenant", partner.TenantId);
            await lockLog.ExecuteScalarAsync();
        }

        var stalledAt = Stopwatch.StartNew();
        var sent = new List<Task<HttpResponseMessage>>();
        HttpResponseMessage? shed = null;
        while (shed is null && stalledAt.Elapsed < TimeSpan.FromSeconds(15))
        {
            sent.AddRange(Enumerable.Range(0, 10).Select(i => http.AppendAsync($"stalled-{sent.Count + i}", new { events = new[] { Event() } })));
            await Task.Delay(100);
            shed = sent.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).FirstOrDefault(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        var shedAfter = stalledAt.Elapsed;
        var during = await WriteLimitAsync(scraper);
        await stall.RollbackAsync();
        var answers = await Task.WhenAll(sent);

        Assert.That(shed, Is.Not.Null, "nothing was shed while the database stalled every write");
        await shed!.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(shed.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(shedAfter, Is.LessThan(TimeSpan.FromSeconds(10)), "shedding starts within a bounded time of the stall");
        Assert.That(during, Is.LessThan(before), $"the write limit shrank (before {before}, during {during})");
        Assert.That(answers.Select(a => a.StatusCode).Distinct(), Is.SubsetOf(new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));

        await AppendLoadAsync(http, writers: 32, TimeSpan.FromSeconds(3), retryShed: true);
        var after = await WriteLimitAsync(scraper);
        Assert.That(after, Is.GreaterThan(during), $"the limit grows again once the database is fast (during {during}, after {after})");
    }

    [Test]
    public async Task Readiness_reports_degraded_while_most_requests_are_shed()
    {
        await using var factory = SlowController.OneSlotHost();
        using var admin = await TestAuth.AdminClientAsync(factory);
        using var anonymous = factory.CreateClient();
        var holding = admin.GetAsync("/test/slow");
        await SlowController.WaitForEntriesAsync(1);

        var shed = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => admin.GetAsync("/api/v1/tenants")));
        await Task.Delay(TimeSpan.FromSeconds(1.3)); // the shed share is sampled once a second
        var ready = await anonymous.GetAsync("/health/ready");
        SlowController.Release.TrySetResult();
        await holding;

        Assert.That(shed.All(r => r.StatusCode == HttpStatusCode.ServiceUnavailable), Is.True);
        var body = await ready.ReadJsonAsync();
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an overloaded instance stays in rotation");
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("degraded"), body.ToString());
        var admission = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "admission");
        Assert.That(admission.GetProperty("status").GetString(), Is.EqualTo("degraded"));
    }

    /// <summary>
    /// While the slow callers trickle their bodies, another tenant's mixed load is served on time; then Kestrel cuts the slow
    /// callers off.
    /// </summary>
    private static async Task AssertServedDespiteAsync(HttpClient other, IEnumerable<Task<SlowBodySender>> starting)
    {
        var slow = await Task.WhenAll(starting);
        try
        {
            var load = await MixedLoadAsync(other, TimeSpan.FromSeconds(2.5));

            Assert.That(slow.Count(s => s.ClosedByServer.Task.IsCompleted), Is.Zero, "the slow bodies were still arriving during the load");
            AssertServedOnTime(load);
            await AssertCutOffAsync(slow);
        }
        finally
        {
            await DisposeAllAsync(slow);
        }
    }

    private static ApiFactory KestrelFactory(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new ApiFactory(settings: settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static Uri ServerUri(ApiFactory factory) =>
        new(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<HttpStatusCode> TokenStatusAsync(HttpClient http, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "nobody",
                ["client_secret"] = "wrong",
            }),
        };
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Eight callers of another tenant appending, writing and reading documents and reading streams for a while.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan Took)>> MixedLoadAsync(HttpClient http, TimeSpan duration)
    {
        var outcomes = new List<(HttpStatusCode, TimeSpan)>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async caller =>
        {
            for (var i = 0; stop.Elapsed < duration; i++)
            {
                var took = Stopwatch.StartNew();
                using var response = (i % 4) switch
                {
                    0 => await http.AppendAsync($"load-{caller}", new { events = new[] { Event() } }),
                    1 => await http.PutAsync("load", $"{caller}-{i}", new { n = i }),
                    2 => await http.GetAsync($"/api/v1/streams/load-{caller}/events"),
                    _ => await http.GetAsync(DocumentsApi.Url("load", $"{caller}-{i - 2}")),
                };
                lock (outcomes)
                {
                    outcomes.Add((response.StatusCode, took.Elapsed));
                }
            }
        }));
        return outcomes;
    }

    private static void AssertServedOnTime(List<(HttpStatusCode Status, TimeSpan Took)> load)
    {
        var failed = load.Where(o => (int)o.Status >= 300).Select(o => o.Status).ToList();
        Assert.That(failed, Is.Empty, "the other tenant's calls all succeed");
        var sorted = load.Select(o => o.Took).Order().ToList();
        var p99 = sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1];
        Assert.That(load, Has.Count.GreaterThan(50), "the other tenant made progress");
        Assert.That(p99, Is.LessThan(P99Goal), $"p99 of the other tenant's calls, over {load.Count}");
    }

    /// <summary>Kestrel's minimum body rate cuts each slow caller off, with a 408, once the grace period is over.</summary>
    private static async Task AssertCutOffAsync(SlowBodySender[] slow)
    {
        var answers = await Task.WhenAll(slow.Select(s => s.ClosedByServer.Task)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(answers.Where(a => a.Length > 0).Select(a => a.Split(' ')[1]).Distinct(), Is.EquivalentTo(new[] { "408" }));
    }

    private static async Task DisposeAllAsync(IEnumerable<SlowBodySender> senders)
    {
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }
    }

    /// <summary>Writers appending for a while; with <paramref name="retryShed"/> they send a 503 again after its Retry-After, as partners are told to.</summary>
    private static async Task AppendLoadAsync(HttpClient http, int writers, TimeSpan duration, bool retryShed = false)
    {
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            for (var i = 0; stop.Elapsed < duration; i++)
            {
                using var response = await http.AppendAsync($"warm-{writer}", new { events = new[] { Event() } });
                if (retryShed && response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }

                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }
        }));
    }

    private static async Task<int> WriteLimitAsync(HttpClient scraper)
    {
        var scrape = await scraper.GetStringAsync("/metrics");
        var match = WriteLimit().Match(scrape);
        Assert.That(match.Success, Is.True, "the write limit is exported");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^eventagents_admission_limit\{[^}]*class="write"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex WriteLimit();
}
