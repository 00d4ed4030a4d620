namespace EventAgents.Application.Clients;

/// <summary>A new client with its secret: the only time the secret is ever shown.</summary>
/// <param name="SecretId">The secret's id, to revoke it once it has been rotated (<c>…/clients/{clientId}/secrets/{secretId}</c>).</param>
public sealed record CreatedClientDto(
    string ClientId, string ClientSecret, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, Guid SecretId);
