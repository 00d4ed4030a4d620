using System.ClientModel.Primitives;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>Sends the API key in an <c>api-key</c> header (Azure OpenAI) without the SDK's experimental constructor.</summary>
internal sealed class ApiKeyHeaderPolicy(string header, string key) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(header, key);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(header, key);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
