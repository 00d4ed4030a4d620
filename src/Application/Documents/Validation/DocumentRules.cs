using EventAgents.Domain.Documents;
using FluentValidation;

namespace EventAgents.Application.Documents.Validation;

public static class DocumentRules
{
    public static IRuleBuilderOptions<T, string> MustBeCollection<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(CollectionName.IsValid).WithMessage("A collection name matches ^[a-z][a-z0-9_-]{0,63}$.");

    public static IRuleBuilderOptions<T, string?> MustBeDocumentId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => id is null || DocumentId.IsValid(id))
            .WithMessage($"A document id is 1–{DocumentId.MaxLength} characters of [A-Za-z0-9._:-].");
}
