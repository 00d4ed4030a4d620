using EventAgents.Application.Common.Consistency;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Consistency;

/// <summary>
/// Read-your-writes across replicas and instances (issue #23). A read (GET, HEAD) may be served by a replica, and one that
/// sends <c>X-Consistency-Token</c> only by a replica that has replayed past it (or the primary); a successful write answers
/// with a token covering its commit. Everything else (a write's own reads, background work) reads the primary.
/// Without replicas configured, tokens are accepted and none are issued.
/// </summary>
internal sealed class ConsistencyTokenMiddleware(RequestDelegate next, IWriteConsistency writes)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ConsistencyToken? token = null;
        if (context.Request.Headers.TryGetValue(ConsistencyToken.HeaderName, out var sent))
        {
            if (!ConsistencyToken.TryParse(sent.Count == 1 ? sent[0] : null, out var parsed))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]>
                    {
                        [ConsistencyToken.HeaderName] = ["Send back the X-Consistency-Token a write answered with, unchanged."],
                    })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request is not valid.",
                    },
                });
                return;
            }

            token = parsed;
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            // Setting an AsyncLocal copies the execution context: only worth it with replicas, or to make the cache skip.
            if (writes.Enabled || token is not null)
            {
                ReadConsistency.AllowReplica(token);
            }
        }
        else if (writes.Enabled)
        {
            context.Response.OnStarting(() => AddTokenAsync(context));
        }

        await next(context);
    }

    /// <summary>Right before the answer's headers go out, so after the write committed.</summary>
    private async Task AddTokenAsync(HttpContext context)
    {
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            try
            {
                if (await writes.AfterCommitAsync(context.RequestAborted) is { } token)
                {
                    context.Response.Headers[ConsistencyToken.HeaderName] = token.ToString();
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away: nobody is there to read the token.
            }
        }
    }
}
