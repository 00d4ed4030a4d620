using EventAgents.Application.Documents.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Commands.DeleteDocument;

public sealed class DeleteDocumentCommandValidator : AbstractValidator<DeleteDocumentCommand>
{
    public DeleteDocumentCommandValidator()
    {
        RuleFor(c => c.Collection).MustBeCollection();
        RuleFor(c => c.Id).NotEmpty().MustBeDocumentId();
    }
}
