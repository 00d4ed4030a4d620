using System.Globalization;
using System.Text;
using System.Text.Json;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Queries.ReadAllEvents;
using EventAgents.WebApi.Infrastructure.Problems;
using Mediator;

namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>
/// Serves the tenant's global log as Server-Sent Events. Catch-up and live delivery are the same loop: read the log after
/// the cursor, write what is there, and when the page was not full wait for a wake-up (LISTEN/NOTIFY, or a slow fallback
/// timer). The wake-up is taken before each read, so nothing committed between a read and the wait is missed, and the
/// cursor only moves forward, so nothing is sent twice.
/// </summary>
public sealed class EventStreamWriter(
    ISender sender, ICurrentPrincipal principal, IEventNotifications notifications, IConfiguration configuration, JsonSerializerOptionsProvider json,
    LiveConnectionLimiter limiter, IHostApplicationLifetime lifetime)
{
    private const int PageSize = 500;
    private static readonly byte[] HeartbeatFrame = ": heartbeat\n\n"u8.ToArray();

    private readonly TimeSpan _heartbeat = TimeSpan.FromSeconds(configuration.GetValue("Events:HeartbeatSeconds", 15.0));
    private readonly TimeSpan _fallbackPoll = TimeSpan.FromSeconds(configuration.GetValue("Events:LiveFallbackPollSeconds", 5.0));

    /// <summary>Where a stream resumes: after the <c>Last-Event-ID</c> a reconnecting EventSource sends, else after <paramref name="after"/>.</summary>
    public static long ResumePosition(string? lastEventId, long after) =>
        lastEventId is not null && long.TryParse(lastEventId, out var resumed) && resumed >= 0 ? resumed : after;

    /// <summary>
    /// Serves one live stream: it holds one of the client's live connections (429 beyond the cap) and ends quietly when the
    /// client leaves, the server stops, or an event for which <paramref name="isLast"/> holds has been sent.
    /// </summary>
    public async Task ServeAsync(
        HttpContext http, long after, IReadOnlyList<string> types, string? streamPrefix, Func<EventDto, bool>? isLast = null)
    {
        using var lease = limiter.TryAcquire(principal.ClientId) ?? throw new TooManyLiveConnectionsException();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await WriteAsync(http.Response, after, types, streamPrefix, stop.Token, isLast);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left or the server is stopping: the stream simply ends.
        }
    }

    /// <summary>Streams until cancelled, or until an event for which <paramref name="isLast"/> holds has been sent.</summary>
    public async Task WriteAsync(
        HttpResponse response, long after, IReadOnlyList<string> types, string? streamPrefix, CancellationToken cancellationToken,
        Func<EventDto, bool>? isLast = null)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var cursor = after;
        var lastWrite = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wakeUp = notifications.NextAsync(principal.TenantId);
            var page = await sender.Send(new ReadAllEventsQuery(cursor, PageSize, types, streamPrefix), cancellationToken);
            foreach (var @event in page.Events)
            {
                await response.Body.WriteAsync(Frame(@event), cancellationToken);
                if (isLast?.Invoke(@event) == true)
                {
                    await response.Body.FlushAsync(cancellationToken);
                    return;
                }
            }

            cursor = page.LastPosition;
            if (page.Events.Count > 0)
            {
                await response.Body.FlushAsync(cancellationToken);
                lastWrite = DateTime.UtcNow;
            }

            if (page.HasMore)
            {
                continue;
            }

            var untilHeartbeat = _heartbeat - (DateTime.UtcNow - lastWrite);
            if (untilHeartbeat <= TimeSpan.Zero)
            {
                await response.Body.WriteAsync(HeartbeatFrame, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                lastWrite = DateTime.UtcNow;
                untilHeartbeat = _heartbeat;
            }

            var wait = untilHeartbeat < _fallbackPoll ? untilHeartbeat : _fallbackPoll;
            await Task.WhenAny(wakeUp, Task.Delay(wait, cancellationToken));
        }
    }

    private byte[] Frame(EventDto @event)
    {
        var builder = new StringBuilder(256 + @event.Data.Json.Length + @event.Metadata.Json.Length);
        builder.Append("id: ").Append(@event.Position.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("event: ").Append(@event.Type).Append('\n');
        builder.Append("data: ").Append(JsonSerializer.Serialize(@event, json.Options)).Append("\n\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
