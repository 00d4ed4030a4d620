using EventAgents.Application.Common.Paging;
using EventAgents.Domain.Events;

namespace EventAgents.Application.Events;

/// <summary>
/// The tenant-scoped event store. Appends are atomic, checked against the expected version and idempotent by event id,
/// and every tenant's global log is in commit order, so a reader polling with <c>after = lastPosition</c> never skips an event.
/// </summary>
public interface IEventStore
{
    /// <exception cref="Exceptions.WrongExpectedVersionException">The stream is not at the expected version.</exception>
    /// <exception cref="Exceptions.EventIdConflictException">An event id is already stored with other content or in another stream.</exception>
    Task<AppendOutcome> AppendAsync(
        Guid tenantId, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken);

    Task<StreamDto?> GetStreamAsync(Guid tenantId, string streamId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> events, fewer when the page's byte budget (<c>Paging:MaxPageBytes</c>) ends it.</summary>
    Task<Slice<EventDto>> ReadStreamAsync(
        Guid tenantId, string streamId, long fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken);

    /// <summary>When the last event of <paramref name="eventType"/> at or before <paramref name="version"/> was written, if any.</summary>
    Task<DateTimeOffset?> LastWrittenAsync(Guid tenantId, string streamId, string eventType, long version, CancellationToken cancellationToken);

    /// <summary>
    /// The stream and a page of its events in one round trip; null when the stream does not exist. A null
    /// <paramref name="fromVersion"/> starts at the first event (forward) or the last one (backward).
    /// </summary>
    Task<(StreamDto Stream, IReadOnlyList<EventDto> Events)?> ReadStreamPageAsync(
        Guid tenantId, string streamId, long? fromVersion, ReadDirection direction, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamDto>> ListStreamsAsync(
        Guid tenantId, string? prefix, string? afterStreamId, IReadOnlyList<string> hiddenPrefixes, int limit, CancellationToken cancellationToken);

    Task<GlobalLogPage> ReadAllAsync(
        Guid tenantId, long after, int limit, IReadOnlyList<string> types, string? streamPrefix, IReadOnlyList<string> hiddenPrefixes,
        CancellationToken cancellationToken);
}
