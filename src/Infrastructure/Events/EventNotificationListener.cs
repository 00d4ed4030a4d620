using EventAgents.Application.Events;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Holds one LISTEN connection per instance and turns other instances' announcements of committed appends
/// (<see cref="EventAnnouncer"/>) into wake-ups for this instance's live readers and into invalidations of its read cache and of its schema rules. When the connection drops it wakes everyone and reconnects with backoff.
/// Needs a session-mode connection (not a transaction-mode pooler).
/// </summary>
internal sealed partial class EventNotificationListener(
    NpgsqlDataSource dataSource, IEventNotifications notifications, EventAnnouncer announcer, Caching.ReadCache readCache,
    Schemas.SchemaCatalog schemas, GlobalLogBlocks logBlocks, ILogger<EventNotificationListener> logger) : BackgroundService
{
    private const string ListenSql = "LISTEN " + EventAnnouncer.Channel;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresListener.ListenAsync(
            dataSource, ListenSql, OnNotification, OnConnected,
            (ex, delay) => LogListenFailed(logger, ex.GetType().Name, delay.TotalSeconds), stoppingToken);

    private void OnNotification(string payload)
    {
        if (announcer.TryParseForeign(payload, out var tenantId))
        {
            readCache.ChangedElsewhere(tenantId);
            notifications.Notify(tenantId);
        }
        else if (announcer.TryParseForeignSchemaChange(payload, out tenantId))
        {
            schemas.Forget(tenantId);
        }
        else if (announcer.TryParseForeignLogRewrite(payload, out tenantId))
        {
            logBlocks.Rewritten(tenantId);
        }
    }

    /// <summary>Notifications may have been missed while there was no connection: nothing seen before may be trusted.</summary>
    private void OnConnected()
    {
        readCache.Clear();
        logBlocks.RewrittenAnywhere();
        schemas.Clear();
        notifications.NotifyAll();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event notification listener lost its connection ({Error}); retrying in {DelaySeconds} s")]
    private static partial void LogListenFailed(ILogger logger, string error, double delaySeconds);
}
