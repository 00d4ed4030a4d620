namespace EventAgents.Application.Tenants;

/// <summary>A tenant as the API returns it.</summary>
public sealed record TenantDto(Guid Id, string Name, DateTimeOffset CreatedAt);
