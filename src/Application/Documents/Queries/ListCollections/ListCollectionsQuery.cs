using Mediator;

namespace EventAgents.Application.Documents.Queries.ListCollections;

public sealed record ListCollectionsQuery : IQuery<CollectionsResult>;

public sealed record CollectionsResult(IReadOnlyList<CollectionDto> Items);
