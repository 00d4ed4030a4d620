using EventAgents.Infrastructure.Agents.Runs;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The run workers of one instance (<c>Agents__Workers</c> slots): claim queued runs, keep their leases alive from a loop
/// of its own (never from the work), sweep expired leases of dead instances, and listen for wake-ups and cancellations.
/// On shutdown it stops claiming, gives running runs <c>Agents__DrainSeconds</c>, then releases what is left to other
/// instances; heartbeats go on until every run has let go.
/// </summary>
internal sealed partial class RunWorkerHost(
    RunQueue queue, RunExecutor executor, RunSignals signals, NpgsqlDataSource dataSource, IOptions<AgentsOptions> options,
    ILogger<RunWorkerHost> logger) : BackgroundService
{
    private const string ListenSql = "LISTEN " + RunSignals.Channel;

    // Runs claimed by one statement: enough that a burst drains in few claims, few enough that one claim stays short.
    private const int MaxClaimBatch = 32;

    private static readonly TimeSpan ClaimCoalescing = TimeSpan.FromMilliseconds(10);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Workers <= 0)
        {
            return;
        }

        if (settings.LeaseSeconds < 3 * settings.HeartbeatSeconds)
        {
            throw new InvalidOperationException("Agents:LeaseSeconds must be at least 3 × Agents:HeartbeatSeconds.");
        }

        using var drained = new CancellationTokenSource();
        using var background = new CancellationTokenSource();
        await using var onStop = stoppingToken.Register(() => drained.CancelAfter(TimeSpan.FromSeconds(settings.DrainSeconds)));
        var heartbeats = RepeatAsync(TimeSpan.FromSeconds(settings.HeartbeatSeconds), HeartbeatAsync, background.Token);
        var sweeps = RepeatAsync(TimeSpan.FromSeconds(settings.SweepSeconds), async ct =>
        {
            await queue.SweepAsync(settings, ct);
            await queue.FailExpiredActionsAsync(ct);
            await queue.SampleQueueDepthAsync(ct);
            await queue.ForgetOldRunCountsAsync(ct);
        }, background.Token);
        var listener = ListenAsync(background.Token);

        try
        {
            await ClaimLoopAsync(settings, drained.Token, stoppingToken);
        }
        finally
        {
            await Task.WhenAll(signals.Active.Select(h => h.Execution ?? Task.CompletedTask));
            await background.CancelAsync();
            await Task.WhenAll(heartbeats, sweeps, listener);
        }
    }

    private async Task ClaimLoopAsync(AgentsOptions settings, CancellationToken drained, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(settings.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signals.NextWakeAsync();
            var limit = Math.Min(settings.Workers - signals.Active.Count, MaxClaimBatch);
            IReadOnlyList<ClaimedRun> claimed = [];
            if (limit > 0)
            {
                try
                {
                    claimed = await queue.ClaimAsync(_owner, settings.LeaseSeconds, limit, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
                {
                    LogClaimFailed(logger, ex.GetType().Name);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            foreach (var run in claimed)
            {
                Start(run, drained);
            }

            if (claimed.Count > 0 && claimed.Count == limit)
            {
                continue;
            }

            if (await Task.WhenAny(wake, Task.Delay(poll, stoppingToken)).ContinueWith(t => t.Result == wake, TaskScheduler.Default))
            {
                // Runs queued a few milliseconds apart are claimed by one statement, not one each.
                await Task.Delay(ClaimCoalescing, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Start(ClaimedRun run, CancellationToken drained)
    {
        var handle = new RunHandle(run);
        signals.Track(handle);
        handle.Execution = Task.Run(async () =>
        {
            try
            {
                await executor.ExecuteAsync(handle, drained);
            }
            catch (Exception ex)
            {
                // The outcome could not be written (database down): the lease expires and the sweeper moves the run.
                LogOutcomeNotWritten(logger, run.Id, ex.GetType().Name);
            }
            finally
            {
                signals.Untrack(handle);
                handle.Dispose();
                signals.WakeLocal();
            }
        }, CancellationToken.None);
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var active = signals.Active;
        if (active.Count == 0)
        {
            return;
        }

        var held = await queue.HeartbeatAsync(active.Select(h => h.Run).ToList(), options.Value.LeaseSeconds, cancellationToken);
        foreach (var handle in active)
        {
            if (!held.TryGetValue(handle.Run.Id, out var status))
            {
                handle.LoseLease();
            }
            else if (status == Domain.Agents.RunStatus.Cancelling)
            {
                handle.RequestCancel();
            }
        }
    }

    private async Task RepeatAsync(TimeSpan every, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, cancellationToken);
                await work(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogBackgroundFailed(logger, ex.GetType().Name);
            }
        }
    }

    private Task ListenAsync(CancellationToken cancellationToken) =>
        PostgresListener.ListenAsync(
            dataSource, ListenSql, signals.OnNotification, signals.WakeLocal,
            (ex, _) => LogBackgroundFailed(logger, ex.GetType().Name), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming a run failed ({Error}); retrying")]
    private static partial void LogClaimFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of run {RunId} could not be written ({Error}); its lease will expire")]
    private static partial void LogOutcomeNotWritten(ILogger logger, Guid runId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run worker background task failed ({Error}); retrying")]
    private static partial void LogBackgroundFailed(ILogger logger, string error);
}
