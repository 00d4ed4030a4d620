namespace EventAgents.Application.Webhooks;

/// <summary>A subscription's settings as created or changed; null members of a change are left as they are.</summary>
public sealed record WebhookChange(string? Url, IReadOnlyList<string>? EventTypes, string? StreamPrefix, string? Description, bool? Enabled);
