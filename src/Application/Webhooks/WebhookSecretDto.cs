namespace EventAgents.Application.Webhooks;

/// <summary>A new signing secret, shown this once; the old one stops signing at once.</summary>
public sealed record WebhookSecretDto(string Secret);
