using System.Text.Json;
using EventAgents.Domain.Events;
using FluentValidation;

namespace EventAgents.Application.Events.Validation;

/// <summary>The field rules of the event store, shared by its commands and queries.</summary>
public static class EventRules
{
    public static IRuleBuilderOptions<T, string> MustBeStreamId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(StreamId.IsValid)
            .WithMessage($"A stream id is 1–{StreamId.MaxLength} characters of [A-Za-z0-9._:-] and starts with a letter or digit.");

    public static IRuleBuilderOptions<T, string?> MustBeStreamPrefix<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(prefix => prefix is null || (prefix.Length <= StreamId.MaxLength && prefix.All(IsStreamIdCharacter)))
            .WithMessage($"A stream prefix is at most {StreamId.MaxLength} characters of [A-Za-z0-9._:-].");

    public static IRuleBuilderOptions<T, string> MustBeEventType<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(EventType.IsValid)
            .WithMessage($"An event type is 1–{EventType.MaxLength} characters matching ^[A-Za-z][A-Za-z0-9._-]*$.");

    /// <summary>A JSON object PostgreSQL's jsonb accepts (it refuses the NUL character).</summary>
    public static IRuleBuilderOptions<T, JsonElement> MustBeJsonObject<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(element => element.ValueKind == JsonValueKind.Object).WithMessage("Must be a JSON object.")
            .Must(element => element.ValueKind != JsonValueKind.Object || !element.GetRawText().Contains("\\u0000", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Must not contain the NUL character (\\u0000).");

    private static bool IsStreamIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';
}
