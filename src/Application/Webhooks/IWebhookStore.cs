namespace EventAgents.Application.Webhooks;

/// <summary>Webhook subscriptions and deliveries of a tenant.</summary>
public interface IWebhookStore
{
    /// <summary>
    /// Subscribes unless the tenant already has <paramref name="maxPerTenant"/> subscriptions (then null). The creating
    /// client's scopes are kept: events of system streams are delivered only when they covered what those streams hold.
    /// </summary>
    Task<WebhookDto?> CreateAsync(
        Guid tenantId, Guid id, WebhookChange settings, string secret, IReadOnlyCollection<string> creatorScopes, int maxPerTenant,
        CancellationToken cancellationToken);

    Task<WebhookDto?> GetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookDto>> ListAsync(Guid tenantId, Guid? afterId, int limit, CancellationToken cancellationToken);

    Task<WebhookDto?> UpdateAsync(Guid tenantId, Guid id, WebhookChange change, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken cancellationToken);

    Task<bool> SetSecretAsync(Guid tenantId, Guid id, string secret, CancellationToken cancellationToken);

    Task<string?> GetSecretAsync(Guid tenantId, Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first, strictly before <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<DeliveryDto>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, string? status, Guid? beforeId, int limit, CancellationToken cancellationToken);
}
