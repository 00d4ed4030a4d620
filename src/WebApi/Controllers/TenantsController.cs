using EventAgents.Application.Common.Paging;
using EventAgents.Application.Tenants;
using EventAgents.Application.Tenants.Commands.CreateTenant;
using EventAgents.Application.Tenants.Offboarding;
using EventAgents.Application.Tenants.Offboarding.GetTenantOffboarding;
using EventAgents.Application.Tenants.Offboarding.OffboardTenant;
using EventAgents.Application.Tenants.Queries.GetTenant;
using EventAgents.Application.Tenants.Queries.ListTenants;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Tenants;
using EventAgents.WebApi.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>Tenants: the partners of the platform (admin API).</summary>
[ApiController]
[Route("api/v1/tenants")]
[Authorize(Policy = Scopes.Admin)]
[Tags("Tenants")]
public sealed class TenantsController(ISender sender) : ControllerBase
{
    /// <summary>Creates a tenant.</summary>
    [HttpPost(Name = "CreateTenant")]
    [Consumes("application/json")]
    [ProducesResponseType<TenantDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<TenantDto>> Create(CreateTenantRequest request, CancellationToken cancellationToken)
    {
        var tenant = await sender.Send(new CreateTenantCommand(request.Name), cancellationToken);
        return CreatedAtRoute("GetTenant", new { tenantId = tenant.Id }, tenant);
    }

    /// <summary>Gets one tenant.</summary>
    [HttpGet("{tenantId:guid}", Name = "GetTenant")]
    [ProducesResponseType<TenantDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TenantDto>> Get(Guid tenantId, CancellationToken cancellationToken) =>
        await sender.Send(new GetTenantQuery(tenantId), cancellationToken);

    /// <summary>Lists tenants, oldest first, a page at a time.</summary>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ListTenants")]
    [ProducesResponseType<Page<TenantDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<Page<TenantDto>>> List(
        [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListTenantsQuery(limit, cursor), cancellationToken);

    /// <summary>Offboards a tenant: disables it now and erases its data in the background.</summary>
    /// <remarks>
    /// At once: every client of the tenant is revoked (tokens stop working on this instance now, on the others within
    /// <c>Auth__ClientStatusCacheSeconds</c>), its agents are retired (no trigger fires), its queued runs are cancelled and
    /// running ones asked to cancel, its webhooks are disabled. Then a background eraser deletes every row of the tenant in
    /// bounded batches, resumable after a crash, and sets <c>erasedAt</c> (poll <c>GET …/offboarding</c>). The tenant's own
    /// row stays as the record. Repeating the call is harmless. The platform tenant cannot be offboarded (422).
    /// </remarks>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpDelete("{tenantId:guid}", Name = "OffboardTenant")]
    [ProducesResponseType<TenantOffboardingDto>(StatusCodes.Status202Accepted, "application/json")]
    [ResponseHeader(StandardHeaders.Location, 202)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TenantOffboardingDto>> Offboard(Guid tenantId, CancellationToken cancellationToken)
    {
        var offboarding = await sender.Send(new OffboardTenantCommand(tenantId), cancellationToken);
        return AcceptedAtRoute("GetTenantOffboarding", new { tenantId }, offboarding);
    }

    /// <summary>Gets where a tenant's offboarding stands.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{tenantId:guid}/offboarding", Name = "GetTenantOffboarding")]
    [ProducesResponseType<TenantOffboardingDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TenantOffboardingDto>> GetOffboarding(Guid tenantId, CancellationToken cancellationToken) =>
        await sender.Send(new GetTenantOffboardingQuery(tenantId), cancellationToken);
}
