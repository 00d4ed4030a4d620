using System.Text.Json;

namespace EventAgents.WebApi.Contracts.Events;

/// <summary>One event to append.</summary>
/// <param name="EventId">Makes retries safe: re-sending the same batch with the same ids returns the original result. Defaults to a new UUIDv7.</param>
/// <param name="Type">1–128 characters matching ^[A-Za-z][A-Za-z0-9._-]*$, e.g. <c>order.placed</c>.</param>
/// <param name="Data">The event's payload, a JSON object.</param>
/// <param name="Metadata">Optional JSON object; the service adds <c>correlationId</c>, <c>clientId</c> and, when the data was
/// checked against its type's registered schema, <c>schema</c> (<c>subject</c>, <c>version</c>, <c>valid</c>).</param>
/// <param name="SchemaVersion">The version of <c>events/{type}</c>'s schema to check the data against; default the latest.
/// Ignored when the type has no schema or its enforcement is off.</param>
public sealed record NewEventRequest(Guid? EventId, string Type, JsonElement Data, JsonElement? Metadata, int? SchemaVersion = null);
