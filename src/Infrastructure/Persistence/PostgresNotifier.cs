using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>
/// Sends NOTIFYs after commits, never inside a write: a transaction that notifies takes a database-wide lock from pre-commit
/// to the end of its commit, so notifying writes could not share WAL flushes (docs/adr/0008). Identical notifications queued
/// since the last round trip are sent once, together, in a short transaction that does not wait for a flush. Notifications
/// are hints: a lost one (crash, database down) only delays the listeners until their fallback poll.
/// </summary>
internal sealed partial class PostgresNotifier(NpgsqlDataSource dataSource, ILogger<PostgresNotifier> logger) : BackgroundService
{
    private const string NotifySql =
        "SELECT set_config('synchronous_commit', 'off', true), pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)";

    private readonly ConcurrentDictionary<(string Channel, string Payload), byte> _pending = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Send(string channel, string payload)
    {
        if (_pending.TryAdd((channel, payload), 0))
        {
            _signal.Writer.TryWrite(true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _signal.Reader.WaitToReadAsync(stoppingToken))
            {
                _signal.Reader.TryRead(out _);
                var notifications = TakePending();
                if (notifications.Count == 0)
                {
                    continue;
                }

                try
                {
                    await SendAsync(notifications, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
                {
                    LogNotifyFailed(logger, notifications.Count, ex.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<(string Channel, string Payload)> TakePending()
    {
        var taken = new List<(string, string)>();
        foreach (var notification in _pending.Keys)
        {
            if (_pending.TryRemove(notification, out _))
            {
                taken.Add(notification);
            }
        }

        return taken;
    }

    /// <summary>
    /// One statement, one round trip: the batch's implicit transaction commits without waiting for a WAL flush (a wake-up is
    /// not worth one), and notifies everyone when it does.
    /// </summary>
    private async Task SendAsync(List<(string Channel, string Payload)> notifications, CancellationToken cancellationToken)
    {
        var channels = new string[notifications.Count];
        var payloads = new string[notifications.Count];
        for (var i = 0; i < notifications.Count; i++)
        {
            (channels[i], payloads[i]) = notifications[i];
        }

        await using var command = dataSource.CreateCommand(NotifySql);
        command.Add(channels);
        command.Add(payloads);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} notifications to other instances ({Error}); they will poll")]
    private static partial void LogNotifyFailed(ILogger logger, int count, string error);
}
