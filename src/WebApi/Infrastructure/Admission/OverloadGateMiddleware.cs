using EventAgents.WebApi.Infrastructure.Telemetry;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>Runs <see cref="OverloadGate"/> right after routing (so exempt endpoints are known), before authentication.</summary>
internal sealed class OverloadGateMiddleware(RequestDelegate next, AdmissionController admission, OverloadGate gate, RejectionMetrics metrics)
{
    public Task InvokeAsync(HttpContext context) =>
        admission.Enabled
        && context.GetEndpoint()?.Metadata.GetMetadata<AdmissionExemptAttribute>() is null
        && gate.ShouldShed(context)
            ? ShedResponse.WriteAsync(context, metrics, admission.RetryAfterSeconds)
            : next(context);
}
