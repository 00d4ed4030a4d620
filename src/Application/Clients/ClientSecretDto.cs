namespace EventAgents.Application.Clients;

/// <summary>One of a client's secrets, never its value.</summary>
/// <param name="Status"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
/// <param name="ExpiresAt">When it stops being valid; null while it is the newest (valid until rotated or revoked).</param>
/// <param name="LastUsedAt">When it last got a token (to within a minute); null when never.</param>
public sealed record ClientSecretDto(
    Guid Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static ClientSecretDto Of(Domain.Clients.ClientSecret secret, DateTimeOffset now) =>
        new(secret.Id, secret.StatusAt(now), secret.CreatedAt, secret.ExpiresAt, secret.RevokedAt, secret.LastUsedAt);
}
