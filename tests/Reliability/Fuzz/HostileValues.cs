using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EventAgents.Reliability.Fuzz;

/// <summary>
/// The corpus: strings, numbers and JSON shapes that break naive services — injection, unicode edge cases, extremes,
/// wrong types, deep nesting. Nothing in it is an http(s) URL to a host other than 127.0.0.1, so no request leaves the box.
/// </summary>
public static class HostileValues
{
    public static readonly string[] Strings =
    [
        "", " ", "null", "true", "0", "-1", "NaN", "Infinity", "-0", "0x7fffffff", "9223372036854775808", "1e309",
        "' OR '1'='1", "'; DROP TABLE events; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(30)--", "$$; SELECT 1; $$", "%' --",
        "admin'--", "1' UNION SELECT table_name FROM information_schema.tables--", "E'\\\\x00'", "\\", "\\\\", "'", "\"", "`",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "#{7*7}",
        "${jndi:ldap://127.0.0.1:9/a}", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/dev/random", "%00", "%2e%2e%2f",
        "%s%s%s%s%n", "\u0000", "a\u0000b", "\ud800", "\udfff", "\ud83d", "\u202e\u0041\u0042", "\ufeff", "\ufffe", "\uffff",
        "\u200b", "𝕳𝖊𝖑𝖑𝖔", "Z̴̡̢͇͓̈́a̸l̷g̶o̵", "👩‍👩‍👧‍👦", "ß", "İı", "\r\n", "\r\nX-Injected: 1", "\t\v\f", "\u001b[31m",
        "doc:x:y", "run:" + Guid.Empty, "webhook:x", "*", "?", "#", "&", "=", "+", ";", ",", "/", ".", "..", "~", "%", "%zz",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-guid", "{00000000-0000-0000-0000-000000000000}",
        "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-00-00", "http://127.0.0.1:9/", "ftp://127.0.0.1/", "file:///etc/passwd",
        "http://[::1]:9/", "http://0.0.0.0:9/", "http://127.0.0.1:9/" + new string('a', 3000),
        new string('a', 201), new string('x', 1025), new string('é', 4097), new string('a', 100_000),
    ];

    /// <summary>JSON literals, inserted into bodies as they are (some are not representable by a serializer).</summary>
    public static readonly string[] JsonLiterals =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "99999999999999999999999999999", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e-400", "0.0000000000000000000000001", "[]", "{}",
        "[null]", "[1,2,3]", "{\"a\":1}", "\"\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "{\"__proto__\":{\"admin\":true}}",
        "{\"$where\":\"1==1\"}", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":1}}}}}}}}",
    ];

    /// <summary>Non-ASCII goes on the wire as UTF-8, not as \u escapes, so the server's decoder sees it.</summary>
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pick(Random random) => Strings[random.Next(Strings.Length)];

    /// <summary>A value for a JSON body: a hostile string (serialized), or a literal, or deep nesting.</summary>
    public static string PickJson(Random random) => random.Next(10) switch
    {
        < 5 => JsonSerializer.Serialize(Pick(random), Raw),
        < 9 => JsonLiterals[random.Next(JsonLiterals.Length)],
        _ => Deep(random.Next(2) == 0 ? 100 : 10_000),
    };

    public static string Deep(int depth) => new StringBuilder().Append('[', depth).Append(']', depth).ToString();

    /// <summary>Bytes that are not UTF-8: a lone continuation byte, an overlong encoding, a surrogate half, 0xFF.</summary>
    public static readonly byte[][] InvalidUtf8 = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xC3, 0x28], [0xF4, 0x90, 0x80, 0x80]];

    public static byte[] WithInvalidUtf8(string json, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf('"', StringComparison.Ordinal) + 1;
        var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
        return [.. bytes[..Math.Max(at, 0)], .. bad, .. bytes[Math.Max(at, 0)..]];
    }
}
