namespace EventAgents.WebApi.Contracts.Webhooks;

/// <summary>Changes to a subscription; members left out stay as they are (an empty <c>streamPrefix</c> removes it).</summary>
/// <param name="Url">A new target URL.</param>
/// <param name="EventTypes">New event types.</param>
/// <param name="StreamPrefix">A new stream prefix; "" removes it.</param>
/// <param name="Description">A new description.</param>
/// <param name="Enabled">false pauses deliveries; true resumes them (and resets the failure count).</param>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? StreamPrefix, string? Description, bool? Enabled);
