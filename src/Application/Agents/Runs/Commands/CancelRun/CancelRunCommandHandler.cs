using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.CancelRun;

/// <summary>Idempotent: a queued run is cancelled at once, a running one becomes cancelling; 409 only for a run finished otherwise.</summary>
public sealed class CancelRunCommandHandler(IRunStore runs, IRunSignals signals, ICurrentPrincipal principal)
    : ICommandHandler<CancelRunCommand, RunDto>
{
    public async ValueTask<RunDto> Handle(CancelRunCommand command, CancellationToken cancellationToken)
    {
        var run = await runs.CancelAsync(principal.TenantId, command.RunId, cancellationToken)
            ?? throw RunErrors.NotFound(command.RunId);
        if (RunStatus.IsTerminal(run.Status) && run.Status != RunStatus.Cancelled)
        {
            throw new ConflictException("run-finished", "Run already finished", $"The run already ended '{run.Status}'.");
        }

        if (run.Status == RunStatus.Cancelling)
        {
            signals.CancelRequested(run.Id);
        }

        return run;
    }
}
