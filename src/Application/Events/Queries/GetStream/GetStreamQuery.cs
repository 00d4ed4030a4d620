using Mediator;

namespace EventAgents.Application.Events.Queries.GetStream;

public sealed record GetStreamQuery(string StreamId) : IQuery<StreamDto>;
