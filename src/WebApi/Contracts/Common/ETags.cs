using System.Globalization;
using EventAgents.Domain.Common;
using Microsoft.Extensions.Primitives;

namespace EventAgents.WebApi.Contracts.Common;

/// <summary>Strong ETags of versioned resources: <c>"&lt;version&gt;"</c>.</summary>
public static class ETags
{
    public static string For(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The write preconditions of If-Match / If-None-Match. An If-Match that names no version of ours never holds.</summary>
    public static Preconditions ToPreconditions(StringValues ifMatch, StringValues ifNoneMatch)
    {
        var matchTags = Split(ifMatch);
        var any = matchTags.Contains("*");
        long? version = null;
        if (matchTags.Count > 0 && !any)
        {
            version = matchTags.Select(Version).FirstOrDefault(v => v is not null) ?? -1;
        }

        return new Preconditions(version, any, Split(ifNoneMatch).Contains("*"));
    }

    /// <summary>Whether a conditional GET's If-None-Match matches the current version (→ 304).</summary>
    public static bool NoneMatchHits(StringValues ifNoneMatch, long version)
    {
        var tags = Split(ifNoneMatch);
        return tags.Contains("*") || tags.Select(t => t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t).Select(Version).Contains(version);
    }

    private static List<string> Split(StringValues header) =>
        header.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static long? Version(string tag) =>
        tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
}
