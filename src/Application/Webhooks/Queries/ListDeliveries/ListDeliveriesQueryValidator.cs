using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Queries.ListDeliveries;

public sealed class ListDeliveriesQueryValidator : PagedQueryValidator<ListDeliveriesQuery>
{
    public ListDeliveriesQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null or "pending" or "succeeded" or "failed").WithMessage("The status is pending, succeeded or failed.");
    }
}
