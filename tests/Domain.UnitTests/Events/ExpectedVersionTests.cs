using EventAgents.Domain.Events;

namespace EventAgents.Domain.UnitTests.Events;

public sealed class ExpectedVersionTests
{
    [TestCase(0L)]
    [TestCase(7L)]
    public void Any_accepts_every_version(long current) =>
        Assert.That(ExpectedVersion.Any.IsSatisfiedBy(current), Is.True);

    [Test]
    public void No_stream_accepts_only_a_stream_that_does_not_exist()
    {
        Assert.That(ExpectedVersion.NoStream.IsSatisfiedBy(0), Is.True);
        Assert.That(ExpectedVersion.NoStream.IsSatisfiedBy(1), Is.False);
    }

    [Test]
    public void Exactly_n_accepts_only_n()
    {
        Assert.That(ExpectedVersion.Exactly(3).IsSatisfiedBy(3), Is.True);
        Assert.That(ExpectedVersion.Exactly(3).IsSatisfiedBy(2), Is.False);
        Assert.That(ExpectedVersion.Exactly(3).IsSatisfiedBy(4), Is.False);
    }

    [Test]
    public void Negative_versions_do_not_exist() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedVersion.Exactly(-1));

    [Test]
    public void Absent_means_any() =>
        Assert.That(ExpectedVersion.From(null), Is.EqualTo(ExpectedVersion.Any));
}
