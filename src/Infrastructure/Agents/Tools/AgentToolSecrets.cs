using EventAgents.Infrastructure.Persistence;
using EventAgents.Infrastructure.Secrets;
using Npgsql;

namespace EventAgents.Infrastructure.Agents.Tools;

/// <summary>Reads an agent's tool secret for its outbound calls (it signs http tools and authenticates to MCP servers).</summary>
internal sealed class AgentToolSecrets(NpgsqlDataSource dataSource, SecretProtector secrets)
{
    private const string SecretSql = "SELECT tool_secret FROM agents WHERE tenant_id = $1 AND id = $2";

    /// <summary>The secret, or null for an agent created before tool secrets existed (until its secret is rotated).</summary>
    public async Task<string?> OfAsync(Guid tenantId, Guid agentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SecretSql);
        command.Add(tenantId);
        command.Add(agentId);
        return await command.ExecuteScalarAsync(cancellationToken) is string stored ? secrets.Unprotect(stored) : null;
    }
}
