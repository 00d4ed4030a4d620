namespace EventAgents.Application.Schemas.Commands.ConfigureSchemaSubject;

public sealed record ConfiguredSchemaSubjectResult(SchemaSubjectDto Subject, bool Created);
