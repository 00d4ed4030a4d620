using System.Globalization;
using System.Threading.RateLimiting;
using EventAgents.Application.Common.Security;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// The per-caller token buckets (per client when authenticated, per IP otherwise), and the IETF rate-limit headers
/// (draft-ietf-httpapi-ratelimit-headers) that tell a caller its policy and what is left of it:
/// <c>RateLimit-Policy: "client";q=400;w=2</c> (a bucket of 400 that refills in 2 s) and <c>RateLimit: "client";r=372;t=1</c>.
/// </summary>
public sealed class CallerRateLimiter
{
    private readonly RateLimitOptions _limits;
    private readonly Policy _client;
    private readonly Policy _anonymous;

    public CallerRateLimiter(RateLimitOptions limits)
    {
        _limits = limits;
        _client = new Policy("client", limits.Burst, limits.PermitsPerSecond);
        _anonymous = new Policy("anonymous", limits.AnonymousBurst, limits.AnonymousPermitsPerSecond);
        // The partition key is a struct of the caller's kind and id, and the bucket factories are made once: looking a caller
        // up allocates nothing.
        Func<CallerKey, TokenBucketRateLimiterOptions> clientBucket = _ => RateLimitingSetup.Bucket(limits.PermitsPerSecond, limits.Burst, TimeSpan.FromSeconds(1));
        Func<CallerKey, TokenBucketRateLimiterOptions> addressBucket =
            _ => RateLimitingSetup.Bucket(limits.AnonymousPermitsPerSecond, limits.AnonymousBurst, TimeSpan.FromSeconds(1));
        Limiter = PartitionedRateLimiter.Create<HttpContext, CallerKey>(http =>
        {
            if (!limits.Enabled || Telemetry.TelemetrySetup.IsOperational(http.Request.Path))
            {
                return RateLimitPartition.GetNoLimiter(CallerKey.Exempt);
            }

            return ClientId(http) is { } clientId
                ? RateLimitPartition.GetTokenBucketLimiter(new CallerKey(CallerKind.Client, clientId), clientBucket)
                : RateLimitPartition.GetTokenBucketLimiter(new CallerKey(CallerKind.Address, RateLimitingSetup.RemoteIp(http)), addressBucket);
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Adds the two headers when the response starts (after the exception handler may have cleared the headers).</summary>
    public void AddHeadersOnStarting(HttpContext http)
    {
        if (!_limits.Enabled || Telemetry.TelemetrySetup.IsOperational(http.Request.Path))
        {
            return;
        }

        http.Response.OnStarting(static state =>
        {
            var (limiter, context) = ((CallerRateLimiter, HttpContext))state;
            limiter.WriteHeaders(context);
            return Task.CompletedTask;
        }, (this, http));
    }

    public void WriteHeaders(HttpContext http)
    {
        if (!_limits.Enabled)
        {
            return;
        }

        var policy = ClientId(http) is null ? _anonymous : _client;
        var left = Limiter.GetStatistics(http)?.CurrentAvailablePermits ?? policy.Quota;
        var refill = (int)Math.Ceiling(Math.Max(0, policy.Quota - left) / (double)Math.Max(1, policy.PerSecond));
        http.Response.Headers["RateLimit-Policy"] = policy.Header;
        http.Response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy.Name}\";r={Math.Max(0, left)};t={refill}");
    }

    private static string? ClientId(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? HttpCurrentPrincipal.ValueOf(http.User, TokenClaims.ClientId) : null;

    private enum CallerKind
    {
        Exempt,
        Client,
        Address,
    }

    private readonly record struct CallerKey(CallerKind Kind, string Id)
    {
        public static readonly CallerKey Exempt = new(CallerKind.Exempt, string.Empty);
    }

    private sealed record Policy(string Name, int Quota, int PerSecond)
    {
        public string Header { get; } = string.Create(CultureInfo.InvariantCulture,
            $"\"{Name}\";q={Quota};w={(int)Math.Ceiling(Quota / (double)Math.Max(1, PerSecond))}");
    }
}
