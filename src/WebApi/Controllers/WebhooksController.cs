using EventAgents.Application.Common.Paging;
using EventAgents.Application.Webhooks;
using EventAgents.Application.Webhooks.Commands.CreateWebhook;
using EventAgents.Application.Webhooks.Commands.DeleteWebhook;
using EventAgents.Application.Webhooks.Commands.PingWebhook;
using EventAgents.Application.Webhooks.Commands.RotateWebhookSecret;
using EventAgents.Application.Webhooks.Commands.UpdateWebhook;
using EventAgents.Application.Webhooks.Queries.GetWebhook;
using EventAgents.Application.Webhooks.Queries.ListDeliveries;
using EventAgents.Application.Webhooks.Queries.ListWebhooks;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>Webhooks: signed pushes of the tenant's events (Standard Webhooks), at least once and in order per subscription.</summary>
[ApiController]
[Route("api/v1/webhooks")]
[Authorize(Policy = Scopes.WebhooksManage)]
[Tags("Webhooks")]
public sealed class WebhooksController(ISender sender) : ControllerBase
{
    /// <summary>Subscribes a URL to the tenant's events from now on; the response carries the signing secret, shown only once.</summary>
    /// <remarks>The URL's host must resolve to a public address (422 otherwise): loopback, private, link-local, unique-local,
    /// multicast and cloud metadata addresses are refused, now and again at every delivery.</remarks>
    [HttpPost(Name = "CreateWebhook")]
    [Consumes("application/json")]
    [ProducesResponseType<CreatedWebhookDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<CreatedWebhookDto>> Create(CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var created = await sender.Send(
            new CreateWebhookCommand(new WebhookChange(request.Url, request.EventTypes, request.StreamPrefix, request.Description, true)), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return CreatedAtRoute("GetWebhook", new { webhookId = created.Webhook.Id }, created);
    }

    /// <summary>Lists the tenant's subscriptions, oldest first.</summary>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ListWebhooks")]
    [ProducesResponseType<Page<WebhookDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<Page<WebhookDto>>> List(
        [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListWebhooksQuery(limit, cursor), cancellationToken);

    /// <summary>Gets one subscription (without its secret).</summary>
    [HttpGet("{webhookId:guid}", Name = "GetWebhook")]
    [ProducesResponseType<WebhookDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<WebhookDto>> Get(Guid webhookId, CancellationToken cancellationToken) =>
        await sender.Send(new GetWebhookQuery(webhookId), cancellationToken);

    /// <summary>Changes a subscription's URL, event types, stream prefix, description or enabled state.</summary>
    [HttpPatch("{webhookId:guid}", Name = "UpdateWebhook")]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType<WebhookDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<WebhookDto>> Update(Guid webhookId, UpdateWebhookRequest request, CancellationToken cancellationToken) =>
        await sender.Send(
            new UpdateWebhookCommand(webhookId, new WebhookChange(request.Url, request.EventTypes, request.StreamPrefix, request.Description, request.Enabled)),
            cancellationToken);

    /// <summary>Deletes a subscription and its delivery records; nothing more is sent to it.</summary>
    [HttpDelete("{webhookId:guid}", Name = "DeleteWebhook")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(Guid webhookId, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookCommand(webhookId), cancellationToken);
        return NoContent();
    }

    /// <summary>Replaces the signing secret; the new one is shown only in this response and signs from now on.</summary>
    [HttpPost("{webhookId:guid}/rotate-secret", Name = "RotateWebhookSecret")]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<WebhookSecretDto>> RotateSecret(Guid webhookId, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        return await sender.Send(new RotateWebhookSecretCommand(webhookId), cancellationToken);
    }

    /// <summary>Sends a signed <c>webhook.ping</c> now and reports how the receiver answered.</summary>
    [HttpPost("{webhookId:guid}/ping", Name = "PingWebhook")]
    [ProducesResponseType<PingResultDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PingResultDto>> Ping(Guid webhookId, CancellationToken cancellationToken) =>
        await sender.Send(new PingWebhookCommand(webhookId), cancellationToken);

    /// <summary>Lists a subscription's deliveries, newest first, each with its attempts (status, duration, error).</summary>
    /// <param name="webhookId">The subscription.</param>
    /// <param name="status">Only deliveries in this status: pending, succeeded or failed.</param>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page (with the same filter).</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("{webhookId:guid}/deliveries", Name = "ListWebhookDeliveries")]
    [ProducesResponseType<Page<DeliveryDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<Page<DeliveryDto>>> Deliveries(
        Guid webhookId, [FromQuery] string? status = null, [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListDeliveriesQuery(webhookId, status, limit, cursor), cancellationToken);
}
