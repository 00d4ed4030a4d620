namespace EventAgents.Application.Webhooks;

/// <summary>One event's delivery to a subscription, with every attempt.</summary>
public sealed record DeliveryDto(
    Guid Id,
    string MessageId,
    Guid? EventId,
    long? Position,
    string EventType,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<DeliveryAttemptDto> Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
