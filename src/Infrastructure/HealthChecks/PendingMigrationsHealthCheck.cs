using EventAgents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventAgents.Infrastructure.HealthChecks;

/// <summary>Unhealthy while the database lacks a migration this build expects.</summary>
internal sealed class PendingMigrationsHealthCheck(EventAgentsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("No pending migration.")
                : HealthCheckResult.Unhealthy($"{pending} pending migration(s).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The migration history could not be read.");
        }
    }
}
