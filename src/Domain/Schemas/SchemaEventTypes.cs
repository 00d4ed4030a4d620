namespace EventAgents.Domain.Schemas;

/// <summary>The events of a subject's system stream (<see cref="SchemaSubject.StreamId"/>).</summary>
public static class SchemaEventTypes
{
    public const string Configured = "schema.subject.configured";
    public const string VersionRegistered = "schema.version.registered";
    public const string Deleted = "schema.subject.deleted";
}
