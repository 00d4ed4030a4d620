using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests;

/// <summary>One shared API host for the whole run; hosts with special settings are made by the tests that need them.</summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    private static ApiFactory? _api;

    public static ApiFactory Api => _api ?? throw new InvalidOperationException("The test environment is not set up.");

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory();
        // Creating the server applies the migrations.
        _ = _api.Server;
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        // Only a full run has seen every operation; a filtered one checks what it saw all the same.
        var violations = ResponseContract.Violations();
        Assert.That(violations, Is.Empty,
            "Responses the tests saw that docs/openapi/v1.json does not declare (declare them, then run build/openapi.sh):\n" + string.Join("\n", violations));
    }
}
