using System.Threading.RateLimiting;
using EventAgents.Application.Common.Security;
using EventAgents.WebApi.Infrastructure.Telemetry;
using EventAgents.WebApi.Infrastructure.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace EventAgents.WebApi.Infrastructure.Security;

internal static class RateLimitingSetup
{
    public const string TokenPolicy = "token";

    public static IServiceCollection AddAbuseRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var perCaller = new CallerRateLimiter(limits);
        services.AddSingleton(perCaller);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = perCaller.Limiter;
            options.AddPolicy(TokenPolicy, http => limits.Enabled
                ? RateLimitPartition.GetTokenBucketLimiter("token:" + RemoteIp(http), _ => PerMinute(limits.TokenPermitsPerMinute, limits.EffectiveTokenBurst))
                : RateLimitPartition.GetNoLimiter("token"));
            options.OnRejected = WriteRejectionAsync;
        });
        services.AddSingleton(new TokenFailureThrottle(limits));
        return services;
    }

    /// <summary>After the rate limiter: every response tells the caller its policy and what is left of it.</summary>
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<CallerRateLimiter>();
        return app.Use((context, next) =>
        {
            limiter.AddHeadersOnStarting(context);
            return next(context);
        });
    }

    /// <summary>A bucket that refills one permit at a time, evenly over the minute, so N per minute means N in any minute.</summary>
    public static TokenBucketRateLimiterOptions PerMinute(int permitsPerMinute, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, permitsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static TokenBucketRateLimiterOptions Bucket(int tokensPerPeriod, int burst, TimeSpan period) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, tokensPerPeriod),
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static string RemoteIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<RejectionMetrics>().RequestRejected("rate_limit");
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        http.RequestServices.GetRequiredService<CallerRateLimiter>().WriteHeaders(http);
        await RetryLaterProblem.WriteAsync(
            http, StatusCodes.Status429TooManyRequests, "Too many requests", $"Rate limit reached; retry after {retryAfter} s.", retryAfter);
    }
}
