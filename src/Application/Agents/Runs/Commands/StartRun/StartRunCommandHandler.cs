using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Common;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.StartRun;

public sealed class StartRunCommandHandler(
    IAgentRepository agents, IRunStore runs, IRunSignals signals, ICurrentPrincipal principal, TimeProvider clock)
    : ICommandHandler<StartRunCommand, StartedRun>
{
    public async ValueTask<StartedRun> Handle(StartRunCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.FindAsync(command.AgentId, cancellationToken) ?? throw AgentErrors.NotFound(command.AgentId);
        if (!agent.Settings.Enabled)
        {
            throw new DomainRuleException("The agent is disabled.");
        }

        var input = command.Input.GetRawText();
        var now = clock.GetUtcNow();
        var key = command.IdempotencyKey is null
            ? null
            : new IdempotencyKey(principal.ClientId, "start-run", command.IdempotencyKey, Hash(command.AgentId, input));

        // A manual run may use what the agent was granted and the caller holds, nothing more.
        var scopes = agent.GrantedScopes.Where(principal.Scopes.Contains).ToList();
        var trigger = JsonSerializer.Serialize<RunTrigger>(new ApiRunTrigger(principal.ClientId), JsonDefaults.Web);
        var started = await runs.StartAsync(
            new NewRun(Guid.CreateVersion7(now), principal.TenantId, agent, scopes, input, trigger, now), key, cancellationToken);
        if (!started.Replayed)
        {
            signals.RunQueued();
        }

        return started;
    }

    private static byte[] Hash(Guid agentId, string input) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(agentId.ToString("N") + "\n" + input));
}
