using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>A page of a stream's events with the stream it was read from, as the read cache keeps it.</summary>
internal sealed record StreamPage(StreamDto Stream, IReadOnlyList<EventDto> Events)
{
    /// <summary>About what the page's strings and objects take in memory.</summary>
    public static long SizeOf(IReadOnlyList<EventDto> events)
    {
        long bytes = 128;
        foreach (var @event in events)
        {
            bytes += 2L * (@event.Data.Json.Length + @event.Metadata.Json.Length + @event.Type.Length + @event.StreamId.Length) + 160;
        }

        return bytes;
    }
}
