using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Operations;

/// <summary>An instance that stops closes its database connections instead of leaving them to PostgreSQL's idle timeouts.</summary>
[NonParallelizable]
public sealed class ConnectionLifetimeTests : ApiTest
{
    [Test]
    public async Task A_stopped_instance_leaves_no_database_connection_open()
    {
        var applicationName = "lifetime-probe-" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = new NpgsqlConnectionStringBuilder(ApiFactory.ConnectionString) { ApplicationName = applicationName }.ConnectionString;
        var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString });
        using (var http = await new TestAuth(factory).PartnerClientAsync("events:read", "events:write"))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(i => http.AppendOkAsync($"probe-{i}", Event())));
        }

        Assert.That(await ConnectionsOfAsync(applicationName), Is.GreaterThan(0), "the instance did use connections of its own");
        await factory.DisposeAsync();

        // A closed connection's backend leaves pg_stat_activity a moment after the client hung up (longer on a busy box); an
        // idle connection left open would stay for minutes.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var open = await ConnectionsOfAsync(applicationName);
        while (open > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            open = await ConnectionsOfAsync(applicationName);
        }

        Assert.That(open, Is.Zero);
    }

    private static async Task<long> ConnectionsOfAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        count.Parameters.AddWithValue("name", applicationName);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
