using EventAgents.Application.Agents;
using EventAgents.Application.Auth;
using EventAgents.Application.Clients;
using EventAgents.Application.Documents;
using EventAgents.Application.Events;
using EventAgents.Application.Tenants;
using EventAgents.Infrastructure.Agents;
using EventAgents.Infrastructure.Clients;
using EventAgents.Infrastructure.Documents;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.HealthChecks;
using EventAgents.Infrastructure.Identity;
using EventAgents.Infrastructure.Persistence;
using EventAgents.Infrastructure.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EventAgents.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Postgres (build/run.sh does it for you).");
        }

        var databaseSection = configuration.GetSection(DatabaseOptions.SectionName);
        services.Configure<DatabaseOptions>(databaseSection);
        var commandTimeout = databaseSection.Get<DatabaseOptions>()?.CommandTimeoutSeconds ?? new DatabaseOptions().CommandTimeoutSeconds;

        // Created by the container (not registered as an instance), so the container disposes it and closes its pooled
        // connections when the host stops.
        services.AddSingleton(_ => CreateDataSource(connectionString));
        AddReplicas(services, configuration, databaseSection);
        services.AddDbContext<EventAgentsDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql
                .CommandTimeout(commandTimeout)
                .MigrationsAssembly(typeof(EventAgentsDbContext).Assembly.FullName))
            .UseSnakeCaseNamingConvention());

        services.AddScoped<ITenantRepository, TenantRepository>();
        services.AddScoped<IApiClientRepository, ApiClientRepository>();
        services.AddScoped<IAgentRepository, AgentRepository>();
        services.Configure<AgentsOptions>(configuration.GetSection(AgentsOptions.SectionName));
        services.AddSingleton<IModelProviders, ConfiguredModelProviders>();
        services.AddSingleton<Agents.Runs.PostgresRunStore>();
        services.AddSingleton<Application.Agents.Runs.IRunStore>(provider => provider.GetRequiredService<Agents.Runs.PostgresRunStore>());
        services.AddSingleton<Application.Agents.Runs.IRunAnswers, Agents.Runs.PostgresRunAnswers>();
        services.AddSingleton<Agents.Runs.RunQueue>();
        services.AddSingleton<Agents.Execution.ChatClientFactory>();
        services.AddSingleton<Agents.Execution.RunExecutor>();
        services.AddSingleton<Agents.Execution.RunSignals>();
        services.AddSingleton<IRunSignals>(provider => provider.GetRequiredService<Agents.Execution.RunSignals>());
        services.AddHostedService<Agents.Execution.RunWorkerHost>();
        services.Configure<Webhooks.WebhooksOptions>(configuration.GetSection(Webhooks.WebhooksOptions.SectionName));
        services.AddSingleton<Outbound.OutboundUrlGuard>();
        services.AddSingleton<Application.Common.Outbound.IOutboundUrlGuard>(provider => provider.GetRequiredService<Outbound.OutboundUrlGuard>());
        Secrets.DataProtectionSetup.AddSecretProtection(services, configuration);
        services.AddSingleton<Webhooks.WebhookClient>();
        services.AddSingleton<Agents.Tools.AgentToolSecrets>();
        services.AddSingleton<Agents.Tools.HttpToolCaller>();
        services.AddSingleton<Agents.Tools.McpToolConnector>();
        services.AddSingleton<Application.Webhooks.IWebhookStore, Webhooks.PostgresWebhookStore>();
        services.AddSingleton<Application.Webhooks.IWebhookSender, Webhooks.WebhookPingSender>();
        services.AddSingleton<Webhooks.WebhookDeliveryQueue>();
        services.AddHostedService<Webhooks.WebhookDeliveryWorker>();
        services.AddSingleton<IEventNotifications, EventNotifications>();
        services.AddSingleton<Telemetry.EventAgentsMetrics>();
        services.AddSingleton<GroupCommitAppender>();
        services.AddSingleton<Events.Batching.GuardedAppendBatcher>();
        services.AddSingleton<Application.Common.Exceptions.IStorageErrors, Persistence.PostgresStorageErrors>();
        services.AddSingleton<PostgresNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresNotifier>());
        services.AddSingleton<EventAnnouncer>();
        services.AddSingleton<IEventStore, PostgresEventStore>();
        services.AddSingleton<IStreamLifecycle, PostgresStreamLifecycle>();
        services.AddOptions<Events.Scavenging.ScavengerOptions>()
            .Bind(configuration.GetSection(Events.Scavenging.ScavengerOptions.SectionName))
            .Validate(o => o.IntervalSeconds >= 0 && o.StreamsPerTick > 0 && o.BatchSize > 0, "Scavenger:IntervalSeconds must be >= 0, StreamsPerTick and BatchSize positive")
            .ValidateOnStart();
        services.AddHostedService<Events.Scavenging.Scavenger>();
        services.AddOptions<Tenants.Exports.TenantExportOptions>()
            .Bind(configuration.GetSection(Tenants.Exports.TenantExportOptions.SectionName))
            .Validate(o => o.PollSeconds >= 0 && o.LeaseSeconds > 0 && o.ChunkBytes >= 1024 && o.MaxAttempts > 0,
                "Exports:PollSeconds must be >= 0, LeaseSeconds and MaxAttempts positive, ChunkBytes at least 1024")
            .ValidateOnStart();
        services.AddSingleton<Application.Tenants.Exports.ITenantExports, Tenants.Exports.PostgresTenantExports>();
        services.AddHostedService<Tenants.Exports.TenantExportWorker>();
        services.AddOptions<Tenants.Offboarding.OffboardingOptions>()
            .Bind(configuration.GetSection(Tenants.Offboarding.OffboardingOptions.SectionName))
            .Validate(o => o.PollSeconds >= 0 && o.BatchSize > 0 && o.BatchesPerTick > 0 && o.GraceSeconds >= 0,
                "Offboarding:PollSeconds and GraceSeconds must be >= 0, BatchSize and BatchesPerTick positive")
            .ValidateOnStart();
        services.AddSingleton<Application.Tenants.Offboarding.ITenantOffboarding, Tenants.Offboarding.PostgresTenantOffboarding>();
        services.AddHostedService<Tenants.Offboarding.TenantEraser>();
        services.AddHostedService<EventNotificationListener>();
        services.AddSingleton<IDocumentStore, PostgresDocumentStore>();
        services.AddSingleton<Application.Schemas.ISchemaRegistry, Schemas.PostgresSchemaRegistry>();
        services.AddSingleton<Schemas.SchemaCatalog>();
        services.AddSingleton<Application.Schemas.ISchemaCatalog>(provider => provider.GetRequiredService<Schemas.SchemaCatalog>());
        services.AddOptions<Caching.ReadCacheOptions>()
            .Configure(options =>
            {
                // Documents:CacheSeconds is the earlier name of ReadCache:Seconds, still honoured.
                options.Seconds = configuration.GetValue("Documents:CacheSeconds", options.Seconds);
                configuration.GetSection(Caching.ReadCacheOptions.SectionName).Bind(options);
            })
            .Validate(
                options => options.Seconds >= 0 && options.MaxBytes > 0 && options.MaxLogBytes > 0,
                "ReadCache:Seconds must be >= 0, ReadCache:MaxBytes and ReadCache:MaxLogBytes positive")
            .ValidateOnStart();
        services.AddSingleton<Caching.ReadCache>();
        services.AddSingleton<Events.GlobalLogBlocks>();
        services.AddSingleton<IDocumentCache, DocumentCache>();

        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.SectionName));
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<IClientSecrets, ClientSecrets>();
        services.AddMemoryCache();
        services.AddSingleton<IClientStatusCache, ClientStatusCache>();

        var health = services.AddHealthChecks()
            .AddDbContextCheck<EventAgentsDbContext>("postgres", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<PendingMigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, [ReadyTag]);
        if (ReplicaConnectionStrings(configuration).Length > 0)
        {
            health.AddCheck<Persistence.Replicas.ReplicasHealthCheck>("replicas", HealthStatus.Degraded, [ReadyTag]);
        }

        return services;
    }

    /// <summary>
    /// Streaming replicas for reads (issue #23): <c>ConnectionStrings:PostgresReplicas</c> holds one Npgsql connection string per
    /// replica, separated by <c>|</c> (a multi-host string with <c>Target Session Attributes=prefer-standby</c> counts as one).
    /// </summary>
    private static void AddReplicas(IServiceCollection services, IConfiguration configuration, IConfigurationSection databaseSection)
    {
        services.Configure<Persistence.Replicas.ReplicaOptions>(databaseSection);
        var replicas = ReplicaConnectionStrings(configuration);
        services.AddSingleton(_ => new Persistence.Replicas.ReplicaSet(replicas
            .Select(replica => new Persistence.Replicas.Replica(DescribeHost(replica), CreateDataSource(replica)))
            .ToList()));
        services.AddSingleton<Persistence.Replicas.ReplicaMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<Persistence.Replicas.ReplicaMonitor>());
        services.AddSingleton<Persistence.Replicas.ReadRouter>();
        services.AddSingleton<Application.Common.Consistency.IWriteConsistency, Persistence.Replicas.PrimaryWalPosition>();
    }

    private static string[] ReplicaConnectionStrings(IConfiguration configuration) =>
        (configuration.GetConnectionString("PostgresReplicas") ?? string.Empty)
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string DescribeHost(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}";
    }

    /// <summary>
    /// Statements run often are prepared on each pooled connection (parse and plan once), unless the connection string says
    /// otherwise: <c>Max Auto Prepare=0</c> for a pooler in transaction mode, which cannot keep prepared statements. Pooled
    /// connections are not reset on return unless it says <c>No Reset On Close=false</c>.
    /// </summary>
    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Unset(string keyword) => !given.ContainsKey(keyword) && !given.ContainsKey(keyword.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (Unset("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
        }

        // Returning a connection to the pool would otherwise reset its session with five statements run before its next
        // use (advisory unlock, CLOSE ALL, UNLISTEN, DISCARD TEMP and SEQUENCES: DISCARD ALL is impossible with prepared
        // statements), on every command. Nothing here leaves session state behind: advisory locks are transaction-level,
        // settings SET LOCAL, no temporary tables, and LISTEN only on the listeners' own long-held connections.
        if (Unset("No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
