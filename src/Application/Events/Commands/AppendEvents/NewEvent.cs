using System.Text.Json;

namespace EventAgents.Application.Events.Commands.AppendEvents;

/// <summary>An event as the client sends it.</summary>
public sealed record NewEvent(Guid? EventId, string Type, JsonElement Data, JsonElement? Metadata);
