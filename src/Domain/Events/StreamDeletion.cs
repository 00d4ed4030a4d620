namespace EventAgents.Domain.Events;

/// <summary>
/// Soft-deleting a stream, as KurrentDB does: its events are hidden (truncated before the next version), reads answer 404,
/// and the name is kept — a later append continues the version and only what it appends is visible.
/// </summary>
public enum StreamDeletion
{
    /// <summary>The stream is deleted now.</summary>
    Delete,

    /// <summary>Nothing to do: it is deleted already and nothing was appended since (deleting is idempotent).</summary>
    AlreadyDeleted,

    NotFound,
}
