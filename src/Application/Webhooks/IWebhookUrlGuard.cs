namespace EventAgents.Application.Webhooks;

/// <summary>Server-side request forgery protection for webhook targets.</summary>
public interface IWebhookUrlGuard
{
    /// <summary>Why the URL may not be called (its host resolves to a private, loopback, link-local… address), or null.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
