using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Documents.Queries.ListDocuments;

/// <param name="Where">Equality filters on top-level data fields (field → value as written in the query string).</param>
public sealed record ListDocumentsQuery(
    string Collection, int Limit, string? Cursor, string OrderBy, string Order, IReadOnlyDictionary<string, string> Where) : IPagedQuery, IQuery<Page<DocumentDto>>;
