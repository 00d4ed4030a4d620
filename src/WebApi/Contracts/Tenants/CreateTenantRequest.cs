namespace EventAgents.WebApi.Contracts.Tenants;

/// <summary>A new tenant.</summary>
/// <param name="Name">Display name of the partner, 1–200 characters.</param>
public sealed record CreateTenantRequest(string Name);
