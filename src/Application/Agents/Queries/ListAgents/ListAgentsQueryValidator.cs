using EventAgents.Application.Common.Paging;

namespace EventAgents.Application.Agents.Queries.ListAgents;

public sealed class ListAgentsQueryValidator : PagedQueryValidator<ListAgentsQuery>;
