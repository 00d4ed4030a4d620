namespace EventAgents.Application.Auth;

/// <summary>Configuration section <c>Auth</c>. Secrets (signing key, bootstrap secret) come from the environment only.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinSigningKeyBytes = 32;

    public string Issuer { get; set; } = "eventagents";

    public string Audience { get; set; } = "eventagents";

    /// <summary>HS256 key, at least 32 bytes (256 bits) as UTF-8. Required outside Development.</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 15;

    /// <summary>How long a client's revocation state is cached; revoked clients' tokens stop working within this time.</summary>
    public int ClientStatusCacheSeconds { get; set; } = 30;

    public string? BootstrapClientId { get; set; }

    public string? BootstrapClientSecret { get; set; }

    /// <summary>An external OpenID Connect issuer whose access tokens are also accepted (JWKS discovery).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience expected in tokens from <see cref="Authority"/> (defaults to <see cref="Audience"/>).</summary>
    public string? AuthorityAudience { get; set; }

    /// <summary>Claim carrying the tenant id in tokens from <see cref="Authority"/>.</summary>
    public string AuthorityTenantClaim { get; set; } = "tenant_id";

    /// <summary>Claim carrying the space-separated scopes in tokens from <see cref="Authority"/>.</summary>
    public string AuthorityScopeClaim { get; set; } = "scope";

    /// <summary>Allow plain-http metadata for <see cref="Authority"/> (development and tests only).</summary>
    public bool AuthorityRequireHttps { get; set; } = true;

    /// <summary>
    /// The <c>typ</c> headers accepted from <see cref="Authority"/>; null: the access-token types of RFC 9068 (<c>at+jwt</c>,
    /// <c>application/at+jwt</c>). Add <c>JWT</c> only for an issuer that types its access tokens no better.
    /// </summary>
    public string[]? AuthorityTokenTypes { get; set; }

    public IReadOnlyList<string> EffectiveAuthorityTokenTypes => AuthorityTokenTypes is { Length: > 0 } types ? types : ["at+jwt", "application/at+jwt"];
}
