using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Queries.FollowEvents;
using EventAgents.Application.Events.Queries.ReadAllEvents;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Events;
using EventAgents.WebApi.Infrastructure.Admission;
using EventAgents.WebApi.Infrastructure.Problems;
using EventAgents.WebApi.Infrastructure.Streaming;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>The tenant's global event log, in commit order: poll it or follow it live.</summary>
[ApiController]
[Route("api/v1/events")]
[Authorize(Policy = Scopes.EventsRead)]
[Tags("Events")]
public sealed class EventsController(ISender sender) : ControllerBase
{
    /// <summary>Reads the tenant's global log after a position.</summary>
    /// <remarks>
    /// Page with <c>cursor</c> = the previous <c>nextCursor</c> until it is null; then poll with <c>after</c> = <c>lastPosition</c>.
    /// You see every committed event exactly once, in strictly increasing <c>position</c>, whatever the concurrency of writers.
    /// The log's cursor is a position: <c>cursor</c> and <c>after</c> mean the same, <c>cursor</c> wins when both are sent.
    /// Positions are per tenant and gapless, but rely only on their order.
    /// </remarks>
    /// <param name="after">Exclusive start position (default 0: from the beginning).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="limit">1–1000, default 100.</param>
    /// <param name="type">Only events of these types (repeat the parameter for several).</param>
    /// <param name="streamPrefix">Only events of streams whose id starts with this.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ReadAllEvents")]
    [ProducesResponseType<GlobalLogResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<GlobalLogResponse>> ReadAll(
        [FromQuery] long after = 0,
        [FromQuery] string? cursor = null,
        [FromQuery] int limit = 100,
        [FromQuery] string[]? type = null,
        [FromQuery] string? streamPrefix = null,
        CancellationToken cancellationToken = default)
    {
        var from = cursor is null ? after : NumericCursor.Parse(cursor);
        var page = await sender.Send(new ReadAllEventsQuery(from, limit, type ?? [], streamPrefix), cancellationToken);
        return new JsonBodyResult<GlobalLogResponse>(GlobalLogResponse.From(page));
    }

    /// <summary>Follows the tenant's global log live, as Server-Sent Events.</summary>
    /// <remarks>
    /// Each event is sent as <c>id: &lt;position&gt;</c>, <c>event: &lt;type&gt;</c>, <c>data: &lt;event JSON&gt;</c>. The stream first
    /// catches up from <c>after</c> (or from the <c>Last-Event-ID</c> header when reconnecting), then delivers new events as
    /// they commit, with no gap and no duplicate. A <c>: heartbeat</c> comment comes every 15 s. Each client may hold a
    /// limited number of live connections (429 beyond).
    /// </remarks>
    /// <param name="after">Exclusive start position (default 0); the Last-Event-ID header wins when present.</param>
    /// <param name="type">Only events of these types.</param>
    /// <param name="streamPrefix">Only events of streams whose id starts with this.</param>
    /// <param name="lastEventId">The id of the last event received, sent by EventSource on reconnect.</param>
    /// <param name="writer">Writes the event stream.</param>
    [HttpGet("live", Name = "FollowEvents")]
    [AdmissionExempt]
    [Produces("text/event-stream")]
    [ProducesResponseType<Application.Events.EventDto>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task Live(
        [FromQuery] long after = 0,
        [FromQuery] string[]? type = null,
        [FromQuery] string? streamPrefix = null,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId = null,
        [FromServices] EventStreamWriter writer = null!)
    {
        var feed = await sender.Send(
            new FollowEventsQuery(EventStreamWriter.ResumePosition(lastEventId, after), type ?? [], streamPrefix), HttpContext.RequestAborted);
        await writer.ServeAsync(HttpContext, feed.After, feed.Types, feed.StreamPrefix);
    }
}
