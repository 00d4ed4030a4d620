namespace EventAgents.Application.Schemas.Queries.ListSchemaSubjects;

public sealed record SchemaSubjectsResult(IReadOnlyList<SchemaSubjectDto> Items);
