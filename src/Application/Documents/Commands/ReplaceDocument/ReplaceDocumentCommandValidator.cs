using EventAgents.Application.Documents.Validation;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Commands.ReplaceDocument;

public sealed class ReplaceDocumentCommandValidator : AbstractValidator<ReplaceDocumentCommand>
{
    public ReplaceDocumentCommandValidator()
    {
        RuleFor(c => c.Collection).MustBeCollection();
        RuleFor(c => c.Id).NotEmpty().MustBeDocumentId();
        RuleFor(c => c.Data).MustBeJsonObject();
        RuleFor(c => c.SchemaVersion).GreaterThan(0).When(c => c.SchemaVersion is not null);
    }
}
