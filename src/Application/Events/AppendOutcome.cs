namespace EventAgents.Application.Events;

/// <summary>What an append stored (or, for an idempotent retry, had stored before).</summary>
public sealed record AppendOutcome(string StreamId, IReadOnlyList<AppendedEvent> Events, bool Replayed)
{
    public long FromVersion => Events[0].Version;

    public long ToVersion => Events[^1].Version;

    public long LastPosition => Events[^1].Position;
}
