using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Documents.Queries.ListCollections;

public sealed class ListCollectionsQueryHandler(IDocumentStore store, ICurrentPrincipal principal)
    : IQueryHandler<ListCollectionsQuery, CollectionsResult>
{
    public async ValueTask<CollectionsResult> Handle(ListCollectionsQuery query, CancellationToken cancellationToken) =>
        new(await store.ListCollectionsAsync(principal.TenantId, cancellationToken));
}
