namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Marks an operation whose errors are OAuth2 JSON (RFC 6749), not problem details.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OAuthErrorResponsesAttribute : Attribute;
