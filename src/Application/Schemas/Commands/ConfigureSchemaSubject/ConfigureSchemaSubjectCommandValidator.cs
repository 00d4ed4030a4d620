using EventAgents.Application.Schemas.Validation;
using EventAgents.Domain.Schemas;
using FluentValidation;

namespace EventAgents.Application.Schemas.Commands.ConfigureSchemaSubject;

public sealed class ConfigureSchemaSubjectCommandValidator : AbstractValidator<ConfigureSchemaSubjectCommand>
{
    public ConfigureSchemaSubjectCommandValidator()
    {
        this.RuleForSubject();
        RuleFor(c => c.Compatibility).Must(mode => mode is null || SchemaModes.ParseCompatibility(mode) is not null)
            .WithMessage($"One of: {string.Join(", ", SchemaModes.CompatibilityNames)}.");
        RuleFor(c => c.Enforcement).Must(mode => mode is null || SchemaModes.ParseEnforcement(mode) is not null)
            .WithMessage($"One of: {string.Join(", ", SchemaModes.EnforcementNames)}.");
    }
}
