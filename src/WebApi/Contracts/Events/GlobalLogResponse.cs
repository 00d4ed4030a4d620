using System.Globalization;
using EventAgents.Application.Events;

namespace EventAgents.WebApi.Contracts.Events;

/// <summary>A page of the tenant's global log.</summary>
/// <param name="Items">The events, in increasing <c>position</c>.</param>
/// <param name="NextCursor">More events are there now: send it as <c>cursor</c> for the next page. Null at the head of the log.</param>
/// <param name="LastPosition">Where to go on from, also at the head: poll again with <c>after</c> (or <c>cursor</c>) = this. It can be
/// past the last event shown when filters skipped events.</param>
public sealed record GlobalLogResponse(IReadOnlyList<EventDto> Items, string? NextCursor, long LastPosition)
{
    public static GlobalLogResponse From(GlobalLogPage page) =>
        new(page.Events, page.HasMore ? page.LastPosition.ToString(CultureInfo.InvariantCulture) : null, page.LastPosition);
}
