using EventAgents.Application.Common.Paging;
using FluentValidation;

namespace EventAgents.Application.Webhooks.Queries.ListDeliveries;

public sealed class ListDeliveriesQueryValidator : AbstractValidator<ListDeliveriesQuery>
{
    public ListDeliveriesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(512);
        RuleFor(q => q.Status).Must(s => s is null or "pending" or "succeeded" or "failed").WithMessage("The status is pending, succeeded or failed.");
    }
}
