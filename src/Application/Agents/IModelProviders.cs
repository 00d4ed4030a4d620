namespace EventAgents.Application.Agents;

/// <summary>Which model providers this deployment can call (the operator configures them in the environment).</summary>
public interface IModelProviders
{
    bool IsAvailable(string provider);
}
