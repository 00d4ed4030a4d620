namespace EventAgents.Application.Clients;

/// <summary>A new client with its secret: the only time the secret is ever shown.</summary>
public sealed record CreatedClientDto(
    string ClientId, string ClientSecret, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);
