namespace EventAgents.Domain.Agents;

/// <summary>The documented <c>error.code</c> values of a run.</summary>
public static class RunErrorCodes
{
    public const string ModelUnavailable = "model-unavailable";
    public const string ModelRejected = "model-rejected";
    public const string MaxStepsExceeded = "max-steps-exceeded";
    public const string ToolFailed = "tool-failed";

    /// <summary>An MCP server of the agent could not be reached when the attempt began (retried like an unavailable model).</summary>
    public const string ToolServerUnavailable = "tool-server-unavailable";
    public const string LeaseLost = "lease-lost";
    public const string TimedOut = "timed-out";
    public const string ProviderNotConfigured = "provider-not-configured";
    public const string Internal = "internal-error";

    /// <summary>Tool calls that waited for outputs or approval were not all answered within the agent's actionTimeoutSeconds.</summary>
    public const string ActionTimeout = "action-timeout";
}
