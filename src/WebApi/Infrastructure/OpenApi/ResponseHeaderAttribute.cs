namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Documents a header an action sets on some of its responses (the contract test checks it is really sent).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(string name, params int[] statuses) : Attribute
{
    public string Name { get; } = name;

    public IReadOnlyList<int> Statuses { get; } = statuses;
}
