namespace EventAgents.Domain.Agents;

/// <summary>A custom tool the service calls over the network (http, mcp): where, and how long one call may take.</summary>
public interface IRemoteTool
{
    string Name { get; }

    string Url { get; }

    int? TimeoutSeconds { get; }

    int EffectiveTimeoutSeconds { get; }
}
