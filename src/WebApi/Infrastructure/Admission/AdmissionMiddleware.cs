using EventAgents.Application.Common.Security;
using EventAgents.WebApi.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Admission control, right before the endpoint (after authentication, so requests are queued fairly per tenant, and anonymous
/// ones per address). A request's body is read completely before it asks for a slot, so a slow client never holds one; then
/// it takes a slot of its class of work, waits for one in its partition's queue, or is shed with a fast 503 problem and
/// Retry-After. Endpoints marked <see cref="AdmissionExemptAttribute"/> bypass it.
/// </summary>
internal sealed class AdmissionMiddleware(
    RequestDelegate next, AdmissionController admission, AdmissionMetrics admissionMetrics, RejectionMetrics metrics, BodyBufferBudget bodies, long maxBodyBytes)
{
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
        var lane = admission.LaneFor(context.Request.Method);
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

    /// <summary>Whose share a request counts against: its tenant, or, without a token, the address it came from.</summary>
    private static string PartitionOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(TokenClaims.TenantId)?.Value is { } tenant
            ? tenant
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private Task ShedAsync(HttpContext context) => ShedResponse.WriteAsync(context, metrics, admission.RetryAfterSeconds);
}
