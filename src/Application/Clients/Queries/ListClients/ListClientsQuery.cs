using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Clients.Queries.ListClients;

public sealed record ListClientsQuery(Guid TenantId, int Limit, string? Cursor) : IPagedQuery, IQuery<Page<ClientDto>>;
