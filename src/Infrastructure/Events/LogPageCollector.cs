using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Gathers a global-log page as the database's page query does: up to <c>limit + 1</c> events (the extra one only says there
/// is more), ending early once the payloads reach the page's byte budget, whether the events come from cached blocks, from
/// the database, or from both in turn.
/// </summary>
internal sealed class LogPageCollector(int limit, long maxPageBytes)
{
    private readonly List<EventDto> _events = new(Math.Min(limit + 1, 1024));
    private long _bytes;
    private bool _truncated;

    /// <summary>The page is complete: one event past the limit, or the byte budget reached.</summary>
    public bool Done => _truncated || _events.Count > limit;

    /// <summary>How many more events the page can take (the extra one included).</summary>
    public int Remaining => limit + 1 - _events.Count;

    /// <summary>Adds the next event; false once the page is complete (the event is not taken when the budget was reached).</summary>
    public bool TryAdd(EventDto @event)
    {
        if (_events.Count > 0 && _bytes >= maxPageBytes)
        {
            _truncated = true;
            return false;
        }

        _events.Add(@event);
        _bytes += @event.Data.ByteCount + @event.Metadata.ByteCount;
        return !Done;
    }

    /// <summary>
    /// The page. A full one continues after its last event; otherwise every event up to <paramref name="head"/> (read before
    /// the events) was considered, so the next read may start at the head even when filters skipped events.
    /// </summary>
    public GlobalLogPage Page(long after, long head)
    {
        if (Done)
        {
            if (_events.Count > limit)
            {
                _events.RemoveAt(_events.Count - 1);
            }

            return new GlobalLogPage(_events, _events[^1].Position, true);
        }

        var lastShown = _events.Count > 0 ? _events[^1].Position : after;
        return new GlobalLogPage(_events, Math.Max(lastShown, Math.Max(after, head)), false);
    }
}
