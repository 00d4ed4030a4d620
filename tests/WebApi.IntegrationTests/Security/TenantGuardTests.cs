using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Persistence;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.WebApi.IntegrationTests.Security;

/// <summary>The EF Core safety nets behind tenant isolation, exercised against the real database.</summary>
public sealed class TenantGuardTests : ApiTest
{
    [Test]
    public async Task Saving_a_row_of_a_tenant_other_than_the_callers_throws_and_writes_nothing()
    {
        await using var scope = TestEnvironment.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventAgentsDbContext>();
        db.Streams.Add(new StreamRecord { TenantId = Guid.CreateVersion7(), StreamId = "smuggled", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });

        Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        Assert.That(await TestDatabase.CountAsync("es_streams"), Is.Zero);
    }

    [Test]
    public async Task Queries_only_see_the_callers_tenant_rows()
    {
        using var alice = await Auth.PartnerClientAsync("events:read", "events:write");
        await alice.AppendOkAsync("alice-only", EventsApi.Event());

        await using var scope = TestEnvironment.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventAgentsDbContext>();

        Assert.That(await db.Streams.CountAsync(), Is.Zero, "no caller, no tenant: the filter matches nothing");
        Assert.That(await db.Streams.IgnoreQueryFilters().CountAsync(), Is.EqualTo(1), "the row is there");
    }
}
