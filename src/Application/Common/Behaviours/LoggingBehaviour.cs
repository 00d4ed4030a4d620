using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventAgents.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour: logs each message's name and elapsed time, and a warning when it is slow.
/// The correlation id reaches these lines through the logging scope the web layer opens per request.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(
    ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    IOptions<MessageLoggingOptions> options) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ValueTask<TResponse> pending;
        try
        {
            pending = next(message, cancellationToken);
        }
        catch
        {
            Log(started, "failed");
            throw;
        }

        // A message answered synchronously (a cache hit) takes no async state machine.
        if (pending.IsCompletedSuccessfully)
        {
            Log(started, "handled");
            return pending;
        }

        return AwaitAsync(pending, started);
    }

    private async ValueTask<TResponse> AwaitAsync(ValueTask<TResponse> pending, long started)
    {
        var outcome = "failed";
        try
        {
            var response = await pending;
            outcome = "handled";
            return response;
        }
        finally
        {
            Log(started, outcome);
        }
    }

    private void Log(long started, string outcome)
    {
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (elapsedMs > options.Value.SlowMessageThresholdMs)
        {
            LogSlow(logger, typeof(TMessage).Name, outcome, elapsedMs);
        }
        else
        {
            LogHandled(logger, typeof(TMessage).Name, outcome, elapsedMs);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow message: {MessageName} {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogSlow(ILogger logger, string messageName, string outcome, double elapsedMs);
}
