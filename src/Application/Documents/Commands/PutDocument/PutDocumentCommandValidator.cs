using EventAgents.Application.Documents.Validation;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Commands.PutDocument;

public sealed class PutDocumentCommandValidator : AbstractValidator<PutDocumentCommand>
{
    public PutDocumentCommandValidator()
    {
        RuleFor(c => c.Collection).MustBeCollection();
        RuleFor(c => c.Id).NotEmpty().MustBeDocumentId();
        RuleFor(c => c.Data).MustBeJsonObject();
    }
}
