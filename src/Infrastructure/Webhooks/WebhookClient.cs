using System.Diagnostics;
using EventAgents.Application.Webhooks;
using EventAgents.Infrastructure.Outbound;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// The outbound HTTP client of webhooks: the SSRF guard at connect time, redirects not followed, a timeout per attempt, and at
/// most 64 KiB of a response read. Only a 2xx counts as delivered.
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    private readonly HttpClient _http;

    public WebhookClient(OutboundUrlGuard guard, IOptions<WebhooksOptions> options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseDrainSize = WebhooksOptions.MaxResponseBytes,
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds), MaxResponseContentBufferSize = WebhooksOptions.MaxResponseBytes };
    }

    public async Task<AttemptResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var buffer = new byte[8192];
                var read = 0;
                int n;
                while (read < WebhooksOptions.MaxResponseBytes && (n = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    read += n;
                }
            }

            var status = (int)response.StatusCode;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new AttemptResult(status is >= 200 and < 300, status, Elapsed(started), status is >= 200 and < 300 ? null : $"HTTP {status}", retryAfter);
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(false, null, Elapsed(started), ex.Message.Length > 200 ? ex.Message[..200] : ex.Message, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(false, null, Elapsed(started), "timed out", null);
        }
    }

    public void Dispose() => _http.Dispose();

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public static PingResultDto ToPing(AttemptResult result) => new(result.Succeeded, result.StatusCode, result.DurationMs, result.Error);
}

/// <summary>How one attempt went.</summary>
internal sealed record AttemptResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error, TimeSpan? RetryAfter);
