using System.Globalization;

namespace EventAgents.Application.Common.Consistency;

/// <summary>
/// What a write hands back so that a later read sees it (read-your-writes, the session consistency of Cosmos DB and MongoDB's
/// causal sessions): a position in the primary's write-ahead log at or after the write's commit. Opaque to clients:
/// <c>v1.</c> and the LSN in hex.
/// </summary>
public readonly record struct ConsistencyToken(ulong Lsn)
{
    public const string HeaderName = "X-Consistency-Token";

    private const string Prefix = "v1.";

    public override string ToString() => Prefix + Lsn.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ConsistencyToken token)
    {
        token = default;
        if (text is null || text.Length != Prefix.Length + 16 || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !ulong.TryParse(text.AsSpan(Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var lsn))
        {
            return false;
        }

        token = new ConsistencyToken(lsn);
        return true;
    }
}
