using EventAgents.Domain.Events;

namespace EventAgents.Domain.UnitTests.Events;

public sealed class StreamRetentionTests
{
    [TestCase(null, null, 10L, 0L)]
    [TestCase(3L, null, 10L, 8L)]
    [TestCase(20L, null, 10L, 0L)]
    [TestCase(null, 5L, 10L, 5L)]
    [TestCase(3L, 9L, 10L, 9L)]
    [TestCase(3L, 2L, 10L, 8L)]
    public void The_first_retained_version_is_the_later_of_count_and_truncation(long? maxCount, long? truncateBefore, long version, long expected) =>
        Assert.That(new StreamRetention(null, maxCount, truncateBefore).FirstRetainedVersion(version), Is.EqualTo(expected));

    [Test]
    public void Age_keeps_events_as_young_as_the_maximum_age_and_no_age_keeps_all()
    {
        var now = new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);
        var day = new StreamRetention(TimeSpan.FromDays(1), null, null);

        Assert.That(day.IsRetained(now.AddHours(-23), now), Is.True);
        Assert.That(day.IsRetained(now.AddDays(-1), now), Is.True);
        Assert.That(day.IsRetained(now.AddDays(-1).AddTicks(-1), now), Is.False);
        Assert.That(StreamRetention.None.IsRetained(DateTimeOffset.UnixEpoch, now), Is.True);
    }

    [Test]
    public void Replacing_takes_the_new_limits_but_truncation_only_moves_forward()
    {
        var current = new StreamRetention(TimeSpan.FromHours(1), 10, 7);

        Assert.That(new StreamRetention(null, 3, 2).Replacing(current), Is.EqualTo(new StreamRetention(null, 3, 7)));
        Assert.That(new StreamRetention(TimeSpan.FromMinutes(5), null, 9).Replacing(current), Is.EqualTo(new StreamRetention(TimeSpan.FromMinutes(5), null, 9)));
        Assert.That(StreamRetention.None.Replacing(StreamRetention.None), Is.EqualTo(StreamRetention.None));
    }
}
