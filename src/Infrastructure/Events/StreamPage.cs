using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// A page of a stream's events with the stream it was read from, as the read cache keeps it. A stream with a maximum age
/// (<paramref name="MaxAge"/>) loses events by the clock, not by a new version, so its page is filtered each time it is served.
/// </summary>
internal sealed record StreamPage(StreamDto Stream, IReadOnlyList<EventDto> Events, TimeSpan? MaxAge = null)
{
    /// <summary>The events still within the stream's maximum age at <paramref name="now"/>.</summary>
    public IReadOnlyList<EventDto> RetainedAt(DateTimeOffset now)
    {
        if (MaxAge is not { } age)
        {
            return Events;
        }

        var oldest = now - age;
        return Events.Where(e => e.CreatedAt >= oldest).ToList();
    }

    /// <summary>About what the page's payloads, strings and objects take in memory.</summary>
    public static long SizeOf(IReadOnlyList<EventDto> events)
    {
        long bytes = 128;
        foreach (var @event in events)
        {
            bytes += @event.Data.ByteCount + @event.Metadata.ByteCount + 2L * (@event.Type.Length + @event.StreamId.Length) + 200;
        }

        return bytes;
    }
}
