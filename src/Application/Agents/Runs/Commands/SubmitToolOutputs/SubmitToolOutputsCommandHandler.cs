using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.SubmitToolOutputs;

public sealed class SubmitToolOutputsCommandHandler(IRunAnswers answers, IRunSignals signals, ICurrentPrincipal principal)
    : ICommandHandler<SubmitToolOutputsCommand, RunDto>
{
    public ValueTask<RunDto> Handle(SubmitToolOutputsCommand command, CancellationToken cancellationToken) =>
        answers.AnswerAndWakeAsync(
            signals, principal, command.RunId, command.Outputs!.Select(o => new SubmittedAnswer(o.CallId!, o.Output, null, null)).ToList(), cancellationToken);
}
