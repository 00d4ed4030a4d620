namespace EventAgents.Application.Schemas.Commands.RegisterSchemaVersion;

/// <param name="Created">False when the subject already had this schema: nothing was stored.</param>
public sealed record RegisteredSchemaVersionResult(SchemaVersionDto Version, bool Created);
