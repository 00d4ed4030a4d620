using Mediator;

namespace EventAgents.Application.Schemas.Commands.ConfigureSchemaSubject;

/// <summary>Creates a subject or changes its modes; a mode left out keeps its value (or the default for a new subject).</summary>
public sealed record ConfigureSchemaSubjectCommand(string Kind, string Name, string? Compatibility, string? Enforcement)
    : ICommand<ConfiguredSchemaSubjectResult>, ISubjectMessage;
