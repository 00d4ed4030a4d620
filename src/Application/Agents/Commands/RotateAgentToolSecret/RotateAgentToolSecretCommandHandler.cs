using EventAgents.Application.Webhooks;
using Mediator;

namespace EventAgents.Application.Agents.Commands.RotateAgentToolSecret;

public sealed class RotateAgentToolSecretCommandHandler(IAgentRepository agents) : ICommandHandler<RotateAgentToolSecretCommand, ToolSecretDto>
{
    public async ValueTask<ToolSecretDto> Handle(RotateAgentToolSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.New();
        return await agents.ReplaceToolSecretAsync(command.AgentId, secret, cancellationToken)
            ? new ToolSecretDto(secret)
            : throw AgentErrors.NotFound(command.AgentId);
    }
}
