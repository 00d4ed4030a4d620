using Mediator;

namespace EventAgents.Application.Agents.Commands.DeleteAgent;

/// <summary>Soft delete: the agent disappears and is no longer triggered; its runs stay readable.</summary>
public sealed class DeleteAgentCommandHandler(IAgentRepository agents, TimeProvider clock) : ICommandHandler<DeleteAgentCommand>
{
    public async ValueTask<Unit> Handle(DeleteAgentCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.FindAsync(command.AgentId, cancellationToken) ?? throw AgentErrors.NotFound(command.AgentId);
        agent.Delete(clock.GetUtcNow());
        await agents.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
