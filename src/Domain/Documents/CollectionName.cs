using System.Text.RegularExpressions;

namespace EventAgents.Domain.Documents;

/// <summary>A document collection's name: <c>^[a-z][a-z0-9_-]{0,63}$</c>.</summary>
public static partial class CollectionName
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
