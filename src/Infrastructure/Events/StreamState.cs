using EventAgents.Domain.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>A stream's row in es_streams as its lifecycle sees it (<see cref="StreamStates"/> reads it).</summary>
internal sealed record StreamState(long Version, long? DeletedAtVersion, bool Erased, StreamRetention Retention)
{
    /// <summary>Soft-deleted (and nothing appended since) or erased: reads answer 404.</summary>
    public bool Hidden => Erased || DeletedAtVersion == Version;
}
