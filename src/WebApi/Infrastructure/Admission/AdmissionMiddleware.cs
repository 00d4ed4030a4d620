using System.Globalization;
using EventAgents.Infrastructure.Identity;
using EventAgents.Infrastructure.Telemetry;
using EventAgents.WebApi.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Admission control, right before the endpoint (after authentication, so requests are queued fairly per tenant, and anonymous
/// ones per address). A request's body is read completely before it asks for a slot, so a slow client never holds one; then
/// it takes a slot of its class of work, waits for one in its partition's queue, or is shed with a fast 503 problem and
/// Retry-After. Endpoints marked <see cref="AdmissionExemptAttribute"/> bypass it.
/// </summary>
internal sealed class AdmissionMiddleware(
    RequestDelegate next, AdmissionController admission, AdmissionMetrics admissionMetrics, EventAgentsMetrics metrics, BodyBufferBudget bodies, long maxBodyBytes)
{
    private static readonly object ShedMarker = new();

    /// <summary>Whether admission control turned the request away (for the request log's level).</summary>
    public static bool WasShed(HttpContext context) => context.Items.ContainsKey(ShedMarker);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!admission.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<AdmissionExemptAttribute>() is not null)
        {
            await next(context);
            return;
        }

        var reserved = 0L;
        try
        {
            if (HasBody(context.Request))
            {
                reserved = context.Request.ContentLength ?? maxBodyBytes;
                if (!bodies.TryReserve(reserved))
                {
                    reserved = 0;
                    await ShedAsync(context);
                    return;
                }

                if (!await RequestBodyBuffer.TryBufferAsync(context.Request))
                {
                    return;
                }
            }

            await AdmitAsync(context);
        }
        finally
        {
            if (reserved > 0)
            {
                bodies.Release(reserved);
            }
        }
    }

    private async Task AdmitAsync(HttpContext context)
    {
        var lane = admission.LaneFor(ClassOf(context.Request.Method));
        var partition = PartitionOf(context);
        var asked = admission.Now;
        var entry = lane.TryEnter(partition, asked);
        var admitted = entry.Outcome == EntryOutcome.Admitted
            || (entry.Waiter is { } waiter && await WaitAsync(waiter, partition, context.RequestAborted));
        if (!admitted)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                admissionMetrics.Waited(lane, admission.Now - asked, admitted: false);
                await ShedAsync(context);
            }

            return;
        }

        var started = admission.Now;
        admissionMetrics.Waited(lane, started - asked, admitted: true);
        try
        {
            await next(context);
        }
        finally
        {
            lane.Leave(partition, started, admission.Now);
        }
    }

    /// <summary>True once the request holds a slot; false when it was shed or its caller went away.</summary>
    private async Task<bool> WaitAsync(AdmissionLane.Waiter waiter, string partition, CancellationToken requestAborted)
    {
        // The caller leaving takes its request out of the queue (Abandon completes the wait with false).
        await using (requestAborted.UnsafeRegister(static state => ((AdmissionLane.Waiter)state!).Lane.Abandon((AdmissionLane.Waiter)state!), waiter))
        {
            if (await waiter.Task)
            {
                if (!requestAborted.IsCancellationRequested)
                {
                    return true;
                }

                // Admitted at the moment the caller left: give the slot back.
                waiter.Lane.Release(partition, admission.Now);
            }

            return false;
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;

    private static WorkClass ClassOf(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? WorkClass.Read : WorkClass.Write;

    /// <summary>Whose share a request counts against: its tenant, or, without a token, the address it came from.</summary>
    private static string PartitionOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(TokenClaims.TenantId)?.Value is { } tenant
            ? tenant
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private async Task ShedAsync(HttpContext context)
    {
        metrics.RequestRejected("overload");
        context.Items[ShedMarker] = true;
        await WriteOverloadedAsync(context, admission.RetryAfterSeconds);
    }

    private static async Task WriteOverloadedAsync(HttpContext context, int retryAfterSeconds)
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
