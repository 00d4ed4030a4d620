namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// With <c>Api__PublicBaseUrl</c> set, every request is seen as arriving at that scheme, host and path base, so <c>Location</c>
/// and every other absolute URL the API builds name the public address — never whatever <c>Host</c> a caller sent.
/// </summary>
internal sealed class PublicBaseUrlMiddleware(RequestDelegate next, Uri publicBaseUrl)
{
    private readonly HostString _host = new(publicBaseUrl.Authority);
    private readonly PathString _pathBase = new(publicBaseUrl.AbsolutePath.TrimEnd('/'));

    public Task InvokeAsync(HttpContext context)
    {
        context.Request.Scheme = publicBaseUrl.Scheme;
        context.Request.Host = _host;
        context.Request.PathBase = _pathBase;
        return next(context);
    }

    /// <summary>The configured base URL; null when unset. A value that is not an absolute http(s) URL stops the start-up.</summary>
    public static Uri? From(IConfiguration configuration)
    {
        var value = configuration["Api:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0
            ? url
            : throw new InvalidOperationException("Api:PublicBaseUrl must be an absolute http(s) URL without a query.");
    }
}
