namespace EventAgents.Domain.Agents;

/// <summary>
/// What a paused run waits for: its calls and the time by which all must be answered. <see cref="Settled"/>: the run went on
/// with the answers (they are kept, so the same answer posted again is still recognised).
/// </summary>
public sealed record RequiredAction(DateTimeOffset ExpiresAt, IReadOnlyList<PendingCall> Calls)
{
    public bool Settled { get; init; }

    public bool IsAnswered => Calls.All(call => call.Answer is not null);
}
