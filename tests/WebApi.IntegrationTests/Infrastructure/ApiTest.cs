using EventAgents.WebApi.Infrastructure.Security;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Base of tests that use the shared API: a clean database and a fresh client per test.</summary>
public abstract class ApiTest
{
    private HttpClient? _admin;

    /// <summary>An anonymous client.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>A client holding a token of the platform's bootstrap admin.</summary>
    protected HttpClient Admin => _admin ??= TestAuth.AdminClientAsync(TestEnvironment.Api).GetAwaiter().GetResult();

    protected TestAuth Auth => new(TestEnvironment.Api);

    [SetUp]
    public async Task ResetDatabaseAndClient()
    {
        await TestDatabase.ResetAsync();
        await TestEnvironment.Api.Services.EnsureBootstrapClientAsync();
        Client = TestEnvironment.Api.CreateClient();
    }

    [TearDown]
    public void DisposeClients()
    {
        Client.Dispose();
        _admin?.Dispose();
        _admin = null;
    }
}
