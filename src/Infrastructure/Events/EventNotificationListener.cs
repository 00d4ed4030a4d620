using EventAgents.Application.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Holds one LISTEN connection per instance and turns PostgreSQL notifications from es_append (on any instance) into
/// wake-ups for this instance's live readers. When the connection drops it wakes everyone and reconnects with backoff.
/// Needs a session-mode connection (not a transaction-mode pooler).
/// </summary>
internal sealed partial class EventNotificationListener(
    NpgsqlDataSource dataSource, IEventNotifications notifications, ILogger<EventNotificationListener> logger) : BackgroundService
{
    public const string Channel = "es_events";
    private const string ListenSql = "LISTEN " + Channel;

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
        var separator = e.Payload.IndexOf(':', StringComparison.Ordinal);
        if (separator > 0 && Guid.TryParse(e.Payload.AsSpan(0, separator), out var tenantId))
        {
            notifications.Notify(tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event notification listener lost its connection ({Error}); retrying in {DelaySeconds} s")]
    private static partial void LogListenFailed(ILogger logger, string error, double delaySeconds);
}
