namespace EventAgents.Application.Documents;

/// <summary>
/// A short-lived cache of documents by id, keyed by tenant, collection and id. After a write on this instance it never
/// returns a version older than the one written; other instances converge within the entry lifetime.
/// </summary>
public interface IDocumentCache
{
    ValueTask<DocumentDto?> GetOrLoadAsync(
        Guid tenantId, string collection, string id, Func<CancellationToken, Task<DocumentDto?>> load, CancellationToken cancellationToken);

    /// <summary>
    /// The cached document when this instance holds a current entry for it (null otherwise, also when the cache knows it as
    /// deleted: a deleted document's stream version is not cached).
    /// </summary>
    DocumentDto? PeekCurrent(Guid tenantId, string collection, string id);

    /// <summary>Records a write: the new state (null when deleted) at <paramref name="version"/>.</summary>
    ValueTask WrittenAsync(Guid tenantId, string collection, string id, DocumentDto? document, long version, CancellationToken cancellationToken);
}
