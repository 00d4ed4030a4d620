using EventAgents.Application.Schemas.Validation;
using FluentValidation;

namespace EventAgents.Application.Schemas.Commands.RegisterSchemaVersion;

public sealed class RegisterSchemaVersionCommandValidator : AbstractValidator<RegisterSchemaVersionCommand>
{
    public RegisterSchemaVersionCommandValidator()
    {
        this.RuleForSubject();
        RuleFor(c => c.Schema).MustBeSchema();
    }
}
