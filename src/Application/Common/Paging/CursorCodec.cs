using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Common.Paging;

/// <summary>
/// Opaque cursors: base64url of a small JSON object holding the sort key of the last item and the
/// scope (tenant) it was issued for, so a cursor cannot be replayed against another tenant's list.
/// </summary>
public static class CursorCodec
{
    public static string Encode<TKey>(TKey key, string scope)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorEnvelope<TKey>(scope, key));
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Decodes a cursor, or throws <see cref="BadRequestException"/> when it is malformed or of another scope.</summary>
    public static TKey Decode<TKey>(string cursor, string scope)
    {
        CursorEnvelope<TKey>? envelope;
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            envelope = JsonSerializer.Deserialize<CursorEnvelope<TKey>>(bytes);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid();
        }

        if (envelope is null || envelope.S != scope || envelope.K is null)
        {
            throw Invalid();
        }

        return envelope.K;
    }

    private static BadRequestException Invalid() => new("cursor", "The cursor is not valid for this list.");

    private sealed record CursorEnvelope<TKey>(string S, TKey K);
}
