using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Tenants.Queries.ListTenants;

public sealed class ListTenantsQueryValidator : AbstractValidator<ListTenantsQuery>
{
    public ListTenantsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(512);
    }
}
