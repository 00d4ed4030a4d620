using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents.Runs;

/// <summary>
/// What a paused run (status <c>requires_action</c>) waits for: each call's output (<c>needs: output</c>, post it to
/// <c>/tool-outputs</c>) or a decision (<c>needs: approval</c>, post it to <c>/approvals</c>), all before <c>expiresAt</c>.
/// </summary>
public sealed record RequiredActionDto(DateTimeOffset ExpiresAt, IReadOnlyList<PendingCallDto> Calls)
{
    public static RequiredActionDto From(RequiredAction action) => new(
        action.ExpiresAt,
        action.Calls.Select(call => new PendingCallDto(
            call.CallId, call.Tool, call.ToolKind, new Common.Json.RawJson(call.Arguments.GetRawText()), call.Needs, call.Answer is not null)).ToList());
}
