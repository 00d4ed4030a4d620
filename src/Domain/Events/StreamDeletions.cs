namespace EventAgents.Domain.Events;

/// <summary>The decision on deleting a stream, from its state: its version, the version it was last deleted at, whether it is erased.</summary>
public static class StreamDeletions
{
    public const string DeletedEventType = "eventagents.stream.deleted";

    public const string ErasedEventType = "eventagents.stream.erased";

    public static StreamDeletion Decide(long? version, long? deletedAtVersion) => Decide(StreamDeletionMode.Soft, version, deletedAtVersion, erased: false);

    public static StreamDeletion Decide(StreamDeletionMode mode, long? version, long? deletedAtVersion, bool erased) =>
        version is null ? StreamDeletion.NotFound
        : erased ? StreamDeletion.AlreadyErased
        : mode == StreamDeletionMode.Erase ? StreamDeletion.Erase
        : deletedAtVersion == version ? StreamDeletion.AlreadyDeleted
        : StreamDeletion.Delete;

    /// <summary>The system stream recording a partner stream's lifecycle.</summary>
    public static string MetaStreamOf(string streamId) => SystemStreams.MetaPrefix + streamId;
}
