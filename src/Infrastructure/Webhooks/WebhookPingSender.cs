using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Webhooks;
using EventAgents.Domain.Webhooks;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>Sends a signed <c>webhook.ping</c> right away, once, through the same guarded client as deliveries.</summary>
internal sealed class WebhookPingSender(IWebhookStore webhooks, WebhookClient client, TimeProvider clock) : IWebhookSender
{
    public async Task<PingResultDto> PingAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var webhook = await webhooks.GetAsync(tenantId, subscriptionId, cancellationToken) ?? throw WebhookErrors.NotFound(subscriptionId);
        var secret = await webhooks.GetSecretAsync(tenantId, subscriptionId, cancellationToken) ?? throw WebhookErrors.NotFound(subscriptionId);
        var now = clock.GetUtcNow();
        var body = JsonSerializer.Serialize(new { type = WebhookRules.PingEventType, timestamp = now, data = new { webhookId = subscriptionId } }, JsonDefaults.Web);
        using var request = new WebhookMessage("msg_ping_" + Guid.CreateVersion7(now).ToString("N"), body).ToRequest(new Uri(webhook.Url), secret, now);
        return WebhookClient.ToPing(await client.SendAsync(request, cancellationToken));
    }
}
