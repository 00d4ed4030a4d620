using EventAgents.Application.Common.Paging;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Commands.AppendEvents;
using EventAgents.Application.Events.Commands.DeleteStream;
using EventAgents.Application.Events.Commands.SetStreamMetadata;
using EventAgents.Application.Events.Queries.GetStream;
using EventAgents.Application.Events.Queries.GetStreamMetadata;
using EventAgents.Application.Events.Queries.ListStreams;
using EventAgents.Application.Events.Queries.ReadStreamEvents;
using EventAgents.Domain.Auth;
using EventAgents.Domain.Events;
using EventAgents.WebApi.Contracts;
using EventAgents.WebApi.Contracts.Events;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Schemas;
using EventAgents.WebApi.Infrastructure.Streaming;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>Event streams: append with optimistic concurrency and idempotent retries, read forwards or backwards.</summary>
[ApiController]
[Route("api/v1/streams")]
[Tags("Streams")]
public sealed class StreamsController(ISender sender) : ControllerBase
{
    /// <summary>Appends events to a stream, atomically.</summary>
    /// <remarks>
    /// All events of the batch are stored or none. Send <c>expectedVersion</c> for optimistic concurrency (409 with
    /// <c>currentVersion</c> on mismatch). Retrying the identical batch with the same event ids returns the original result and
    /// stores nothing. An event whose type has a registered schema (<c>/api/v1/schemas/events/{type}</c>) is checked against it:
    /// enforce refuses the whole batch with 422 listing every violation, warn stores it and adds <c>Schema-Warning</c>.
    /// Streams starting with <c>doc:</c>, <c>run:</c>, <c>webhook:</c>, <c>schema:</c> or <c>meta:</c> belong to the service (400).
    /// </remarks>
    /// <param name="streamId">1–200 characters of [A-Za-z0-9._:-], starting with a letter or digit.</param>
    /// <param name="request">The events.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPost("{streamId}/events", Name = "AppendEvents")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ResponseHeader(StandardHeaders.IdempotentReplayed, 201)]
    [ResponseHeader(StandardHeaders.SchemaWarning, 201)]
    [SchemaWarningHeader]
    [Authorize(Policy = Scopes.EventsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<AppendEventsResult>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<AppendEventsResult>> Append(string streamId, AppendEventsRequest request, CancellationToken cancellationToken)
    {
        var events = (request.Events ?? []).Select(e => e is null ? null! : new NewEvent(e.EventId, e.Type, e.Data, e.Metadata, e.SchemaVersion)).ToList();
        var result = await sender.Send(new AppendEventsCommand(streamId, request.ExpectedVersion, events), cancellationToken);
        if (result.Replayed)
        {
            Response.Headers[IdempotencyHeaders.Replayed] = "true";
        }

        return CreatedAtRoute("ReadStreamEvents", new { streamId, fromVersion = result.FromVersion }, result);
    }

    /// <summary>Deletes a stream: soft (hidden, the name kept) or, with <c>mode=erase</c>, erased for good.</summary>
    /// <remarks>
    /// Soft, as in KurrentDB: reads answer 404, a later append continues the stream's version (send the old version as
    /// <c>expectedVersion</c>, or none), and only what is appended after the delete is readable; the scavenger removes the
    /// hidden events from storage. Erase: every event's data and metadata are removed now; the events keep their positions and
    /// ids and read as <c>$erased</c> tombstones in the global log, reads of the stream answer 404 and writes 410 for ever,
    /// runs the events triggered lose the copied payload, and webhooks skip them. Both are idempotent (204 again) and recorded
    /// in the system stream <c>meta:{streamId}</c> (<c>eventagents.stream.deleted</c>, <c>eventagents.stream.erased</c>).
    /// </remarks>
    /// <param name="streamId">The stream.</param>
    /// <param name="mode"><c>soft</c> (default) or <c>erase</c>.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpDelete("{streamId}", Name = "DeleteStream")]
    [Authorize(Policy = Scopes.EventsWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(string streamId, [FromQuery] StreamDeletionMode mode = StreamDeletionMode.Soft, CancellationToken cancellationToken = default)
    {
        await sender.Send(new DeleteStreamCommand(streamId, mode), cancellationToken);
        return NoContent();
    }

    /// <summary>Gets a stream's retention metadata.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{streamId}/metadata", Name = "GetStreamMetadata")]
    [Authorize(Policy = Scopes.EventsRead)]
    [ProducesResponseType<StreamMetadataDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<StreamMetadataDto>> GetMetadata(string streamId, CancellationToken cancellationToken) =>
        await sender.Send(new GetStreamMetadataQuery(streamId), cancellationToken);

    /// <summary>Sets a stream's retention: maximum age, maximum count, truncate before.</summary>
    /// <remarks>
    /// As KurrentDB's <c>$maxAge</c>, <c>$maxCount</c> and <c>$tb</c>: what falls outside stops being readable through the
    /// stream at once and is removed from storage by the background scavenger (until then it is still in the tenant's global log).
    /// The body replaces the metadata; an absent or null member is no limit, except <c>truncateBefore</c>, which only moves
    /// forward. Recorded as <c>eventagents.stream.metadata-set</c> in <c>meta:{streamId}</c>. Removed events' ids are
    /// forgotten: a retry of their append appends them again.
    /// </remarks>
    /// <param name="streamId">The stream.</param>
    /// <param name="request">The retention.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPut("{streamId}/metadata", Name = "SetStreamMetadata")]
    [Authorize(Policy = Scopes.EventsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<StreamMetadataDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<StreamMetadataDto>> SetMetadata(string streamId, StreamMetadataDto request, CancellationToken cancellationToken) =>
        await sender.Send(new SetStreamMetadataCommand(streamId, request), cancellationToken);

    /// <summary>Gets a stream's version and timestamps.</summary>
    [HttpGet("{streamId}", Name = "GetStream")]
    [Authorize(Policy = Scopes.EventsRead)]
    [ProducesResponseType<StreamDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<StreamDto>> Get(string streamId, CancellationToken cancellationToken) =>
        await sender.Send(new GetStreamQuery(streamId), cancellationToken);

    /// <summary>Reads a stream's events in version order, forwards or backwards.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="fromVersion">First version to return (forward: default 1; backward: default the stream's version).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page (send the same <c>direction</c> and <c>limit</c>); wins over <c>fromVersion</c>.</param>
    /// <param name="direction"><c>forward</c> (default) or <c>backward</c>.</param>
    /// <param name="limit">1–1000, default 100.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{streamId}/events", Name = "ReadStreamEvents")]
    [Authorize(Policy = Scopes.EventsRead)]
    [ProducesResponseType<StreamEventsResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<StreamEventsResponse>> ReadEvents(
        string streamId,
        [FromQuery] long? fromVersion = null,
        [FromQuery] string? cursor = null,
        [FromQuery] string direction = "forward",
        [FromQuery] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var from = cursor is null ? fromVersion : NumericCursor.Parse(cursor);
        var page = await sender.Send(new ReadStreamEventsQuery(streamId, from, direction, limit), cancellationToken);
        return new JsonBodyResult<StreamEventsResponse>(
            new StreamEventsResponse(page.StreamId, page.Version, page.Events, NumericCursor.Format(page.NextFromVersion)));
    }

    /// <summary>Lists the tenant's streams in id order, optionally those starting with a prefix.</summary>
    /// <param name="prefix">Only streams whose id starts with this.</param>
    /// <param name="limit">1–200, default 50.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ListStreams")]
    [Authorize(Policy = Scopes.EventsRead)]
    [ProducesResponseType<Page<StreamDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<Page<StreamDto>>> List(
        [FromQuery] string? prefix = null, [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListStreamsQuery(prefix, limit, cursor), cancellationToken);
}
