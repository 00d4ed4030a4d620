using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Agents;

public static class AgentErrors
{
    /// <summary>The unique index on (tenant, name) of agents that are not deleted.</summary>
    public const string NameIndex = "ix_agents_tenant_id_name";

    public static NotFoundException NotFound(Guid agentId) => new("Agent", agentId.ToString());

    public static ConflictException NameTaken(string name) =>
        new("duplicate-name", "Name taken", $"An agent named '{name}' already exists in this tenant.");
}
