using EventAgents.Domain.Events;

namespace EventAgents.Domain.UnitTests.Events;

public sealed class StreamDeletionsTests
{
    [TestCase(StreamDeletionMode.Soft, null, null, false, StreamDeletion.NotFound)]
    [TestCase(StreamDeletionMode.Erase, null, null, false, StreamDeletion.NotFound)]
    [TestCase(StreamDeletionMode.Soft, 3L, null, false, StreamDeletion.Delete)]
    [TestCase(StreamDeletionMode.Soft, 3L, 3L, false, StreamDeletion.AlreadyDeleted)]
    [TestCase(StreamDeletionMode.Soft, 4L, 3L, false, StreamDeletion.Delete)]
    [TestCase(StreamDeletionMode.Erase, 3L, null, false, StreamDeletion.Erase)]
    [TestCase(StreamDeletionMode.Erase, 3L, 3L, false, StreamDeletion.Erase)]
    [TestCase(StreamDeletionMode.Erase, 3L, 3L, true, StreamDeletion.AlreadyErased)]
    [TestCase(StreamDeletionMode.Soft, 3L, 3L, true, StreamDeletion.AlreadyErased)]
    public void A_delete_is_decided_from_the_streams_state(StreamDeletionMode mode, long? version, long? deletedAt, bool erased, StreamDeletion expected) =>
        Assert.That(StreamDeletions.Decide(mode, version, deletedAt, erased), Is.EqualTo(expected));

    [Test]
    public void Erased_events_have_a_type_no_partner_event_can_have()
    {
        Assert.That(EventType.IsValid(ErasedEvents.Type), Is.False);
        Assert.That(ErasedEvents.IsErased("$erased"), Is.True);
        Assert.That(ErasedEvents.IsErased("erased"), Is.False);
    }
}
