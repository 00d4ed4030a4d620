using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Schemas;
using FluentValidation;

namespace EventAgents.Application.Schemas.Validation;

public static class SchemaValidationRules
{
    /// <summary>The kind and name of a subject: <c>events/{eventType}</c> or <c>collections/{collection}</c>.</summary>
    public static void RuleForSubject<T>(this AbstractValidator<T> validator)
        where T : ISubjectMessage
    {
        validator.RuleFor(m => m.Kind).Must(kind => SchemaSubject.KindOf(kind) is not null)
            .WithMessage("A subject kind is 'events' or 'collections'.");
        validator.RuleFor(m => m.Name)
            .Must((message, name) => SchemaSubject.KindOf(message.Kind) is not { } kind || SchemaSubject.IsValid(kind, name))
            .WithMessage(message => message.Kind == SchemaSubject.CollectionsSegment
                ? "A collection name matches ^[a-z][a-z0-9_-]{0,63}$."
                : "An event type is 1–128 characters matching ^[A-Za-z][A-Za-z0-9._-]*$.");
    }

    /// <summary>A standalone JSON Schema (draft 2020-12) object of at most <see cref="SchemaRules.MaxSchemaChars"/> characters.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement> MustBeSchema<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Custom((schema, context) =>
        {
            if (StandaloneJsonSchema.Refusal(schema, SchemaRules.MaxSchemaChars) is { } refusal)
            {
                context.AddFailure(refusal);
            }
        });
}
