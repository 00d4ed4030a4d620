namespace EventAgents.Application.Clients;

/// <summary>Whether a client may still use its tokens; cached briefly so token validation rarely touches the database.</summary>
public interface IClientStatusCache
{
    ValueTask<bool> IsActiveAsync(string clientId, CancellationToken cancellationToken);

    void Invalidate(string clientId);
}
