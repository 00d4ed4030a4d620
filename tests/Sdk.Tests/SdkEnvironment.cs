using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.Sdk.Tests;

/// <summary>One API host (in memory, real PostgreSQL) for the SDK tests.</summary>
[SetUpFixture]
public sealed class SdkEnvironment
{
    public static ApiFactory Api { get; private set; } = null!;

    /// <summary>Creating the server migrates the database and bootstraps the admin client; each test uses a tenant of its own.</summary>
    [OneTimeSetUp]
    public void Start()
    {
        Api = new ApiFactory();
        _ = Api.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await Api.DisposeAsync();
}
