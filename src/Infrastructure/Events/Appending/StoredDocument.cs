namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>A document row as a document write left it (its data as PostgreSQL stores it).</summary>
internal sealed record StoredDocument(DateTimeOffset CreatedAt, byte[] DataUtf8);
