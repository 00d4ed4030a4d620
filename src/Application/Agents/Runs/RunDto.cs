using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>
/// One execution of an agent on one input. <c>attempt</c> counts claims by a worker; <c>failedAttempts</c> counts failures
/// against <c>maxAttempts</c> (a lease released at shutdown is not a failure). <c>requiredAction</c>: while the run is
/// <c>requires_action</c>, the calls it waits on.
/// </summary>
public sealed record RunDto(
    Guid Id,
    Guid AgentId,
    string Status,
    RawJson Input,
    RawJson? Output,
    RunError? Error,
    int Attempt,
    int FailedAttempts,
    int MaxAttempts,
    DateTimeOffset? NextAttemptAt,
    RunTrigger Trigger,
    RunUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RequiredActionDto? RequiredAction);
