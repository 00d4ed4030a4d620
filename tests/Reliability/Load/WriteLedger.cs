using System.Collections.Concurrent;

namespace EventAgents.Reliability.Load;

/// <summary>Every write the load attempted and whether the API acknowledged it (2xx); unacknowledged outcomes are unknown.</summary>
public sealed class WriteLedger
{
    public ConcurrentBag<AppendAttempt> Appends { get; } = [];

    public ConcurrentBag<DocumentWrite> Documents { get; } = [];

    public ConcurrentBag<Guid> AcceptedRuns { get; } = [];

    public int AcknowledgedAppends => Appends.Count(a => a.Acknowledged);

    public int AcknowledgedEvents => Appends.Where(a => a.Acknowledged).Sum(a => a.EventIds.Count);

    public int AcknowledgedDocuments => Documents.Count(d => d.Acknowledged);
}

public sealed record AppendAttempt(string Stream, IReadOnlyList<Guid> EventIds, bool Acknowledged, long FromVersion);

public sealed record DocumentWrite(string Id, string Marker, bool Acknowledged, long Version);
