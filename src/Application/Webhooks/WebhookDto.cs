namespace EventAgents.Application.Webhooks;

/// <summary>A webhook subscription (its secret is shown only when created or rotated).</summary>
public sealed record WebhookDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? StreamPrefix,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
