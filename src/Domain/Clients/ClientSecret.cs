namespace EventAgents.Domain.Clients;

/// <summary>
/// One of a client's secrets; only a slow salted hash of it is kept. A secret is valid until it is revoked or, once a newer one
/// was added, until the expiry chosen then (the overlap that lets a partner roll its deployments without downtime).
/// </summary>
public sealed class ClientSecret
{
    /// <summary>How stale <see cref="LastUsedAt"/> may be: a token request records its use at most once per interval.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ClientSecret(Guid id, string hash, DateTimeOffset createdAt)
    {
        Id = id;
        Hash = hash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Hash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static ClientSecret Create(string hash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        return new ClientSecret(Guid.CreateVersion7(now), hash, now);
    }

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary><c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public string StatusAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : IsValidAt(now) ? "active" : "expired";

    /// <summary>Ends its validity at <paramref name="at"/> unless it already ends sooner.</summary>
    internal void ExpireBy(DateTimeOffset at) => ExpiresAt = ExpiresAt is { } current && current < at ? current : at;

    internal void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>Records a use; false when the last one recorded is recent enough (nothing to store).</summary>
    internal bool MarkUsed(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return false;
        }

        LastUsedAt = now;
        return true;
    }
}
