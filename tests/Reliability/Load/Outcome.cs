namespace EventAgents.Reliability.Load;

/// <summary>What one request came back with: a status (0 when no answer came) and how long it took.</summary>
public readonly record struct Outcome(DateTimeOffset StartedAt, bool IsWrite, int Status, TimeSpan Took, bool IsProblemJson, bool HasRetryAfter, string? Error)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    public bool NoAnswer => Status == 0;
}
