using EventAgents.Application.Documents.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Queries.GetDocument;

public sealed class GetDocumentQueryValidator : AbstractValidator<GetDocumentQuery>
{
    public GetDocumentQueryValidator()
    {
        RuleFor(q => q.Collection).MustBeCollection();
        RuleFor(q => q.Id).NotEmpty().MustBeDocumentId();
        RuleFor(q => q.Version).GreaterThanOrEqualTo(1).When(q => q.Version is not null);
    }
}
