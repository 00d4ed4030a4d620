using EventAgents.Infrastructure.Caching;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.IntegrationTests.Documents;

/// <summary>The read cache's rules on their own: when an entry may be served, and that it is bounded in bytes.</summary>
public sealed class ReadCacheTests
{
    private static readonly Guid Tenant = Guid.CreateVersion7();

    [Test]
    public void An_entry_below_a_version_this_instance_committed_is_not_served()
    {
        using var cache = Cache();
        var key = new ReadCacheKey(Tenant, "orders-1", "page");
        cache.Set(key, cache.StampFor(Tenant), 3, "v3", 10);
        Assert.That(cache.TryGet(key, out string? before), Is.True);
        Assert.That(before, Is.EqualTo("v3"));

        cache.Committed(Tenant, "orders-1", 4);

        Assert.That(cache.TryGet(key, out string? _), Is.False);
        cache.Set(key, cache.StampFor(Tenant), 4, "v4", 10);
        Assert.That(cache.TryGet(key, out string? after) && after == "v4", Is.True);
    }

    [Test]
    public void A_change_elsewhere_drops_what_the_tenant_had_cached_and_a_load_that_raced_it_is_not_kept()
    {
        using var cache = Cache();
        var other = Guid.CreateVersion7();
        var key = new ReadCacheKey(Tenant, "orders-1", "page");
        var otherKey = new ReadCacheKey(other, "orders-1", "page");
        cache.Set(key, cache.StampFor(Tenant), 1, "mine", 10);
        cache.Set(otherKey, cache.StampFor(other), 1, "theirs", 10);
        var stampBeforeLoad = cache.StampFor(Tenant);

        cache.ChangedElsewhere(Tenant);
        cache.Set(key, stampBeforeLoad, 1, "raced", 10);

        Assert.That(cache.TryGet(key, out string? _), Is.False);
        Assert.That(cache.TryGet(otherKey, out string? theirs) && theirs == "theirs", Is.True, "other tenants keep theirs");
    }

    [Test]
    public void A_lost_connection_clears_every_tenant()
    {
        using var cache = Cache();
        var key = new ReadCacheKey(Tenant, "orders-1", "page");
        cache.Set(key, cache.StampFor(Tenant), 1, "one", 10);

        cache.Clear();

        Assert.That(cache.TryGet(key, out string? _), Is.False);
    }

    [Test]
    public async Task It_holds_no_more_bytes_than_its_bound()
    {
        using var cache = Cache(maxBytes: 10 * 1024 * 1024);
        var keys = Enumerable.Range(1, 100).Select(i => new ReadCacheKey(Tenant, $"s-{i}", "page")).ToList();
        foreach (var key in keys)
        {
            cache.Set(key, cache.StampFor(Tenant), 1, key.StreamId, 1024 * 1024);
            await Task.Yield();
        }

        var held = keys.Count(key => cache.TryGet(key, out string? _));
        Assert.That(held, Is.InRange(1, 10));
    }

    [Test]
    public void Zero_seconds_turns_it_off()
    {
        using var cache = Cache(seconds: 0);
        var key = new ReadCacheKey(Tenant, "orders-1", "page");
        cache.Set(key, cache.StampFor(Tenant), 1, "one", 10);

        Assert.That(cache.Enabled, Is.False);
        Assert.That(cache.TryGet(key, out string? _), Is.False);
    }

    [Test]
    public async Task The_earlier_setting_name_is_still_honoured_and_the_new_one_wins()
    {
        await using (var earlier = new ApiFactory(settings: new Dictionary<string, string?> { ["Documents:CacheSeconds"] = "0" }))
        {
            Assert.That(earlier.Services.GetRequiredService<ReadCache>().Enabled, Is.False);
        }

        await using var both = new ApiFactory(settings: new Dictionary<string, string?>
        {
            ["Documents:CacheSeconds"] = "0",
            ["ReadCache:Seconds"] = "3",
        });
        Assert.That(both.Services.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Seconds, Is.EqualTo(3));
    }

    private static ReadCache Cache(double seconds = 60, long maxBytes = 1024 * 1024) =>
        new(Options.Create(new ReadCacheOptions { Seconds = seconds, MaxBytes = maxBytes }), Options.Create(new EventAgents.Infrastructure.Persistence.Replicas.ReplicaOptions()));
}
