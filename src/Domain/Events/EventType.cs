namespace EventAgents.Domain.Events;

/// <summary>An event's type: 1–128 characters matching <c>^[A-Za-z][A-Za-z0-9._-]*$</c>. A stable name, never a CLR type.</summary>
public static class EventType
{
    public const int MaxLength = 128;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && char.IsAsciiLetter(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
