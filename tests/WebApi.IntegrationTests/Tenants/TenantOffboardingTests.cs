using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.AgentsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Tenants;

/// <summary>
/// Offboarding: the tenant is disabled at once (tokens rejected here now and on other instances within the client-status
/// delay), its data erased in the background from every table, and other tenants untouched.
/// </summary>
public sealed class TenantOffboardingTests : ApiTest
{
    private static readonly string[] Everything =
        [.. AllAgentScopes, "webhooks:manage", "schemas:read", "schemas:write", "tenant:export"];

    [Test]
    public async Task An_offboarded_tenant_is_disabled_at_once_and_erased_from_every_table_while_others_are_untouched()
    {
        var alice = await Auth.CreatePartnerAsync(Everything);
        using var aliceHttp = await Auth.ClientWithTokenAsync(alice.ClientId, alice.ClientSecret);
        var bob = await Auth.CreatePartnerAsync(Everything);
        using var bobHttp = await Auth.ClientWithTokenAsync(bob.ClientId, bob.ClientSecret);
        foreach (var http in new[] { aliceHttp, bobHttp })
        {
            await http.AppendOkAsync("order-1", Event("order.placed"), Event("order.paid"));
            await http.PutOkAsync("orders", "o-1", new { status = "open" });
            var agentId = await http.CreateTriggeredAgentAsync("order.shipped", null);
            await http.AppendOkAsync("order-1", Event("order.shipped"));
            await http.WaitForRunAsync((await http.RunsOfAsync(agentId, expected: 1))[0].GetProperty("id").GetGuid());
            (await http.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://example.com/hook", eventTypes = new[] { "x" } })).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync("/api/v1/schemas/events/order.placed", new { compatibility = "backward" })).EnsureSuccessStatusCode();
            (await http.PostAsync($"/api/v1/tenants/{(http == aliceHttp ? alice : bob).TenantId}/exports", null)).EnsureSuccessStatusCode();
        }

        await using var otherInstance = new ApiFactory(settings: new Dictionary<string, string?> { ["Auth:ClientStatusCacheSeconds"] = "1" });
        using var aliceElsewhere = new TestAuth(otherInstance).WithToken(aliceHttp.DefaultRequestHeaders.Authorization!.Parameter!);
        Assert.That((await aliceElsewhere.GetAsync("/api/v1/streams/order-1")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "active, and cached as such there");

        var offboarded = await Admin.DeleteAsync($"/api/v1/tenants/{alice.TenantId}");
        var body = await offboarded.ReadJsonAsync();

        Assert.That(offboarded.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("erasing"));
        Assert.That(offboarded.Headers.Location?.ToString(), Does.EndWith($"/api/v1/tenants/{alice.TenantId}/offboarding"));
        Assert.That((await aliceHttp.GetAsync("/api/v1/streams/order-1")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "at once on this instance");
        var token = await Client.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = alice.ClientId, ["client_secret"] = alice.ClientSecret,
        }));
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no new token");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await aliceElsewhere.GetAsync("/api/v1/streams/order-1")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "rejected on the other instance within the client-status delay");
            await Task.Delay(100);
        }

        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await Admin.GetAsync($"/api/v1/tenants/{alice.TenantId}/offboarding")).ReadJsonAsync()).GetProperty("status").GetString() != "erased")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "erased in the background");
            await Task.Delay(200);
        }

        Assert.That(await RowsOfAsync(alice.TenantId), Is.Empty, "no table keeps a row of the offboarded tenant");
        Assert.That(await Storage.ScalarAsync("SELECT count(*) FROM api_client_secrets WHERE client_id = $1", alice.ClientId), Is.Zero);
        Assert.That((await RowsOfAsync(bob.TenantId)).Select(t => t.Table), Is.SupersetOf(new[] { "es_events", "documents", "agents", "agent_runs", "webhook_subscriptions", "schema_subjects", "api_clients", "tenant_exports" }));
        var stream = await (await bobHttp.GetAsync("/api/v1/streams/order-1/events")).ReadJsonAsync();
        Assert.That(stream.GetProperty("items").GetArrayLength(), Is.EqualTo(3), "other tenants untouched");
        Assert.That((await bobHttp.GetAsync(DocumentsApi.Url("orders", "o-1"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Admin.DeleteAsync($"/api/v1/tenants/{alice.TenantId}")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "repeating it is harmless");
    }

    [Test]
    public async Task Only_admins_offboard_and_never_the_platform_tenant()
    {
        var partner = await Auth.CreatePartnerAsync(Everything);
        using var http = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);

        await (await http.DeleteAsync($"/api/v1/tenants/{partner.TenantId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.DeleteAsync("/api/v1/tenants/00000000-0000-7000-8000-000000000001")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await Admin.DeleteAsync($"/api/v1/tenants/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/v1/tenants/{partner.TenantId}/offboarding")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await http.GetAsync("/api/v1/streams")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still active");
    }

    /// <summary>The tables with a tenant_id column that still hold rows of the tenant.</summary>
    private static async Task<List<(string Table, long Rows)>> RowsOfAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_name) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name <> 'tenants'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = $1", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            if ((long)(await count.ExecuteScalarAsync())! is > 0 and var rows)
            {
                holding.Add((table, rows));
            }
        }

        return holding;
    }
}
