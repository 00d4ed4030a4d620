using System.Diagnostics;
using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Load;

/// <summary>
/// Reads back what the load wrote, through the API, and checks the write promises: every acknowledged event exactly once
/// at its acknowledged version, no batch partly stored, gapless stream versions, each event once in the tenant's global log,
/// every acknowledged document version stored with its marker, and every accepted run at a final status.
/// </summary>
public sealed class LedgerVerifier(ApiSession session, Uri baseUrl, WriteLedger ledger, Verdict verdict)
{
    public async Task VerifyAsync(string streamPrefix, TimeSpan runDeadline, CancellationToken cancellationToken)
    {
        var stored = await VerifyStreamsAsync(cancellationToken);
        await VerifyGlobalLogAsync(streamPrefix, stored, cancellationToken);
        await VerifyDocumentsAsync(cancellationToken);
        await VerifyRunsAsync(runDeadline, cancellationToken);
    }

    private async Task<Dictionary<Guid, StoredEvent>> VerifyStreamsAsync(CancellationToken cancellationToken)
    {
        var stored = new Dictionary<Guid, StoredEvent>();
        var duplicates = 0;
        var gaps = 0;
        foreach (var stream in ledger.Appends.Select(a => a.Stream).Distinct())
        {
            var events = await ReadStreamAsync(stream, cancellationToken);
            gaps += events.Where((e, i) => e.Version != i + 1).Any() ? 1 : 0;
            foreach (var e in events)
            {
                duplicates += stored.TryAdd(e.EventId, e) ? 0 : 1;
            }
        }

        var lost = 0;
        var misplaced = 0;
        var partial = 0;
        foreach (var attempt in ledger.Appends)
        {
            var present = attempt.EventIds.Count(stored.ContainsKey);
            if (attempt.Acknowledged)
            {
                lost += attempt.EventIds.Count - present;
                misplaced += attempt.EventIds.Where((id, i) => stored.TryGetValue(id, out var e) && e.Version != attempt.FromVersion + i).Count();
            }
            else if (present != 0 && present != attempt.EventIds.Count)
            {
                partial++;
            }
        }

        verdict.Figure($"{ledger.AcknowledgedAppends} acknowledged appends ({ledger.AcknowledgedEvents} events, {stored.Count} stored)")
            .Expect(lost == 0, $"{lost} acknowledged events missing")
            .Expect(duplicates == 0, $"{duplicates} events stored twice")
            .Expect(misplaced == 0, $"{misplaced} events not at their acknowledged version")
            .Expect(partial == 0, $"{partial} batches partly stored")
            .Expect(gaps == 0, $"{gaps} streams with version gaps");
        return stored;
    }

    private async Task VerifyGlobalLogAsync(string streamPrefix, Dictionary<Guid, StoredEvent> stored, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        long after = 0;
        var repeated = 0;
        var outOfOrder = 0;
        while (true)
        {
            var page = await session.GetJsonAsync(baseUrl, $"/api/v1/events?after={after}&limit=1000&streamPrefix={streamPrefix}", cancellationToken);
            foreach (var e in page.GetProperty("items").EnumerateArray())
            {
                var position = e.GetProperty("position").GetInt64();
                outOfOrder += position <= after ? 1 : 0;
                after = position;
                repeated += seen.Add(e.GetProperty("eventId").GetGuid()) ? 0 : 1;
            }

            if (!(page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String))
            {
                break;
            }
        }

        var missing = stored.Keys.Count(id => !seen.Contains(id));
        verdict.Expect(repeated == 0 && outOfOrder == 0, $"global log: {repeated} repeated, {outOfOrder} out of order")
            .Expect(missing == 0 && seen.Count == stored.Count, $"global log has {seen.Count} events, streams {stored.Count} ({missing} missing)");
    }

    private async Task VerifyDocumentsAsync(CancellationToken cancellationToken)
    {
        var missing = 0;
        var wrong = 0;
        var stale = 0;
        var gaps = 0;
        foreach (var group in ledger.Documents.Where(d => d.Acknowledged).GroupBy(d => d.Id))
        {
            var history = await ReadStreamAsync($"doc:{WriteLoad.Collection}:{group.Key}", cancellationToken);
            gaps += history.Where((e, i) => e.Version != i + 1).Any() ? 1 : 0;
            var byVersion = history.ToDictionary(e => e.Version);
            foreach (var write in group)
            {
                if (!byVersion.TryGetValue(write.Version, out var stored))
                {
                    missing++;
                    Console.Error.WriteLine($"{group.Key}: acknowledged version {write.Version} is not in its history of {history.Count}");
                }
                else if (!stored.Data.Contains(write.Marker, StringComparison.Ordinal))
                {
                    wrong++;
                    Console.Error.WriteLine($"{group.Key}: version {write.Version} holds {stored.Data}, acknowledged with marker {write.Marker}");
                }
            }

            var document = await session.GetJsonAsync(baseUrl, $"/api/v1/collections/{WriteLoad.Collection}/documents/{group.Key}", cancellationToken);
            if (document.GetProperty("version").GetInt64() != history.Count)
            {
                stale++;
                Console.Error.WriteLine($"{group.Key}: read version {document.GetProperty("version").GetInt64()}, history has {history.Count}");
            }
        }

        verdict.Figure($"{ledger.AcknowledgedDocuments} acknowledged document writes")
            .Expect(missing == 0, $"{missing} acknowledged document versions missing")
            .Expect(wrong == 0, $"{wrong} acknowledged document versions hold other data")
            .Expect(stale == 0, $"{stale} documents read at another version than their history's last")
            .Expect(gaps == 0, $"{gaps} document histories with gaps");
    }

    private async Task VerifyRunsAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        if (ledger.AcceptedRuns.IsEmpty)
        {
            return;
        }

        var pending = ledger.AcceptedRuns.Distinct().ToHashSet();
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0 && clock.Elapsed < deadline)
        {
            foreach (var runId in pending.ToArray())
            {
                var run = await session.GetJsonAsync(baseUrl, $"/api/v1/runs/{runId}", cancellationToken);
                if (Agents.IsFinal(run.GetProperty("status").GetString()))
                {
                    pending.Remove(runId);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(500, cancellationToken);
            }
        }

        var total = ledger.AcceptedRuns.Distinct().Count();
        verdict.Figure($"{total - pending.Count}/{total} accepted runs final after {clock.Elapsed.TotalSeconds:0.0} s")
            .Expect(pending.Count == 0, $"{pending.Count} accepted runs not final within {deadline.TotalSeconds} s");
    }

    private async Task<List<StoredEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        long from = 1;
        while (true)
        {
            using var response = await session.SendAsync(baseUrl, HttpMethod.Get, $"/api/v1/streams/{stream}/events?fromVersion={from}&limit=1000", null, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return events;
            }

            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var e in page.RootElement.GetProperty("items").EnumerateArray())
            {
                events.Add(new StoredEvent(e.GetProperty("eventId").GetGuid(), e.GetProperty("version").GetInt64(), e.GetProperty("data").GetRawText()));
            }

            if (page.RootElement.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
            {
                return events;
            }

            from = events[^1].Version + 1;
        }
    }

    private sealed record StoredEvent(Guid EventId, long Version, string Data);
}
