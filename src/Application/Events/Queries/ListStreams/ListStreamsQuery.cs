using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Events.Queries.ListStreams;

public sealed record ListStreamsQuery(string? Prefix, int Limit, string? Cursor) : IPagedQuery, IQuery<Page<StreamDto>>;
