using EventAgents.Application;
using EventAgents.Infrastructure;
using EventAgents.Infrastructure.Persistence;
using EventAgents.WebApi;
using EventAgents.WebApi.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration, builder.Environment);

var app = builder.Build();

// Fail fast on configuration that would only break at the first request (e.g. no signing key outside Development).
app.Services.ValidateSecurityConfiguration();

await app.Services.MigrateDatabaseIfEnabledAsync();
await app.Services.EnsureBootstrapClientAsync();
app.UseWebApi();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
