namespace EventAgents.WebApi.Contracts.Webhooks;

/// <summary>A new webhook subscription.</summary>
/// <param name="Url">Where deliveries are POSTed: an absolute http(s) URL that resolves to a public address.</param>
/// <param name="EventTypes">The event types to deliver (1–50), or <c>["*"]</c> for all.</param>
/// <param name="StreamPrefix">Only events of streams starting with this prefix.</param>
/// <param name="Description">Free text, up to 1,000 characters.</param>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? StreamPrefix, string? Description);
