using EventAgents.Domain.Auth;
using EventAgents.Domain.Common;

namespace EventAgents.Domain.Clients;

/// <summary>
/// One service of a partner, authenticating with OAuth2 client credentials. Only a slow salted hash of its secret is kept.
/// Clients are platform records (the admin API manages them across tenants), so they are not <see cref="ITenantOwned"/>.
/// </summary>
public sealed class ApiClient
{
    public const int MaxNameLength = 200;
    public const int MaxClientIdLength = 128;

    private ApiClient(string clientId, Guid tenantId, string name, string[] scopes, string secretHash, DateTimeOffset createdAt)
    {
        ClientId = clientId;
        TenantId = tenantId;
        Name = name;
        Scopes = scopes;
        SecretHash = secretHash;
        CreatedAt = createdAt;
    }

    public string ClientId { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    public string[] Scopes { get; private set; }

    public string SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static ApiClient Create(
        string clientId, Guid tenantId, string name, IEnumerable<string> scopes, string secretHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretHash);
        var granted = scopes.Distinct(StringComparer.Ordinal).ToArray();
        if (granted.Length == 0 || !granted.All(Auth.Scopes.IsKnown))
        {
            throw new ArgumentException("A client needs at least one known scope.", nameof(scopes));
        }

        if (granted.Contains(Auth.Scopes.Admin) && tenantId != Tenants.Tenant.PlatformId)
        {
            throw new DomainRuleException("Only clients of the platform tenant may hold the 'admin' scope.");
        }

        return new ApiClient(clientId, tenantId, name.Trim(), granted, secretHash, now);
    }

    /// <summary>Revokes the client; revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>
    /// The scopes a token may carry: all granted ones when none are asked for, otherwise the requested subset;
    /// null when any requested scope is not granted.
    /// </summary>
    public IReadOnlyList<string>? GrantFor(IReadOnlyCollection<string> requested)
    {
        if (requested.Count == 0)
        {
            return Scopes;
        }

        return requested.All(s => Scopes.Contains(s, StringComparer.Ordinal)) ? requested.Distinct(StringComparer.Ordinal).ToArray() : null;
    }
}
