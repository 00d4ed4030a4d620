namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>The document row a document write leaves behind: its new data, or null when the write deletes it.</summary>
internal sealed record DocumentProjection(string Collection, string Id, string? DataJson);
