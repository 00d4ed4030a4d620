namespace EventAgents.Domain.Agents;

/// <summary>
/// A tool the partner runs itself: a call pauses the run (<c>requires_action</c>) with the call's id and arguments until the
/// partner posts its output to <c>POST /api/v1/runs/{runId}/tool-outputs</c>.
/// </summary>
public sealed record ClientTool : CustomTool
{
    public const string Kind = "client";
}
