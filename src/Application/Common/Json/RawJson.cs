using System.Text;
using System.Text.Json.Serialization;

namespace EventAgents.Application.Common.Json;

/// <summary>
/// JSON kept as the UTF-8 bytes PostgreSQL sent and written out verbatim: event and document payloads are never
/// deserialised on the read path, never transcoded to UTF-16, and a cached one takes half the memory a string would.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly struct RawJson : IEquatable<RawJson>
{
    public static readonly RawJson EmptyObject = new("{}"u8.ToArray());

    private readonly byte[]? _utf8;

    public RawJson(byte[] utf8) => _utf8 = utf8;

    public RawJson(string json) => _utf8 = Encoding.UTF8.GetBytes(json);

    /// <summary>The JSON as UTF-8; empty for a default value.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>Whether this holds no JSON at all (a default value).</summary>
    public bool IsEmpty => _utf8 is null;

    /// <summary>The length of the UTF-8 JSON in bytes.</summary>
    public int ByteCount => _utf8?.Length ?? 0;

    /// <summary>The JSON as a string (decoded on every call; null for a default value).</summary>
    public string Json => _utf8 is null ? null! : Encoding.UTF8.GetString(_utf8);

    public static bool operator ==(RawJson left, RawJson right) => left.Equals(right);

    public static bool operator !=(RawJson left, RawJson right) => !left.Equals(right);

    public bool Equals(RawJson other) => Utf8.SequenceEqual(other.Utf8) && IsEmpty == other.IsEmpty;

    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8);
        return hash.ToHashCode();
    }

    public override string ToString() => Json;
}
