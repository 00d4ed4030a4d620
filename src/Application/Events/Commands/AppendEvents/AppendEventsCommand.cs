using System.Text.Json;
using Mediator;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed record AppendEventsCommand(string StreamId, long? ExpectedVersion, IReadOnlyList<NewEvent> Events)
    : ICommand<AppendEventsResult>;

/// <summary>An event as the client sends it.</summary>
public sealed record NewEvent(Guid? EventId, string Type, JsonElement Data, JsonElement? Metadata);
