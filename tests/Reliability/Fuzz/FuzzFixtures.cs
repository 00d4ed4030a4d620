using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Fuzz;

/// <summary>
/// Two tenants with one of every resource. The fuzzer acts as tenant A (and the admin); tenant B's data carries a marker
/// that must never appear in an answer to A, and B's resources must be intact afterwards.
/// </summary>
public sealed class FuzzFixtures
{
    private readonly Dictionary<string, string> _ids;
    private readonly Dictionary<string, string> _otherIds;

    private FuzzFixtures(ApiSession tenant, ApiSession other, string otherMarker, Dictionary<string, string> ids, Dictionary<string, string> otherIds)
    {
        Tenant = tenant;
        Other = other;
        OtherMarker = otherMarker;
        _ids = ids;
        _otherIds = otherIds;
    }

    public ApiSession Tenant { get; }

    public ApiSession Other { get; }

    public string OtherMarker { get; }

    public ApiSession Admin { get; private set; } = null!;

    /// <summary>A tenant with nothing in it, for the admin's offboarding (which would disable A or B for the rest of the run).</summary>
    public string ExpendableTenantId { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> OtherIds => _otherIds;

    public static async Task<FuzzFixtures> CreateAsync(Deployment deployment, Uri baseUrl, CancellationToken cancellationToken)
    {
        var tenant = await ApiSession.NewTenantAsync(deployment, baseUrl, "fuzz-a", cancellationToken);
        var other = await ApiSession.NewTenantAsync(deployment, baseUrl, "fuzz-b", cancellationToken);
        var marker = $"tenant-b-secret-{Guid.NewGuid():N}";
        var fixtures = new FuzzFixtures(
            tenant, other, marker,
            await SeedAsync(tenant, baseUrl, "tenant-a-data", cancellationToken),
            await SeedAsync(other, baseUrl, marker, cancellationToken))
        {
            Admin = await ApiSession.AdminAsync(deployment, baseUrl, cancellationToken),
        };
        var admin = fixtures.Admin;
        fixtures.ExpendableTenantId = (await admin.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/tenants", new { name = "fuzz-expendable" }, cancellationToken))
            .GetProperty("id").GetString()!;
        foreach (var (session, ids) in new[] { (tenant, fixtures._ids), (other, fixtures._otherIds) })
        {
            var spare = await admin.SendJsonAsync(baseUrl, HttpMethod.Post, $"/api/v1/tenants/{session.TenantId}/clients",
                new { name = "spare", scopes = new[] { "events:read" } }, cancellationToken);
            ids["clientId"] = spare.GetProperty("clientId").GetString()!;
            ids["tenantId"] = session.TenantId.ToString();
        }

        return fixtures;
    }

    /// <summary>Tenant A's id for a parameter or field of this name, if it names a resource.</summary>
    public string? IdFor(string? name) => name is not null && _ids.TryGetValue(name, out var id) ? id : null;

    public string? OtherIdFor(string? name) => name is not null && _otherIds.TryGetValue(name, out var id) ? id : null;

    /// <summary>Tenant B's resources, read with B's own token: each must still be there, unchanged.</summary>
    public async Task<IReadOnlyList<string>> VerifyOtherIntactAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var broken = new List<string>();
        async Task Check(string path, Func<JsonElement, bool> holds)
        {
            using var response = await Other.SendAsync(baseUrl, HttpMethod.Get, path, null, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode || !holds(JsonDocument.Parse(text).RootElement) || !text.Contains(OtherMarker, StringComparison.Ordinal))
            {
                broken.Add($"{path} answered {(int)response.StatusCode}");
            }
        }

        await Check($"/api/v1/streams/{_otherIds["streamId"]}/events", page => page.GetProperty("version").GetInt64() == 1);
        await Check($"/api/v1/collections/{_otherIds["collection"]}/documents/{_otherIds["id"]}", document => document.GetProperty("version").GetInt64() == 1);
        await Check($"/api/v1/agents/{_otherIds["agentId"]}", _ => true);
        await Check($"/api/v1/runs/{_otherIds["runId"]}", _ => true);
        await Check($"/api/v1/webhooks/{_otherIds["webhookId"]}", webhook => webhook.GetProperty("enabled").GetBoolean());
        await Check("/api/v1/schemas/events/fuzz.seeded/versions/latest", version => version.GetProperty("version").GetInt32() == 1);
        return broken;
    }

    private static async Task<Dictionary<string, string>> SeedAsync(ApiSession session, Uri baseUrl, string marker, CancellationToken cancellationToken)
    {
        var stream = "fz-stream";
        await session.SendJsonAsync(baseUrl, HttpMethod.Post, $"/api/v1/streams/{stream}/events",
            new { events = new[] { new { type = "fuzz.seeded", data = new { marker } } } }, cancellationToken);
        await session.SendJsonAsync(baseUrl, HttpMethod.Put, "/api/v1/collections/fz/documents/doc-1", new { data = new { marker } }, cancellationToken);
        var agent = await session.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/agents",
            new { name = "fuzz-agent", instructions = marker, model = new { provider = "echo" } }, cancellationToken);
        var agentId = agent.GetProperty("id").GetString()!;
        var run = await session.SendJsonAsync(baseUrl, HttpMethod.Post, $"/api/v1/agents/{agentId}/runs", new { input = new { marker } }, cancellationToken);
        await session.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/schemas/events/fuzz.seeded/versions",
            new { schema = new { type = "object", description = marker } }, cancellationToken);
        var webhook = await session.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/webhooks",
            new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "none.ever" }, description = marker }, cancellationToken);
        return new Dictionary<string, string>
        {
            ["streamId"] = stream,
            ["collection"] = "fz",
            ["id"] = "doc-1",
            ["agentId"] = agentId,
            ["runId"] = run.GetProperty("id").GetString()!,
            ["webhookId"] = webhook.GetProperty("webhook").GetProperty("id").GetString()!,
        };
    }
}
