namespace EventAgents.Domain.Agents;

/// <summary>
/// A run's lifecycle: queued → running → succeeded | failed | timed_out | cancelled (via cancelling), and running →
/// requires_action → queued while tool calls wait for their outputs or approval.
/// </summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Cancelling = "cancelling";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";
    public const string RequiresAction = "requires_action";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Cancelling, RequiresAction, Succeeded, Failed, TimedOut, Cancelled];

    public static bool IsTerminal(string status) => status is Succeeded or Failed or TimedOut or Cancelled;
}
