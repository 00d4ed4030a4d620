namespace EventAgents.Application.Documents;

/// <summary>The sort key of the last document of a page.</summary>
public sealed record DocumentCursor(DateTimeOffset? At, string Id);
