using Mediator;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed record AppendEventsCommand(string StreamId, long? ExpectedVersion, IReadOnlyList<NewEvent> Events)
    : ICommand<AppendEventsResult>;
