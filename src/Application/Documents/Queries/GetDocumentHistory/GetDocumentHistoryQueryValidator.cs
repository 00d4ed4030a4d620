using EventAgents.Application.Common.Paging;
using EventAgents.Application.Documents.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Queries.GetDocumentHistory;

public sealed class GetDocumentHistoryQueryValidator : PagedQueryValidator<GetDocumentHistoryQuery>
{
    public GetDocumentHistoryQueryValidator()
    {
        RuleFor(q => q.Collection).MustBeCollection();
        RuleFor(q => q.Id).NotEmpty().MustBeDocumentId();
    }
}
