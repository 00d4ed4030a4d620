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

    /// <summary>An http tool answered with a status other than 2xx (the message says which).</summary>
    public const string HttpError = "http-error";

    /// <summary>An http tool did not answer within its timeout.</summary>
    public const string TimedOut = "timed-out";

    /// <summary>An http tool could not be reached (refused connection, DNS, or an internal address the SSRF guard refused).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>An http tool answered with more than 64 KiB.</summary>
    public const string ResponseTooLarge = "response-too-large";

    /// <summary>The agent has no tool secret (created before tool secrets existed): rotate it once.</summary>
    public const string NoToolSecret = "no-tool-secret";

    /// <summary>The call needed approval and was rejected (the message is the reason given).</summary>
    public const string Rejected = "rejected";

    /// <summary>An approved call began and its instance stopped before it finished: it is not run a second time.</summary>
    public const string Interrupted = "interrupted";

    public static readonly IReadOnlyList<string> All =
    [
        NotFound, InvalidArguments, Conflict, NotAllowed, Failed, NotGranted, Unknown, HttpError, TimedOut, Unreachable, ResponseTooLarge,
        NoToolSecret, Rejected, Interrupted,
    ];
}
