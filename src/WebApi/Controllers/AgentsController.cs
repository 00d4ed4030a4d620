using EventAgents.Application.Agents;
using EventAgents.Application.Agents.Commands.CreateAgent;
using EventAgents.Application.Agents.Commands.DeleteAgent;
using EventAgents.Application.Agents.Commands.ReplaceAgent;
using EventAgents.Application.Agents.Commands.RotateAgentToolSecret;
using EventAgents.Application.Agents.Queries.GetAgent;
using EventAgents.Application.Agents.Queries.ListAgents;
using EventAgents.Application.Common.Paging;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts.Agents;
using EventAgents.WebApi.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using EventAgents.WebApi.Contracts.Common;

namespace EventAgents.WebApi.Controllers;

/// <summary>Agents: a tenant's definitions of AI workers (instructions, model, tools, triggers, limits).</summary>
[ApiController]
[Route("api/v1/agents")]
[Tags("Agents")]
public sealed class AgentsController(ISender sender) : ControllerBase
{
    /// <summary>Creates an agent.</summary>
    /// <remarks>
    /// The agent's tools are granted from the caller's own scopes: a tool whose scope the client lacks is a 422
    /// (documents.read → documents:read, documents.write → documents:write, events.read → events:read,
    /// events.append → events:write). An <c>openai</c> model needs the provider configured on the deployment (else 422).
    /// The answer carries the agent's tool secret (<c>toolSecret</c>), which signs its calls to http tools: shown this once.
    /// An http tool's URL that resolves to a private, loopback or link-local address is a 422.
    /// </remarks>
    [HttpPost(Name = "CreateAgent")]
    [ResponseHeader(StandardHeaders.ETag, 201)]
    [Authorize(Policy = Scopes.AgentsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<AgentDto>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<AgentDto>> Create(AgentRequest request, CancellationToken cancellationToken)
    {
        var agent = await sender.Send(new CreateAgentCommand(request), cancellationToken);
        Response.Headers.ETag = ETags.For(agent.Version);
        return CreatedAtRoute("GetAgent", new { agentId = agent.Id }, agent);
    }

    /// <summary>Lists the tenant's agents, oldest first, a page at a time.</summary>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet(Name = "ListAgents")]
    [Authorize(Policy = Scopes.AgentsRead)]
    [ProducesResponseType<Page<AgentDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<Page<AgentDto>>> List(
        [FromQuery] int limit = PageLimits.DefaultLimit, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListAgentsQuery(limit, cursor), cancellationToken);

    /// <summary>Gets one agent; its ETag is its version.</summary>
    [HttpGet("{agentId:guid}", Name = "GetAgent")]
    [ResponseHeader(StandardHeaders.ETag, 200)]
    [Authorize(Policy = Scopes.AgentsRead)]
    [ProducesResponseType<AgentDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AgentDto>> Get(Guid agentId, CancellationToken cancellationToken)
    {
        var agent = await sender.Send(new GetAgentQuery(agentId), cancellationToken);
        Response.Headers.ETag = ETags.For(agent.Version);
        return agent;
    }

    /// <summary>Replaces an agent's definition.</summary>
    /// <remarks>Requires <c>If-Match</c> with the ETag last read (428 without it, 412 when the agent changed since). Runs
    /// already queued keep the definition they were created with.</remarks>
    [HttpPut("{agentId:guid}", Name = "ReplaceAgent")]
    [ResponseHeader(StandardHeaders.ETag, 200)]
    [Authorize(Policy = Scopes.AgentsWrite)]
    [Consumes("application/json")]
    [ProducesResponseType<AgentDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired)]
    public async Task<ActionResult<AgentDto>> Replace(
        Guid agentId, AgentRequest request, [FromHeader(Name = "If-Match")] string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var agent = await sender.Send(new ReplaceAgentCommand(agentId, ETags.ToPreconditions(ifMatch, default), request), cancellationToken);
        Response.Headers.ETag = ETags.For(agent.Version);
        return agent;
    }

    /// <summary>Replaces the agent's tool secret; the new one is shown only in this response and signs its http tool calls from now on.</summary>
    [HttpPost("{agentId:guid}/rotate-tool-secret", Name = "RotateAgentToolSecret")]
    [Authorize(Policy = Scopes.AgentsWrite)]
    [ProducesResponseType<ToolSecretDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ToolSecretDto>> RotateToolSecret(Guid agentId, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        return await sender.Send(new RotateAgentToolSecretCommand(agentId), cancellationToken);
    }

    /// <summary>Deletes an agent: it is no longer triggered or runnable; its runs stay readable.</summary>
    [HttpDelete("{agentId:guid}", Name = "DeleteAgent")]
    [Authorize(Policy = Scopes.AgentsWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(Guid agentId, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteAgentCommand(agentId), cancellationToken);
        return NoContent();
    }
}
