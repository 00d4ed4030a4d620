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
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = "handled";
            return response;
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var name = typeof(TMessage).Name;
            if (elapsedMs > options.Value.SlowMessageThresholdMs)
            {
                LogSlow(logger, name, outcome, elapsedMs);
            }
            else
            {
                LogHandled(logger, name, outcome, elapsedMs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow message: {MessageName} {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogSlow(ILogger logger, string messageName, string outcome, double elapsedMs);
}
