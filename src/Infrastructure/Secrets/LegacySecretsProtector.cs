using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EventAgents.Infrastructure.Secrets;

/// <summary>
/// Soon after start-up: loads (or creates) the Data Protection key ring, so an instance holds the shared keys before its first
/// request, then encrypts webhook secrets stored before encryption existed. Each row is rewritten only if it still holds the
/// plaintext read, so instances starting together do not undo each other. A database that is down only postpones this to the
/// next start; it never stops the instance.
/// </summary>
internal sealed partial class LegacySecretsProtector(NpgsqlDataSource dataSource, SecretProtector protector, ILogger<LegacySecretsProtector> logger)
    : BackgroundService
{
    private const string SelectSql = "SELECT id, secret FROM webhook_subscriptions WHERE NOT starts_with(secret, $1)";
    private const string UpdateSql = "UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1 AND secret = $3";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _ = protector.Protect("key-ring-warm-up");
            var count = await ProtectPlaintextAsync(stoppingToken);
            if (count > 0)
            {
                LogProtected(count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogPostponed(ex.GetType().Name);
        }
    }

    private async Task<int> ProtectPlaintextAsync(CancellationToken cancellationToken)
    {
        var plaintext = new List<(Guid Id, string Secret)>();
        await using (var select = dataSource.CreateCommand(SelectSql))
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SecretProtector.Marker });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plaintext.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        foreach (var (id, secret) in plaintext)
        {
            await using var update = dataSource.CreateCommand(UpdateSql);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protector.Protect(secret) });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return plaintext.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} webhook secrets stored in plaintext")]
    private partial void LogProtected(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret protection start-up postponed to the next start ({Error})")]
    private partial void LogPostponed(string error);
}
