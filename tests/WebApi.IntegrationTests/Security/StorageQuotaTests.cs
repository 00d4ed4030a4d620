using System.Net;
using System.Security.Cryptography;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;

namespace EventAgents.WebApi.IntegrationTests.Security;

/// <summary>Issue #15, item 4: a tenant stores at most its quota of bytes; past it, writes are a 507 and store nothing.</summary>
public sealed class StorageQuotaTests : ApiTest
{
    [Test]
    public async Task Writes_past_the_tenants_storage_quota_are_a_507_and_store_nothing_while_other_tenants_write_on()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Quotas:MaxStoredBytesPerTenant"] = "300000" });
        var auth = new TestAuth(factory);
        using var http = await auth.PartnerClientAsync("events:read", "events:write", "documents:read", "documents:write");
        using var neighbour = await auth.PartnerClientAsync("events:read", "events:write");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await http.AppendAsync("files-1", new { events = new[] { Event("chunk", new { i, blob = Incompressible(75_000) }) } })).StatusCode);
        }

        var refused = await http.AppendAsync("files-1", new { events = new[] { Event("chunk", new { blob = Incompressible(75_000) }) } });
        var document = await http.PutAsync("files", "f", new { blob = Incompressible(90_000) });
        var stream = await (await http.GetAsync("/api/v1/streams/files-1")).ReadJsonAsync();

        Assert.That(statuses.Take(2), Is.All.EqualTo(HttpStatusCode.OK).Or.All.EqualTo(HttpStatusCode.Created));
        var problem = await refused.AssertProblemAsync((HttpStatusCode)507);
        Assert.That(problem.GetProperty("type").GetString(), Does.EndWith("/storage-quota"));
        await document.AssertProblemAsync((HttpStatusCode)507);
        Assert.That(stream.GetProperty("version").GetInt64(), Is.EqualTo(statuses.Count(s => (int)s < 300)), "refused appends stored nothing");
        Assert.That(statuses.Count(s => (int)s == 507), Is.GreaterThan(0));
        await neighbour.AppendOkAsync("files-1", Event("chunk", new { blob = Incompressible(75_000) }));
    }

    private static string Incompressible(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
