using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using EventAgents.Application.Auth;
using EventAgents.Application.Clients;
using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Queries.ReadAllEvents;
using EventAgents.WebApi.Infrastructure.Problems;
using Mediator;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>
/// Serves the tenant's global log as Server-Sent Events. Catch-up and live delivery are the same loop: read the log after
/// the cursor, write what is there, and when the page was not full wait for a wake-up (LISTEN/NOTIFY, or a slow fallback
/// timer). The wake-up is taken before each read, so nothing committed between a read and the wait is missed, and the
/// cursor only moves forward, so nothing is sent twice.
/// </summary>
public sealed class EventStreamWriter(
    ISender sender, ICurrentPrincipal principal, IEventNotifications notifications, IOptions<LiveEventsOptions> options, JsonSerializerOptionsProvider json,
    LiveConnectionLimiter limiter, IHostApplicationLifetime lifetime, IClientStatusCache clients, IOptions<AuthOptions> auth, TimeProvider clock)
{
    private const int PageSize = 500;
    private static readonly byte[] HeartbeatFrame = ": heartbeat\n\n"u8.ToArray();
    private static readonly byte[] CredentialsEndedFrame = ": credentials expired or revoked; reconnect with a fresh token and Last-Event-ID\n\n"u8.ToArray();
    private static readonly TimeSpan MaxStatusCheckInterval = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
    private readonly TimeSpan _fallbackPoll = TimeSpan.FromSeconds(options.Value.LiveFallbackPollSeconds);

    /// <summary>Where a stream resumes: after the <c>Last-Event-ID</c> a reconnecting EventSource sends, else after <paramref name="after"/>.</summary>
    public static long ResumePosition(string? lastEventId, long after) =>
        lastEventId is not null && long.TryParse(lastEventId, out var resumed) && resumed >= 0 ? resumed : after;

    /// <summary>
    /// Serves one live stream: it holds one of the client's live connections (429 beyond the cap) and ends quietly when the
    /// client leaves, the server stops, or an event for which <paramref name="isLast"/> holds has been sent — and when the
    /// caller's credentials end: at the token's <c>exp</c>, or once its client is seen revoked (checked every few seconds
    /// through the client-status cache, so within <c>Auth__ClientStatusCacheSeconds</c> plus those seconds).
    /// </summary>
    public async Task ServeAsync(
        HttpContext http, long after, IReadOnlyList<string> types, string? streamPrefix, Func<EventDto, bool>? isLast = null)
    {
        using var lease = limiter.TryAcquire(principal.ClientId) ?? throw new TooManyLiveConnectionsException();
        // A notification means "committed on the primary": a replica that has not replayed it yet would hold the event back
        // until the next notification or the fallback poll.
        Application.Common.Consistency.ReadConsistency.UsePrimary();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var credentialsEnded = new CancellationTokenSource();
        using var _ = credentialsEnded.Token.Register(stop.Cancel);
        if (TokenExpiry(http.User) is { } expires)
        {
            credentialsEnded.CancelAfter(Min(Max(expires - clock.GetUtcNow(), TimeSpan.Zero), TimeSpan.FromDays(24))); // the timer's maximum
        }

        var external = http.User.Identity?.AuthenticationType == Security.AuthenticationSetup.ExternalScheme;
        var watch = WatchClientAsync(credentialsEnded, external, stop.Token);
        try
        {
            await WriteAsync(http.Response, after, types, streamPrefix, stop.Token, isLast);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, the server is stopping, or the credentials ended: the stream simply ends.
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }

        if (credentialsEnded.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested && http.Response.HasStarted)
        {
            await http.Response.Body.WriteAsync(CredentialsEndedFrame, http.RequestAborted);
        }
    }

    /// <summary>Ends the stream once its client is revoked (an external issuer's client: once it is known here and revoked).</summary>
    private async Task WatchClientAsync(CancellationTokenSource credentialsEnded, bool external, CancellationToken cancellationToken)
    {
        var interval = Min(TimeSpan.FromSeconds(auth.Value.ClientStatusCacheSeconds), MaxStatusCheckInterval);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, cancellationToken);
                var ended = external
                    ? await clients.IsRevokedAsync(principal.ClientId, cancellationToken)
                    : !await clients.IsActiveAsync(principal.ClientId, cancellationToken);
                if (ended)
                {
                    await credentialsEnded.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream ended first.
        }
    }

    private static DateTimeOffset? TokenExpiry(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

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
        var lastWrite = clock.GetUtcNow();
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
                lastWrite = clock.GetUtcNow();
            }

            if (page.HasMore)
            {
                continue;
            }

            var untilHeartbeat = _heartbeat - (clock.GetUtcNow() - lastWrite);
            if (untilHeartbeat <= TimeSpan.Zero)
            {
                await response.Body.WriteAsync(HeartbeatFrame, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                lastWrite = clock.GetUtcNow();
                untilHeartbeat = _heartbeat;
            }

            var wait = untilHeartbeat < _fallbackPoll ? untilHeartbeat : _fallbackPoll;
            await Task.WhenAny(wakeUp, Task.Delay(wait, cancellationToken));
        }
    }

    private byte[] Frame(EventDto @event)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + @event.Data.ByteCount + @event.Metadata.ByteCount);
        Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"id: {@event.Position}\nevent: {@event.Type}\ndata: "), buffer);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Options.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, @event, json.Options);
        }

        System.Buffers.BuffersExtensions.Write(buffer, "\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
