using System.ClientModel;
using EventAgents.Application.Agents.Runs;
using EventAgents.Domain.Agents;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>How a failed attempt is classified: retryable (model 408/429/5xx, network) or final. Messages never carry bodies or keys.</summary>
internal static class RunFailures
{
    public static RunError Classify(Exception exception) => exception switch
    {
        // The provider SDK's retry pipeline throws one AggregateException of every try's failure: the last try decides.
        AggregateException { InnerExceptions: [.., var last] } => Classify(last),
        Tools.ToolServerUnavailableException server => new RunError(RunErrorCodes.ToolServerUnavailable, server.Message, true),
        MaxStepsExceededException steps => new RunError(RunErrorCodes.MaxStepsExceeded, steps.Message, false),
        ModelProviderNotConfiguredException provider => new RunError(RunErrorCodes.ProviderNotConfigured, provider.Message, false),
        ClientResultException { Status: 408 or 429 or >= 500 or 0 } => new RunError(RunErrorCodes.ModelUnavailable, Describe(exception), true),
        ClientResultException => new RunError(RunErrorCodes.ModelRejected, Describe(exception), false),
        HttpRequestException or IOException or TimeoutException or TaskCanceledException => new RunError(RunErrorCodes.ModelUnavailable, Describe(exception), true),
        _ => new RunError(RunErrorCodes.Internal, "The run failed: " + exception.GetType().Name + ".", false),
    };

    /// <summary>A short, safe description: the kind of failure and the HTTP status, never the response body.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions: [.., var last] } => Describe(last),
        ClientResultException result => $"The model endpoint answered HTTP {result.Status}.",
        HttpRequestException http => $"The model endpoint could not be reached ({http.HttpRequestError}).",
        TaskCanceledException or TimeoutException => "The model call timed out.",
        _ => exception.GetType().Name,
    };
}
