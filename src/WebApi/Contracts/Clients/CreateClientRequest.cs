namespace EventAgents.WebApi.Contracts.Clients;

/// <summary>A new API client of a tenant.</summary>
/// <param name="Name">Display name, 1–200 characters.</param>
/// <param name="Scopes">Scopes the client may request, e.g. <c>events:read</c>; <c>admin</c> only for the platform tenant.</param>
public sealed record CreateClientRequest(string Name, IReadOnlyList<string> Scopes);
