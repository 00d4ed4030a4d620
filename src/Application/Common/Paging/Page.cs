namespace EventAgents.Application.Common.Paging;

/// <summary>One page of a cursor-paged list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
