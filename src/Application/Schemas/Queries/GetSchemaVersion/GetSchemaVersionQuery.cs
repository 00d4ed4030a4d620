using Mediator;

namespace EventAgents.Application.Schemas.Queries.GetSchemaVersion;

/// <param name="Version">A version number, or <c>latest</c>.</param>
public sealed record GetSchemaVersionQuery(string Kind, string Name, string Version) : IQuery<SchemaVersionDto>, ISubjectMessage
{
    public const string Latest = "latest";
}
