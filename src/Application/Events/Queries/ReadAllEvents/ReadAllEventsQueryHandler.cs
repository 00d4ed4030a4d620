using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Queries.ReadAllEvents;

public sealed class ReadAllEventsQueryHandler(IEventStore store, ICurrentPrincipal principal)
    : IQueryHandler<ReadAllEventsQuery, GlobalLogPage>
{
    public async ValueTask<GlobalLogPage> Handle(ReadAllEventsQuery query, CancellationToken cancellationToken) =>
        await store.ReadAllAsync(
            principal.TenantId, query.After, query.Limit, query.Types, query.StreamPrefix, StreamAccess.HiddenFrom(principal), cancellationToken);
}
