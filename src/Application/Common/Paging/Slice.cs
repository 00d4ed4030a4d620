namespace EventAgents.Application.Common.Paging;

/// <summary>Rows read for a page, in order; <see cref="Truncated"/> when the byte budget (<see cref="PageOptions"/>) ended it before its count.</summary>
public sealed record Slice<T>(IReadOnlyList<T> Items, bool Truncated);
