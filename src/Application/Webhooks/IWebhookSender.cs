namespace EventAgents.Application.Webhooks;

/// <summary>Sends one signed message to a subscription right away (used by ping).</summary>
public interface IWebhookSender
{
    Task<PingResultDto> PingAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken);
}
