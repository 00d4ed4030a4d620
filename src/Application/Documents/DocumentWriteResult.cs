namespace EventAgents.Application.Documents;

/// <summary>The outcome of a document write: the new state (null after a delete) and whether the document was created.</summary>
public sealed record DocumentWriteResult(DocumentDto? Document, bool Created);
