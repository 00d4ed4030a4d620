using EventAgents.WebApi.Infrastructure.Admission;

namespace EventAgents.WebApi.IntegrationTests.Admission;

/// <summary>
/// The adaptive limit on a simulated service: <c>clients</c> closed-loop callers, a service that runs <c>capacity</c> requests
/// at its base latency and queues beyond that (latency grows in proportion), fed one 100 ms window at a time.
/// </summary>
public sealed class GradientConcurrencyLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    [Test]
    public void Grows_the_limit_while_latency_stays_flat()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        var service = new SimulatedService(BaseLatencyMs: 5, Capacity: int.MaxValue);

        service.Run(limit, clients: 500, windows: 100);

        Assert.That(limit.Limit, Is.GreaterThanOrEqualTo(500), "every caller gets a slot when more concurrency costs no latency");
    }

    [Test]
    public void Settles_where_latency_reaches_the_target_when_the_service_saturates()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        // Latency 5 ms up to 50 at once, then 0.1 ms more per extra request: the 25 ms target is reached at 250.
        var service = new SimulatedService(BaseLatencyMs: 5, Capacity: 50);

        var latency = service.Run(limit, clients: 2000, windows: 300);

        Assert.That(limit.Limit, Is.InRange(200, 320));
        Assert.That(latency, Is.LessThan(TimeSpan.FromMilliseconds(35)), "in-progress latency held near the target");
        Assert.That(limit.NoLoadLatency, Is.EqualTo(TimeSpan.FromMilliseconds(5)));
    }

    [Test]
    public void Shrinks_the_limit_when_latency_climbs_and_recovers_when_it_falls_again()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        var fast = new SimulatedService(BaseLatencyMs: 5, Capacity: 100);
        fast.Run(limit, clients: 2000, windows: 200);
        var before = limit.Limit;

        var slow = fast with { BaseLatencyMs = 50, Clock = fast.Clock };
        slow.Run(limit, clients: 2000, windows: 10);
        var during = limit.Limit;
        var recovered = fast with { Clock = slow.Clock };
        recovered.Run(limit, clients: 2000, windows: 100);

        Assert.That(during, Is.LessThan(before / 2), "a dependency ten times slower halves the limit within a second");
        Assert.That(limit.Limit, Is.GreaterThan(before * 3 / 4), "and it grows back once the dependency is fast again");
    }

    [Test]
    public void Does_not_grow_a_limit_that_is_not_used()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));

        new SimulatedService(BaseLatencyMs: 1, Capacity: int.MaxValue).Run(limit, clients: 10, windows: 200);

        Assert.That(limit.Limit, Is.LessThanOrEqualTo(30));
    }

    [Test]
    public void A_stalled_dependency_takes_the_limit_to_its_minimum()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        var service = new SimulatedService(BaseLatencyMs: 5, Capacity: int.MaxValue);
        service.Run(limit, clients: 300, windows: 50);

        // Nothing finishes: each window reports how long the requests in progress have been stuck.
        for (var window = 1; window <= 80; window++)
        {
            limit.Update(Window * window, limit.Limit, service.Clock.Now + (Window * window));
        }

        Assert.That(limit.Limit, Is.EqualTo(8));
    }

    [Test]
    public void The_target_never_falls_below_the_floor_nor_below_the_tolerated_no_load_latency()
    {
        var limit = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        limit.Update(TimeSpan.FromMilliseconds(2), 8, TimeSpan.Zero);
        Assert.That(limit.TargetLatency, Is.EqualTo(TimeSpan.FromMilliseconds(25)));

        var slow = new GradientConcurrencyLimit(8, 1000, 2.0, TimeSpan.FromMilliseconds(25));
        slow.Update(TimeSpan.FromMilliseconds(40), 8, TimeSpan.Zero);
        Assert.That(slow.TargetLatency, Is.EqualTo(TimeSpan.FromMilliseconds(80)));
    }

    private sealed class SimulatedClock
    {
        public TimeSpan Now { get; set; }
    }

    private sealed record SimulatedService(double BaseLatencyMs, int Capacity)
    {
        public SimulatedClock Clock { get; init; } = new();

        public TimeSpan LatencyAt(int inFlight) =>
            TimeSpan.FromMilliseconds(BaseLatencyMs * Math.Max(1.0, inFlight / (double)Capacity));

        /// <summary>Feeds the windows; returns the last window's latency.</summary>
        public TimeSpan Run(GradientConcurrencyLimit limit, int clients, int windows)
        {
            var latency = TimeSpan.Zero;
            for (var i = 0; i < windows; i++)
            {
                Clock.Now += Window;
                var inFlight = Math.Min(clients, limit.Limit);
                latency = LatencyAt(inFlight);
                limit.Update(latency, inFlight, Clock.Now);
            }

            return latency;
        }
    }
}
