namespace EventAgents.Domain.Agents;

/// <summary>One tool of the catalogue; read-only tools change nothing in the tenant's data.</summary>
public sealed record AgentTool(string Name, string Scope, string Description, bool IsReadOnly)
{
    public string WireName => Name.Replace('.', '_');
}
