using EventAgents.Domain.Auth;
using EventAgents.Domain.Common;

namespace EventAgents.Domain.Clients;

/// <summary>
/// One service of a partner, authenticating with OAuth2 client credentials and one of its secrets (<see cref="ClientSecret"/>):
/// usually one, two or three while a rotation overlaps them. Only slow salted hashes of secrets are kept.
/// Clients are platform records (the admin API manages them across tenants), so they are not <see cref="ITenantOwned"/>.
/// </summary>
public sealed class ApiClient
{
    public const int MaxNameLength = 200;
    public const int MaxClientIdLength = 128;

    /// <summary>Valid secrets at once, at most: each one costs a hash verification on a failed token request.</summary>
    public const int MaxValidSecrets = 3;

    /// <summary>How long the previous secrets stay valid after a new one is added, unless the caller picks another time.</summary>
    public static readonly TimeSpan DefaultSecretOverlap = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxSecretOverlap = TimeSpan.FromDays(30);

    /// <summary>Expired and revoked secrets are listed for this long, then dropped at the next rotation.</summary>
    public static readonly TimeSpan SecretHistory = TimeSpan.FromDays(30);

    private readonly List<ClientSecret> _secrets = [];

    private ApiClient(string clientId, Guid tenantId, string name, string[] scopes, DateTimeOffset createdAt)
    {
        ClientId = clientId;
        TenantId = tenantId;
        Name = name;
        Scopes = scopes;
        CreatedAt = createdAt;
    }

    public string ClientId { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    public string[] Scopes { get; private set; }

    /// <summary>Every secret, oldest first: valid, expired and revoked (the last two for <see cref="SecretHistory"/>).</summary>
    public IReadOnlyList<ClientSecret> Secrets => _secrets;

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

        var client = new ApiClient(clientId, tenantId, name.Trim(), granted, now);
        client._secrets.Add(ClientSecret.Create(secretHash, Stored(now)));
        return client;
    }

    /// <summary>
    /// Adds a secret; the secrets valid now stay valid until <paramref name="previousExpireAt"/> (default in
    /// <see cref="DefaultSecretOverlap"/>; from now to <see cref="MaxSecretOverlap"/>), so deployments can switch over.
    /// </summary>
    public ClientSecret AddSecret(string secretHash, DateTimeOffset now, DateTimeOffset? previousExpireAt = null)
    {
        var expireAt = Stored(previousExpireAt ?? now + DefaultSecretOverlap);
        if (expireAt < now || expireAt > now + MaxSecretOverlap)
        {
            throw new DomainRuleException($"The previous secrets expire between now and {MaxSecretOverlap.TotalDays:0} days from now.");
        }

        if (IsRevoked)
        {
            throw new DomainRuleException("The client is revoked.");
        }

        var valid = _secrets.Where(s => s.IsValidAt(now)).ToList();
        if (valid.Count >= MaxValidSecrets)
        {
            throw new DomainRuleException($"A client has at most {MaxValidSecrets} valid secrets: revoke one first.");
        }

        _secrets.RemoveAll(s => !s.IsValidAt(now) && (s.RevokedAt ?? s.ExpiresAt) < now - SecretHistory);
        foreach (var secret in valid)
        {
            secret.ExpireBy(expireAt);
        }

        var added = ClientSecret.Create(secretHash, Stored(now));
        _secrets.Add(added);
        return added;
    }

    /// <summary>Revokes one secret at once; the client's only valid secret is not revoked (revoke the client instead).</summary>
    public SecretRevocation RevokeSecret(Guid secretId, DateTimeOffset now)
    {
        var secret = _secrets.FirstOrDefault(s => s.Id == secretId);
        if (secret is null)
        {
            return SecretRevocation.Unknown;
        }

        if (secret.IsValidAt(now) && _secrets.Count(s => s.IsValidAt(now)) == 1)
        {
            return SecretRevocation.LastValidSecret;
        }

        secret.Revoke(now);
        return SecretRevocation.Revoked;
    }

    /// <summary>
    /// The valid secret <paramref name="presented"/> matches (newest first), its use recorded; null when none does or the
    /// client is revoked. <paramref name="verify"/> checks a presented secret against a stored hash.
    /// </summary>
    public ClientSecret? Authenticate(string presented, Func<string, string, bool> verify, DateTimeOffset now, out bool useRecorded)
    {
        useRecorded = false;
        foreach (var secret in _secrets.Where(s => s.IsValidAt(now)).OrderByDescending(s => s.CreatedAt))
        {
            if (verify(secret.Hash, presented))
            {
                useRecorded = !IsRevoked && secret.MarkUsed(now);
                return IsRevoked ? null : secret;
            }
        }

        return null;
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

    /// <summary>A time as PostgreSQL keeps it (microseconds), so what an answer shows is what a later read shows.</summary>
    private static DateTimeOffset Stored(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), time.Offset);
}
