using System.Text.Json.Serialization;

namespace EventAgents.WebApi.Contracts.Auth;

/// <summary>A token endpoint error in the form OAuth clients expect (RFC 6749 section 5.2).</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
