using EventAgents.Application.Common.Paging;
namespace EventAgents.Application.Documents;

/// <summary>Documents as a projection of their events, kept in the same transaction as each event.</summary>
public interface IDocumentStore
{
    Task<DocumentDto?> GetAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken);

    Task<DocumentSnapshot> LoadAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken);

    /// <summary>Appends the change's event and updates the projection atomically; returns the new state (null when deleted).</summary>
    /// <exception cref="Events.Exceptions.WrongExpectedVersionException">Someone else changed the document first.</exception>
    Task<DocumentDto?> WriteAsync(Guid tenantId, DocumentChange change, CancellationToken cancellationToken);

    /// <summary>Up to the query's limit of documents, fewer when the page's byte budget ends it.</summary>
    Task<Slice<DocumentDto>> QueryAsync(Guid tenantId, DocumentQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<CollectionDto>> ListCollectionsAsync(Guid tenantId, CancellationToken cancellationToken);
}
