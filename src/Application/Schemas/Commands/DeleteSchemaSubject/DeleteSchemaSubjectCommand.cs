using Mediator;

namespace EventAgents.Application.Schemas.Commands.DeleteSchemaSubject;

/// <summary>Deletes a subject: writes stop being checked; a later registration starts it afresh with the next version number.</summary>
public sealed record DeleteSchemaSubjectCommand(string Kind, string Name) : ICommand, ISubjectMessage;
