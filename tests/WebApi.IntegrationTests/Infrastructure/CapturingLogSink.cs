using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Keeps every log event a test host writes, as events and as JSON text.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public string Text() => string.Join('\n', _events.Select(logEvent =>
    {
        using var writer = new StringWriter();
        new Serilog.Formatting.Json.JsonFormatter(renderMessage: true).Format(logEvent, writer);
        return writer.ToString();
    }));
}
