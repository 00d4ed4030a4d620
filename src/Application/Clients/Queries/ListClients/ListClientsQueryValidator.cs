using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Clients.Queries.ListClients;

public sealed class ListClientsQueryValidator : PagedQueryValidator<ListClientsQuery>;
