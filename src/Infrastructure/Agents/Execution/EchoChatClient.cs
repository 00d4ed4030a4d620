using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The built-in model: deterministic, no network. It answers with its input; an input of the form
/// <c>{ "toolCalls": [ { "tool", "arguments" } ] }</c> makes it call those tools in order and then answer
/// <c>{ "results": [...] }</c>. <c>delayMs</c> (up to 10 minutes) in an object input makes it think that long first.
/// Usage is one token per four characters, in and out.
/// </summary>
internal sealed class EchoChatClient : IChatClient
{
    private const int MaxDelayMs = 600_000;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var input = history.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var parsed = TryParse(input);
        // A triggered run's message wraps the event: the echo model answers with the event itself and, like a model swayed by
        // what it reads, follows instructions (toolCalls, delayMs) found in the event's data.
        if (parsed is { ValueKind: JsonValueKind.Object } wrapper && wrapper.TryGetProperty("kind", out var kind)
            && kind.ValueKind == JsonValueKind.String && kind.GetString() == RunPrompt.EventDataMarker && wrapper.TryGetProperty("event", out var wrapped))
        {
            input = wrapped.GetRawText();
            parsed = wrapped.ValueKind == JsonValueKind.Object && wrapped.TryGetProperty("data", out var data) ? data : wrapped;
        }

        if (parsed is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty("delayMs", out var delay) && delay.TryGetInt32(out var ms) && ms > 0)
        {
            await Task.Delay(Math.Min(ms, MaxDelayMs), cancellationToken);
        }

        var results = history.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).ToList();
        ChatMessage answer;
        ChatFinishReason finish;
        if (results.Count > 0)
        {
            var text = JsonSerializer.Serialize(new { results = results.Select(r => r.Result) }, JsonDefaults.Web);
            (answer, finish) = (new ChatMessage(ChatRole.Assistant, text), ChatFinishReason.Stop);
        }
        else if (parsed is { ValueKind: JsonValueKind.Object } request && request.TryGetProperty("toolCalls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            var contents = calls.EnumerateArray().Select((call, i) => (AIContent)new FunctionCallContent(
                $"call_{i + 1}",
                WireName(call.TryGetProperty("tool", out var tool) ? tool.GetString() ?? string.Empty : string.Empty),
                call.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Object
                    ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                    : new Dictionary<string, object?>())).ToList();
            (answer, finish) = (new ChatMessage(ChatRole.Assistant, contents), ChatFinishReason.ToolCalls);
        }
        else
        {
            (answer, finish) = (new ChatMessage(ChatRole.Assistant, input), ChatFinishReason.Stop);
        }

        var sent = history.Sum(m => m.Text.Length) + (options?.Instructions?.Length ?? 0);
        return new ChatResponse(answer)
        {
            FinishReason = finish,
            ModelId = ModelProviders.Echo,
            Usage = new UsageDetails { InputTokenCount = Tokens(sent), OutputTokenCount = Tokens(answer.Text.Length) },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The echo model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static long Tokens(int characters) => (characters + 3) / 4;

    private static string WireName(string tool) => AgentTools.Find(tool)?.WireName ?? tool;

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
