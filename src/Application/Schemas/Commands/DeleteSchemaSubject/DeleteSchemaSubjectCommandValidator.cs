using EventAgents.Application.Schemas.Validation;
using FluentValidation;

namespace EventAgents.Application.Schemas.Commands.DeleteSchemaSubject;

public sealed class DeleteSchemaSubjectCommandValidator : AbstractValidator<DeleteSchemaSubjectCommand>
{
    public DeleteSchemaSubjectCommandValidator() => this.RuleForSubject();
}
