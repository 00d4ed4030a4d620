namespace EventAgents.Application.Common.Security;

/// <summary>Claim names of our access tokens (kept as in the JWT: inbound claim mapping is off).</summary>
public static class TokenClaims
{
    /// <summary>The JOSE header typ of access tokens (RFC 9068).</summary>
    public const string AccessTokenType = "at+jwt";

    public const string ClientId = "client_id";
    public const string TenantId = "tenant_id";
    public const string Scope = "scope";
}
