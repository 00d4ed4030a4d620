using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Common.Interfaces;
using EventAgents.Application.Common.Security;

namespace EventAgents.Application.Events;

/// <summary>
/// The metadata stored with an event: the client's keys, then the service's own (set last, so they cannot be spoofed):
/// correlationId, clientId and, for events written by an agent run, causation (which drives the trigger loop guard).
/// </summary>
public sealed class EventMetadata(ICurrentPrincipal principal, IRequestContext request, ExecutionScope execution)
{
    public string For(JsonElement? supplied)
    {
        var metadata = supplied is { ValueKind: JsonValueKind.Object } element ? JsonObject.Create(element)! : [];
        metadata["correlationId"] = request.CorrelationId;
        metadata["clientId"] = principal.ClientId;
        metadata.Remove("causation");
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
