namespace EventAgents.Application.Clients;

/// <summary>Whether a client may still use its tokens; cached briefly so token validation rarely touches the database.</summary>
public interface IClientStatusCache
{
    /// <summary>Registered here and not revoked.</summary>
    ValueTask<bool> IsActiveAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Registered here and revoked; false for a client this service does not know (an external issuer's).</summary>
    ValueTask<bool> IsRevokedAsync(string clientId, CancellationToken cancellationToken);

    void Invalidate(string clientId);
}
