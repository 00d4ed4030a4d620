using Mediator;

namespace EventAgents.Application.Events.Queries.ReadStreamEvents;

/// <param name="FromVersion">First version to read (forward: default 1; backward: default the stream's version).</param>
/// <param name="Direction"><c>forward</c> or <c>backward</c>.</param>
public sealed record ReadStreamEventsQuery(string StreamId, long? FromVersion, string Direction, int Limit)
    : IQuery<StreamEventsPage>;
