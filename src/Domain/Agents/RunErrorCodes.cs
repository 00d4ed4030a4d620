namespace EventAgents.Domain.Agents;

/// <summary>The documented <c>error.code</c> values of a run.</summary>
public static class RunErrorCodes
{
    public const string ModelUnavailable = "model-unavailable";
    public const string ModelRejected = "model-rejected";
    public const string MaxStepsExceeded = "max-steps-exceeded";
    public const string ToolFailed = "tool-failed";
    public const string LeaseLost = "lease-lost";
    public const string TimedOut = "timed-out";
    public const string ProviderNotConfigured = "provider-not-configured";
    public const string Internal = "internal-error";
}
