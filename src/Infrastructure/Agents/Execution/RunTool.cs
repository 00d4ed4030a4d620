using System.Text.Json;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>One tool offered to the model under its wire name, with a strict argument schema; calls go through the gateway.</summary>
internal sealed class RunTool(string wireName, string description, JsonElement schema, Func<JsonElement, CancellationToken, Task<JsonElement>> invoke)
    : AIFunction
{
    public override string Name => wireName;

    public override string Description => description;

    public override JsonElement JsonSchema => schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await invoke(JsonSerializer.SerializeToElement(arguments.ToDictionary(a => a.Key, a => a.Value)), cancellationToken);
}
