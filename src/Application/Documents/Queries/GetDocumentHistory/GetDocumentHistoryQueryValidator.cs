using EventAgents.Application.Common.Paging;
using EventAgents.Application.Documents.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Queries.GetDocumentHistory;

public sealed class GetDocumentHistoryQueryValidator : AbstractValidator<GetDocumentHistoryQuery>
{
    public GetDocumentHistoryQueryValidator()
    {
        RuleFor(q => q.Collection).MustBeCollection();
        RuleFor(q => q.Id).NotEmpty().MustBeDocumentId();
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(512);
    }
}
