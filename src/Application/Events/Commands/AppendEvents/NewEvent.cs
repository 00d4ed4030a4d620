using System.Text.Json;

namespace EventAgents.Application.Events.Commands.AppendEvents;

/// <summary>An event as the client sends it; <paramref name="SchemaVersion"/> names the version of its type's schema to check it against (default: the latest).</summary>
public sealed record NewEvent(Guid? EventId, string Type, JsonElement Data, JsonElement? Metadata, int? SchemaVersion = null);
