using System.Net;
using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Load;

/// <summary>
/// The data lifecycle in the crash mix: streams of their own (<c>lc-</c>) are written, then trimmed to their last event
/// (maxCount, removed by the scavenger), soft-deleted (scavenged too) or erased — each retried until it was acknowledged,
/// as the operations are idempotent. The verification: every acknowledged change holds after the kills, erased payloads are
/// nowhere in the global log, the scavenger removed what the others hide, and (LedgerVerifier) no other stream lost a write.
/// </summary>
public sealed class LifecycleLoad(ApiSession session, Func<Uri> target)
{
    private readonly List<(string Stream, string Action)> _done = [];

    public int Done => _done.Count;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var stream = $"lc-{n}";
            var action = (n % 3) switch { 0 => "trim", 1 => "delete", _ => "erase" };
            var events = Enumerable.Range(1, 3).Select(i => new { type = "lc.written", data = new { marker = Marker(stream), i } }).ToArray();
            if (!await UntilAcknowledgedAsync(HttpMethod.Post, $"/api/v1/streams/{stream}/events", new { expectedVersion = 0, events }, stop, HttpStatusCode.Conflict)
                || !await UntilAcknowledgedAsync(
                    action == "trim" ? HttpMethod.Put : HttpMethod.Delete,
                    action switch { "trim" => $"/api/v1/streams/{stream}/metadata", "delete" => $"/api/v1/streams/{stream}", _ => $"/api/v1/streams/{stream}?mode=erase" },
                    action == "trim" ? new { maxCount = 1 } : null,
                    stop))
            {
                return;
            }

            lock (_done)
            {
                _done.Add((stream, action));
            }
        }
    }

    public async Task VerifyAsync(Verdict verdict, TimeSpan scavengeDeadline, CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        foreach (var (stream, action) in _done)
        {
            using var read = await session.SendRetryingAsync(target(), HttpMethod.Get, $"/api/v1/streams/{stream}/events", null, cancellationToken);
            var versions = read.IsSuccessStatusCode
                ? JsonDocument.Parse(await read.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList()
                : null;
            var holds = action switch
            {
                "trim" => versions is [3],
                _ => read.StatusCode == HttpStatusCode.NotFound,
            };
            if (action == "erase")
            {
                using var write = await session.SendRetryingAsync(target(), HttpMethod.Post, $"/api/v1/streams/{stream}/events", new { events = new[] { new { type = "lc.late", data = new { } } } }, cancellationToken);
                holds &= write.StatusCode == HttpStatusCode.Gone;
            }

            if (!holds)
            {
                wrong.Add($"{stream} ({action})");
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<string> leftovers;
        do
        {
            leftovers = await LeftoversAsync(cancellationToken);
        }
        while (leftovers.Count > 0 && clock.Elapsed < scavengeDeadline && await Pause(cancellationToken));

        verdict.Figure($"{_done.Count} lifecycle changes acknowledged ({_done.Count(d => d.Action == "trim")} trims, {_done.Count(d => d.Action == "delete")} soft deletes, {_done.Count(d => d.Action == "erase")} erasures)")
            .Expect(_done.Count > 0, "lifecycle changes were made under the kills")
            .Expect(wrong.Count == 0, $"{wrong.Count} acknowledged lifecycle changes do not hold: {string.Join(", ", wrong.Take(5))}")
            .Expect(leftovers.Count == 0, $"{leftovers.Count} things the scavenger or an erasure should have removed from the global log: {string.Join(", ", leftovers.Take(5))}");
    }

    private static string Marker(string stream) => $"marker-of-{stream}";

    /// <summary>What the global log still shows of the changed streams that it should not: payloads of erased events, events the scavenger should have removed.</summary>
    private async Task<List<string>> LeftoversAsync(CancellationToken cancellationToken)
    {
        var actions = _done.ToDictionary(d => d.Stream, d => d.Action);
        var leftovers = new List<string>();
        long after = 0;
        while (true)
        {
            var page = await session.GetJsonAsync(target(), $"/api/v1/events?after={after}&limit=1000&streamPrefix=lc-", cancellationToken);
            foreach (var e in page.GetProperty("items").EnumerateArray())
            {
                var stream = e.GetProperty("streamId").GetString()!;
                var kept = actions.GetValueOrDefault(stream) switch
                {
                    "erase" => e.GetProperty("type").GetString() == "$erased" && !e.ToString().Contains(Marker(stream), StringComparison.Ordinal),
                    "delete" => false,
                    "trim" => e.GetProperty("version").GetInt64() == 3,
                    _ => true,
                };
                if (!kept)
                {
                    leftovers.Add($"{stream} v{e.GetProperty("version").GetInt64()}");
                }
            }

            after = page.GetProperty("lastPosition").GetInt64();
            if (page.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
            {
                return leftovers;
            }
        }
    }

    private static async Task<bool> Pause(CancellationToken cancellationToken)
    {
        await Task.Delay(500, cancellationToken);
        return true;
    }

    /// <summary>Sends until a 2xx (or <paramref name="alsoDone"/>: an earlier attempt was stored before the answer was lost); false when stopped.</summary>
    private async Task<bool> UntilAcknowledgedAsync(HttpMethod method, string path, object? body, CancellationToken stop, HttpStatusCode? alsoDone = null)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await session.SendAsync(target(), method, path, body, CancellationToken.None);
                if (response.IsSuccessStatusCode || response.StatusCode == alsoDone)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The instance is being killed; the operation is idempotent, so it is simply sent again.
            }

            await Task.Delay(200, CancellationToken.None);
        }

        return false;
    }
}
