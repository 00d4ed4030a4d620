using EventAgents.Application.Clients;
using EventAgents.Application.Clients.Commands.AddClientSecret;
using EventAgents.Application.Clients.Commands.CreateClient;
using EventAgents.Application.Clients.Commands.RevokeClient;
using EventAgents.Application.Clients.Commands.RevokeClientSecret;
using EventAgents.Application.Clients.Queries.ListClientSecrets;
using EventAgents.Application.Clients.Queries.GetClient;
using EventAgents.Application.Clients.Queries.ListClients;
using EventAgents.Application.Common.Paging;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Clients;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>API clients of a tenant (admin API: platform tenant clients with the admin scope only).</summary>
[ApiController]
[Route("api/v1/tenants/{tenantId:guid}/clients")]
[Authorize(Policy = Scopes.Admin)]
[Tags("Clients")]
public sealed class ClientsController(ISender sender) : ControllerBase
{
    /// <summary>Creates an API client; the response carries its secret, which is never shown again.</summary>
    [HttpPost(Name = "CreateTenantClient")]
    [Consumes("application/json")]
    [ProducesResponseType<CreatedClientDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<CreatedClientDto>> Create(Guid tenantId, CreateClientRequest request, CancellationToken cancellationToken)
    {
        var client = await sender.Send(new CreateClientCommand(tenantId, request.Name, request.Scopes ?? []), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return CreatedAtRoute("GetTenantClient", new { tenantId, clientId = client.ClientId }, client);
    }

    /// <summary>Gets one API client (without its secret).</summary>
    [HttpGet("{clientId}", Name = "GetTenantClient")]
    [ProducesResponseType<ClientDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ClientDto>> Get(Guid tenantId, string clientId, CancellationToken cancellationToken) =>
        await sender.Send(new GetClientQuery(tenantId, clientId), cancellationToken);

    /// <summary>Lists a tenant's API clients (without secrets), a page at a time.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ListTenantClients")]
    [ProducesResponseType<Page<ClientDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<Page<ClientDto>>> List(
        Guid tenantId, [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListClientsQuery(tenantId, limit, cursor), cancellationToken);

    /// <summary>Revokes an API client: it gets no new tokens, and the tokens it holds stop working within 60 seconds.</summary>
    [HttpDelete("{clientId}", Name = "RevokeTenantClient")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Revoke(Guid tenantId, string clientId, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeClientCommand(tenantId, clientId), cancellationToken);
        return NoContent();
    }

    /// <summary>Adds a secret to an API client (rotation); the response carries it, and it is never shown again.</summary>
    /// <remarks>The client's current secrets stay valid until <c>previousSecretsExpireAt</c> (default in 24 hours, at most 30 days),
    /// so both work while deployments switch over. A client has at most 3 valid secrets.</remarks>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="request">When the current secrets expire.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpPost("{clientId}/secrets", Name = "AddTenantClientSecret")]
    [Consumes("application/json")]
    [ProducesResponseType<CreatedClientSecretDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<CreatedClientSecretDto>> AddSecret(
        Guid tenantId, string clientId, AddClientSecretRequest request, CancellationToken cancellationToken)
    {
        var secret = await sender.Send(new AddClientSecretCommand(tenantId, clientId, request.PreviousSecretsExpireAt), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return CreatedAtRoute("ListTenantClientSecrets", new { tenantId, clientId }, secret);
    }

    /// <summary>Lists an API client's secrets (never their values): status, creation, expiry, revocation and last use.</summary>
    [HttpGet("{clientId}/secrets", Name = "ListTenantClientSecrets")]
    [ProducesResponseType<ClientSecretsResult>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ClientSecretsResult>> ListSecrets(Guid tenantId, string clientId, CancellationToken cancellationToken) =>
        await sender.Send(new ListClientSecretsQuery(tenantId, clientId), cancellationToken);

    /// <summary>Revokes one secret of an API client at once: it gets no new tokens (tokens it already got run until they expire).</summary>
    /// <remarks>The client's only valid secret cannot be revoked (409 <c>last-valid-secret</c>): add a new one first, or revoke the client.</remarks>
    [HttpDelete("{clientId}/secrets/{secretId:guid}", Name = "RevokeTenantClientSecret")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> RevokeSecret(Guid tenantId, string clientId, Guid secretId, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeClientSecretCommand(tenantId, clientId, secretId), cancellationToken);
        return NoContent();
    }
}
