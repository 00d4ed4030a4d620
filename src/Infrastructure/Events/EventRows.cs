using EventAgents.Application.Common.Json;
using EventAgents.Application.Events;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>The one shape in which events are selected from es_events (alias <c>e</c>) and read back, payloads as UTF-8 text.</summary>
internal static class EventRows
{
    public const string Columns =
        "e.event_id, e.stream_id, e.version, e.position, e.event_type, e.data::text, e.metadata::text, e.created_at";

    public static EventDto Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetInt64(3),
        reader.GetString(4),
        new RawJson(reader.GetFieldValue<byte[]>(5)),
        new RawJson(reader.GetFieldValue<byte[]>(6)),
        reader.GetFieldValue<DateTimeOffset>(7));
}
