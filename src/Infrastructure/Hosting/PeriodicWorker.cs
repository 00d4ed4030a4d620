using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Hosting;

/// <summary>
/// A background service that does a bounded piece of work every interval (off when the interval is 0). A tick that fails on
/// the database is logged and the next tick tries again: the work it did commit is its progress.
/// </summary>
internal abstract partial class PeriodicWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task TickAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException && !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, GetType().Name, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} tick failed ({Error}); retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, string worker, string error);
}
