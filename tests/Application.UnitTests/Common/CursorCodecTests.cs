using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Paging;

namespace EventAgents.Application.UnitTests.Common;

public sealed class CursorCodecTests
{
    [Test]
    public void A_cursor_round_trips_within_its_scope()
    {
        var key = Guid.CreateVersion7();

        var cursor = CursorCodec.Encode(key, "tenant-a");

        Assert.That(CursorCodec.Decode<Guid>(cursor, "tenant-a"), Is.EqualTo(key));
        Assert.That(cursor, Does.Match("^[A-Za-z0-9_-]+$"), "base64url, safe in a query string");
    }

    [Test]
    public void A_cursor_of_another_scope_is_refused()
    {
        var cursor = CursorCodec.Encode(Guid.CreateVersion7(), "tenant-a");

        var error = Assert.Throws<BadRequestException>(() => CursorCodec.Decode<Guid>(cursor, "tenant-b"));
        Assert.That(error!.Field, Is.EqualTo("cursor"));
    }

    [TestCase("not-a-cursor")]
    [TestCase("")]
    [TestCase("e30")]
    public void A_malformed_cursor_is_refused(string cursor) =>
        Assert.Throws<BadRequestException>(() => CursorCodec.Decode<Guid>(cursor, "tenant-a"));
}
