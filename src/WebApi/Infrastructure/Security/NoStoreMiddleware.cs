using Microsoft.Net.Http.Headers;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// API responses carry tenant data, so no shared or browser cache may keep them: <c>Cache-Control: no-store</c> unless the
/// endpoint chose its own (live streams say <c>no-cache</c>). Revalidation still works through ETags and conditional requests.
/// </summary>
internal sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                if (!headers.ContainsKey(HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }
}
