using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>A page of a stream's events with the stream it was read from, as the read cache keeps it.</summary>
internal sealed record StreamPage(StreamDto Stream, IReadOnlyList<EventDto> Events)
{
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
