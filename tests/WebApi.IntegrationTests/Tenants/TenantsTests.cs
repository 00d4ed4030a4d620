using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Tenants;

public sealed class TenantsTests : ApiTest
{
    [Test]
    public async Task Creating_a_tenant_returns_201_with_location_and_stores_it()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/tenants", new { name = "  Acme Corp " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var tenant = await response.ReadJsonAsync();
        var id = tenant.GetProperty("id").GetString();
        Assert.That(tenant.GetProperty("name").GetString(), Is.EqualTo("Acme Corp"));
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/api/v1/tenants/{id}"));

        var fetched = await Admin.GetAsync(response.Headers.Location);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await fetched.ReadJsonAsync()).GetProperty("name").GetString(), Is.EqualTo("Acme Corp"));
    }

    [Test]
    public async Task An_unknown_tenant_is_a_404_problem()
    {
        var response = await Admin.GetAsync($"/api/v1/tenants/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Listing_pages_through_every_tenant_once_in_creation_order()
    {
        var created = new List<string> { "00000000-0000-7000-8000-000000000001" };
        for (var i = 0; i < 5; i++)
        {
            var response = await Admin.PostAsJsonAsync("/api/v1/tenants", new { name = $"tenant {i}" });
            created.Add((await response.ReadJsonAsync()).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/tenants?limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await Admin.GetAsync(url)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(created));
    }

    [TestCase(0)]
    [TestCase(201)]
    public async Task A_limit_out_of_range_is_a_400(int limit)
    {
        var response = await Admin.GetAsync($"/api/v1/tenants?limit={limit}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("limit", out _), Is.True);
    }

    [Test]
    public async Task A_forged_cursor_is_a_400()
    {
        var response = await Admin.GetAsync("/api/v1/tenants?cursor=not-a-cursor");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("cursor", out _), Is.True);
    }
}
