using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// Two API instances on one database, with traffic spread over both at once: optimistic version checks admit exactly one
/// writer per version, idempotent retries (appends and run starts) store once, every run executes exactly once, and webhook
/// deliveries arrive in position order.
/// </summary>
public sealed class TwoInstancesSuite : ISuite
{
    private const int ContendedStreams = 10;
    private const int Rounds = 8;
    private const int Contenders = 6;
    private const int IdempotentRetries = 20;
    private const int Runs = 40;
    private const int WebhookEvents = 200;

    public string Name => "two-instances";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        await using var model = await FakeModel.StartAsync(TimeSpan.FromMilliseconds(100));
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await deployment.StartInstanceAsync("instance-a", model.Settings, cancellationToken);
        var b = await deployment.StartInstanceAsync("instance-b", model.Settings, cancellationToken);
        Uri[] instances = [a.BaseUrl, b.BaseUrl];
        var session = await ApiSession.NewTenantAsync(deployment, a.BaseUrl, "two-instances", cancellationToken);
        var agentId = await Agents.CreateAsync(session, a.BaseUrl, "two-instances-agent", cancellationToken);
        await session.SendJsonAsync(b.BaseUrl, HttpMethod.Post, "/api/v1/webhooks",
            new { url = receiver.Url, eventTypes = new[] { "*" }, streamPrefix = "wh-" }, cancellationToken);

        var runTokens = new ConcurrentDictionary<Guid, string>();
        await Task.WhenAll(
            VersionChecksAsync(session, instances, verdict, cancellationToken),
            IdempotentAppendsAsync(session, instances, verdict, cancellationToken),
            IdempotentRunStartsAsync(session, instances, agentId, runTokens, verdict, cancellationToken),
            RunStartsAsync(session, instances, agentId, runTokens, cancellationToken),
            WebhookTrafficAsync(session, instances, cancellationToken));

        await ExactlyOnceRunsAsync(session, a.BaseUrl, model, runTokens, verdict, cancellationToken);
        await WebhookOrderAsync(session, a.BaseUrl, receiver, verdict, cancellationToken);
        verdict.Figure($"{session.Retried} answers were 503 (load shed under these bursts of up to ~190 concurrent requests on two fresh instances) and were sent again after Retry-After");
    }

    private static async Task VersionChecksAsync(ApiSession session, Uri[] instances, Verdict verdict, CancellationToken cancellationToken)
    {
        var badRounds = 0;
        var unexpected = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, ContendedStreams).Select(async stream =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var expected = round;
                var statuses = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(async contender =>
                {
                    using var response = await session.SendRetryingAsync(instances[contender % 2], HttpMethod.Post, $"/api/v1/streams/cc-{stream}/events",
                        new { expectedVersion = expected, events = new[] { new { eventId = Guid.CreateVersion7(), type = "contended.won", data = new { contender } } } },
                        cancellationToken);
                    return (int)response.StatusCode;
                }));
                if (statuses.Count(s => s == 201) != 1 || statuses.Count(s => s == 409) != Contenders - 1)
                {
                    Interlocked.Increment(ref badRounds);
                    foreach (var status in statuses.Where(s => s is not 201 and not 409))
                    {
                        unexpected.Add(status);
                    }
                }
            }
        }));

        var wrongVersions = 0;
        for (var stream = 0; stream < ContendedStreams; stream++)
        {
            var state = await session.GetJsonAsync(instances[stream % 2], $"/api/v1/streams/cc-{stream}", cancellationToken);
            wrongVersions += state.GetProperty("version").GetInt64() == Rounds ? 0 : 1;
        }

        verdict.Figure($"version checks: {ContendedStreams * Rounds} rounds of {Contenders} concurrent conditional appends over both instances, {badRounds} without exactly one winner")
            .Expect(badRounds == 0, $"{badRounds} rounds did not have exactly one 201 and {Contenders - 1} × 409 (other statuses: {string.Join(",", unexpected.Distinct())})")
            .Expect(wrongVersions == 0, $"{wrongVersions} contended streams not at version {Rounds}");
    }

    private static async Task IdempotentAppendsAsync(ApiSession session, Uri[] instances, Verdict verdict, CancellationToken cancellationToken)
    {
        var inconsistent = 0;
        for (var batch = 0; batch < IdempotentRetries; batch++)
        {
            var body = new { events = Enumerable.Range(0, 3).Select(i => new { eventId = Guid.CreateVersion7(), type = "retried.append", data = new { i } }).ToArray() };
            var stream = $"idem-{batch % 5}";
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async retry =>
            {
                using var response = await session.SendRetryingAsync(instances[retry % 2], HttpMethod.Post, $"/api/v1/streams/{stream}/events", body, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(text).RootElement.GetProperty("fromVersion").GetInt64() : -(int)response.StatusCode;
            }));
            inconsistent += answers.Distinct().Count() == 1 && answers[0] > 0 ? 0 : 1;
        }

        long stored = 0;
        for (var stream = 0; stream < 5; stream++)
        {
            stored += (await session.GetJsonAsync(instances[0], $"/api/v1/streams/idem-{stream}", cancellationToken)).GetProperty("version").GetInt64();
        }

        verdict.Figure($"idempotent appends: {IdempotentRetries} batches sent 4× at once over both instances, {stored} events stored")
            .Expect(inconsistent == 0, $"{inconsistent} retried batches got different answers")
            .Expect(stored == IdempotentRetries * 3, $"{stored} events stored for {IdempotentRetries * 3} distinct ones");
    }

    private static async Task IdempotentRunStartsAsync(
        ApiSession session, Uri[] instances, Guid agentId, ConcurrentDictionary<Guid, string> runTokens, Verdict verdict, CancellationToken cancellationToken)
    {
        var duplicated = 0;
        var unexpected = new ConcurrentBag<int>();
        for (var key = 0; key < IdempotentRetries; key++)
        {
            var token = FakeModel.NewRunToken();
            var idempotencyKey = Guid.NewGuid().ToString();
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async retry =>
            {
                using var response = await session.SendRetryingAsync(instances[retry % 2], HttpMethod.Post, $"/api/v1/agents/{agentId}/runs",
                    new { input = new { token } }, cancellationToken, request => request.Headers.Add("Idempotency-Key", idempotencyKey));
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode is not HttpStatusCode.Accepted and not HttpStatusCode.Conflict)
                {
                    unexpected.Add((int)response.StatusCode);
                }

                return response.StatusCode == HttpStatusCode.Accepted ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid() : Guid.Empty;
            }));
            var runIds = answers.Where(id => id != Guid.Empty).Distinct().ToList();
            duplicated += runIds.Count == 1 ? 0 : 1;
            foreach (var runId in runIds)
            {
                runTokens[runId] = token;
            }
        }

        verdict.Figure($"idempotent run starts: {IdempotentRetries} keys sent 4× at once over both instances")
            .Expect(duplicated == 0, $"{duplicated} idempotency keys produced other than one run")
            .Expect(unexpected.IsEmpty, $"run starts answered {string.Join(",", unexpected.Distinct())} (expected 202, or 409 while the first is in flight)");
    }

    private static async Task RunStartsAsync(
        ApiSession session, Uri[] instances, Guid agentId, ConcurrentDictionary<Guid, string> runTokens, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, Runs).Select(async i =>
        {
            var token = FakeModel.NewRunToken();
            runTokens[await Agents.StartRunAsync(session, instances[i % 2], agentId, token, cancellationToken)] = token;
        }));

    private static async Task ExactlyOnceRunsAsync(
        ApiSession session, Uri baseUrl, FakeModel model, ConcurrentDictionary<Guid, string> runTokens, Verdict verdict, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var statuses = new Dictionary<Guid, JsonElement>();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            foreach (var runId in runTokens.Keys.Where(id => !statuses.ContainsKey(id)))
            {
                var run = await Agents.GetRunAsync(session, baseUrl, runId, cancellationToken);
                if (Agents.IsFinal(run.GetProperty("status").GetString()))
                {
                    statuses[runId] = run;
                }
            }

            if (statuses.Count == runTokens.Count)
            {
                break;
            }

            await Task.Delay(300, cancellationToken);
        }

        var notOnce = runTokens.Count(pair => !model.CallsByToken.TryGetValue(pair.Value, out var calls) || calls != 1);
        var notSucceeded = statuses.Values.Count(run => run.GetProperty("status").GetString() != "succeeded" || run.GetProperty("attempt").GetInt32() != 1);
        verdict.Figure($"exactly-once runs: {runTokens.Count} runs executed by the workers of both instances, {statuses.Count} final in {clock.Elapsed.TotalSeconds:0.0} s")
            .Expect(statuses.Count == runTokens.Count, $"{runTokens.Count - statuses.Count} runs not final")
            .Expect(notOnce == 0, $"{notOnce} runs did not call the model exactly once")
            .Expect(notSucceeded == 0, $"{notSucceeded} runs did not succeed on their first attempt");
    }

    private static async Task WebhookTrafficAsync(ApiSession session, Uri[] instances, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (var i = writer; i < WebhookEvents; i += 8)
            {
                await session.SendJsonAsync(instances[i % 2], HttpMethod.Post, $"/api/v1/streams/wh-{i % 5}/events",
                    new { events = new[] { new { eventId = Guid.CreateVersion7(), type = "hooked.happened", data = new { i } } } }, cancellationToken);
            }
        }));

    private static async Task WebhookOrderAsync(ApiSession session, Uri baseUrl, WebhookReceiver receiver, Verdict verdict, CancellationToken cancellationToken)
    {
        var expected = new HashSet<Guid>();
        var page = await session.GetJsonAsync(baseUrl, "/api/v1/events?after=0&limit=1000&streamPrefix=wh-", cancellationToken);
        foreach (var e in page.GetProperty("items").EnumerateArray())
        {
            expected.Add(e.GetProperty("eventId").GetGuid());
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !expected.IsSubsetOf(receiver.Deliveries.Select(d => d.EventId)))
        {
            await Task.Delay(200, cancellationToken);
        }

        var deliveries = receiver.Deliveries;
        var distinct = deliveries.Where((d, i) => i == 0 || d.EventId != deliveries[i - 1].EventId).ToList();
        var outOfOrder = distinct.Where((d, i) => i > 0 && d.Position <= distinct[i - 1].Position).Count();
        var missing = expected.Count(id => !deliveries.Any(d => d.EventId == id));
        verdict.Figure($"webhooks: {expected.Count} events appended over both instances, {deliveries.Count} deliveries, {outOfOrder} out of position order")
            .Expect(expected.Count == WebhookEvents, $"{expected.Count} webhook events stored, {WebhookEvents} appended")
            .Expect(missing == 0, $"{missing} events not delivered within 60 s")
            .Expect(outOfOrder == 0, $"{outOfOrder} deliveries out of position order");
    }
}
