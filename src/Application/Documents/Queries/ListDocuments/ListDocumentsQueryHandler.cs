using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Documents.Queries.ListDocuments;

public sealed class ListDocumentsQueryHandler(IDocumentStore store, ICurrentPrincipal principal)
    : IQueryHandler<ListDocumentsQuery, Page<DocumentDto>>
{
    public async ValueTask<Page<DocumentDto>> Handle(ListDocumentsQuery query, CancellationToken cancellationToken)
    {
        var order = query.OrderBy switch
        {
            "createdAt" => DocumentOrder.CreatedAt,
            "updatedAt" => DocumentOrder.UpdatedAt,
            _ => DocumentOrder.Id,
        };
        var where = WhereJson(query.Where);
        // The cursor is bound to the tenant and to the exact list it came from.
        var scope = $"documents:{principal.TenantId:N}:{query.Collection}:{query.OrderBy}:{query.Order}:{where}";
        var after = query.Cursor is null ? null : CursorCodec.Decode<DocumentCursor>(query.Cursor, scope);
        var rows = await store.QueryAsync(
            principal.TenantId, new DocumentQuery(query.Collection, where, order, query.Order == "desc", after, query.Limit + 1), cancellationToken);
        return PageBuilder.ToPage(rows.Items, query.Limit, d => d, d => new DocumentCursor(
            order switch { DocumentOrder.CreatedAt => d.CreatedAt, DocumentOrder.UpdatedAt => d.UpdatedAt, _ => null }, d.Id), scope, rows.Truncated);
    }

    /// <summary>
    /// The filters as one JSON object for containment (<c>data @> …</c>). A value that is a JSON number, true, false, null or a
    /// quoted string is taken as that JSON value; anything else is a string (so <c>where[status]=active</c> just works).
    /// </summary>
    private static string? WhereJson(IReadOnlyDictionary<string, string> where)
    {
        if (where.Count == 0)
        {
            return null;
        }

        var filter = new JsonObject();
        foreach (var (field, value) in where.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            filter[field] = ParseValue(field, value);
        }

        return filter.ToJsonString();
    }

    private static JsonNode? ParseValue(string field, string value)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }

        if (node is not (JsonValue or null))
        {
            return JsonValue.Create(value);
        }

        try
        {
            _ = node?.ToJsonString();
            return node;
        }
        catch (InvalidOperationException)
        {
            throw new BadRequestException($"where[{field}]", JsonUnicode.Message);
        }
    }
}
