using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Events.Exceptions;

public sealed class EventIdConflictException()
    : ConflictException(
        "event-id-conflict",
        "Event id conflict",
        "An event id of this batch is already stored with different content, order or stream; retry only identical batches.");
