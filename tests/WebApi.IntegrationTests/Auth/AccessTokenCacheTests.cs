using EventAgents.WebApi.Infrastructure.Security;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.WebApi.IntegrationTests.Auth;

/// <summary>The validated-token cache with the API's own validation parameters: it may save work, never change a verdict.</summary>
public sealed class AccessTokenCacheTests : ApiTest
{
    private static readonly Guid PlatformTenant = new("00000000-0000-7000-8000-000000000001");

    [Test]
    public async Task A_remembered_token_gives_every_request_its_own_identity_with_the_same_claims()
    {
        var (handler, parameters) = LocalValidation();
        var token = TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin");

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);

        Assert.That(first.IsValid && second.IsValid, Is.True);
        Assert.That(second.ClaimsIdentity, Is.Not.SameAs(first.ClaimsIdentity));
        Assert.That(second.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)), Is.EqualTo(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value))));
        Assert.That(second.SecurityToken.Id, Is.EqualTo(first.SecurityToken.Id));
    }

    [Test]
    public async Task A_token_with_the_payload_of_a_remembered_one_but_another_signature_is_rejected()
    {
        var (handler, parameters) = LocalValidation();
        var token = TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin");
        Assert.That((await handler.ValidateTokenAsync(token, parameters)).IsValid, Is.True);
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(new byte[32])}";

        var result = await handler.ValidateTokenAsync(forged, parameters);

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public async Task An_expired_token_is_rejected_even_if_its_string_was_seen_before()
    {
        var (handler, parameters) = LocalValidation();
        var expired = TokenForge.Create(TestAuth.AdminClientId, PlatformTenant, "admin", expires: DateTime.UtcNow.AddMinutes(-2));

        var first = await handler.ValidateTokenAsync(expired, parameters);
        var second = await handler.ValidateTokenAsync(expired, parameters);

        Assert.That(first.IsValid || second.IsValid, Is.False);
    }

    private static (CachingAccessTokenHandler Handler, TokenValidationParameters Parameters) LocalValidation()
    {
        var options = TestEnvironment.Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(AuthenticationSetup.LocalScheme);
        var handler = options.TokenHandlers.OfType<CachingAccessTokenHandler>().Single();
        return (handler, options.TokenValidationParameters);
    }
}
