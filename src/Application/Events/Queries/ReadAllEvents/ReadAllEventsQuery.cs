using Mediator;

namespace EventAgents.Application.Events.Queries.ReadAllEvents;

public sealed record ReadAllEventsQuery(long After, int Limit, IReadOnlyList<string> Types, string? StreamPrefix)
    : IQuery<GlobalLogPage>, ILogFilter;
