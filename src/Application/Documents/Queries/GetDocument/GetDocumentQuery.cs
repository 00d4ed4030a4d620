using Mediator;

namespace EventAgents.Application.Documents.Queries.GetDocument;

/// <param name="Version">When set, the document as it was at that version, rebuilt from its events.</param>
public sealed record GetDocumentQuery(string Collection, string Id, long? Version) : IQuery<DocumentDto>;
