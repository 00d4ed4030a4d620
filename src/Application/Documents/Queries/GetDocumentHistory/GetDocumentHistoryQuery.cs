using EventAgents.Application.Common.Paging;
using EventAgents.Application.Events;
using Mediator;

namespace EventAgents.Application.Documents.Queries.GetDocumentHistory;

public sealed record GetDocumentHistoryQuery(string Collection, string Id, int Limit, string? Cursor) : IPagedQuery, IQuery<Page<EventDto>>;
