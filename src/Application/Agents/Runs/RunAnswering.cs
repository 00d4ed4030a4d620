using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents.Runs;

internal static class RunAnswering
{
    /// <summary>Stores the caller's answers to a paused run and wakes the workers when they queued it to go on.</summary>
    public static async ValueTask<RunDto> AnswerAndWakeAsync(
        this IRunAnswers answers, IRunSignals signals, ICurrentPrincipal principal, Guid runId, IReadOnlyList<SubmittedAnswer> submitted,
        CancellationToken cancellationToken)
    {
        var run = await answers.AnswerAsync(principal.TenantId, runId, submitted, principal.ClientId, cancellationToken)
            ?? throw RunErrors.NotFound(runId);
        if (run.Status == RunStatus.Queued)
        {
            signals.RunQueued();
        }

        return run;
    }
}
