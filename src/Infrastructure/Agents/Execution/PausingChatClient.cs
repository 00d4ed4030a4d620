using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Ends the tool loop when calls were held back for an output or approval: instead of the next model call it keeps the
/// conversation as it stands (every call of the round answered, the held-back ones "waiting") and answers with no tool
/// calls, so the loop returns and the run can pause with that conversation.
/// </summary>
internal sealed class PausingChatClient(IChatClient inner, RunToolbox toolbox) : DelegatingChatClient(inner)
{
    /// <summary>The conversation to resume from, once the loop paused; null while it did not.</summary>
    public IReadOnlyList<ChatMessage>? Paused { get; private set; }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (toolbox.Deferred.Count == 0)
        {
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        Paused = messages.ToList();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Empty)) { FinishReason = ChatFinishReason.Stop });
    }
}
