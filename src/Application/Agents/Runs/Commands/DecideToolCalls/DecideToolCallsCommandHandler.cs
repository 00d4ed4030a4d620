using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.DecideToolCalls;

public sealed class DecideToolCallsCommandHandler(IRunAnswers answers, IRunSignals signals, ICurrentPrincipal principal)
    : ICommandHandler<DecideToolCallsCommand, RunDto>
{
    public ValueTask<RunDto> Handle(DecideToolCallsCommand command, CancellationToken cancellationToken) =>
        answers.AnswerAndWakeAsync(
            signals, principal, command.RunId,
            command.Decisions!.Select(d => new SubmittedAnswer(d.CallId!, null, d.Approve, string.IsNullOrEmpty(d.Reason) ? null : d.Reason)).ToList(),
            cancellationToken);
}
