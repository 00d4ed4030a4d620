using System.Text.Json;

namespace EventAgents.Reliability.Harness;

/// <summary>
/// The API's own request log (compact JSON, one completion line per request with status and elapsed milliseconds): the
/// server's view of latency, without the load generator's queueing when both share a small machine.
/// </summary>
public static class RequestLog
{
    public static IReadOnlyList<(DateTimeOffset At, int Status, TimeSpan Elapsed)> Read(string path, DateTimeOffset from, DateTimeOffset to)
    {
        var entries = new List<(DateTimeOffset, int, TimeSpan)>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains("\"SourceContext\":\"EventAgents.WebApi.Infrastructure.Logging.RequestLogMiddleware\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var at = root.GetProperty("@t").GetDateTimeOffset();
            if (at >= from && at < to)
            {
                entries.Add((at, root.GetProperty("StatusCode").GetInt32(), TimeSpan.FromMilliseconds(root.GetProperty("Elapsed").GetDouble())));
            }
        }

        return entries;
    }
}
