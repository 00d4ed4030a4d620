using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Queries.GetStream;

public sealed class GetStreamQueryHandler(IEventStore store, ICurrentPrincipal principal) : IQueryHandler<GetStreamQuery, StreamDto>
{
    public async ValueTask<StreamDto> Handle(GetStreamQuery query, CancellationToken cancellationToken)
    {
        StreamAccess.RequireVisible(principal, query.StreamId);
        return await store.GetStreamAsync(principal.TenantId, query.StreamId, cancellationToken)
            ?? throw new NotFoundException("Stream", query.StreamId);
    }
}
