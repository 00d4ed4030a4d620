using EventAgents.Application.Schemas.Validation;
using FluentValidation;

namespace EventAgents.Application.Schemas.Queries.GetSchemaVersion;

public sealed class GetSchemaVersionQueryValidator : AbstractValidator<GetSchemaVersionQuery>
{
    public GetSchemaVersionQueryValidator()
    {
        this.RuleForSubject();
        RuleFor(q => q.Version).Must(v => v == GetSchemaVersionQuery.Latest || (int.TryParse(v, out var number) && number > 0 && v == number.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .WithMessage("A version is a positive number or 'latest'.");
    }
}
