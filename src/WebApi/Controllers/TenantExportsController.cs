using EventAgents.Application.Tenants.Exports;
using EventAgents.Application.Tenants.Exports.GetTenantExport;
using EventAgents.Application.Tenants.Exports.GetTenantExportContent;
using EventAgents.Application.Tenants.Exports.StartTenantExport;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EventAgents.WebApi.Controllers;

/// <summary>
/// Tenant exports (GDPR art. 20): everything a tenant stores, as NDJSON, consistent as of one global-log position. For the
/// platform's administrators (any tenant) and a tenant's own clients with <c>tenant:export</c> (their tenant).
/// </summary>
[ApiController]
[Route("api/v1/tenants/{tenantId:guid}/exports")]
[Authorize(Policy = Scopes.TenantExport)]
[Tags("Tenants")]
public sealed class TenantExportsController(ISender sender) : ControllerBase
{
    private const string NdJson = "application/x-ndjson";

    /// <summary>Starts an export of the tenant.</summary>
    /// <remarks>
    /// The export runs in the background (poll <c>GET …/exports/{exportId}</c> until <c>status</c> is <c>succeeded</c>), then
    /// its content is downloaded from <c>…/content</c>, resumable with byte ranges. Lines, each a JSON object with a
    /// <c>kind</c>: <c>export</c> (header: format, position), then <c>stream</c>, <c>event</c> (in position order, up to the
    /// header's position), <c>document</c>, <c>agent</c>, <c>run</c>, <c>webhook</c>, and <c>end</c> (the line count, so a
    /// truncated file is noticed). Secrets are never exported; deleted, erased and retention-hidden data are not either.
    /// </remarks>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPost(Name = "StartTenantExport")]
    [ProducesResponseType<TenantExportDto>(StatusCodes.Status202Accepted, "application/json")]
    [ResponseHeader(StandardHeaders.Location, 202)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TenantExportDto>> Start(Guid tenantId, CancellationToken cancellationToken)
    {
        var export = await sender.Send(new StartTenantExportCommand(tenantId), cancellationToken);
        return AcceptedAtRoute("GetTenantExport", new { tenantId, exportId = export.Id }, export);
    }

    /// <summary>Gets an export's status.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="exportId">The export.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{exportId:guid}", Name = "GetTenantExport")]
    [ProducesResponseType<TenantExportDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TenantExportDto>> Get(Guid tenantId, Guid exportId, CancellationToken cancellationToken) =>
        await sender.Send(new GetTenantExportQuery(tenantId, exportId), cancellationToken);

    /// <summary>Downloads a succeeded export's NDJSON content; byte ranges resume an interrupted download.</summary>
    /// <remarks>
    /// Send <c>Range: bytes=N-</c> to continue from byte N (206 with <c>Content-Range</c>), with <c>If-Range</c> set to the
    /// ETag (the content's SHA-256, also in the export's <c>sha256</c>) to be sure the bytes are of the same content.
    /// 409 <c>export-not-ready</c> until the export succeeded.
    /// </remarks>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="exportId">The export.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{exportId:guid}/content", Name = "GetTenantExportContent")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, NdJson)]
    [ProducesResponseType<string>(StatusCodes.Status206PartialContent, NdJson)]
    [ResponseHeader(StandardHeaders.ETag, 200, 206, 416)]
    [ResponseHeader(StandardHeaders.ContentRange, 206, 416)]
    [ResponseHeader(StandardHeaders.AcceptRanges, 200, 206)]
    [ProducesResponseType(StatusCodes.Status416RangeNotSatisfiable)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Content(Guid tenantId, Guid exportId, CancellationToken cancellationToken)
    {
        var content = await sender.Send(new GetTenantExportContentQuery(tenantId, exportId), cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(
            content.Content, NdJson, $"tenant-{tenantId:D}-export-{exportId:D}.ndjson", content.CompletedAt,
            new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
    }
}
