namespace EventAgents.Application.Webhooks;

/// <summary>A new subscription with its signing secret (<c>whsec_…</c>), shown this once.</summary>
public sealed record CreatedWebhookDto(WebhookDto Webhook, string Secret);
