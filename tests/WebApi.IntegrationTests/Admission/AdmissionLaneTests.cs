using EventAgents.WebApi.Infrastructure.Admission;

namespace EventAgents.WebApi.IntegrationTests.Admission;

/// <summary>The lane's queueing, fairness and overload decisions, driven by hand on a simulated clock.</summary>
public sealed class AdmissionLaneTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Test]
    public void Free_slots_go_to_waiting_tenants_in_turn_not_in_arrival_order()
    {
        var lane = FixedLane(limit: 1);
        Assert.That(lane.TryEnter("busy", TimeSpan.Zero).Outcome, Is.EqualTo(EntryOutcome.Admitted));
        var busy = Enumerable.Range(0, 5).Select(_ => lane.TryEnter("busy", Ms).Waiter!).ToList();
        var quiet = lane.TryEnter("quiet", 2 * Ms).Waiter!;

        lane.Leave("busy", TimeSpan.Zero, 10 * Ms);
        lane.Leave("busy", 10 * Ms, 20 * Ms);

        Assert.That(busy[0].Task.Result, Is.True, "the first waiting request of the first tenant in turn");
        Assert.That(quiet.Task.IsCompleted && quiet.Task.Result, Is.True, "then the other tenant, ahead of the busy one's backlog");
        Assert.That(busy.Skip(1).Any(w => w.Task.IsCompleted), Is.False);
    }

    [Test]
    public void A_closed_population_far_beyond_the_limit_is_queued_and_never_shed()
    {
        var lane = FixedLane(limit: 20);
        var clock = TimeSpan.Zero;
        var inService = new Queue<(TimeSpan Started, string Tenant)>();
        var waiting = new List<AdmissionLane.Waiter>();
        var rejected = 0;
        // 600 callers that each send again the moment they are answered; the service finishes one request per millisecond.
        for (var caller = 0; caller < 600; caller++)
        {
            Enter(lane, clock, inService, waiting, ref rejected);
        }

        for (var step = 0; step < 20_000; step++)
        {
            clock += Ms;
            var (started, tenant) = inService.Dequeue();
            lane.Leave(tenant, started, clock);
            PromoteAdmitted(clock, inService, waiting);
            Enter(lane, clock, inService, waiting, ref rejected);
            if (step % 100 == 0)
            {
                lane.Tick(clock);
            }
        }

        Assert.That(rejected, Is.Zero);
        Assert.That(lane.Snapshot(clock).Overloaded, Is.False);
        Assert.That(lane.Snapshot(clock).Queued, Is.EqualTo(580));
    }

    [Test]
    public void A_runaway_queue_counts_as_overload_and_then_arrivals_are_shed_at_once()
    {
        var lane = FixedLane(limit: 10, queueLimit: 100);
        var overloads = new List<bool>();
        lane.OverloadChanged += (_, overloaded) => overloads.Add(overloaded);
        for (var i = 0; i < 10; i++)
        {
            lane.TryEnter("t", TimeSpan.Zero);
        }

        var queued = Enumerable.Range(0, 100).Select(i => lane.TryEnter("t", i * 0.1 * Ms)).ToList();
        var beyond = lane.TryEnter("t", 11 * Ms);

        Assert.That(queued.All(e => e.Outcome == EntryOutcome.Queued), Is.True, "up to the queue limit requests wait");
        Assert.That(beyond.Outcome, Is.EqualTo(EntryOutcome.Rejected), "the one beyond it is shed without waiting");
        Assert.That(overloads, Is.EqualTo(new[] { true }));

        lane.Tick(100 * Ms);
        Assert.That(queued.Count(e => e.Waiter!.Task.IsCompleted && !e.Waiter.Task.Result), Is.EqualTo(100),
            "while overloaded, requests that waited longer than the overload wait are shed");
    }

    [Test]
    public void The_overload_ends_after_its_hold_once_the_queue_is_no_longer_running_away()
    {
        var lane = FixedLane(limit: 1, queueLimit: 1);
        var overloads = new List<bool>();
        lane.OverloadChanged += (_, overloaded) => overloads.Add(overloaded);
        lane.TryEnter("t", TimeSpan.Zero);
        lane.TryEnter("t", Ms);
        lane.TryEnter("t", 2 * Ms);
        lane.Tick(100 * Ms);
        lane.Leave("t", TimeSpan.Zero, 200 * Ms);

        lane.Tick(TimeSpan.FromSeconds(1.5));

        Assert.That(overloads, Is.EqualTo(new[] { true, false }));
        Assert.That(lane.TryEnter("t", TimeSpan.FromSeconds(1.6)).Outcome, Is.EqualTo(EntryOutcome.Admitted));
    }

    [Test]
    public void When_nothing_finishes_the_queue_is_shed_and_the_adaptive_limit_shrinks()
    {
        var lane = new AdmissionLane("write", Settings(queueLimit: 1024), new GradientConcurrencyLimit(4, 1000, 2.0, TimeSpan.FromMilliseconds(25)));
        var clock = TimeSpan.Zero;
        // A steady, fast service first (a request every 0.1 ms, each taking 2 ms): the limit grows.
        var inService = new Queue<TimeSpan>();
        for (var i = 0; i < 30_000; i++)
        {
            clock += 0.1 * Ms;
            while (inService.TryPeek(out var started) && clock - started >= 2 * Ms)
            {
                lane.Leave("t", inService.Dequeue(), clock);
            }

            var entry = lane.TryEnter("t", clock);
            if (entry.Outcome == EntryOutcome.Admitted)
            {
                inService.Enqueue(clock);
            }
            else if (entry.Waiter is { } waiting)
            {
                lane.Abandon(waiting);
            }

            if (i % 1000 == 0)
            {
                lane.Tick(clock);
            }
        }

        var before = lane.Snapshot(clock).Limit;
        // Then the dependency stalls: the requests in progress never finish, and more keep arriving.
        var waiters = new List<AdmissionLane.Waiter>();
        var stalledSince = clock;
        while (clock - stalledSince < TimeSpan.FromSeconds(6))
        {
            clock += 10 * Ms;
            if (lane.TryEnter("t", clock).Waiter is { } waiter)
            {
                waiters.Add(waiter);
            }

            if ((clock - stalledSince).Ticks % (100 * Ms).Ticks == 0)
            {
                lane.Tick(clock);
            }
        }

        var during = lane.Snapshot(clock);
        Assert.That(during.Limit, Is.LessThan(before), "the limit shrank");
        Assert.That(during.Overloaded, Is.True);
        Assert.That(waiters.Count(w => w.Task.IsCompleted && !w.Task.Result), Is.GreaterThan(0), "waiting requests were shed");
        Assert.That(during.Queued, Is.LessThan(10), "nothing piles up behind the stalled requests");
    }

    [Test]
    public void While_overloaded_the_longest_queue_gives_way_to_a_tenant_below_its_share()
    {
        var lane = FixedLane(limit: 1, queueLimit: 4);
        lane.TryEnter("flood", TimeSpan.Zero);
        var flood = Enumerable.Range(0, 4).Select(i => lane.TryEnter("flood", i * Ms).Waiter!).ToList();
        Assert.That(lane.TryEnter("flood", 5 * Ms).Outcome, Is.EqualTo(EntryOutcome.Rejected), "queue limit reached: overloaded");

        var other = lane.TryEnter("other", 6 * Ms);

        Assert.That(other.Outcome, Is.EqualTo(EntryOutcome.Queued), "the other tenant's request still gets a place");
        Assert.That(flood[^1].Task.IsCompleted && !flood[^1].Task.Result, Is.True, "the flood's newest request made room");
    }

    [Test]
    public void While_one_class_of_work_is_overloaded_the_other_sheds_what_waited_too_long_but_keeps_serving()
    {
        var instance = new OverloadSignal();
        var writes = new AdmissionLane("write", Settings(queueLimit: 2) with { FixedLimit = 1 }, null, instance);
        var reads = new AdmissionLane("read", Settings(queueLimit: 1024) with { FixedLimit = 1 }, null, instance);
        reads.TryEnter("t", TimeSpan.Zero);
        var waitingRead = reads.TryEnter("t", Ms).Waiter!;
        writes.TryEnter("t", TimeSpan.Zero);
        writes.TryEnter("t", Ms);
        writes.TryEnter("t", Ms);
        Assert.That(writes.TryEnter("t", 2 * Ms).Outcome, Is.EqualTo(EntryOutcome.Rejected), "the writes run away: overloaded");

        reads.Tick(100 * Ms);

        Assert.That(waitingRead.Task.IsCompleted && !waitingRead.Task.Result, Is.True, "a read that waited 99 ms is shed meanwhile");
        Assert.That(reads.Snapshot(100 * Ms).Overloaded, Is.True);
        reads.Leave("t", TimeSpan.Zero, 110 * Ms);
        Assert.That(reads.TryEnter("t", 120 * Ms).Outcome, Is.EqualTo(EntryOutcome.Admitted), "a free slot still serves reads");
    }

    [Test]
    public void A_queue_limit_of_zero_sheds_as_soon_as_every_slot_is_taken()
    {
        var lane = FixedLane(limit: 2, queueLimit: 0);
        lane.TryEnter("t", TimeSpan.Zero);
        lane.TryEnter("t", TimeSpan.Zero);

        Assert.That(lane.TryEnter("t", Ms).Outcome, Is.EqualTo(EntryOutcome.Rejected));
    }

    private static void Enter(
        AdmissionLane lane, TimeSpan clock, Queue<(TimeSpan, string)> inService, List<AdmissionLane.Waiter> waiting, ref int rejected)
    {
        var entry = lane.TryEnter("t", clock);
        switch (entry.Outcome)
        {
            case EntryOutcome.Admitted:
                inService.Enqueue((clock, "t"));
                break;
            case EntryOutcome.Queued:
                waiting.Add(entry.Waiter!);
                break;
            default:
                rejected++;
                break;
        }
    }

    private static void PromoteAdmitted(TimeSpan clock, Queue<(TimeSpan, string)> inService, List<AdmissionLane.Waiter> waiting)
    {
        for (var i = waiting.Count - 1; i >= 0; i--)
        {
            if (waiting[i].Task.IsCompleted)
            {
                Assert.That(waiting[i].Task.Result, Is.True, "a waiting request was shed");
                inService.Enqueue((clock, "t"));
                waiting.RemoveAt(i);
            }
        }
    }

    private static AdmissionLane FixedLane(int limit, int queueLimit = 1024) => new("test", Settings(queueLimit) with { FixedLimit = limit }, null);

    private static AdmissionLaneSettings Settings(int queueLimit) => new(
        FixedLimit: 0,
        QueueLimit: queueLimit,
        MaxQueueWait: TimeSpan.FromSeconds(5),
        OverloadedQueueWait: TimeSpan.FromMilliseconds(50),
        OverloadHold: TimeSpan.FromSeconds(1),
        Window: TimeSpan.FromMilliseconds(100));
}
