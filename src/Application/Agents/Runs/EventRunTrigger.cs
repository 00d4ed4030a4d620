namespace EventAgents.Application.Agents.Runs;

/// <summary>Queued by an appended event that matched one of the agent's triggers.</summary>
/// <param name="EventId">The event.</param>
/// <param name="EventType">Its type.</param>
/// <param name="StreamId">Its stream.</param>
/// <param name="Position">Its position in the tenant's global log.</param>
public sealed record EventRunTrigger(Guid EventId, string EventType, string StreamId, long Position) : RunTrigger
{
    public const string Kind = "event";
}
