using System.Text.Json;
using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Tools;

/// <summary>
/// The JSON Schema (draft 2020-12) of a custom tool's arguments: checked when the agent is written, and every call's
/// arguments are checked against it before anything is sent. It stands alone (<see cref="StandaloneJsonSchema"/>).
/// </summary>
public sealed class ToolArgumentsSchema
{
    private const int MaxReportedErrors = 20;

    private readonly StandaloneJsonSchema _schema;

    private ToolArgumentsSchema(StandaloneJsonSchema schema) => _schema = schema;

    /// <summary>Why <paramref name="parameters"/> cannot be a tool's argument schema, or null when it can.</summary>
    public static string? Refusal(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return "The parameters are a JSON Schema object.";
        }

        if (!parameters.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            return "The parameters describe the arguments object: \"type\": \"object\".";
        }

        return StandaloneJsonSchema.Refusal(parameters, Domain.Agents.CustomToolRules.MaxParametersChars);
    }

    /// <summary>The schema of a tool the agent's validation accepted.</summary>
    public static ToolArgumentsSchema Of(JsonElement parameters) => new(StandaloneJsonSchema.Compile(parameters));

    /// <summary>Every way <paramref name="arguments"/> fails the schema, as JSON pointer and message; empty when it passes.</summary>
    public IReadOnlyList<ToolArgumentError> Errors(JsonElement arguments) =>
        _schema.Errors(arguments, MaxReportedErrors).Select(e => new ToolArgumentError(e.Pointer, e.Message)).ToList();
}
