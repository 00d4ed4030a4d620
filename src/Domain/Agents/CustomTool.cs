using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventAgents.Domain.Agents;

/// <summary>
/// A tool a partner defines on an agent, beside the built-in ones, told apart by <c>kind</c>. The model sees
/// <see cref="Name"/> and <see cref="Description"/>, and <see cref="Parameters"/> (a JSON Schema of the arguments object);
/// arguments that do not satisfy the schema are never passed on: the call is a failed step and the model is told why.
/// An <c>mcp</c> entry names a server instead, whose allowed tools bring their own names, descriptions and schemas.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HttpTool), HttpTool.Kind)]
[JsonDerivedType(typeof(ClientTool), ClientTool.Kind)]
[JsonDerivedType(typeof(McpTool), McpTool.Kind)]
public abstract record CustomTool
{
    /// <summary>
    /// The name the model calls it by: 1–64 of <c>a-z A-Z 0-9 _ -</c>, unique on the agent, not a built-in tool's. For an mcp
    /// server, the prefix of its tools' names: <c>{name}_{tool}</c>.
    /// </summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What the tool does, for the model; up to 1,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>A JSON Schema (draft 2020-12) of the arguments object; local <c>$ref</c>s only (http and client tools; not mcp).</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Each call waits for a person with scope <c>agents:approve</c> to approve it (the run pauses meanwhile).</summary>
    public bool? RequiresApproval { get; init; }
}
