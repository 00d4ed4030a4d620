using EventAgents.Application.Documents.Validation;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Commands.CreateDocument;

public sealed class CreateDocumentCommandValidator : AbstractValidator<CreateDocumentCommand>
{
    public CreateDocumentCommandValidator()
    {
        RuleFor(c => c.Collection).MustBeCollection();
        RuleFor(c => c.Id).MustBeDocumentId();
        RuleFor(c => c.Data).MustBeJsonObject();
        RuleFor(c => c.SchemaVersion).GreaterThan(0).When(c => c.SchemaVersion is not null);
    }
}
