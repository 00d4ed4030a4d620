namespace EventAgents.Domain.Events;

/// <summary><c>?mode=</c> of a stream or document delete.</summary>
public enum StreamDeletionMode
{
    /// <summary>Hide the events; the name is kept and a later append continues the version.</summary>
    Soft,

    /// <summary>Remove every event's data and metadata for good; the stream can never be written again.</summary>
    Erase,
}
