using EventAgents.Domain.Events;

namespace EventAgents.Application.Events;

/// <summary>A stream's retention metadata; null is no limit.</summary>
/// <param name="MaxAge">Seconds: events older than this are not readable and are removed by the scavenger.</param>
/// <param name="MaxCount">Only the last this many events are readable; the rest are removed by the scavenger.</param>
/// <param name="TruncateBefore">Events below this version are not readable and are removed by the scavenger. Only moves forward.</param>
public sealed record StreamMetadataDto(long? MaxAge, long? MaxCount, long? TruncateBefore)
{
    public static StreamMetadataDto From(StreamRetention retention) =>
        new(retention.MaxAge is { } age ? (long)age.TotalSeconds : null, retention.MaxCount, retention.TruncateBefore);

    public StreamRetention ToRetention() => new(MaxAge is { } seconds ? TimeSpan.FromSeconds(seconds) : null, MaxCount, TruncateBefore);
}
