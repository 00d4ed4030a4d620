using System.Collections.Concurrent;
using System.Threading.Channels;
using EventAgents.Application.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Announces committed appends: this instance's live readers are woken at once, other instances through a NOTIFY sent after
/// the commit, outside the write's transaction. A NOTIFY inside the write would make every notifying transaction of the
/// database commit one after another (PostgreSQL holds a database-wide lock from pre-commit to the end of the commit), so
/// writes could not share WAL flushes. Announcements are coalesced per tenant: one NOTIFY round trip carries every tenant
/// that wrote since the last one. A lost NOTIFY (crash, database down) only delays other instances' live readers until
/// their fallback poll.
/// </summary>
internal sealed partial class EventAnnouncer(
    NpgsqlDataSource dataSource, IEventNotifications notifications, ILogger<EventAnnouncer> logger) : BackgroundService
{
    public const string Channel = "es_events";

    private const string NotifySql = "SELECT pg_notify('" + Channel + "', $1)";

    /// <summary>Tells this instance's listener which notifications are its own echo.</summary>
    private readonly string _instanceId = Guid.NewGuid().ToString("N");

    private readonly ConcurrentDictionary<Guid, byte> _pending = new();
    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Committed(Guid tenantId)
    {
        notifications.Notify(tenantId);
        if (_pending.TryAdd(tenantId, 0))
        {
            _signal.Writer.TryWrite(true);
        }
    }

    /// <summary>Parses a notification payload; false for another channel's format or this instance's own echo.</summary>
    public bool TryParseForeign(string payload, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && !payload.AsSpan(separator + 1).SequenceEqual(_instanceId)
            && Guid.TryParse(payload.AsSpan(0, separator), out tenantId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _signal.Reader.WaitToReadAsync(stoppingToken))
            {
                _signal.Reader.TryRead(out _);
                var tenants = TakePending();
                if (tenants.Count == 0)
                {
                    continue;
                }

                try
                {
                    await SendAsync(tenants, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
                {
                    LogNotifyFailed(logger, tenants.Count, ex.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<Guid> TakePending()
    {
        var tenants = new List<Guid>();
        foreach (var tenantId in _pending.Keys)
        {
            if (_pending.TryRemove(tenantId, out _))
            {
                tenants.Add(tenantId);
            }
        }

        return tenants;
    }

    /// <summary>A wake-up is not worth a WAL flush: the transaction that carries it does not wait for one.</summary>
    private async Task SendAsync(List<Guid> tenants, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        foreach (var tenantId in tenants)
        {
            var notify = new NpgsqlBatchCommand(NotifySql);
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{tenantId}:{_instanceId}" });
            batch.BatchCommands.Add(notify);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce appends of {TenantCount} tenants to other instances ({Error})")]
    private static partial void LogNotifyFailed(ILogger logger, int tenantCount, string error);
}
