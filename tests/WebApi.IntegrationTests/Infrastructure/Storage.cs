using Npgsql;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>What PostgreSQL holds, read directly: to prove what the API removed is gone from storage, not only hidden.</summary>
public static class Storage
{
    public static async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    public static Task<long> EventRowsAsync(string streamId) =>
        ScalarAsync("SELECT count(*) FROM es_events WHERE stream_id = $1", streamId);

    /// <summary>Every table of the database whose rows, as text, contain <paramref name="marker"/> (the text of its rows is searched whole).</summary>
    public static async Task<List<string>> TablesContainingAsync(string marker)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var containing = new List<string>();
        foreach (var table in tables)
        {
            // Table names come from the catalog, quoted; the marker is a parameter.
            await using var search = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, $1) > 0)", connection);
            search.Parameters.Add(new NpgsqlParameter { Value = marker });
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                containing.Add(table);
            }
        }

        return containing;
    }
}
