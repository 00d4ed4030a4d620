using EventAgents.Domain.Events;

namespace EventAgents.Domain.UnitTests.Events;

public sealed class StreamIdTests
{
    [TestCase("order-17", true)]
    [TestCase("Order.17:line_2", true)]
    [TestCase("9lives", true)]
    [TestCase("-starts-with-dash", false)]
    [TestCase(".dot", false)]
    [TestCase("has space", false)]
    [TestCase("slash/inside", false)]
    [TestCase("ünïcode", false)]
    [TestCase("", false)]
    public void Stream_ids_follow_the_character_rules(string id, bool valid) =>
        Assert.That(StreamId.IsValid(id), Is.EqualTo(valid));

    [Test]
    public void Stream_ids_are_at_most_200_characters()
    {
        Assert.That(StreamId.IsValid(new string('a', 200)), Is.True);
        Assert.That(StreamId.IsValid(new string('a', 201)), Is.False);
    }

    [TestCase("doc:orders:1", true)]
    [TestCase("run:0193", true)]
    [TestCase("document-1", false)]
    [TestCase("docs:1", false)]
    public void Doc_and_run_prefixes_mark_system_streams(string id, bool system) =>
        Assert.That(StreamId.Parse(id).IsSystem, Is.EqualTo(system));
}
