using EventAgents.Domain.Clients;
using EventAgents.Domain.Common;
using EventAgents.Domain.Tenants;

namespace EventAgents.Domain.UnitTests.Clients;

public sealed class ApiClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void All_granted_scopes_are_given_when_none_are_asked_for()
    {
        var client = Client("events:read", "events:write");

        Assert.That(client.GrantFor([]), Is.EqualTo(new[] { "events:read", "events:write" }));
    }

    [Test]
    public void A_requested_subset_is_given_and_anything_more_is_refused()
    {
        var client = Client("events:read", "events:write");

        Assert.That(client.GrantFor(["events:write"]), Is.EqualTo(new[] { "events:write" }));
        Assert.That(client.GrantFor(["events:write", "admin"]), Is.Null);
    }

    [Test]
    public void Unknown_scopes_are_refused() =>
        Assert.Throws<ArgumentException>(() => Client("events:read", "everything"));

    [Test]
    public void Only_the_platform_tenant_may_hold_the_admin_scope()
    {
        Assert.Throws<DomainRuleException>(() => ApiClient.Create("c1", Guid.CreateVersion7(), "svc", ["admin"], "hash", Now));
        Assert.That(ApiClient.Create("c2", Tenant.PlatformId, "svc", ["admin"], "hash", Now).Scopes, Is.EqualTo(new[] { "admin" }));
    }

    [Test]
    public void Revoking_twice_keeps_the_first_time()
    {
        var client = Client("events:read");

        client.Revoke(Now);
        client.Revoke(Now.AddHours(1));

        Assert.That(client.RevokedAt, Is.EqualTo(Now));
        Assert.That(client.IsRevoked, Is.True);
    }

    private static ApiClient Client(params string[] scopes) => ApiClient.Create("c1", Guid.CreateVersion7(), "svc", scopes, "hash", Now);
}
