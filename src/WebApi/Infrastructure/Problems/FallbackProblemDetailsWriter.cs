using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>
/// Errors are problem+json whatever the Accept header says (RFC 9457 defines no other representation we offer). The built-in
/// writer declines when Accept excludes JSON, which left an empty error body — or, where a caller insisted on a write, an
/// exception and a 500 (found by build/reliability.sh fuzz with <c>Accept: application/xml</c>). Registered after it, this
/// writer takes what it declines.
/// </summary>
internal sealed class FallbackProblemDetailsWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
