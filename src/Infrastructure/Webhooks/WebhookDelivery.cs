using EventAgents.Application.Events;
using EventAgents.Domain.Webhooks;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>One event on its way to one subscription: its webhook-id, attempts so far and when the first one was made.</summary>
internal sealed record WebhookDelivery(Guid Id, string MessageId, int Attempts, DateTimeOffset? FirstAttemptAt, EventDto Event)
{
    public WebhookDeliveryState StateWith(int consecutiveFailures) => new(Attempts, FirstAttemptAt, consecutiveFailures);
}
