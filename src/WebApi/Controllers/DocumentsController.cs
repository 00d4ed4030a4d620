using EventAgents.Application.Common.Paging;
using EventAgents.Application.Documents;
using EventAgents.Application.Documents.Commands.CreateDocument;
using EventAgents.Application.Documents.Commands.DeleteDocument;
using EventAgents.Application.Documents.Commands.MergePatchDocument;
using EventAgents.Application.Documents.Commands.ReplaceDocument;
using EventAgents.Application.Documents.Queries.GetDocument;
using EventAgents.Application.Documents.Queries.GetDocumentHistory;
using EventAgents.Application.Documents.Queries.ListCollections;
using EventAgents.Application.Documents.Queries.ListDocuments;
using EventAgents.Application.Events;
using EventAgents.Domain.Auth;
using EventAgents.Domain.Events;
using EventAgents.WebApi.Contracts.Documents;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Schemas;
using EventAgents.WebApi.Infrastructure.Streaming;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using EventAgents.WebApi.Contracts.Common;

namespace EventAgents.WebApi.Controllers;

/// <summary>Event-sourced JSON documents: every change is an event in the stream <c>doc:{collection}:{id}</c>.</summary>
[ApiController]
[Route("api/v1/collections")]
[Tags("Documents")]
public sealed class DocumentsController(ISender sender) : ControllerBase
{
    private const string WherePrefix = "where[";

    /// <summary>Creates a document (409 when the id exists).</summary>
    /// <remarks>When the collection has a registered schema (<c>/api/v1/schemas/collections/{collection}</c>) the data is checked
    /// against it (the latest version, or the one sent in <c>Schema-Version</c>): enforce answers 422 listing every violation,
    /// warn stores it and adds <c>Schema-Warning</c>.</remarks>
    [HttpPost("{collection}/documents", Name = "CreateDocument")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ResponseHeader(StandardHeaders.ETag, 201)]
    [ResponseHeader(StandardHeaders.SchemaWarning, 201)]
    [SchemaWarningHeader]
    [Authorize(Policy = Scopes.DocumentsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<DocumentDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<DocumentDto>> Create(
        string collection, CreateDocumentRequest request, [FromHeader(Name = StandardHeaders.SchemaVersion)] int? schemaVersion = null,
        CancellationToken cancellationToken = default)
    {
        var document = await sender.Send(new CreateDocumentCommand(collection, request.Id, request.Data, schemaVersion), cancellationToken);
        Response.Headers.ETag = ETags.For(document.Version);
        return CreatedAtRoute("GetDocument", new { collection, id = document.Id }, document);
    }

    /// <summary>Creates or replaces a document.</summary>
    /// <remarks>201 when created, 200 when replaced. <c>If-Match: "&lt;version&gt;"</c> replaces only that version (412 otherwise);
    /// <c>If-None-Match: *</c> only creates (412 when it exists). After a delete, PUT creates the document again with the next version.
    /// A collection with a registered schema checks the data as POST does (422 or <c>Schema-Warning</c>).</remarks>
    [HttpPut("{collection}/documents/{id}", Name = "PutDocument")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ResponseHeader(StandardHeaders.ETag, 200, 201)]
    [ResponseHeader(StandardHeaders.SchemaWarning, 200, 201)]
    [SchemaWarningHeader]
    [Authorize(Policy = Scopes.DocumentsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<DocumentDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<DocumentDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    public async Task<ActionResult<DocumentDto>> Put(
        string collection, string id, PutDocumentRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch = null, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch = null,
        [FromHeader(Name = StandardHeaders.SchemaVersion)] int? schemaVersion = null, CancellationToken cancellationToken = default)
    {
        var result = await sender.Send(
            new ReplaceDocumentCommand(collection, id, request.Data, ETags.ToPreconditions(ifMatch, ifNoneMatch), schemaVersion), cancellationToken);
        var document = result.Document!;
        Response.Headers.ETag = ETags.For(document.Version);
        return result.Created ? CreatedAtRoute("GetDocument", new { collection, id }, document) : Ok(document);
    }

    /// <summary>Changes a document with a JSON Merge Patch (RFC 7396): objects merge, null removes a member, arrays are replaced.</summary>
    /// <remarks>A collection with a registered schema checks the patched result, not the patch (422 or <c>Schema-Warning</c>).</remarks>
    [HttpPatch("{collection}/documents/{id}", Name = "PatchDocument")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ResponseHeader(StandardHeaders.ETag, 200)]
    [ResponseHeader(StandardHeaders.SchemaWarning, 200)]
    [SchemaWarningHeader]
    [Authorize(Policy = Scopes.DocumentsWrite)]
    [Consumes("application/merge-patch+json")]
    [ProducesResponseType<DocumentDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<ActionResult<DocumentDto>> Patch(
        string collection, string id, [FromBody] System.Text.Json.JsonElement patch,
        [FromHeader(Name = "If-Match")] string? ifMatch = null, [FromHeader(Name = StandardHeaders.SchemaVersion)] int? schemaVersion = null,
        CancellationToken cancellationToken = default)
    {
        var document = await sender.Send(
            new MergePatchDocumentCommand(collection, id, patch, ETags.ToPreconditions(ifMatch, default), schemaVersion), cancellationToken);
        Response.Headers.ETag = ETags.For(document.Version);
        return document;
    }

    /// <summary>Gets a document, or with <c>version</c> the document as it was then, rebuilt from its events.</summary>
    /// <remarks>Send <c>If-None-Match</c> with the ETag you hold to get 304 when it has not changed.</remarks>
    [HttpGet("{collection}/documents/{id}", Name = "GetDocument")]
    [ResponseHeader(StandardHeaders.ETag, 200, 304)]
    [Authorize(Policy = Scopes.DocumentsRead)]
    [ProducesResponseType<DocumentDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<DocumentDto>> Get(
        string collection, string id, [FromQuery] long? version = null,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        var document = await sender.Send(new GetDocumentQuery(collection, id, version), cancellationToken);
        Response.Headers.ETag = ETags.For(document.Version);
        return version is null && ETags.NoneMatchHits(ifNoneMatch, document.Version)
            ? StatusCode(StatusCodes.Status304NotModified)
            : new JsonBodyResult<DocumentDto>(document);
    }

    /// <summary>Deletes a document (its history stays readable) or, with <c>mode=erase</c>, erases it with its whole history.</summary>
    /// <remarks>
    /// Erase removes the document and every event of its <c>doc:</c> stream's data for good (they read as <c>$erased</c>
    /// tombstones in the global log); its history and time travel answer 404 and any later write of the id 410. Idempotent.
    /// <c>If-Match</c> is not checked by an erase: erasing is meant to succeed whatever the document's version.
    /// </remarks>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The document id.</param>
    /// <param name="ifMatch">The document's ETag: delete only that version (not checked by an erase).</param>
    /// <param name="mode"><c>soft</c> (default) or <c>erase</c>.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpDelete("{collection}/documents/{id}", Name = "DeleteDocument")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status507InsufficientStorage)]
    [Authorize(Policy = Scopes.DocumentsWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    public async Task<IActionResult> Delete(
        string collection, string id, [FromHeader(Name = "If-Match")] string? ifMatch = null,
        [FromQuery] StreamDeletionMode mode = StreamDeletionMode.Soft, CancellationToken cancellationToken = default)
    {
        await sender.Send(new DeleteDocumentCommand(collection, id, ETags.ToPreconditions(ifMatch, default), mode), cancellationToken);
        return NoContent();
    }

    /// <summary>A document's events, oldest first.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="id">The document.</param>
    /// <param name="limit">1–200, default 50.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{collection}/documents/{id}/history", Name = "GetDocumentHistory")]
    [Authorize(Policy = Scopes.DocumentsRead)]
    [ProducesResponseType<Page<EventDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<Page<EventDto>>> History(
        string collection, string id, [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new GetDocumentHistoryQuery(collection, id, limit, cursor), cancellationToken);

    /// <summary>Queries a collection: equality filters on top-level fields, ordering, cursor paging.</summary>
    /// <remarks>
    /// Filter with <c>where[field]=value</c> (several combine with AND). A value that is a JSON number, <c>true</c>, <c>false</c>,
    /// <c>null</c> or a quoted string is matched as that JSON value; anything else as a string.
    /// </remarks>
    /// <param name="collection">The collection.</param>
    /// <param name="limit">1–200, default 50.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page (valid only with the same filters and order).</param>
    /// <param name="orderBy"><c>createdAt</c> (default), <c>updatedAt</c> or <c>id</c>.</param>
    /// <param name="order"><c>asc</c> (default) or <c>desc</c>.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{collection}/documents", Name = "ListDocuments")]
    [Authorize(Policy = Scopes.DocumentsRead)]
    [ProducesResponseType<Page<DocumentDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<Page<DocumentDto>>> List(
        string collection, [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null,
        [FromQuery] string orderBy = "createdAt", [FromQuery] string order = "asc", CancellationToken cancellationToken = default)
    {
        var where = Request.Query
            .Where(q => q.Key.StartsWith(WherePrefix, StringComparison.Ordinal) && q.Key.EndsWith(']'))
            .ToDictionary(q => q.Key[WherePrefix.Length..^1], q => q.Value.ToString(), StringComparer.Ordinal);
        return new JsonBodyResult<Page<DocumentDto>>(
            await sender.Send(new ListDocumentsQuery(collection, limit, cursor, orderBy, order, where), cancellationToken));
    }

    /// <summary>Lists the tenant's collections with their document counts.</summary>
    [HttpGet(Name = "ListCollections")]
    [Authorize(Policy = Scopes.DocumentsRead)]
    [ProducesResponseType<CollectionsResult>(StatusCodes.Status200OK, "application/json")]
    public async Task<ActionResult<CollectionsResult>> Collections(CancellationToken cancellationToken) =>
        await sender.Send(new ListCollectionsQuery(), cancellationToken);
}
