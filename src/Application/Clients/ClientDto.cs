namespace EventAgents.Application.Clients;

/// <summary>An API client as listed by the admin API; never carries its secret.</summary>
public sealed record ClientDto(
    string ClientId, Guid TenantId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
