using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Clients.Queries.ListClients;

public sealed class ListClientsQueryValidator : AbstractValidator<ListClientsQuery>
{
    public ListClientsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(512);
    }
}
