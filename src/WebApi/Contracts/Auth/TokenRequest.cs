using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Contracts.Auth;

/// <summary>An OAuth2 client-credentials token request (RFC 6749 section 4.4), form-encoded.</summary>
public sealed class TokenRequest
{
    /// <summary>Must be <c>client_credentials</c>.</summary>
    [FromForm(Name = "grant_type")]
    public string? GrantType { get; init; }

    /// <summary>The client id, unless sent with HTTP Basic authentication.</summary>
    [FromForm(Name = "client_id")]
    public string? ClientId { get; init; }

    /// <summary>The client secret, unless sent with HTTP Basic authentication.</summary>
    [FromForm(Name = "client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>Space-separated subset of the client's scopes; absent means all of them.</summary>
    [FromForm(Name = "scope")]
    public string? Scope { get; init; }
}
