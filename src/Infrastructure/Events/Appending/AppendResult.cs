using EventAgents.Application.Common.Quotas;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Exceptions;

namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>
/// One append's outcome, typed: the events stored (or stored before, for a replay), or why nothing was stored — the
/// stream's current version for a conflict, the reason for a refused quota. A document write also gets its row back.
/// </summary>
internal sealed record AppendResult(
    AppendStatus Status, IReadOnlyList<StoredEvent> Events, long? CurrentVersion, string? Detail, StoredDocument? Document)
{
    public bool Succeeded => Status is AppendStatus.Appended or AppendStatus.Replayed;

    /// <summary>The only translation of a refused append into the application's errors.</summary>
    public Exception Error(AppendRequest request) => Status switch
    {
        AppendStatus.WrongExpectedVersion => new WrongExpectedVersionException(request.StreamId, request.ExpectedVersion ?? 0, CurrentVersion ?? 0),
        AppendStatus.EventIdConflict => new EventIdConflictException(),
        AppendStatus.StreamErased => new StreamErasedException(request.StreamId),
        AppendStatus.StorageQuota => QuotaErrors.Storage(Detail ?? string.Empty),
        AppendStatus.RunsPerAppend => QuotaErrors.RunsPerAppend(Detail ?? string.Empty),
        AppendStatus.RunsPerMinute => QuotaErrors.RunsPerMinute(Detail ?? string.Empty),
        _ => throw new InvalidOperationException($"An append with status {Status} has no error."),
    };

    /// <summary>The stored events, or the application's error for a refused append.</summary>
    public IReadOnlyList<StoredEvent> EventsOrThrow(AppendRequest request) => Succeeded ? Events : throw Error(request);
}
