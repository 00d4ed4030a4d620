using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Common.Interfaces;
using EventAgents.Application.Common.Security;

namespace EventAgents.Application.Events;

/// <summary>
/// The metadata stored with an event: the client's keys, then the service's own (set last, so they cannot be spoofed):
/// correlationId, clientId, for events written by an agent run causation (which drives the trigger loop guard), and for
/// values checked against a registered schema the schema they were checked against.
/// </summary>
public sealed class EventMetadata(ICurrentPrincipal principal, IRequestContext request, ExecutionScope execution)
{
    public string For(JsonElement? supplied, Schemas.SchemaStamp? schema = null)
    {
        var metadata = supplied is { ValueKind: JsonValueKind.Object } element ? JsonObject.Create(element)! : [];
        metadata["correlationId"] = request.CorrelationId;
        metadata["clientId"] = principal.ClientId;
        metadata.Remove("causation");
        metadata.Remove("schema");
        if (schema is not null)
        {
            metadata["schema"] = new JsonObject { ["subject"] = schema.Subject, ["version"] = schema.Version, ["valid"] = schema.Valid };
        }

        if (execution.Causation is { } causation)
        {
            metadata["causation"] = new JsonObject
            {
                ["runId"] = causation.RunId.ToString("D"),
                ["agentId"] = causation.AgentId.ToString("D"),
                ["depth"] = causation.Depth,
            };
        }
        return metadata.ToJsonString();
    }
}
