namespace EventAgents.Application.Documents;

/// <summary>A document as loaded for a write: its current state (null when absent or deleted) and its stream's version.</summary>
public sealed record DocumentSnapshot(DocumentDto? Current, long StreamVersion);
