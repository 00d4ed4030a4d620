using Npgsql;
using Respawn;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Empties every table but the migration history, so each test starts from a clean database.</summary>
public static class TestDatabase
{
    private static Respawner? _respawner;

    public static async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
        await _respawner.ResetAsync(connection);
    }

    public static async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        // Table names come from the tests themselves, never from input; identifiers cannot be bound as parameters.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM " + new NpgsqlCommandBuilder().QuoteIdentifier(table), connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
