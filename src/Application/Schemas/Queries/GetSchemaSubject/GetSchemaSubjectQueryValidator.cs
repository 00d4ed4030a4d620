using EventAgents.Application.Schemas.Validation;
using FluentValidation;

namespace EventAgents.Application.Schemas.Queries.GetSchemaSubject;

public sealed class GetSchemaSubjectQueryValidator : AbstractValidator<GetSchemaSubjectQuery>
{
    public GetSchemaSubjectQueryValidator() => this.RuleForSubject();
}
