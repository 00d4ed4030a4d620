namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Base of tests that use the shared API: a clean database and a fresh client per test.</summary>
public abstract class ApiTest
{
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task ResetDatabaseAndClient()
    {
        await TestDatabase.ResetAsync();
        Client = TestEnvironment.Api.CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();
}
