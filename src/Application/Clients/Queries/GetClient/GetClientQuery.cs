using Mediator;

namespace EventAgents.Application.Clients.Queries.GetClient;

public sealed record GetClientQuery(Guid TenantId, string ClientId) : IQuery<ClientDto>;
