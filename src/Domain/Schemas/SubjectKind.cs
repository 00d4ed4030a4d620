namespace EventAgents.Domain.Schemas;

/// <summary>What a schema subject describes: the data of one event type, or the documents of one collection.</summary>
public enum SubjectKind
{
    Events,
    Collections,
}
