using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Agents.Runs.Commands.CancelRun;
using EventAgents.Application.Agents.Runs.Commands.DecideToolCalls;
using EventAgents.Application.Agents.Runs.Commands.SubmitToolOutputs;
using EventAgents.Application.Agents.Runs.Commands.StartRun;
using EventAgents.Application.Agents.Runs.Queries.GetRun;
using EventAgents.Application.Agents.Runs.Queries.GetRunSteps;
using EventAgents.Application.Agents.Runs.Queries.ListRuns;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using EventAgents.Domain.Auth;
using EventAgents.WebApi.Contracts;
using EventAgents.WebApi.Contracts.Runs;
using EventAgents.WebApi.Infrastructure.Admission;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Problems;
using EventAgents.WebApi.Infrastructure.Streaming;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Controllers;

/// <summary>Runs: executions of an agent, queued by the API or by events and carried out by background workers.</summary>
[ApiController]
[Route("api/v1")]
[Tags("Runs")]
public sealed class RunsController(ISender sender) : ControllerBase
{
    /// <summary>Queues a run of an agent on an input.</summary>
    /// <remarks>
    /// 202 with <c>Location</c> of the run to poll. With an <c>Idempotency-Key</c> header (1–255 visible ASCII characters,
    /// scoped to the tenant and the client), the same key and body within 24 hours return the same run with
    /// <c>Idempotent-Replayed: true</c>; a different body with the key is a 422, a retry while the first request is still
    /// being processed a 409. Once accepted, the run happens exactly once to a terminal status.
    /// </remarks>
    [HttpPost("agents/{agentId:guid}/runs", Name = "StartRun")]
    [ResponseHeader(StandardHeaders.Location, 202)]
    [ResponseHeader(StandardHeaders.IdempotentReplayed, 202)]
    [Authorize(Policy = Scopes.AgentsRun)]
    [Consumes("application/json")]
    [ProducesResponseType<RunDto>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<RunDto>> Start(
        Guid agentId, StartRunRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var started = await sender.Send(new StartRunCommand(agentId, request.Input, idempotencyKey), cancellationToken);
        if (started.Replayed)
        {
            Response.Headers[IdempotencyHeaders.Replayed] = "true";
        }

        return AcceptedAtRoute("GetRun", new { runId = started.Run.Id }, started.Run);
    }

    /// <summary>Gets a run: status, input, output or error, attempts, usage and times.</summary>
    [HttpGet("runs/{runId:guid}", Name = "GetRun")]
    [Authorize(Policy = Scopes.AgentsRead)]
    [ProducesResponseType<RunDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RunDto>> Get(Guid runId, CancellationToken cancellationToken) =>
        await sender.Send(new GetRunQuery(runId), cancellationToken);

    /// <summary>Lists runs, newest first, optionally of one agent and in one status.</summary>
    /// <param name="agentId">Only this agent's runs.</param>
    /// <param name="status">Only runs in this status: queued, running, cancelling, requires_action, succeeded, failed, timed_out, cancelled.</param>
    /// <param name="limit">Page size, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page (with the same filters).</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    [HttpGet("runs", Name = "ListRuns")]
    [Authorize(Policy = Scopes.AgentsRead)]
    [ProducesResponseType<Page<RunDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<Page<RunDto>>> List(
        [FromQuery] Guid? agentId = null, [FromQuery] string? status = null, [FromQuery] int limit = PageLimits.DefaultLimit,
        [FromQuery] string? cursor = null, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListRunsQuery(agentId, status, limit, cursor), cancellationToken);

    /// <summary>Cancels a run.</summary>
    /// <remarks>A queued run, or one paused in <c>requires_action</c>, is cancelled at once; a running one becomes <c>cancelling</c>, its model call and tools are
    /// cancelled, and it ends <c>cancelled</c>. Idempotent: 202 again for a cancelling or cancelled run; 409 for a run that
    /// finished otherwise.</remarks>
    [HttpPost("runs/{runId:guid}/cancel", Name = "CancelRun")]
    [ResponseHeader(StandardHeaders.Location, 202)]
    [Authorize(Policy = Scopes.AgentsRun)]
    [ProducesResponseType<RunDto>(StatusCodes.Status202Accepted, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<RunDto>> Cancel(Guid runId, CancellationToken cancellationToken)
    {
        var run = await sender.Send(new CancelRunCommand(runId), cancellationToken);
        return AcceptedAtRoute("GetRun", new { runId }, run);
    }

    /// <summary>Posts the outputs of client tool calls a paused run waits on.</summary>
    /// <remarks>
    /// A run in <c>requires_action</c> lists its waiting calls in <c>requiredAction.calls</c>; those with <c>needs: output</c>
    /// are client tools, whose output (any JSON value) the model gets as the call's result. Answers may come in several
    /// requests; the one that answers the last waiting call queues the run to go on (<c>agent.run.resumed</c>). Posting the
    /// same output again changes nothing (200); a different output for an answered call is a 409, as is an answer to a run
    /// that no longer waits; a call the run does not wait on (or one that waits for approval) is a 422. Nothing of a request
    /// that fails is stored.
    /// </remarks>
    [HttpPost("runs/{runId:guid}/tool-outputs", Name = "SubmitToolOutputs")]
    [Authorize(Policy = Scopes.AgentsRun)]
    [Consumes("application/json")]
    [ProducesResponseType<RunDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<RunDto>> SubmitToolOutputs(Guid runId, ToolOutputsRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SubmitToolOutputsCommand(runId, request.Outputs), cancellationToken);

    /// <summary>Approves or rejects tool calls a paused run waits to have approved (scope <c>agents:approve</c>).</summary>
    /// <remarks>
    /// Calls with <c>needs: approval</c> in <c>requiredAction.calls</c> run only once approved; a rejected call is reported
    /// to the model as rejected, with the reason. The decision, and who took it, is recorded on the call's step. Idempotent
    /// like <c>tool-outputs</c>: the same decision again is a 200, a different one a 409.
    /// </remarks>
    [HttpPost("runs/{runId:guid}/approvals", Name = "DecideToolCalls")]
    [Authorize(Policy = Scopes.AgentsApprove)]
    [Consumes("application/json")]
    [ProducesResponseType<RunDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<RunDto>> DecideToolCalls(Guid runId, ApprovalsRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new DecideToolCallsCommand(runId, request.Decisions), cancellationToken);

    /// <summary>Gets a run's steps in order: every model call and every tool call, over all attempts.</summary>
    [HttpGet("runs/{runId:guid}/steps", Name = "GetRunSteps")]
    [Authorize(Policy = Scopes.AgentsRead)]
    [ProducesResponseType<RunStepsDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RunStepsDto>> Steps(Guid runId, CancellationToken cancellationToken) =>
        await sender.Send(new GetRunStepsQuery(runId), cancellationToken);

    /// <summary>Follows a run live: its lifecycle events (status changes and steps) as Server-Sent Events, until it ends.</summary>
    /// <remarks>Each frame is an event of the run's stream <c>run:{runId}</c>; <c>id</c> is its position in the global log,
    /// so a reconnect with <c>Last-Event-ID</c> resumes after it. The stream closes after the terminal event.</remarks>
    [HttpGet("runs/{runId:guid}/live", Name = "FollowRun")]
    [AdmissionExempt]
    [Authorize(Policy = Scopes.AgentsRead)]
    [Produces("text/event-stream")]
    [ProducesResponseType<Application.Events.EventDto>(StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task Live(
        Guid runId,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId = null,
        [FromServices] EventStreamWriter writer = null!)
    {
        await sender.Send(new GetRunQuery(runId), HttpContext.RequestAborted);
        await writer.ServeAsync(
            HttpContext, EventStreamWriter.ResumePosition(lastEventId, 0), [], RunEventTypes.StreamOf(runId), e => RunEventTypes.IsTerminal(e.Type));
    }
}
