using Mediator;

namespace EventAgents.Application.Clients.Queries.ListClientSecrets;

/// <summary>A client's secrets, newest first: valid ones, and expired or revoked ones of the last 30 days.</summary>
public sealed record ListClientSecretsQuery(Guid TenantId, string ClientId) : IQuery<ClientSecretsResult>;
