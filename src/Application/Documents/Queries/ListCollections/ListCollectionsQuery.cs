using Mediator;

namespace EventAgents.Application.Documents.Queries.ListCollections;

public sealed record ListCollectionsQuery : IQuery<CollectionsResult>;
