using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventAgents.Application.Common.Json;

/// <summary>
/// JSON text kept as it came from PostgreSQL and written out verbatim: event and document payloads are never
/// deserialised on the read path.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Json)
{
    public static readonly RawJson EmptyObject = new("{}");

    public override string ToString() => Json;
}
