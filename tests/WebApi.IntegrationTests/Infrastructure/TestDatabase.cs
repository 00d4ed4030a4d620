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
            // Data Protection keys outlive a reset, as they outlive everything in production: hosts cache the key ring.
            TablesToIgnore = ["__EFMigrationsHistory", "data_protection_keys"],
        });
        // Agent workers of the test hosts may still be finishing a run of the previous test; their transactions can
        // deadlock with the reset's deletes, which PostgreSQL resolves by aborting one side. Try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner.ResetAsync(connection);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    public static async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        // Table names come from the tests themselves, never from input; identifiers cannot be bound as parameters.
        await using var command = new NpgsqlCommand("SELECT count(*) FROM " + new NpgsqlCommandBuilder().QuoteIdentifier(table), connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement with named parameters (<c>@name</c>) and returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row a query returns.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>A document write through the event store's own function, so no instance is notified of it.</summary>
    public static async Task WriteDocumentUnannouncedAsync(string collection, string id, long expectedVersion, string dataJson)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var write = new NpgsqlCommand(
            "SELECT out_status FROM es_append_group((SELECT tenant_id FROM documents WHERE collection = $1 AND id = $2), " +
            "ARRAY['doc:' || $1 || ':' || $2], ARRAY[$3::bigint], ARRAY[1], ARRAY[1], ARRAY[gen_random_uuid()], ARRAY['document.replaced'], " +
            "ARRAY[jsonb_build_object('data', $4::jsonb)], ARRAY['{}'::jsonb], ARRAY[$1], ARRAY[$2], ARRAY[$4::jsonb])", connection);
        write.Parameters.AddWithValue(collection);
        write.Parameters.AddWithValue(id);
        write.Parameters.AddWithValue(expectedVersion);
        write.Parameters.AddWithValue(dataJson);
        if (await write.ExecuteScalarAsync() is not "appended")
        {
            throw new InvalidOperationException($"The unannounced write of {collection}/{id} was refused.");
        }
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
