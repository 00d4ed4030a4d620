namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>Stable problem type URIs. Clients switch on these, never on titles. Listed in docs/problems.md.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://eventagents.dev/problems/";

    public static string For(string slug) => BaseUri + slug;

    public static string ForStatus(int status) => For(status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status406NotAcceptable => "not-acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status412PreconditionFailed => "precondition-failed",
        StatusCodes.Status413PayloadTooLarge => "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status428PreconditionRequired => "precondition-required",
        StatusCodes.Status429TooManyRequests => "rate-limited",
        StatusCodes.Status503ServiceUnavailable => "service-unavailable",
        >= 500 => "internal-error",
        _ => "http-" + status,
    });

    public static readonly string Validation = For("validation");
}
