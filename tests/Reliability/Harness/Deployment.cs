using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace EventAgents.Reliability.Harness;

/// <summary>
/// The system under test: API instances started with one production-like configuration (one signing key and bootstrap
/// admin, so tokens work on every instance), the PostgreSQL cluster they share, and one HTTP client for all traffic.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly List<ApiInstance> _instances = [];
    // One per runner process: every suite's instances share the database, where the bootstrap admin is created once.
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private static readonly string BootstrapSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public Deployment(RunnerOptions options)
    {
        Options = options;
        Directory.CreateDirectory(options.WorkDirectory);
        Http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 4096,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    public RunnerOptions Options { get; }

    public HttpClient Http { get; }

    public string AdminClientId { get; } = "reliability-admin";

    public string AdminClientSecret => BootstrapSecret;

    /// <summary>Starts an instance; <paramref name="settings"/> override the defaults (configuration keys with <c>__</c>).</summary>
    public async Task<ApiInstance> StartInstanceAsync(string name, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = Options.ConnectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__BootstrapClientId"] = AdminClientId,
            ["Auth__BootstrapClientSecret"] = AdminClientSecret,
            ["Auth__TokenLifetimeMinutes"] = "600",
            // The suites measure the service, not the per-client rate limit (the integration tests cover that).
            ["RateLimit__PermitsPerSecond"] = "1000000",
            ["RateLimit__Burst"] = "1000000",
            ["RateLimit__TokenPermitsPerMinute"] = "1000000",
            ["RateLimit__TokenBurst"] = "1000000",
            ["RateLimit__AnonymousPermitsPerSecond"] = "1000000",
            ["RateLimit__AnonymousBurst"] = "1000000",
            // Nor the tenant's run quota: the soak alone starts about 600 runs a minute.
            ["Quotas__MaxRunsPerTenantPerMinute"] = "1000000",
            ["Agents__PollSeconds"] = "0.5",
            ["Agents__HeartbeatSeconds"] = "1",
            ["Agents__LeaseSeconds"] = "4",
            ["Agents__SweepSeconds"] = "1",
            ["Agents__RetryBaseSeconds"] = "0.5",
            ["Agents__RetryMaxSeconds"] = "2",
            ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Webhooks__PollSeconds"] = "0.2",
            ["Webhooks__RetryBaseSeconds"] = "0.2",
            ["Webhooks__RetryMaxSeconds"] = "1",
            ["Scavenger__IntervalSeconds"] = "0.5",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var logFile = Path.Combine(Options.WorkDirectory, $"{name}.log");
        var instance = await ApiInstance.StartAsync(name, Options.ApiAssembly, environment, logFile, cancellationToken);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>An instance on the fake model, a new tenant's partner session on it, and an agent of that tenant.</summary>
    public async Task<(ApiInstance Api, ApiSession Session, Guid AgentId)> StartWithAgentAsync(
        string name, FakeModel model, CancellationToken cancellationToken)
    {
        var api = await StartInstanceAsync(name, model.Settings, cancellationToken);
        var session = await ApiSession.NewTenantAsync(this, api.BaseUrl, name, cancellationToken);
        return (api, session, await Agents.CreateAsync(session, api.BaseUrl, $"{name}-agent", cancellationToken));
    }

    public Task StopPostgresAsync() => RunShellAsync(Options.PostgresStopCommand, "RELIABILITY_PG_STOP");

    public Task StartPostgresAsync() => RunShellAsync(Options.PostgresStartCommand, "RELIABILITY_PG_START");

    /// <summary>Client connections the API instances hold open to the database (the runner's own query excluded).</summary>
    public async Task<int> CountDatabaseConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Options.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        Http.Dispose();
    }

    private static async Task RunShellAsync(string? command, string variable)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new InvalidOperationException($"{variable} is not set: run this suite through build/reliability.sh");
        }

        using var process = Process.Start(new ProcessStartInfo("/bin/bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {variable}");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{variable} exited with {process.ExitCode}");
        }
    }
}
