using Npgsql;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>
/// Holds one LISTEN connection until cancelled, reconnecting with backoff (0.25 s doubling to 30 s). Notifications are hints:
/// <paramref name="resync"/> runs after every (re)connect and every failure, so whatever was missed meanwhile is made up for.
/// Needs a session-mode connection (not a transaction-mode pooler).
/// </summary>
internal static class PostgresListener
{
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string listenSql, Action<string> onNotification, Action resync,
        Action<Exception, TimeSpan> onFailure, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => onNotification(e.Payload);
                await using (var listen = new NpgsqlCommand(listenSql, connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                delay = TimeSpan.FromMilliseconds(250);
                resync();
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                onFailure(ex, delay);
                resync();
                await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
