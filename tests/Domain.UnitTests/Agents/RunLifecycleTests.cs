using EventAgents.Domain.Agents;

namespace EventAgents.Domain.UnitTests.Agents;

/// <summary>A run's state machine: the allowed changes of status and what each event in a run's life leads to.</summary>
public sealed class RunLifecycleTests
{
    [Test]
    public void Terminal_statuses_have_no_way_out_and_every_other_status_has_one()
    {
        foreach (var status in RunStatus.All)
        {
            var exits = RunLifecycle.Transitions.Where(t => t.From == status).ToList();
            Assert.That(exits, RunStatus.IsTerminal(status) ? Is.Empty : Is.Not.Empty, status);
        }
    }

    [Test]
    public void Only_the_documented_changes_are_allowed()
    {
        Assert.That(RunLifecycle.Transitions, Is.EquivalentTo(new[]
        {
            (RunStatus.Queued, RunStatus.Running), (RunStatus.Queued, RunStatus.Cancelled),
            (RunStatus.Running, RunStatus.Succeeded), (RunStatus.Running, RunStatus.Failed), (RunStatus.Running, RunStatus.TimedOut),
            (RunStatus.Running, RunStatus.Queued), (RunStatus.Running, RunStatus.Cancelling),
            (RunStatus.Cancelling, RunStatus.Cancelled),
            (RunStatus.Running, RunStatus.RequiresAction), (RunStatus.RequiresAction, RunStatus.Queued),
            (RunStatus.RequiresAction, RunStatus.Cancelled), (RunStatus.RequiresAction, RunStatus.Failed),
        }));
        Assert.That(RunLifecycle.IsAllowed(RunStatus.Succeeded, RunStatus.Queued), Is.False);
        Assert.That(RunLifecycle.IsAllowed(RunStatus.Cancelling, RunStatus.Succeeded), Is.False, "a cancel wins over the attempt");
    }

    [TestCase(RunStatus.Succeeded)]
    [TestCase(RunStatus.Failed)]
    [TestCase(RunStatus.TimedOut)]
    [TestCase(RunStatus.Queued)]
    [TestCase(RunStatus.RequiresAction)]
    public void An_attempt_ends_as_it_came_to_unless_a_cancel_was_asked_for(string outcome)
    {
        Assert.That(RunLifecycle.EndOfAttempt(RunStatus.Running, outcome), Is.EqualTo(outcome));
        Assert.That(RunLifecycle.EndOfAttempt(RunStatus.Cancelling, outcome), Is.EqualTo(RunStatus.Cancelled));
    }

    [Test]
    public void An_attempt_cannot_end_a_run_that_is_not_running()
    {
        Assert.That(() => RunLifecycle.EndOfAttempt(RunStatus.Queued, RunStatus.Succeeded), Throws.InvalidOperationException);
        Assert.That(() => RunLifecycle.EndOfAttempt(RunStatus.Succeeded, RunStatus.Failed), Throws.InvalidOperationException);
        Assert.That(() => RunLifecycle.EndOfAttempt(RunStatus.Running, RunStatus.Cancelled), Throws.InvalidOperationException, "only through cancelling");
        Assert.That(() => RunLifecycle.EndOfAttempt(RunStatus.Running, RunStatus.Cancelling), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_cancel_ends_a_queued_run_asks_a_running_one_to_stop_and_leaves_the_rest()
    {
        Assert.That(RunLifecycle.Cancel(RunStatus.Queued), Is.EqualTo(RunStatus.Cancelled));
        Assert.That(RunLifecycle.Cancel(RunStatus.Running), Is.EqualTo(RunStatus.Cancelling));
        foreach (var status in new[] { RunStatus.Cancelling, RunStatus.Succeeded, RunStatus.Failed, RunStatus.TimedOut, RunStatus.Cancelled })
        {
            Assert.That(RunLifecycle.Cancel(status), Is.Null, status);
        }

        foreach (var status in RunStatus.All)
        {
            if (RunLifecycle.Cancel(status) is { } next)
            {
                Assert.That(RunLifecycle.IsAllowed(status, next), Is.True, $"{status} → {next} is a transition");
            }
        }
    }

    [Test]
    public void Events_five_runs_deep_or_written_by_the_agents_own_run_wake_nothing()
    {
        var agent = Guid.NewGuid();
        var other = Guid.NewGuid();

        Assert.That(RunLifecycle.MayTrigger(0, null, agent), Is.True, "an event no run caused");
        Assert.That(RunLifecycle.MayTrigger(4, other, agent), Is.True);
        Assert.That(RunLifecycle.MayTrigger(5, other, agent), Is.False, "the loop guard");
        Assert.That(RunLifecycle.MayTrigger(1, agent, agent), Is.False, "an agent never wakes itself");
    }
}
