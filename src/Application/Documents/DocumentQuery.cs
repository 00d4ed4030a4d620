namespace EventAgents.Application.Documents;

/// <summary>A query over a collection: equality filters on top-level fields, keyset paging.</summary>
public sealed record DocumentQuery(
    string Collection, string? WhereJson, DocumentOrder OrderBy, bool Descending, DocumentCursor? After, int Limit);
