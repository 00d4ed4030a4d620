using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Agents.Runs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Runs one claimed attempt: the agent's instructions and the run's input through the model, with automatic function
/// invocation of the allowed tools, every model and tool call recorded as a step; then exactly one outcome is written,
/// fenced on the lease: succeeded, failed, timed_out, cancelled, queued again for a retry, or released at shutdown.
/// </summary>
internal sealed partial class RunExecutor(
    RunQueue queue, ChatClientFactory models, IServiceScopeFactory scopes, IOptions<AgentsOptions> options, TimeProvider clock,
    Telemetry.EventAgentsMetrics metrics, ILogger<RunExecutor> logger)
{
    public async Task ExecuteAsync(RunHandle handle, CancellationToken drained)
    {
        var run = handle.Run;
        var started = clock.GetTimestamp();
        var outcome = "failed";
        try
        {
            outcome = await AttemptAsync(handle, drained);
        }
        finally
        {
            metrics.RunAttempt(outcome, clock.GetElapsedTime(started));
        }
    }

    /// <summary>Runs the attempt and writes its outcome; returns the outcome's name for the metrics.</summary>
    private async Task<string> AttemptAsync(RunHandle handle, CancellationToken drained)
    {
        var run = handle.Run;
        using var deadline = new CancellationTokenSource(run.TimeLeft > TimeSpan.Zero ? run.TimeLeft : TimeSpan.FromMilliseconds(1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, handle.Stopped, drained);
        AttemptEnd end;
        try
        {
            end = await AskModelAsync(run, stop.Token);
        }
        catch (Exception ex) when (handle.LeaseLost || ex is LeaseLostException)
        {
            LogLeaseLost(logger, run.Id);
            return "lease_lost";
        }
        catch (OperationCanceledException) when (handle.CancelRequested)
        {
            end = AttemptEnd.Cancelled;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            end = AttemptEnd.TimedOut(new RunError(RunErrorCodes.TimedOut, $"The run exceeded its timeout of {run.Agent.TimeoutSeconds} s.", false));
        }
        catch (OperationCanceledException) when (drained.IsCancellationRequested)
        {
            // Shutdown: another instance takes it over at once; a release is not a failed attempt.
            end = AttemptEnd.Released;
        }
        catch (Exception ex)
        {
            var error = RunFailures.Classify(ex);
            LogAttemptFailed(logger, run.Id, run.Attempt, error.Code);
            end = AttemptEnd.After(
                options.Value.RetryPolicy.AfterFailedAttempt(error.Retryable, run.FailedAttempts, run.MaxAttempts, Random.Shared.NextDouble()), error);
        }

        var stored = await queue.EndAttemptAsync(run.Lease, end, onlyIfExpired: false, CancellationToken.None);
        return stored is null ? "lease_lost"
            : stored == RunStatus.Queued ? (end.CountsAsFailure ? "retrying" : "released")
            : stored == RunStatus.RequiresAction ? "paused"
            : stored;
    }

    /// <summary>The tool loop from the run's input, or from where it paused; ends succeeded or paused (requires_action).</summary>
    private async Task<AttemptEnd> AskModelAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        await using var toolbox = new RunToolbox(scopes, run, queue, clock);
        await toolbox.ConnectAsync(cancellationToken);
        var recorder = new StepRecordingChatClient(models.Create(run.Agent.Model), queue, run, clock, toolbox.RecordRefusedAsync);
        var pauser = new PausingChatClient(recorder, toolbox);
        using var chat = new ToolGateChatClient(pauser, toolbox)
        {
            MaximumIterationsPerRequest = run.Agent.MaxSteps,
            AllowConcurrentInvocation = false,
            IncludeDetailedErrors = false,
        };
        var chatOptions = new ChatOptions
        {
            Instructions = run.Agent.Instructions,
            ModelId = run.Agent.Model.Name,
            Temperature = (float?)run.Agent.Model.Temperature,
            MaxOutputTokens = run.Agent.Model.MaxOutputTokens,
            Tools = toolbox.Tools.Count > 0 ? toolbox.Tools : null,
        };
        List<ChatMessage> messages = run.IsResumed
            ? await new RunResumption(queue, toolbox).ConversationAsync(run, cancellationToken)
            : [new ChatMessage(ChatRole.User, RunPrompt.UserMessage(run))];
        var response = await chat.GetResponseAsync(messages, chatOptions, cancellationToken);
        await toolbox.RecordRefusedAsync();
        if (pauser.Paused is { } conversation)
        {
            var waitsUntil = clock.GetUtcNow().AddSeconds(run.Agent.EffectiveActionTimeoutSeconds);
            return AttemptEnd.RequiresAction(new RunPause(RunResumption.Serialize(conversation), new RequiredAction(waitsUntil, toolbox.Deferred.ToList())));
        }

        if (response.FinishReason == ChatFinishReason.ToolCalls || recorder.ModelCalls > run.Agent.MaxSteps)
        {
            throw new MaxStepsExceededException(run.Agent.MaxSteps);
        }

        return AttemptEnd.Succeeded(JsonText.AsJsonValue(response.Text));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} lost its lease; another instance owns it now")]
    private static partial void LogLeaseLost(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} attempt {Attempt} failed: {ErrorCode}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid runId, int attempt, string errorCode);
}
