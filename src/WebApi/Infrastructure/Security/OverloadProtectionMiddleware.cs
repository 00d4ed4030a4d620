using System.Globalization;
using System.Threading.RateLimiting;
using EventAgents.Infrastructure.Telemetry;
using EventAgents.WebApi.Infrastructure.Problems;
using EventAgents.WebApi.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Graceful degradation: a concurrency limiter (System.Threading.RateLimiting, the limiter behind ASP.NET Core's rate
/// limiting) with a queue bounded in length and in waiting time in front of the API. Under overload, excess requests get a
/// fast 503 problem+json with Retry-After instead of piling up, and accepted ones keep a bounded latency; health probes, the
/// metrics endpoint and live streams (which have their own cap) are exempt.
/// </summary>
internal sealed class OverloadProtectionMiddleware(RequestDelegate next, IOptions<OverloadOptions> options, EventAgentsMetrics metrics) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.Value.MaxConcurrentRequests),
        QueueLimit = Math.Max(0, options.Value.QueueLimit),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled || TelemetrySetup.IsOperational(context.Request.Path) || context.Request.Path.Value?.EndsWith("/live", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }

        using var lease = await AcquireAsync(context.RequestAborted);
        if (lease is not { IsAcquired: true })
        {
            metrics.RequestRejected("overload");
            context.Items[ShedMarker] = true;
            await WriteOverloadedAsync(context, options.Value.RetryAfterSeconds);
            return;
        }

        await next(context);
    }

    private static readonly object ShedMarker = new();

    /// <summary>Whether this middleware turned the request away (for the request log's level).</summary>
    public static bool WasShed(HttpContext context) => context.Items.ContainsKey(ShedMarker);

    public void Dispose() => _limiter.Dispose();

    /// <summary>A slot now, or within the queue's time limit; null when the wait ran out.</summary>
    private async ValueTask<RateLimitLease?> AcquireAsync(CancellationToken requestAborted)
    {
        var lease = _limiter.AttemptAcquire();
        var maxWait = options.Value.MaxQueueMilliseconds;
        if (lease.IsAcquired || options.Value.QueueLimit <= 0)
        {
            return lease;
        }

        lease.Dispose();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (maxWait > 0)
        {
            wait.CancelAfter(maxWait);
        }

        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    public static async Task WriteOverloadedAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service overloaded",
            Detail = $"The service is at capacity; retry after {retryAfterSeconds} s.",
            Type = ProblemTypes.ForStatus(StatusCodes.Status503ServiceUnavailable),
        };
        problem.Extensions["retryAfterSeconds"] = retryAfterSeconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
