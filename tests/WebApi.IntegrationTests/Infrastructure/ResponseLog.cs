using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Every response any test host sent on an API route: operation (method and route template), status and the documented kinds
/// of header it carried. <see cref="ResponseContract"/> checks them against the OpenAPI document when the run ends.
/// </summary>
public static partial class ResponseLog
{
    /// <summary>The headers the document declares where they occur; a response carrying one must have it declared.</summary>
    public static readonly string[] TrackedHeaders =
        ["ETag", "Location", "Retry-After", "Idempotent-Replayed", "X-Correlation-ID", "RateLimit", "RateLimit-Policy", "WWW-Authenticate", "Schema-Warning"];

    private static readonly ConcurrentDictionary<(string Method, string Path, string Status), ConcurrentDictionary<string, bool>> Seen = new();

    public static IReadOnlyDictionary<(string Method, string Path, string Status), IReadOnlyCollection<string>> Snapshot() =>
        Seen.ToDictionary(entry => entry.Key, entry => (IReadOnlyCollection<string>)entry.Value.Keys.ToList());

    private static void Record(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } template } || !template.StartsWith("api/", StringComparison.Ordinal))
        {
            return;
        }

        var status = context.Response.StatusCode;
        if (status == 499)
        {
            return;
        }

        var key = (context.Request.Method.ToLowerInvariant(), "/" + Constraint().Replace(template, "}"), status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var headers = Seen.GetOrAdd(key, _ => new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase));
        foreach (var name in TrackedHeaders.Where(context.Response.Headers.ContainsKey))
        {
            headers.TryAdd(name, true);
        }
    }

    /// <summary>Puts the recorder outermost in a test host's pipeline.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                // Registered first, so it runs after every other OnStarting callback (they run last-registered first) and sees
                // the headers they add.
                context.Response.OnStarting(() =>
                {
                    Record(context);
                    return Task.CompletedTask;
                });
                await inner(context);
            });
            next(app);
        };
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex Constraint();
}
