using System.Collections.Concurrent;
using System.Threading.Channels;
using EventAgents.Application.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Wake-ups for run workers. Local ones take effect at once; other instances hear them through NOTIFY on
/// <see cref="Channel"/>, sent after the commit (never inside a write: see docs/adr/0008). They are hints only: workers also
/// poll, and heartbeats carry cancellations.
/// </summary>
internal sealed partial class RunSignals(NpgsqlDataSource dataSource, ILogger<RunSignals> logger) : BackgroundService, IRunSignals
{
    public const string Channel = "agent_runs";
    public const string QueuedPayload = "queued";
    public const string CancelPrefix = "cancel:";

    private const string NotifySql = "SELECT pg_notify('" + Channel + "', $1)";

    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly ConcurrentDictionary<Guid, RunHandle> _active = new();
    private TaskCompletionSource _wake = NewPulse();

    /// <summary>Completes when a run may be waiting to be claimed.</summary>
    public Task NextWakeAsync() => Volatile.Read(ref _wake).Task;

    public void RunQueued()
    {
        WakeLocal();
        _outbox.Writer.TryWrite(QueuedPayload);
    }

    public void CancelRequested(Guid runId)
    {
        CancelLocal(runId);
        _outbox.Writer.TryWrite(CancelPrefix + runId.ToString("D"));
    }

    public void Track(RunHandle handle) => _active[handle.Run.Id] = handle;

    public void Untrack(RunHandle handle) => _active.TryRemove(handle.Run.Id, out _);

    public IReadOnlyCollection<RunHandle> Active => _active.Values.ToList();

    /// <summary>A notification from any instance (including this one's echo, which is harmless).</summary>
    public void OnNotification(string payload)
    {
        if (payload == QueuedPayload)
        {
            WakeLocal();
        }
        else if (payload.StartsWith(CancelPrefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(CancelPrefix.Length), out var runId))
        {
            CancelLocal(runId);
        }
    }

    public void WakeLocal() => Interlocked.Exchange(ref _wake, NewPulse()).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                var payloads = new HashSet<string>(StringComparer.Ordinal);
                while (_outbox.Reader.TryRead(out var payload))
                {
                    payloads.Add(payload);
                }

                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                    await using var batch = new NpgsqlBatch(connection);
                    foreach (var payload in payloads)
                    {
                        var notify = new NpgsqlBatchCommand(NotifySql);
                        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
                        batch.BatchCommands.Add(notify);
                    }

                    await batch.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
                {
                    LogNotifyFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void CancelLocal(Guid runId)
    {
        if (_active.TryGetValue(runId, out var handle))
        {
            handle.RequestCancel();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify other instances about runs ({Error}); they will poll")]
    private static partial void LogNotifyFailed(ILogger logger, string error);
}
