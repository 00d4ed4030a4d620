using EventAgents.WebApi.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Refuses a declared body above the limit before reading it (413 problem), and adds headers every response should have.
/// Kestrel enforces the same limit on bodies without a Content-Length.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, long maxRequestBodyBytes)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        });

        if (context.Request.ContentLength > maxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Payload too large",
                    Detail = $"The request body may be at most {maxRequestBodyBytes} bytes.",
                    Type = ProblemTypes.ForStatus(StatusCodes.Status413PayloadTooLarge),
                },
            });
            return;
        }

        await next(context);
    }
}
