using System.Text.Json;
using Microsoft.Extensions.AI;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// The tool loop. A call to a tool the run was not offered (not granted to the agent, or not a tool at all) is not run; the
/// model gets a neutral answer instead of Microsoft.Extensions.AI's "Requested function … not found", and the call is
/// handed to the toolbox, which records it as a failed tool step before the next model call. A call that waits for its
/// output or approval is held back by the toolbox (<see cref="RunToolbox.TryDefer"/>) and answered "waiting" for now; the
/// rest of the model's round runs, and <see cref="PausingChatClient"/> then ends the loop instead of calling the model.
/// </summary>
internal sealed class ToolGateChatClient : FunctionInvokingChatClient
{
    public static readonly JsonElement Refusal = JsonSerializer.SerializeToElement(new
    {
        error = "tool-not-available",
        message = "This tool is not available to this run; continue without it.",
    });

    /// <summary>The stand-in result of a call held back; replaced by its real result before the model sees the conversation again.</summary>
    public static readonly JsonElement Waiting = JsonSerializer.SerializeToElement(new { status = "waiting" });

    private readonly RunToolbox _toolbox;

    public ToolGateChatClient(IChatClient inner, RunToolbox toolbox)
        : base(inner)
    {
        _toolbox = toolbox;
        // Never offered to the model and never matched: it only makes the loop look at the calls of an agent with no tools,
        // so that their refusal is recorded too.
        AdditionalTools = [AIFunctionFactory.Create(() => Refusal, "eventagents refused call")];
    }

    protected override async ValueTask<object?> InvokeFunctionAsync(FunctionInvocationContext context, CancellationToken cancellationToken) =>
        _toolbox.TryDefer(context.CallContent) ? Waiting : await base.InvokeFunctionAsync(context, cancellationToken);

    protected override IList<ChatMessage> CreateResponseMessages(ReadOnlySpan<FunctionInvocationResult> results)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Status == FunctionInvocationStatus.NotFound)
            {
                refused.Add(result.CallContent.CallId);
                _toolbox.Refuse(result.CallContent);
            }
        }

        var messages = base.CreateResponseMessages(results);
        foreach (var contents in messages.Select(m => m.Contents))
        {
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is FunctionResultContent answer && refused.Contains(answer.CallId))
                {
                    contents[i] = new FunctionResultContent(answer.CallId, Refusal);
                }
            }
        }

        return messages;
    }
}
