using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Agents.Runs;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Takes a paused run up where it stopped once every waiting call has its answer: approved calls are marked started (one
/// fenced write) and then run, client outputs and rejections are recorded, every result replaces its call's "waiting" in
/// the stored conversation, and that conversation is stored (settled) before the model is asked again. A crash before the
/// settle shows on the next attempt as approved calls marked started: they are reported interrupted, never run twice.
/// </summary>
internal sealed class RunResumption(RunQueue queue, RunToolbox toolbox)
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static string Serialize(IEnumerable<ChatMessage> conversation) => JsonSerializer.Serialize(conversation, Compact);

    public async Task<List<ChatMessage>> ConversationAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        var conversation = JsonSerializer.Deserialize<List<ChatMessage>>(run.ConversationJson!, Compact)
            ?? throw new JsonException("A paused run's conversation is null.");
        var action = run.RequiredActionJson is null ? null : JsonSerializer.Deserialize<RequiredAction>(run.RequiredActionJson, JsonDefaults.Web);
        if (action is null || action.Settled)
        {
            return conversation;
        }

        var runNow = action.Calls.Where(call => call.Answer?.Approved == true && !call.Started).Select(call => call.CallId).ToHashSet(StringComparer.Ordinal);
        if (runNow.Count > 0)
        {
            action = action with { Calls = action.Calls.Select(call => runNow.Contains(call.CallId) ? call with { Started = true } : call).ToList() };
            await queue.StoreProgressOrLoseLeaseAsync(run.Lease, null, action, cancellationToken);
        }

        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var call in action.Calls)
        {
            results[call.CallId] = await toolbox.AnsweredAsync(call, runNow.Contains(call.CallId), cancellationToken);
        }

        foreach (var contents in conversation.Select(message => message.Contents))
        {
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is FunctionResultContent waiting && results.TryGetValue(waiting.CallId, out var result))
                {
                    contents[i] = new FunctionResultContent(waiting.CallId, result);
                }
            }
        }

        await queue.StoreProgressOrLoseLeaseAsync(run.Lease, Serialize(conversation), action with { Settled = true }, cancellationToken);
        return conversation;
    }
}
