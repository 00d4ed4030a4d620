namespace EventAgents.Application.Common.Outbound;

/// <summary>
/// Server-side request forgery protection for every URL a partner gives the service to call (webhook targets today, tool servers
/// later): one guard, checked when the URL is written and again at each connection.
/// </summary>
public interface IOutboundUrlGuard
{
    /// <summary>Why the URL may not be called (its host resolves to a private, loopback, link-local… address), or null.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
