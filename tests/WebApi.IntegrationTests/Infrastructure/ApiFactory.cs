using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The real WebApi in memory, against the real PostgreSQL that build/test.sh started (ConnectionStrings__Postgres).
/// Runs as Production unless told otherwise, so tests see what partners would see.
/// </summary>
public sealed class ApiFactory(
    string environment = "Production",
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "ConnectionStrings__Postgres is not set: run the tests through build/test.sh, which starts PostgreSQL.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Auth:SigningKey", TestAuth.SigningKey);
        builder.UseSetting("Auth:BootstrapClientId", TestAuth.AdminClientId);
        builder.UseSetting("Auth:BootstrapClientSecret", TestAuth.AdminClientSecret);
        // Tests make many token requests from one address; the limits themselves are tested with their own hosts.
        builder.UseSetting("RateLimit:TokenPermitsPerMinute", "100000");
        builder.UseSetting("RateLimit:TokenBurst", "100000");
        builder.UseSetting("RateLimit:TokenFailuresPerClientPerMinute", "100000");
        builder.UseSetting("RateLimit:AnonymousPermitsPerSecond", "100000");
        builder.UseSetting("RateLimit:AnonymousBurst", "100000");
        builder.UseSetting("RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("RateLimit:Burst", "100000");
        // Agent workers on a short leash, so lifecycle tests finish in seconds.
        builder.UseSetting("Agents:PollSeconds", "0.2");
        builder.UseSetting("Agents:HeartbeatSeconds", "0.3");
        builder.UseSetting("Agents:LeaseSeconds", "1.5");
        builder.UseSetting("Agents:SweepSeconds", "0.3");
        builder.UseSetting("Agents:RetryBaseSeconds", "0.2");
        builder.UseSetting("Agents:RetryMaxSeconds", "1");
        builder.UseSetting("Agents:DrainSeconds", "2");
        // Every host shares the database, so any of them may run an openai agent: all point at the one fake model server.
        builder.UseSetting("Agents:OpenAI:BaseUrl", FakeModelServer.Shared.BaseUrl.ToString());
        builder.UseSetting("Agents:OpenAI:ApiKey", FakeModelServer.ApiKey);
        builder.UseSetting("Agents:OpenAI:Model", "fake-model");
        builder.UseSetting("Agents:OpenAI:MaxRetries", "0");
        // Webhook receivers in tests listen on 127.0.0.1; the SSRF guard is tested with its own host.
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        builder.UseSetting("Webhooks:PollSeconds", "0.1");
        // Off unless a test of retention turns it on: it would remove what other tests read back.
        builder.UseSetting("Scavenger:IntervalSeconds", "0");
        builder.UseSetting("Exports:PollSeconds", "0.1");
        builder.UseSetting("Exports:ChunkBytes", "1024");
        builder.UseSetting("Offboarding:PollSeconds", "0.2");
        builder.UseSetting("Offboarding:GraceSeconds", "1");
        builder.UseSetting("Webhooks:RetryBaseSeconds", "0.1");
        builder.UseSetting("Webhooks:RetryMaxSeconds", "0.5");
        // Tests of concurrency promises burst far beyond 8 requests per core; they queue instead of being shed (DegradationTests
        // set their own limits).
        builder.UseSetting("Overload:QueueLimit", "100000");
        builder.UseSetting("Overload:MaxQueueMilliseconds", "0");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(collection => collection.AddSingleton<IStartupFilter, ResponseLog.StartupFilter>());
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
