namespace EventAgents.Infrastructure.Agents.Tools;

/// <summary>An agent's MCP server could not be reached or listed its tools: the attempt fails, retryably.</summary>
internal sealed class ToolServerUnavailableException(string server) : Exception($"The MCP server '{server}' could not be reached.")
{
    public string Server { get; } = server;
}
