using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>
/// One append of a group: events for one stream, all or none, only if the stream is at <see cref="ExpectedVersion"/>
/// (null: any). A document write carries the projection row that changes with it.
/// </summary>
internal sealed record AppendRequest(string StreamId, long? ExpectedVersion, IReadOnlyList<EventToAppend> Events, DocumentProjection? Document = null);
