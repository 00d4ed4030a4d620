using Mediator;

namespace EventAgents.Application.Schemas.Queries.ListSchemaSubjects;

/// <summary>The tenant's live subjects, events first, by name.</summary>
public sealed record ListSchemaSubjectsQuery : IQuery<SchemaSubjectsResult>;
