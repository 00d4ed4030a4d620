using System.Text;

namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>Turns property paths (<c>Events[0].Type</c>, <c>$.events[0].type</c>) into the camelCase JSON paths clients send.</summary>
public static class JsonPaths
{
    public static string ToCamelCase(string propertyPath)
    {
        var path = propertyPath.StartsWith("$.", StringComparison.Ordinal) ? propertyPath[2..] : propertyPath;
        if (path.Length == 0 || path == "$")
        {
            return "body";
        }

        var builder = new StringBuilder(path.Length);
        var atSegmentStart = true;
        foreach (var c in path)
        {
            builder.Append(atSegmentStart ? char.ToLowerInvariant(c) : c);
            atSegmentStart = c == '.';
        }

        return builder.ToString();
    }
}
