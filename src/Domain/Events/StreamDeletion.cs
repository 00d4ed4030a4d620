namespace EventAgents.Domain.Events;

/// <summary>
/// What deleting a stream does now. A soft delete (as KurrentDB's) hides the events and keeps the name: a later append
/// continues the version. An erase removes every event's data and metadata for good, keeping their positions as
/// <see cref="ErasedEvents.Type"/> tombstones, and the stream can never be written again.
/// </summary>
public enum StreamDeletion
{
    /// <summary>The stream is soft-deleted now.</summary>
    Delete,

    /// <summary>Nothing to do: it is deleted already and nothing was appended since (deleting is idempotent).</summary>
    AlreadyDeleted,

    /// <summary>The stream is erased now.</summary>
    Erase,

    /// <summary>Nothing to do: it is erased already (erasing is idempotent); a soft delete of it is the same no-op.</summary>
    AlreadyErased,

    NotFound,
}
