using System.Diagnostics;
using System.Net.Mime;
using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Load;

/// <summary>
/// Concurrent partner traffic that writes: appends of 1–3 events with client-chosen ids, document replaces with a unique
/// marker, document reads, and (with an agent) run starts; every write lands in the ledger with whether it was acknowledged.
/// </summary>
public sealed class WriteLoad(ApiSession session, WriteLedger ledger, OutcomeLog log, Func<int, Uri> target)
{
    private volatile bool _paused;
    private int _inFlight;

    public const string Collection = "reliability";

    public string StreamPrefix { get; init; } = "rel-";

    public int Streams { get; init; } = 40;

    public int DocumentIds { get; init; } = 200;

    /// <summary>When set, one operation in twenty starts a run of this agent.</summary>
    public Guid? AgentId { get; init; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>No new request starts while paused; those already sent run to their end.</summary>
    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, stop), CancellationToken.None)));

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var random = new Random(worker * 7919 + Environment.TickCount);
        while (!stop.IsCancellationRequested)
        {
            if (_paused)
            {
                await Delay(10, stop);
                continue;
            }

            var outcome = await NextAsync(target(worker), random);
            if (outcome.NoAnswer)
            {
                await Delay(25, stop);
            }
        }
    }

    /// <summary>One request of the mix, to <paramref name="baseUrl"/>.</summary>
    public async Task<Outcome> NextAsync(Uri baseUrl, Random random) => random.Next(100) switch
    {
        < 5 when AgentId is { } agentId => await StartRunAsync(baseUrl, agentId),
        < 55 => await AppendAsync(baseUrl, random),
        < 85 => await PutDocumentAsync(baseUrl, random),
        _ => await GetDocumentAsync(baseUrl, random),
    };

    /// <summary>
    /// Open loop: requests start at <paramref name="ratePerSecond"/> whatever the answers do, as independent callers would;
    /// beyond <paramref name="maxOutstanding"/> unanswered requests the caller gives up on a request (counted, not sent).
    /// </summary>
    public async Task<long> RunOpenLoopAsync(Uri baseUrl, double ratePerSecond, TimeSpan duration, int maxOutstanding, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        long started = 0;
        long dropped = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            for (var due = (long)(clock.Elapsed.TotalSeconds * ratePerSecond); started < due; started++)
            {
                if (InFlight >= maxOutstanding)
                {
                    dropped++;
                    continue;
                }

                running.Add(Task.Run(() => NextAsync(baseUrl, Random.Shared), CancellationToken.None));
            }

            running.RemoveAll(task => task.IsCompleted);
            await Task.Delay(1, CancellationToken.None);
        }

        await Task.WhenAll(running);
        return dropped;
    }

    private async Task<Outcome> AppendAsync(Uri baseUrl, Random random)
    {
        var stream = $"{StreamPrefix}{random.Next(Streams)}";
        var ids = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Guid.CreateVersion7()).ToArray();
        var body = new { events = ids.Select((id, i) => new { eventId = id, type = "reliability.appended", data = new { index = i, of = ids.Length } }) };
        var (outcome, json) = await SendAsync(baseUrl, HttpMethod.Post, $"/api/v1/streams/{stream}/events", body);
        ledger.Appends.Add(new AppendAttempt(stream, ids, outcome.Acknowledged, outcome.Acknowledged ? json.GetProperty("fromVersion").GetInt64() : 0));
        return outcome;
    }

    private async Task<Outcome> PutDocumentAsync(Uri baseUrl, Random random)
    {
        var id = $"d-{random.Next(DocumentIds)}";
        var marker = Guid.NewGuid().ToString("N");
        var (outcome, json) = await SendAsync(baseUrl, HttpMethod.Put, $"/api/v1/collections/{Collection}/documents/{id}", new { data = new { marker } });
        ledger.Documents.Add(new DocumentWrite(id, marker, outcome.Acknowledged, outcome.Acknowledged ? json.GetProperty("version").GetInt64() : 0));
        return outcome;
    }

    private async Task<Outcome> GetDocumentAsync(Uri baseUrl, Random random) =>
        (await SendAsync(baseUrl, HttpMethod.Get, $"/api/v1/collections/{Collection}/documents/d-{random.Next(DocumentIds)}", null)).Outcome;

    private async Task<Outcome> StartRunAsync(Uri baseUrl, Guid agentId)
    {
        var (outcome, json) = await SendAsync(baseUrl, HttpMethod.Post, $"/api/v1/agents/{agentId}/runs", new { input = new { token = FakeModel.NewRunToken() } });
        if (outcome.Acknowledged)
        {
            ledger.AcceptedRuns.Add(json.GetProperty("id").GetGuid());
        }

        return outcome;
    }

    private async Task<(Outcome Outcome, JsonElement Json)> SendAsync(Uri baseUrl, HttpMethod method, string path, object? body)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var response = await session.SendAsync(baseUrl, method, path, body);
            var text = await response.Content.ReadAsStringAsync();
            var outcome = new Outcome(
                startedAt, method != HttpMethod.Get, (int)response.StatusCode, clock.Elapsed,
                response.Content.Headers.ContentType?.MediaType == MediaTypeNames.Application.ProblemJson,
                response.Headers.RetryAfter is not null, null);
            log.Add(outcome);
            var json = outcome.Acknowledged && text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
            return (outcome, json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            var outcome = new Outcome(startedAt, method != HttpMethod.Get, 0, clock.Elapsed, false, false, e.GetBaseException().Message);
            log.Add(outcome);
            return (outcome, default);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task Delay(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
