using EventAgents.Application.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Holds one LISTEN connection per instance and turns other instances' announcements of committed appends
/// (<see cref="EventAnnouncer"/>) into wake-ups for this instance's live readers. When the connection drops it wakes everyone and reconnects with backoff.
/// Needs a session-mode connection (not a transaction-mode pooler).
/// </summary>
internal sealed partial class EventNotificationListener(
    NpgsqlDataSource dataSource, IEventNotifications notifications, EventAnnouncer announcer, ILogger<EventNotificationListener> logger) : BackgroundService
{
    private const string ListenSql = "LISTEN " + EventAnnouncer.Channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand(ListenSql, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = TimeSpan.FromMilliseconds(250);
                notifications.NotifyAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogListenFailed(logger, ex.GetType().Name, delay.TotalSeconds);
                notifications.NotifyAll();
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (announcer.TryParseForeign(e.Payload, out var tenantId))
        {
            notifications.Notify(tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event notification listener lost its connection ({Error}); retrying in {DelaySeconds} s")]
    private static partial void LogListenFailed(ILogger logger, string error, double delaySeconds);
}
