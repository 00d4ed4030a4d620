namespace EventAgents.Application.Agents.Runs;

/// <summary>The <c>error.code</c> of a failed tool call (the model is told the same code, except for refused calls).</summary>
public static class ToolErrorCodes
{
    public const string NotFound = "not-found";
    public const string InvalidArguments = "invalid-arguments";
    public const string Conflict = "conflict";
    public const string NotAllowed = "not-allowed";
    public const string Failed = "failed";
    public const string NotGranted = "tool-not-granted";
    public const string Unknown = "unknown-tool";

    public static readonly IReadOnlyList<string> All = [NotFound, InvalidArguments, Conflict, NotAllowed, Failed, NotGranted, Unknown];
}
