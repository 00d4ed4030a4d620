using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace EventAgents.WebApi.IntegrationTests.Security;

public sealed class SensitiveLoggingTests
{
    [Test]
    public async Task A_full_token_and_call_flow_logs_no_secret_no_token_and_no_signing_key()
    {
        await TestDatabase.ResetAsync();
        var sink = new CapturingLogSink();
        await using var factory = new ApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Verbose", ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose" },
            services: services => services.AddSingleton<ILogEventSink>(sink));
        var auth = new TestAuth(factory);

        var partner = await auth.CreatePartnerAsync("events:read");
        var token = await auth.TokenAsync(partner.ClientId, partner.ClientSecret);
        using var http = auth.WithToken(token);
        await http.GetAsync("/api/v1/tenants");
        using var admin = await TestAuth.AdminClientAsync(factory);
        await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "logged tenant" });

        var logs = sink.Text();
        Assert.That(logs, Does.Contain("/api/v1/auth/token"), "the capture works: request lines are there");
        Assert.That(logs, Does.Contain(partner.ClientId), "ids may be logged");
        Assert.Multiple(() =>
        {
            Assert.That(logs, Does.Not.Contain(partner.ClientSecret));
            Assert.That(logs, Does.Not.Contain(TestAuth.AdminClientSecret));
            Assert.That(logs, Does.Not.Contain(token));
            Assert.That(logs, Does.Not.Contain(token.Split('.')[2]), "not even the token's signature");
            Assert.That(logs, Does.Not.Contain(TestAuth.SigningKey));
            Assert.That(logs, Does.Not.Contain("logged tenant"), "request bodies are not logged");
        });
    }
}
