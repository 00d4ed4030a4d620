using EventAgents.Application.Common.Outbound;
using EventAgents.Application.Common.Quotas;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Webhooks;
using EventAgents.Domain.Agents;
using Mediator;
using Microsoft.Extensions.Options;

namespace EventAgents.Application.Agents.Commands.CreateAgent;

public sealed class CreateAgentCommandHandler(
    IAgentRepository agents, IModelProviders providers, ICurrentPrincipal principal, TimeProvider clock, IOptions<QuotaOptions> quotas,
    IOutboundUrlGuard urlGuard)
    : ICommandHandler<CreateAgentCommand, AgentDto>
{
    public async ValueTask<AgentDto> Handle(CreateAgentCommand command, CancellationToken cancellationToken)
    {
        var settings = command.ToSettings();
        AgentRules.RequireProvider(providers, settings.Model.Provider);
        var agent = Agent.Create(principal.TenantId, settings, principal.Scopes, principal.ClientId, clock.GetUtcNow());
        await AgentRules.RequireAllowedToolUrlsAsync(urlGuard, settings, cancellationToken);
        var toolSecret = WebhookSecrets.New();
        await agents.AddAsync(agent, toolSecret, quotas.Value.MaxAgentsPerTenant, cancellationToken);
        return AgentDto.From(agent) with { ToolSecret = toolSecret };
    }
}
