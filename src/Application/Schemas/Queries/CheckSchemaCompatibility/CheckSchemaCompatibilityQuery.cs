using System.Text.Json;
using Mediator;

namespace EventAgents.Application.Schemas.Queries.CheckSchemaCompatibility;

/// <summary>Checks a candidate against the subject's versions under its compatibility mode, storing nothing.</summary>
public sealed record CheckSchemaCompatibilityQuery(string Kind, string Name, JsonElement Schema) : IQuery<CompatibilityResultDto>, ISubjectMessage;
