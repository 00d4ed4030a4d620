using Mediator;

namespace EventAgents.Application.Events.Queries.GetStreamMetadata;

public sealed record GetStreamMetadataQuery(string StreamId) : IQuery<StreamMetadataDto>;
