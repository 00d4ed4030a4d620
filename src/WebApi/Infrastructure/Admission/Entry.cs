namespace EventAgents.WebApi.Infrastructure.Admission;

internal enum EntryOutcome
{
    Admitted,
    Queued,
    Rejected,
}

/// <summary>The answer to a request for a slot: it holds one, it waits (<see cref="Waiter"/>), or it is shed.</summary>
internal readonly record struct Entry(EntryOutcome Outcome, AdmissionLane.Waiter? Waiter)
{
    public static Entry Admitted => new(EntryOutcome.Admitted, null);

    public static Entry Rejected => new(EntryOutcome.Rejected, null);
}
