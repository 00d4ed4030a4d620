using Mediator;

namespace EventAgents.Application.Schemas.Queries.GetSchemaSubject;

public sealed record GetSchemaSubjectQuery(string Kind, string Name) : IQuery<SchemaSubjectDto>, ISubjectMessage;
