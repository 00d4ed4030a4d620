using EventAgents.Application.Documents.Validation;
using EventAgents.Application.Events.Validation;
using FluentValidation;

namespace EventAgents.Application.Documents.Commands.MergePatchDocument;

public sealed class MergePatchDocumentCommandValidator : AbstractValidator<MergePatchDocumentCommand>
{
    public MergePatchDocumentCommandValidator()
    {
        RuleFor(c => c.Collection).MustBeCollection();
        RuleFor(c => c.Id).NotEmpty().MustBeDocumentId();
        // A document's data is always an object, so the patch must be one too (a scalar patch would replace the whole object).
        RuleFor(c => c.Patch).MustBeJsonObject().OverridePropertyName("body");
        RuleFor(c => c.SchemaVersion).GreaterThan(0).When(c => c.SchemaVersion is not null);
    }
}
