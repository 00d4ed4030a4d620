using System.Text.Json;
using Mediator;

namespace EventAgents.Application.Schemas.Commands.RegisterSchemaVersion;

/// <summary>Registers a schema as the subject's next version if its compatibility mode allows it (an identical one is answered with its version).</summary>
public sealed record RegisterSchemaVersionCommand(string Kind, string Name, JsonElement Schema)
    : ICommand<RegisteredSchemaVersionResult>, ISubjectMessage;
