using EventAgents.Domain.Common;

namespace EventAgents.Domain.UnitTests.Documents;

public sealed class PreconditionsTests
{
    [Test]
    public void No_preconditions_always_hold()
    {
        Assert.That(Preconditions.None.HoldFor(null), Is.True);
        Assert.That(Preconditions.None.HoldFor(3), Is.True);
    }

    [Test]
    public void If_match_a_version_holds_only_at_that_version()
    {
        var ifMatch = new Preconditions(2, false, false);

        Assert.That(ifMatch.HoldFor(2), Is.True);
        Assert.That(ifMatch.HoldFor(3), Is.False);
        Assert.That(ifMatch.HoldFor(null), Is.False);
    }

    [Test]
    public void If_match_any_needs_an_existing_document_and_if_none_match_any_a_missing_one()
    {
        Assert.That(new Preconditions(null, true, false).HoldFor(null), Is.False);
        Assert.That(new Preconditions(null, true, false).HoldFor(1), Is.True);
        Assert.That(new Preconditions(null, false, true).HoldFor(null), Is.True);
        Assert.That(new Preconditions(null, false, true).HoldFor(1), Is.False);
    }
}
