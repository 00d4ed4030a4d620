using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Queries.ReadStreamEvents;

public sealed class ReadStreamEventsQueryHandler(IEventStore store, ICurrentPrincipal principal)
    : IQueryHandler<ReadStreamEventsQuery, StreamEventsPage>
{
    public async ValueTask<StreamEventsPage> Handle(ReadStreamEventsQuery query, CancellationToken cancellationToken)
    {
        StreamAccess.RequireVisible(principal, query.StreamId);
        var direction = query.Direction == "backward" ? ReadDirection.Backward : ReadDirection.Forward;
        var (stream, events) = await store.ReadStreamPageAsync(
            principal.TenantId, query.StreamId, query.FromVersion, direction, query.Limit, cancellationToken)
            ?? throw new NotFoundException("Stream", query.StreamId);

        // A page ends at its limit, at the stream's end, or early at its byte budget: whenever events remain, say where they start.
        long? next = null;
        if (events.Count > 0)
        {
            var last = events[^1].Version;
            next = direction == ReadDirection.Forward
                ? (last < stream.Version ? last + 1 : null)
                : (last > 1 ? last - 1 : null);
        }

        return new StreamEventsPage(stream.StreamId, stream.Version, events, next);
    }
}
