namespace EventAgents.Application.Common.Paging;

/// <summary>A query that returns one page of a cursor-paged list.</summary>
public interface IPagedQuery
{
    int Limit { get; }

    string? Cursor { get; }
}
