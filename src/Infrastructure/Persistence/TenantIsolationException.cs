namespace EventAgents.Infrastructure.Persistence;

/// <summary>A bug guard: code tried to write a row of a tenant other than the caller's.</summary>
public sealed class TenantIsolationException(string entity)
    : InvalidOperationException($"Refused to save a {entity} of another tenant.");
