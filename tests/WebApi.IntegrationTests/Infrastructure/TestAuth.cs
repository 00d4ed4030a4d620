using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Tokens and clients for tests, obtained through the real token endpoint and admin API.</summary>
public sealed class TestAuth(WebApplicationFactory<Program> api)
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";
    public const string AdminClientId = "test-platform-admin";
    public const string AdminClientSecret = "integration-tests-admin-secret-0123456789abcdef";

    public static async Task<HttpClient> AdminClientAsync(WebApplicationFactory<Program> api) =>
        await new TestAuth(api).ClientWithTokenAsync(AdminClientId, AdminClientSecret);

    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        using var http = api.CreateClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        var response = await http.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> ClientWithTokenAsync(string clientId, string secret, string? scope = null) =>
        WithToken(await TokenAsync(clientId, secret, scope));

    public HttpClient WithToken(string token)
    {
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Creates a tenant and one client of it with the given scopes.</summary>
    public async Task<PartnerClient> CreatePartnerAsync(params string[] scopes)
    {
        using var admin = await AdminClientAsync(api);
        var tenantResponse = await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Partner " + Guid.NewGuid().ToString("N")[..8] });
        Assert.That(tenantResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var tenantId = (await tenantResponse.ReadJsonAsync()).GetProperty("id").GetGuid();
        var clientResponse = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients", new { name = "service", scopes });
        var client = await clientResponse.ReadJsonAsync();
        Assert.That(clientResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created), client.ToString());
        return new PartnerClient(tenantId, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>A client of a freshly created partner tenant, already holding a token.</summary>
    public async Task<HttpClient> PartnerClientAsync(params string[] scopes)
    {
        var partner = await CreatePartnerAsync(scopes);
        return await ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
    }
}

public sealed record PartnerClient(Guid TenantId, string ClientId, string ClientSecret);
