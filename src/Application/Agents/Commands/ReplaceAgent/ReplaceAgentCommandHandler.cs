using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Outbound;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Agents.Commands.ReplaceAgent;

public sealed class ReplaceAgentCommandHandler(
    IAgentRepository agents, IModelProviders providers, ICurrentPrincipal principal, TimeProvider clock, IOutboundUrlGuard urlGuard)
    : ICommandHandler<ReplaceAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(ReplaceAgentCommand command, CancellationToken cancellationToken)
    {
        if (command.IfMatch.IfMatchVersion is null && !command.IfMatch.IfMatchAny)
        {
            throw new PreconditionRequiredException("Replacing an agent needs If-Match with the ETag you last read (or *).");
        }

        var agent = await agents.FindAsync(command.AgentId, cancellationToken) ?? throw AgentErrors.NotFound(command.AgentId);
        if (!command.IfMatch.HoldFor(agent.Version))
        {
            throw new PreconditionFailedException($"The agent is at version {agent.Version}.", agent.Version);
        }

        var settings = command.ToSettings();
        AgentRules.RequireProvider(providers, settings.Model.Provider);
        await AgentRules.RequireAllowedToolUrlsAsync(urlGuard, settings, cancellationToken);
        agent.Update(settings, principal.Scopes, principal.ClientId, clock.GetUtcNow());
        await agents.SaveChangesAsync(cancellationToken);
        return AgentDto.From(agent);
    }
}
