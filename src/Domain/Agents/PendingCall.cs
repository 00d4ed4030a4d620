using System.Text.Json;

namespace EventAgents.Domain.Agents;

/// <summary>
/// A tool call a paused run waits on: for its output (a client tool, answered by the partner) or for approval (a tool marked
/// so, run by the service once approved). <see cref="Started"/>: an approved call whose execution began; one that began and
/// has no result (its instance died) is reported to the model as interrupted, never run a second time.
/// </summary>
public sealed record PendingCall(string CallId, string Tool, string ToolKind, JsonElement Arguments, string Needs)
{
    public const string NeedsOutput = "output";
    public const string NeedsApproval = "approval";

    public CallAnswer? Answer { get; init; }

    public bool Started { get; init; }
}
