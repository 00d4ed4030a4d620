using System.Text.Json.Serialization;

namespace EventAgents.Application.Events.Commands.AppendEvents;

/// <param name="Replayed">True when the batch was already stored (an idempotent retry): nothing new was written. Sent as the
/// <c>Idempotent-Replayed</c> header, not in the body.</param>
public sealed record AppendEventsResult(
    string StreamId, long FromVersion, long ToVersion, IReadOnlyList<AppendedEvent> Events, [property: JsonIgnore] bool Replayed = false);
