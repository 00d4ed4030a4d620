using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Schemas;
using EventAgents.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>
/// The one table from exceptions to problem details. Unknown exceptions become a 500 that says nothing
/// about internals outside Development, and are the only ones logged (once, with the correlation id in scope).
/// </summary>
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    IStorageErrors storageErrors,
    IHostEnvironment environment,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private const int LiveRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(storageErrors.Translate(exception) ?? exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            if (environment.IsDevelopment())
            {
                problem.Detail = exception.ToString();
            }
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Extensions.TryGetValue("retryAfterSeconds", out var retryAfter))
        {
            httpContext.Response.Headers.RetryAfter = Convert.ToString(retryAfter, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem.Extensions.TryGetValue(InsufficientScope.Member, out var scopes) && scopes is IReadOnlyList<string> required)
        {
            InsufficientScope.Challenge(httpContext, required);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        StorageUnavailableException => WithRetryAfter(
            Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database is unavailable or timed out; retry shortly."), 1),
        ValidationException validation => ToValidationProblem(validation),
        BadRequestException badRequest => InvalidField(badRequest.Field, badRequest.Message),
        // System.Text.Json parses some invalid UTF-8 inside strings and fails only when the string is read (found by the fuzz suite).
        _ when Chain(exception).Any(e => e is System.Text.DecoderFallbackException) => InvalidField("body", "The body is not valid UTF-8."),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
        ConflictException conflict => WithExtensions(
            Problem(StatusCodes.Status409Conflict, conflict.Title, conflict.Message, ProblemTypes.For(conflict.ProblemType)),
            conflict.Extensions),
        GoneException gone => Problem(StatusCodes.Status410Gone, "Gone", gone.Message, ProblemTypes.For(gone.ProblemType)),
        TooManyLiveConnectionsException tooMany => WithRetryAfter(Problem(StatusCodes.Status429TooManyRequests, "Too many live connections", tooMany.Message)),
        PreconditionFailedException precondition => WithExtensions(
            Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", precondition.Message),
            new Dictionary<string, object?> { ["currentVersion"] = precondition.CurrentVersion }),
        ForbiddenException forbidden => InsufficientScope.Problem(forbidden.Message, forbidden.RequiredScopes),
        PreconditionRequiredException required => Problem(StatusCodes.Status428PreconditionRequired, "Precondition required", required.Message),
        DomainRuleException rule => Problem(StatusCodes.Status422UnprocessableEntity, "Rule violated", rule.Message),
        SchemaViolationException schema => WithExtensions(
            Problem(StatusCodes.Status422UnprocessableEntity, "Schema violation", schema.Message, ProblemTypes.For("schema-violation")),
            new Dictionary<string, object?> { ["violations"] = schema.Violations }),
        QuotaExceededException { RetryAfterSeconds: { } wait } quota => WithRetryAfter(
            Problem(StatusCodes.Status429TooManyRequests, "Quota reached", quota.Message, ProblemTypes.For(quota.ProblemType)), wait),
        QuotaExceededException quota => Problem(quota.Status, "Quota reached", quota.Message, ProblemTypes.For(quota.ProblemType)),
        BadHttpRequestException badHttp => Problem(badHttp.StatusCode, ReasonFor(badHttp.StatusCode), null),
        OperationCanceledException => Problem(499, "Client closed request", null, ProblemTypes.For("client-closed-request")),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
    };

    private static ValidationProblemDetails InvalidField(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
        };

    private static ProblemDetails WithRetryAfter(ProblemDetails problem, int seconds = LiveRetryAfterSeconds)
    {
        problem.Extensions["retryAfterSeconds"] = seconds;
        return problem;
    }

    /// <summary>The exception and its inner exceptions, outermost first.</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static ValidationProblemDetails ToValidationProblem(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(failure => JsonPaths.ToCamelCase(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(f => f.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Type = ProblemTypes.Validation,
        };
    }

    private static ProblemDetails Problem(int status, string title, string? detail, string? type = null) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static string ReasonFor(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "Bad request";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
