using FluentValidation;

namespace EventAgents.Application.Common.Paging;

/// <summary>The paging rules every list shares: a limit within 1–<see cref="PageLimits.MaxLimit"/> (never clamped), a bounded cursor.</summary>
public abstract class PagedQueryValidator<T> : AbstractValidator<T>
    where T : IPagedQuery
{
    protected PagedQueryValidator(int maxCursorLength = 512)
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(maxCursorLength);
    }
}
