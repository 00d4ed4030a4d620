using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Keeps every log event a test host writes, as events and as JSON text.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>A test host whose log events at <paramref name="minimumLevel"/> and above come here.</summary>
    public ApiFactory Host(string minimumLevel) => new(
        settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = minimumLevel },
        services: services => services.AddSingleton<ILogEventSink>(this));

    /// <summary>
    /// The first event that matches, waiting up to 2 s: a request's line is written once its response has gone out, so it
    /// may come a moment after the client has its answer.
    /// </summary>
    public async Task<LogEvent?> FirstAsync(Func<LogEvent, bool> matches)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (_events.FirstOrDefault(matches) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return null;
    }

    public string Text() => string.Join('\n', _events.Select(logEvent =>
    {
        using var writer = new StringWriter();
        new Serilog.Formatting.Json.JsonFormatter(renderMessage: true).Format(logEvent, writer);
        return writer.ToString();
    }));
}
