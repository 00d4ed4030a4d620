namespace EventAgents.Application.Documents.Queries.ListCollections;

public sealed record CollectionsResult(IReadOnlyList<CollectionDto> Items);
