using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Caps the model calls in flight to one provider from this instance (<c>Agents__OpenAI__MaxConcurrentCalls</c>), so
/// hundreds of waiting runs do not turn into hundreds of simultaneous requests against the provider's own limits; a call
/// over the cap waits for a free slot (its run's deadline still applies). The SDK's retry policy backs off on 429, honouring
/// Retry-After.
/// </summary>
internal sealed class ConcurrencyLimitedChatClient(IChatClient inner, SemaphoreSlim slots) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
