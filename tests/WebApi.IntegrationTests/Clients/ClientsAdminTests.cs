using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace EventAgents.WebApi.IntegrationTests.Clients;

public sealed class ClientsAdminTests : ApiTest
{
    [Test]
    public async Task Creating_a_client_shows_its_secret_once_and_stores_only_a_slow_hash()
    {
        var tenantId = await CreateTenantAsync();

        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients", new { name = "billing", scopes = new[] { "events:read" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await response.ReadJsonAsync();
        var clientId = created.GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.That(secret.Length, Is.GreaterThanOrEqualTo(43), "32 random bytes, base64url");
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/v1/tenants/{tenantId}/clients/{clientId}"));

        var stored = await StoredSecretHashAsync(clientId);
        Assert.That(stored, Does.Not.Contain(secret));
        Assert.That(Convert.FromBase64String(stored)[0], Is.EqualTo(0x01), "ASP.NET Core Identity v3 format (PBKDF2, 100,000 iterations)");

        var fetched = await (await Admin.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        var listed = await (await Admin.GetAsync($"/api/v1/tenants/{tenantId}/clients")).Content.ReadAsStringAsync();
        Assert.That(fetched, Does.Not.Contain(secret).And.Not.Contain("clientSecret").And.Not.Contain("secretHash"));
        Assert.That(listed, Does.Contain(clientId).And.Not.Contain(secret).And.Not.Contain("secretHash"));
    }

    [Test]
    public async Task Unknown_scopes_and_blank_names_are_400_with_the_fields_named()
    {
        var tenantId = await CreateTenantAsync();

        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients", new { name = " ", scopes = new[] { "events:read", "root" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.TryGetProperty("name", out _), Is.True, errors.ToString());
        Assert.That(errors.TryGetProperty("scopes[1]", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task The_admin_scope_is_refused_for_a_partner_tenant()
    {
        var tenantId = await CreateTenantAsync();

        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients", new { name = "sneaky", scopes = new[] { "admin" } });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(await TestDatabase.CountAsync("api_clients"), Is.EqualTo(1), "only the bootstrap admin");
    }

    [Test]
    public async Task A_client_of_one_tenant_is_not_found_under_another_tenant()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var otherTenant = await CreateTenantAsync();

        var viaOther = await Admin.GetAsync($"/api/v1/tenants/{otherTenant}/clients/{partner.ClientId}");
        var missing = await Admin.GetAsync($"/api/v1/tenants/{otherTenant}/clients/c-does-not-exist");
        var revokeViaOther = await Admin.DeleteAsync($"/api/v1/tenants/{otherTenant}/clients/{partner.ClientId}");

        var foreign = await viaOther.AssertProblemAsync(HttpStatusCode.NotFound);
        var absent = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await revokeViaOther.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(foreign.GetProperty("title").GetString(), Is.EqualTo(absent.GetProperty("title").GetString()));
        Assert.That((await Admin.GetAsync($"/api/v1/tenants/{partner.TenantId}/clients/{partner.ClientId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Clients_of_an_unknown_tenant_are_404()
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{Guid.NewGuid()}/clients", new { name = "x", scopes = new[] { "events:read" } });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Listing_clients_pages_through_all_of_a_tenants_clients()
    {
        var tenantId = await CreateTenantAsync();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/clients", new { name = $"svc {i}", scopes = new[] { "events:read" } });
            created.Add((await response.ReadJsonAsync()).GetProperty("clientId").GetString()!);
        }

        var first = await (await Admin.GetAsync($"/api/v1/tenants/{tenantId}/clients?limit=2")).ReadJsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await Admin.GetAsync($"/api/v1/tenants/{tenantId}/clients?limit=2&cursor={cursor}")).ReadJsonAsync();

        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(c => c.GetProperty("clientId").GetString()).ToList();
        Assert.That(seen, Is.EqualTo(created));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        var foreignCursor = await Admin.GetAsync($"/api/v1/tenants/{await CreateTenantAsync()}/clients?cursor={cursor}");
        await foreignCursor.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<Guid> CreateTenantAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/tenants", new { name = "Tenant " + Guid.NewGuid().ToString("N")[..6] });
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<string> StoredSecretHashAsync(string clientId)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT hash FROM api_client_secrets WHERE client_id = $1", connection);
        command.Parameters.AddWithValue(clientId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
