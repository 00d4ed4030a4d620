using EventAgents.Domain.Documents;
using EventAgents.Domain.Events;

namespace EventAgents.Domain.Schemas;

/// <summary>
/// A tenant's schema subject: <c>events/{eventType}</c> (the data of that event type) or <c>collections/{collection}</c>
/// (the documents of that collection). Its changes are events in the system stream <c>schema:{kind}:{name}</c> — a colon,
/// because stream ids have no slash (event types and collection names have no colon, so it is unambiguous).
/// </summary>
public readonly record struct SchemaSubject(SubjectKind Kind, string Name)
{
    public const string EventsSegment = "events";
    public const string CollectionsSegment = "collections";

    public static SchemaSubject ForEvent(string eventType) => new(SubjectKind.Events, eventType);

    public static SchemaSubject ForCollection(string collection) => new(SubjectKind.Collections, collection);

    /// <summary>The kind from its path segment (<c>events</c>, <c>collections</c>).</summary>
    public static SubjectKind? KindOf(string? segment) => segment switch
    {
        EventsSegment => SubjectKind.Events,
        CollectionsSegment => SubjectKind.Collections,
        _ => null,
    };

    public static bool IsValid(SubjectKind kind, string? name) => kind switch
    {
        SubjectKind.Events => EventType.IsValid(name),
        SubjectKind.Collections => CollectionName.IsValid(name),
        _ => false,
    };

    public string Segment => Kind == SubjectKind.Events ? EventsSegment : CollectionsSegment;

    /// <summary>The system stream holding the subject's changes.</summary>
    public string StreamId => SystemStreams.SchemaPrefix + Segment + ":" + Name;

    public override string ToString() => Segment + "/" + Name;
}
