using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventAgents.WebApi.IntegrationTests.Correlation;

/// <summary>The request log as operators read it: compact JSON lines in the file named by <c>Serilog__FilePath</c>.</summary>
public sealed partial class RequestLogFileTests
{
    private const string RequestLogSource = "EventAgents.WebApi.Infrastructure.Logging.RequestLogMiddleware";

    [Test]
    public async Task Every_request_is_one_compact_JSON_line_written_by_the_time_the_host_stops()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eventagents-log-{Guid.NewGuid():N}", "api.json");
        try
        {
            await using (var factory = new ApiFactory(settings: new Dictionary<string, string?>
            {
                ["Serilog:FilePath"] = path,
                ["Serilog:MinimumLevel:Default"] = "Information",
            }))
            {
                using var http = factory.CreateClient();
                for (var i = 0; i < 50; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
                    request.Headers.Add("X-Correlation-ID", $"file-log.{i}");
                    (await http.SendAsync(request)).EnsureSuccessStatusCode();
                }

                using var missing = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");
                missing.Headers.Add("X-Correlation-ID", "file-log.missing");
                await http.SendAsync(missing);
            }

            var lines = File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var requests = lines.Where(l => l.TryGetProperty("SourceContext", out var source) && source.GetString() == RequestLogSource).ToList();

            Assert.That(requests.Select(r => r.GetProperty("CorrelationId").GetString()),
                Is.EquivalentTo(Enumerable.Range(0, 50).Select(i => $"file-log.{i}").Append("file-log.missing")), "one line per request, none lost at shutdown");
            var live = requests.First(r => r.GetProperty("CorrelationId").GetString() == "file-log.0");
            Assert.That(live.GetProperty("@mt").GetString(), Does.StartWith("HTTP {RequestMethod} {RouteTemplate} responded {StatusCode}"));
            Assert.That(live.GetProperty("RequestMethod").GetString(), Is.EqualTo("GET"));
            Assert.That(live.GetProperty("RouteTemplate").GetString(), Is.EqualTo("/health/live"));
            Assert.That(live.GetProperty("RequestPath").GetString(), Is.EqualTo("/health/live"));
            Assert.That(live.GetProperty("StatusCode").GetInt32(), Is.EqualTo(200));
            Assert.That(live.GetProperty("Elapsed").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(live.TryGetProperty("RequestId", out _), Is.False, "no per-request hosting scope");
            var unmatched = requests.Single(r => r.GetProperty("CorrelationId").GetString() == "file-log.missing");
            Assert.That(unmatched.GetProperty("StatusCode").GetInt32(), Is.EqualTo(404));
            Assert.That(unmatched.GetProperty("RouteTemplate").GetString(), Is.EqualTo("(unmatched)"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    public async Task Loggers_are_made_once_per_category_and_still_write_to_the_log()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eventagents-log-{Guid.NewGuid():N}", "api.json");
        try
        {
            await using (var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Serilog:FilePath"] = path }))
            {
                var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
                var first = loggers.CreateLogger("EventAgents.Tests.Category");

                // Authentication handlers are made per request and ask for their logger each time; Serilog's factory made a new one.
                Assert.That(loggers.CreateLogger("EventAgents.Tests.Category"), Is.SameAs(first));
                LogMarker(first, "logger-cache");
            }

            var line = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement)
                .Single(l => l.TryGetProperty("Marker", out var marker) && marker.GetString() == "logger-cache");
            Assert.That(line.GetProperty("SourceContext").GetString(), Is.EqualTo("EventAgents.Tests.Category"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cached logger line {Marker}")]
    private static partial void LogMarker(ILogger logger, string marker);
}
