using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Readiness reports "degraded" while the instance sheds most of what it is sent (more than half of the last ten seconds'
/// requests), so an orchestrator or dashboard sees an overloaded instance; it stays ready (200), since taking every overloaded
/// instance out of rotation would turn overload into an outage.
/// </summary>
internal sealed class AdmissionHealthCheck(AdmissionController admission) : IHealthCheck
{
    private const double DegradedShare = 0.5;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shed = admission.RecentShedShare();
        var description = string.Create(CultureInfo.InvariantCulture, $"{shed:P0} of the last 10 s of requests shed");
        return Task.FromResult(shed > DegradedShare ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description));
    }
}
