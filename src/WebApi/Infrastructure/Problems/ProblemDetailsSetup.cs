using EventAgents.WebApi.Infrastructure.Correlation;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>Every problem body, whoever writes it, gets a stable type, the request path and the correlation id.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem is HttpValidationProblemDetails && status == StatusCodes.Status400BadRequest
                ? ProblemTypes.Validation
                : ProblemTypes.ForStatus(status);
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["correlationId"] = CorrelationId.Of(context.HttpContext);
        problem.Extensions.Remove("traceId");
    }

    /// <summary>[ApiController]'s automatic 400 for unreadable bodies, in the same shape as validator failures.</summary>
    public static IActionResult InvalidModelState(ActionContext context)
    {
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .GroupBy(entry => NormalizeKey(entry.Key, context))
            .ToDictionary(
                group => group.Key,
                group => group.SelectMany(entry => entry.Value!.Errors)
                    .Select(error => string.IsNullOrEmpty(error.ErrorMessage) ? "The value is not valid." : error.ErrorMessage)
                    .ToArray());

        var problem = new ValidationProblemDetails(errors)
        {
            Type = ProblemTypes.Validation,
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
        };
        Customize(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = problem });
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static string NormalizeKey(string key, ActionContext context)
    {
        var isParameterName = context.ActionDescriptor.Parameters.Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
        return key.Length == 0 || isParameterName ? "body" : JsonPaths.ToCamelCase(key);
    }
}
