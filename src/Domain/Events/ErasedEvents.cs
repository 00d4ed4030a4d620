namespace EventAgents.Domain.Events;

/// <summary>
/// An erased event keeps its position (the global log never shows a hole) and its id, and loses everything else: it reads
/// with this type, <c>null</c> data and empty metadata. Event types partners write start with a letter, so none is confused with it.
/// </summary>
public static class ErasedEvents
{
    public const string Type = "$erased";

    public static bool IsErased(string eventType) => string.Equals(eventType, Type, StringComparison.Ordinal);
}
