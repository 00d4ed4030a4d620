using System.Net;
using EventAgents.WebApi.Infrastructure.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Forwarded headers are honoured only from the proxies an operator names (<c>ForwardedHeaders:KnownProxies</c>, addresses,
/// and <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges); with neither, they are ignored, so a caller cannot choose the
/// address its per-IP limits count against. ASP.NET Core's middleware reads <c>X-Forwarded-For</c>/<c>-Proto</c>; an RFC 7239
/// <c>Forwarded</c> header from such a proxy is read the same way.
/// </summary>
internal static class TrustedProxiesSetup
{
    public const string SectionName = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetList($"{SectionName}:KnownProxies").Select(IPAddress.Parse).ToArray();
        var networks = configuration.GetList($"{SectionName}:KnownNetworks").Select(System.Net.IPNetwork.Parse).ToArray();
        var forwardLimit = configuration.GetValue($"{SectionName}:ForwardLimit", 1);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured counts here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            options.ForwardLimit = forwardLimit;
        });
        return services;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var configured = app.Configuration.GetList($"{SectionName}:KnownProxies").Length > 0
            || app.Configuration.GetList($"{SectionName}:KnownNetworks").Length > 0;
        if (configured)
        {
            app.Use((context, next) =>
            {
                ForwardedHeaderTranslator.TranslateRfc7239(context.Request.Headers);
                return next(context);
            });
            app.UseForwardedHeaders();
        }

        return app;
    }
}
