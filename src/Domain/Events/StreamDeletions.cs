namespace EventAgents.Domain.Events;

/// <summary>The decision on a stream's state: its version, and the version it was last deleted at (null: never).</summary>
public static class StreamDeletions
{
    public const string DeletedEventType = "eventagents.stream.deleted";

    public static StreamDeletion Decide(long? version, long? deletedAtVersion) =>
        version is not { } current ? StreamDeletion.NotFound
        : deletedAtVersion == current ? StreamDeletion.AlreadyDeleted
        : StreamDeletion.Delete;

    /// <summary>The system stream recording a partner stream's lifecycle.</summary>
    public static string MetaStreamOf(string streamId) => SystemStreams.MetaPrefix + streamId;
}
