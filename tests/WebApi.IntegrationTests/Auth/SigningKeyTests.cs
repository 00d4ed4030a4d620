using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Auth;

public sealed class SigningKeyTests
{
    [Test]
    public void Outside_development_the_api_refuses_to_start_without_a_signing_key()
    {
        using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Auth__SigningKey"));
    }

    [Test]
    public void A_signing_key_shorter_than_256_bits_is_refused()
    {
        using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Auth:SigningKey"] = "too-short" });

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("at least 32 bytes"));
    }

    [Test]
    public async Task Development_without_a_key_starts_with_a_per_process_key()
    {
        await using var factory = new ApiFactory(environment: "Development", settings: new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }
}
