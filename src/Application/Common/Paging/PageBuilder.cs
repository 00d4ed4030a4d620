namespace EventAgents.Application.Common.Paging;

public static class PageBuilder
{
    /// <summary>
    /// Builds a page from up to <paramref name="limit"/> + 1 rows: the extra row only tells that another page exists,
    /// and the cursor is the sort key of the last row shown.
    /// </summary>
    public static Page<TDto> ToPage<TRow, TDto, TKey>(
        IReadOnlyList<TRow> rows, int limit, Func<TRow, TDto> map, Func<TRow, TKey> sortKey, string cursorScope, bool truncated = false)
    {
        var shown = rows.Take(limit).ToList();
        var next = rows.Count > limit || (truncated && shown.Count > 0) ? CursorCodec.Encode(sortKey(shown[^1]), cursorScope) : null;
        return new Page<TDto>(shown.Select(map).ToList(), next);
    }
}
