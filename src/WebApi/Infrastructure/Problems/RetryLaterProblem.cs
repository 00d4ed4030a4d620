using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>Writes a problem the caller should retry after a while: 429 or 503 with <c>Retry-After</c> and <c>retryAfterSeconds</c>.</summary>
internal static class RetryLaterProblem
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, int retryAfterSeconds)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemTypes.ForStatus(status) };
        problem.Extensions["retryAfterSeconds"] = retryAfterSeconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
