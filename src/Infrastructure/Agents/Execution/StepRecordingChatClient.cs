using EventAgents.Application.Agents.Runs;
using EventAgents.Infrastructure.Agents.Runs;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Records every model call as a step (messages sent, response text up to 8 KiB, finish reason, usage, duration), fenced on
/// the run's lease. Sits under the function-invoking client, so each round of the tool loop is one step; before each call the
/// tool calls refused in the round before are recorded, so steps stay in the order they happened. The final answer's step
/// is left to the end of the attempt, which writes both in one statement.
/// </summary>
internal sealed class StepRecordingChatClient(IChatClient inner, RunQueue queue, ClaimedRun run, TimeProvider clock, Func<Task> beforeEachCall)
    : DelegatingChatClient(inner)
{
    public const int MaxResponseChars = 8 * 1024;

    public int ModelCalls { get; private set; }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await beforeEachCall();
        var sent = messages as IList<ChatMessage> ?? messages.ToList();
        var started = clock.GetUtcNow();
        ModelCalls++;
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(sent, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failure = new StepError(RunFailures.Classify(ex).Code, RunFailures.Describe(ex));
            await RecordAsync("failed", new ModelCallDetail(sent.Count, null, false, null, [], null, null, failure), started, 0, 0);
            throw;
        }

        var text = response.Text;
        var truncated = text.Length > MaxResponseChars;
        var usage = new RunUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        var toolCalls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .Select(c => new StepToolCall(c.CallId, StepDetails.ApiName(c.Name)))
            .ToList();
        var detail = new ModelCallDetail(
            sent.Count, truncated ? text[..MaxResponseChars] : text, truncated, response.FinishReason?.Value, toolCalls, response.ModelId, usage, null);
        var step = Step("succeeded", detail, started, usage.InputTokens, usage.OutputTokens);
        if (toolCalls.Count == 0)
        {
            // The final answer: written with the end of the attempt (RunLease.DeferredStep).
            run.Lease.DeferredStep = step;
        }
        else
        {
            await queue.RecordOrLoseLeaseAsync(run.Lease, step);
        }

        return response;
    }

    private Task RecordAsync(string status, ModelCallDetail detail, DateTimeOffset started, long inputTokens, long outputTokens) =>
        queue.RecordOrLoseLeaseAsync(run.Lease, Step(status, detail, started, inputTokens, outputTokens));

    private RunStep Step(string status, ModelCallDetail detail, DateTimeOffset started, long inputTokens, long outputTokens) =>
        new(RunStepKinds.ModelCall, status, StepDetails.ToJson(detail), started, clock.GetUtcNow(), inputTokens, outputTokens);
}
