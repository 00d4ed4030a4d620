using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Agents.Tools;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Agents.Runs;
using EventAgents.Infrastructure.Agents.Tools;
using Mediator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The tool gateway of one run attempt. Built-in tools run as the run's tenant with only the scopes the run holds
/// (<see cref="BuiltInTools"/>); the model never supplies a tenant. Partner tools (http, mcp) are called after their
/// arguments pass the tool's schema; calls that wait for an output or approval are held back for the run to pause on
/// (<see cref="TryDefer"/>) and answered when it resumes (<see cref="AnsweredAsync"/>). Each call is recorded as a step,
/// fenced on the lease. Results are short JSON; errors never carry internals.
/// </summary>
internal sealed class RunToolbox : IAsyncDisposable
{
    public const int MaxResultChars = 16 * 1024;

    private const int MaxErrorChars = 1024;

    private readonly AsyncServiceScope _scope;
    private readonly ClaimedRun _run;
    private readonly RunQueue _queue;
    private readonly TimeProvider _clock;
    private readonly Queue<(FunctionCallContent Call, DateTimeOffset At)> _refused = new();
    private readonly List<PendingCall> _deferred = [];
    private readonly Dictionary<string, McpBinding> _mcp = new(StringComparer.Ordinal);
    private readonly List<McpClient> _mcpClients = [];

    public RunToolbox(IServiceScopeFactory scopes, ClaimedRun run, RunQueue queue, TimeProvider clock)
    {
        (_run, _queue, _clock) = (run, queue, clock);
        _scope = scopes.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<ExecutionScope>().Enter(
            new FixedPrincipal(run.TenantId, "agent:" + run.AgentId.ToString("N"), run.Scopes.ToArray()),
            run.Id.ToString("N"),
            new RunCausation(run.Id, run.AgentId, run.CausationDepth));
        var allowed = run.IsTriggered ? run.Agent.EffectiveTriggerTools : run.Agent.Tools;
        Tools = allowed
            .Select(AgentTools.Find)
            .OfType<AgentTool>()
            .Where(tool => run.Scopes.Contains(tool.Scope))
            .Select(tool => (AITool)new RunTool(tool.WireName, tool.Description, BuiltInTools.SchemaOf(tool.Name),
                (arguments, ct) => InvokeAsync(tool, arguments, FunctionInvocationContextCallId(), null, ct)))
            .Concat(OfferedCustomTools().Where(tool => tool is not McpTool)
                .Select(tool => (AITool)new RunTool(tool.Name, tool.Description ?? string.Empty, tool.Parameters!.Value,
                    (arguments, ct) => InvokeCustomAsync(tool, arguments, FunctionInvocationContextCallId(), null, ct))))
            .ToList();
    }

    /// <summary>
    /// The tools offered to the model: the agent's tools (a triggered run: its trigger tools) that the run's scopes allow, and
    /// once <see cref="ConnectAsync"/> ran, the allowed tools its MCP servers list.
    /// </summary>
    public List<AITool> Tools { get; }

    /// <summary>Connects to the agent's MCP servers and offers the tools of their allow-lists that they list.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        string? toolSecret = null;
        foreach (var server in OfferedCustomTools().OfType<McpTool>())
        {
            if (server.SendToolSecret == true)
            {
                toolSecret ??= await _scope.ServiceProvider.GetRequiredService<AgentToolSecrets>().OfAsync(_run.TenantId, _run.AgentId, cancellationToken);
            }

            var (client, listed) = await _scope.ServiceProvider.GetRequiredService<McpToolConnector>().ConnectAsync(server, toolSecret, cancellationToken);
            _mcpClients.Add(client);
            foreach (var tool in listed.Where(tool => server.AllowedTools.Contains(tool.Name)))
            {
                var binding = new McpBinding(server, client, tool.Name, tool.JsonSchema);
                _mcp[server.WireNameOf(tool.Name)] = binding;
                Tools.Add(new RunTool(server.WireNameOf(tool.Name), tool.Description ?? string.Empty, tool.JsonSchema,
                    (arguments, ct) => InvokeMcpAsync(binding, arguments, FunctionInvocationContextCallId(), null, ct)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _mcpClients)
        {
            await client.DisposeAsync();
        }

        await _scope.DisposeAsync();
    }

    private IEnumerable<CustomTool> OfferedCustomTools() => _run.Agent.EffectiveCustomTools
        .Where(tool => !_run.IsTriggered || _run.Agent.EffectiveTriggerTools.Contains(tool.Name));

    private async Task<JsonElement> InvokeAsync(
        AgentTool tool, JsonElement arguments, string? callId, StepApproval? approval, CancellationToken cancellationToken)
    {
        var started = _clock.GetUtcNow();
        string json;
        ToolCallDetail detail;
        try
        {
            json = Bounded(JsonSerializer.Serialize(
                await BuiltInTools.ExecuteAsync(_scope.ServiceProvider.GetRequiredService<ISender>(), tool.Name, arguments, cancellationToken), JsonDefaults.Web));
            detail = new ToolCallDetail(tool.Name, callId, new RawJson(arguments.GetRawText()), new RawJson(json), null, AgentTools.BuiltInKind, approval);
        }
        catch (Exception ex) when (BuiltInTools.IsRefusal(ex))
        {
            var code = BuiltInTools.ErrorCode(ex);
            json = JsonSerializer.Serialize(new { error = code }, JsonDefaults.Web);
            detail = new ToolCallDetail(tool.Name, callId, new RawJson(arguments.GetRawText()), null, new StepError(code), AgentTools.BuiltInKind, approval);
        }

        await RecordAsync(detail, started);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private Task<JsonElement> InvokeCustomAsync(
        CustomTool tool, JsonElement arguments, string? callId, StepApproval? approval, CancellationToken cancellationToken) =>
        InvokePartnerToolAsync(tool.Name, KindOf(tool), tool.Parameters, arguments, callId, approval, ct => tool switch
        {
            HttpTool http => _scope.ServiceProvider.GetRequiredService<HttpToolCaller>().CallAsync(
                _run.TenantId, _run.AgentId, _run.Id, http, MessageId(callId), arguments, ct),
            _ => Task.FromResult(ToolOutcome.Failed(ToolErrorCodes.Failed, "This kind of tool cannot be called.")),
        }, cancellationToken);

    private Task<JsonElement> InvokeMcpAsync(
        McpBinding binding, JsonElement arguments, string? callId, StepApproval? approval, CancellationToken cancellationToken) =>
        InvokePartnerToolAsync(binding.Server.WireNameOf(binding.Tool), McpTool.Kind, binding.Schema, arguments, callId, approval,
            ct => McpToolConnector.CallAsync(binding.Client, binding.Server, binding.Tool, arguments, ct), cancellationToken);

    /// <summary>
    /// A partner's tool: the arguments are checked against its schema first (a failure is a failed step, and the model is told
    /// each error), then the call goes out.
    /// </summary>
    private async Task<JsonElement> InvokePartnerToolAsync(
        string name, string kind, JsonElement? schema, JsonElement arguments, string? callId, StepApproval? approval,
        Func<CancellationToken, Task<ToolOutcome>> call, CancellationToken cancellationToken)
    {
        var started = _clock.GetUtcNow();
        var errors = ArgumentErrors(schema, arguments);
        ToolOutcome outcome;
        string toModel;
        if (errors.Count > 0)
        {
            var message = string.Join("; ", errors.Select(e => $"{(e.Path.Length == 0 ? "/" : e.Path)}: {e.Message}"));
            outcome = ToolOutcome.Failed(ToolErrorCodes.InvalidArguments, Bounded(message, MaxErrorChars));
            toModel = JsonSerializer.Serialize(new { error = ToolErrorCodes.InvalidArguments, errors }, JsonDefaults.Web);
        }
        else
        {
            outcome = await call(cancellationToken);
            toModel = outcome.Error is { } error
                ? JsonSerializer.Serialize(new { error = error.Code, message = error.Message }, JsonDefaults.Web)
                : Bounded(outcome.ResultJson!);
        }

        await RecordAsync(new ToolCallDetail(name, callId, new RawJson(arguments.GetRawText()),
            outcome.ResultJson is { } result ? new RawJson(Bounded(result)) : null, outcome.Error, kind, approval), started);
        return JsonDocument.Parse(toModel).RootElement.Clone();
    }

    /// <summary>
    /// How the arguments fail the tool's schema. A schema an MCP server lists that this validator cannot read (another draft,
    /// remote references) checks nothing here; the server checks its own arguments.
    /// </summary>
    private static IReadOnlyList<ToolArgumentError> ArgumentErrors(JsonElement? schema, JsonElement arguments)
    {
        if (schema is not { } present)
        {
            return [];
        }

        try
        {
            return ToolArgumentsSchema.Of(present).Errors(arguments);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException or NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>The calls of this attempt that wait for an output or approval (the run pauses once the model's round is done).</summary>
    public IReadOnlyList<PendingCall> Deferred => _deferred;

    /// <summary>
    /// Holds the call back when it waits for its output (a client tool) or for approval, and its arguments pass the tool's
    /// schema (arguments that fail it are a failed call the model is told about, as for any tool).
    /// </summary>
    public bool TryDefer(FunctionCallContent call)
    {
        var builtIn = AgentTools.FindByWireName(call.Name);
        var custom = builtIn is null ? _run.Agent.EffectiveCustomTools.FirstOrDefault(t => t.Name == call.Name && t is not McpTool) : null;
        var mcp = builtIn is null && custom is null ? _mcp.GetValueOrDefault(call.Name) : null;
        var name = builtIn?.Name ?? custom?.Name ?? (mcp is null ? null : call.Name);
        if (name is null)
        {
            return false;
        }

        var needs = custom is ClientTool ? PendingCall.NeedsOutput : _run.Agent.NeedsApproval(name) ? PendingCall.NeedsApproval : null;
        var arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), JsonDefaults.Web);
        if (needs is null || ArgumentErrors(custom?.Parameters ?? mcp?.Schema, arguments).Count > 0)
        {
            return false;
        }

        _deferred.Add(new PendingCall(call.CallId, name, mcp is null ? KindOf(custom) : McpTool.Kind, arguments, needs));
        return true;
    }

    /// <summary>
    /// The result of a call the run waited on, once answered: the partner's output, a rejection, or (approved) the call run
    /// now — or, when an earlier attempt began it and stopped, "interrupted" instead of a second run. Each is recorded as a step.
    /// </summary>
    public async Task<JsonElement> AnsweredAsync(PendingCall call, bool runNow, CancellationToken cancellationToken)
    {
        var answer = call.Answer ?? throw new InvalidOperationException($"The call {call.CallId} has no answer.");
        var approval = call.Needs == PendingCall.NeedsApproval ? new StepApproval(answer.Approved == true, answer.AnsweredBy, answer.Reason, answer.AnsweredAt) : null;
        if (approval is { Approved: true } && runNow)
        {
            var builtIn = AgentTools.Find(call.Tool);
            var custom = _run.Agent.EffectiveCustomTools.FirstOrDefault(t => t.Name == call.Tool && t is not McpTool);
            return builtIn is not null ? await InvokeAsync(builtIn, call.Arguments, call.CallId, approval, cancellationToken)
                : custom is not null ? await InvokeCustomAsync(custom, call.Arguments, call.CallId, approval, cancellationToken)
                : _mcp.TryGetValue(call.Tool, out var binding) ? await InvokeMcpAsync(binding, call.Arguments, call.CallId, approval, cancellationToken)
                : await RecordedAsync(call, null, new StepError(ToolErrorCodes.Unknown, "The agent no longer has this tool."), approval);
        }

        return approval switch
        {
            null => await RecordedAsync(call, Bounded(answer.Output!.Value.GetRawText()), null, null, answer.AnsweredBy),
            { Approved: false } => await RecordedAsync(call, null, new StepError(ToolErrorCodes.Rejected, answer.Reason), approval),
            _ => await RecordedAsync(call, null,
                new StepError(ToolErrorCodes.Interrupted, "The call began in an attempt that stopped before it finished; it was not run again."), approval),
        };
    }

    private async Task<JsonElement> RecordedAsync(PendingCall call, string? resultJson, StepError? error, StepApproval? approval, string? answeredBy = null)
    {
        await RecordAsync(new ToolCallDetail(call.Tool, call.CallId, new RawJson(call.Arguments.GetRawText()),
            resultJson is null ? null : new RawJson(resultJson), error, call.ToolKind, approval, answeredBy), _clock.GetUtcNow());
        var toModel = error is null ? resultJson! : JsonSerializer.Serialize(new { error = error.Code, message = error.Message }, JsonDefaults.Web);
        return JsonDocument.Parse(toModel).RootElement.Clone();
    }

    private static string KindOf(CustomTool? tool) => tool switch
    {
        HttpTool => HttpTool.Kind,
        ClientTool => ClientTool.Kind,
        McpTool => McpTool.Kind,
        _ => AgentTools.BuiltInKind,
    };

    /// <summary>The Standard Webhooks message id of a tool call: the same for the same call of the same attempt.</summary>
    private string MessageId(string? callId)
    {
        var call = new string((callId ?? Guid.NewGuid().ToString("N")).Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(64).ToArray());
        return $"tool_{_run.Id:N}_{_run.Attempt}_{call}";
    }

    private static string? FunctionInvocationContextCallId() => FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;

    /// <summary>Notes a call the run was not offered; <see cref="RecordRefusedAsync"/> records it.</summary>
    public void Refuse(FunctionCallContent call) => _refused.Enqueue((call, _clock.GetUtcNow()));

    /// <summary>Records the refused calls noted since the last time, as failed tool steps.</summary>
    public async Task RecordRefusedAsync()
    {
        while (_refused.TryDequeue(out var refused))
        {
            var (call, at) = refused;
            var known = AgentTools.FindByWireName(call.Name) ?? AgentTools.Find(call.Name);
            var custom = _run.Agent.EffectiveCustomTools.FirstOrDefault(t => t.Name == call.Name || (t as McpTool)?.ToolOf(call.Name) is not null);
            var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), JsonDefaults.Web);
            var error = known is null && custom is null
                ? new StepError(ToolErrorCodes.Unknown, "The model asked for a tool the service does not have.")
                : new StepError(ToolErrorCodes.NotGranted, "The run may not use this tool.");
            await RecordAsync(new ToolCallDetail(known?.Name ?? call.Name, call.CallId, new RawJson(arguments), null, error, KindOf(custom)), at);
        }
    }

    private async Task RecordAsync(ToolCallDetail detail, DateTimeOffset started)
    {
        var status = detail.Error is null ? "succeeded" : "failed";
        var step = new RunStep(RunStepKinds.ToolCall, status, StepDetails.ToJson(detail), started, _clock.GetUtcNow(), 0, 0);
        await _queue.RecordOrLoseLeaseAsync(_run.Lease, step);
    }

    private static string Bounded(string json) => json.Length <= MaxResultChars
        ? json
        : JsonSerializer.Serialize(new { truncated = true, preview = json[..MaxResultChars] }, JsonDefaults.Web);

    private static string Bounded(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];

    /// <summary>One tool of an MCP server as this run offers it.</summary>
    private sealed record McpBinding(McpTool Server, McpClient Client, string Tool, JsonElement Schema);
}
