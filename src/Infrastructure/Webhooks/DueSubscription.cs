namespace EventAgents.Infrastructure.Webhooks;

/// <summary>A subscription taken for one delivery step, its secret unprotected for signing.</summary>
internal sealed record DueSubscription(
    Guid Id, Guid TenantId, Uri Url, string[] EventTypes, string? StreamPrefix, string Secret, long Cursor, int ConsecutiveFailures,
    string[] HiddenStreamPatterns);
