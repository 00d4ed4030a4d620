using EventAgents.Application.Schemas.Validation;
using FluentValidation;

namespace EventAgents.Application.Schemas.Queries.CheckSchemaCompatibility;

public sealed class CheckSchemaCompatibilityQueryValidator : AbstractValidator<CheckSchemaCompatibilityQuery>
{
    public CheckSchemaCompatibilityQueryValidator()
    {
        this.RuleForSubject();
        RuleFor(q => q.Schema).MustBeSchema();
    }
}
