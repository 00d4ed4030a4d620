using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Infrastructure.Agents.Runs;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Records every model call as a step (messages sent, response text up to 8 KiB, finish reason, usage, duration), fenced on
/// the run's lease. Sits under the function-invoking client, so each round of the tool loop is one step.
/// </summary>
internal sealed class StepRecordingChatClient(IChatClient inner, RunQueue queue, ClaimedRun run, TimeProvider clock) : DelegatingChatClient(inner)
{
    public const int MaxResponseChars = 8 * 1024;

    public int ModelCalls { get; private set; }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
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
            await RecordAsync("failed", new { messagesSent = sent.Count, error = RunFailures.Describe(ex) }, started, 0, 0);
            throw;
        }

        var text = response.Text;
        var truncated = text.Length > MaxResponseChars;
        var detail = new
        {
            messagesSent = sent.Count,
            responseText = truncated ? text[..MaxResponseChars] : text,
            truncated,
            finishReason = response.FinishReason?.Value,
            toolCalls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.Name).ToList(),
            model = response.ModelId,
            usage = new { inputTokens = response.Usage?.InputTokenCount ?? 0, outputTokens = response.Usage?.OutputTokenCount ?? 0 },
        };
        await RecordAsync("succeeded", detail, started, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        return response;
    }

    private async Task RecordAsync(string status, object detail, DateTimeOffset started, long inputTokens, long outputTokens)
    {
        var step = new RunStep("model_call", status, JsonSerializer.Serialize(detail, JsonDefaults.Web), started, clock.GetUtcNow(), inputTokens, outputTokens);
        if (!await queue.RecordStepAsync(run.Lease, step, CancellationToken.None))
        {
            throw new LeaseLostException();
        }
    }
}
