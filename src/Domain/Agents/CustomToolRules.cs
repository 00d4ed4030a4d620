using System.Text.RegularExpressions;

namespace EventAgents.Domain.Agents;

/// <summary>Bounds of the tools partners define on an agent.</summary>
public static partial class CustomToolRules
{
    public const int MaxTools = 32;
    public const int MaxAllowedMcpTools = 32;
    public const int MaxDescriptionLength = 1000;
    public const int MaxParametersChars = 16 * 1024;
    public const int MaxUrlLength = 2048;
    public const int DefaultTimeoutSeconds = 10;
    public const int MaxTimeoutSeconds = 60;

    /// <summary>The most of a function's response that is read; a longer one fails the call.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>What OpenAI and most providers accept as a function name.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Whether the name is taken by a built-in tool (either spelling: <c>documents.read</c>, <c>documents_read</c>).</summary>
    public static bool IsBuiltInName(string name) => AgentTools.Find(name) is not null || AgentTools.FindByWireName(name) is not null;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
