using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>Builds the subject of a message its validator accepted.</summary>
public static class SubjectMessages
{
    public static SchemaSubject Subject(this ISubjectMessage message) =>
        new(SchemaSubject.KindOf(message.Kind) ?? throw new InvalidOperationException("The subject kind was not validated."), message.Name);

    public static Common.Exceptions.NotFoundException NotFound(this ISubjectMessage message) => new("Schema subject", message.Kind + "/" + message.Name);
}
