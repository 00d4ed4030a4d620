namespace EventAgents.Domain.Agents;

/// <summary>The events a run writes to its system stream <c>run:{runId}</c>, so partners see runs in the global log.</summary>
public static class RunEventTypes
{
    public const string Queued = "agent.run.queued";
    public const string Started = "agent.run.started";
    public const string Step = "agent.run.step";
    public const string Retrying = "agent.run.retrying";
    public const string Succeeded = "agent.run.succeeded";
    public const string Failed = "agent.run.failed";
    public const string TimedOut = "agent.run.timed_out";
    public const string Cancelled = "agent.run.cancelled";

    /// <summary>The run paused: tool calls wait for their outputs or for approval (it holds no worker meanwhile).</summary>
    public const string RequiresAction = "agent.run.requires_action";

    /// <summary>Every waiting call was answered: the run is queued to go on.</summary>
    public const string Resumed = "agent.run.resumed";

    public static string ForTerminal(string status) => status switch
    {
        RunStatus.Succeeded => Succeeded,
        RunStatus.Failed => Failed,
        RunStatus.TimedOut => TimedOut,
        RunStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a terminal status."),
    };

    /// <summary>Whether the event ends the run's stream (no event follows it).</summary>
    public static bool IsTerminal(string type) => type is Succeeded or Failed or TimedOut or Cancelled;

    public static string StreamOf(Guid runId) => Events.SystemStreams.RunPrefix + runId.ToString("D");
}
