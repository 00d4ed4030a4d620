using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Documents.Commands.ReplaceDocument;
using EventAgents.Application.Documents.Queries.GetDocument;
using EventAgents.Application.Events.Commands.AppendEvents;
using EventAgents.Application.Events.Queries.ReadStreamEvents;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Common;
using FluentValidation;
using Mediator;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The service's own tools: their argument schemas, and their calls through the same application commands as the HTTP API
/// (validation, tenant isolation, causation metadata). What the application refuses becomes a short error code.
/// </summary>
internal static class BuiltInTools
{
    private static readonly Dictionary<string, JsonElement> Schemas = new Dictionary<string, string>()
    {
        [AgentTools.DocumentsRead] = """{"type":"object","properties":{"collection":{"type":"string"},"id":{"type":"string"}},"required":["collection","id"],"additionalProperties":false}""",
        [AgentTools.DocumentsWrite] = """{"type":"object","properties":{"collection":{"type":"string"},"id":{"type":"string"},"data":{"type":"object"}},"required":["collection","id","data"],"additionalProperties":false}""",
        [AgentTools.EventsRead] = """{"type":"object","properties":{"streamId":{"type":"string"},"fromVersion":{"type":"integer"},"limit":{"type":"integer"}},"required":["streamId"],"additionalProperties":false}""",
        [AgentTools.EventsAppend] = """{"type":"object","properties":{"streamId":{"type":"string"},"type":{"type":"string"},"data":{"type":"object"}},"required":["streamId","type","data"],"additionalProperties":false}""",
    }.ToDictionary(schema => schema.Key, schema => JsonDocument.Parse(schema.Value).RootElement.Clone());

    public static JsonElement SchemaOf(string tool) => Schemas[tool];

    /// <summary>Whether the exception is the application refusing the call (reported to the model), not a fault of the service.</summary>
    public static bool IsRefusal(Exception exception) => exception is ValidationException or NotFoundException or ConflictException
        or PreconditionFailedException or DomainRuleException or BadRequestException or KeyNotFoundException or InvalidOperationException
        or JsonException or FormatException or ForbiddenException;

    public static async Task<object> ExecuteAsync(ISender sender, string tool, JsonElement arguments, CancellationToken cancellationToken)
    {
        switch (tool)
        {
            case AgentTools.DocumentsRead:
                return await sender.Send(new GetDocumentQuery(Text(arguments, "collection"), Text(arguments, "id"), null), cancellationToken);
            case AgentTools.DocumentsWrite:
                return await sender.Send(
                    new ReplaceDocumentCommand(Text(arguments, "collection"), Text(arguments, "id"), arguments.GetProperty("data"), Preconditions.None), cancellationToken);
            case AgentTools.EventsRead:
                var from = arguments.TryGetProperty("fromVersion", out var f) && f.TryGetInt64(out var v) ? v : (long?)null;
                var limit = arguments.TryGetProperty("limit", out var l) && l.TryGetInt32(out var n) ? Math.Clamp(n, 1, 100) : 100;
                return await sender.Send(new ReadStreamEventsQuery(Text(arguments, "streamId"), from, "forward", limit), cancellationToken);
            case AgentTools.EventsAppend:
                return await sender.Send(
                    new AppendEventsCommand(Text(arguments, "streamId"), null, [new NewEvent(null, Text(arguments, "type"), arguments.GetProperty("data"), null)]),
                    cancellationToken);
            default:
                throw new InvalidOperationException("Unknown tool.");
        }
    }

    private static string Text(JsonElement arguments, string name) =>
        arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"'{name}' is required.");

    public static string ErrorCode(Exception exception) => exception switch
    {
        NotFoundException => ToolErrorCodes.NotFound,
        ValidationException or FormatException or JsonException or KeyNotFoundException or BadRequestException => ToolErrorCodes.InvalidArguments,
        ConflictException or PreconditionFailedException => ToolErrorCodes.Conflict,
        DomainRuleException or ForbiddenException => ToolErrorCodes.NotAllowed,
        _ => ToolErrorCodes.Failed,
    };
}
