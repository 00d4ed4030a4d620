namespace EventAgents.WebApi.Contracts;

/// <summary>The header that tells a retried write it was answered from the first one's result.</summary>
public static class IdempotencyHeaders
{
    public const string Replayed = "Idempotent-Replayed";
}
