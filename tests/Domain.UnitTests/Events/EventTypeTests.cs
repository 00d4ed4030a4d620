using EventAgents.Domain.Events;

namespace EventAgents.Domain.UnitTests.Events;

public sealed class EventTypeTests
{
    [TestCase("order.placed", true)]
    [TestCase("A", true)]
    [TestCase("x-y_z.1", true)]
    [TestCase("1st", false)]
    [TestCase("_private", false)]
    [TestCase("has space", false)]
    [TestCase("colon:inside", false)]
    [TestCase("", false)]
    public void Event_types_follow_the_pattern(string type, bool valid) =>
        Assert.That(EventType.IsValid(type), Is.EqualTo(valid));

    [Test]
    public void Event_types_are_at_most_128_characters()
    {
        Assert.That(EventType.IsValid(new string('a', 128)), Is.True);
        Assert.That(EventType.IsValid(new string('a', 129)), Is.False);
    }
}
