using EventAgents.WebApi.Infrastructure.Telemetry;
using EventAgents.WebApi.Infrastructure.Problems;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>The answer to a shed request: a 503 problem with Retry-After, counted, and marked for the request log's level.</summary>
internal static class ShedResponse
{
    private static readonly object ShedMarker = new();

    /// <summary>Whether admission control turned the request away (for the request log's level).</summary>
    public static bool WasShed(HttpContext context) => context.Items.ContainsKey(ShedMarker);

    public static async Task WriteAsync(HttpContext context, RejectionMetrics metrics, int retryAfterSeconds)
    {
        metrics.RequestRejected("overload");
        context.Items[ShedMarker] = true;
        await RetryLaterProblem.WriteAsync(
            context, StatusCodes.Status503ServiceUnavailable, "Service overloaded",
            $"The service is at capacity; retry after {retryAfterSeconds} s.", retryAfterSeconds);
    }
}
