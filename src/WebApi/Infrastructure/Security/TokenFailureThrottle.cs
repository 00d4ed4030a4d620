using System.Threading.RateLimiting;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Failed token requests per <c>client_id</c>, so guessing one client's secret is throttled however many addresses the guesses
/// come from, without blocking the other clients behind one address. While a client id's budget is spent, its token
/// requests get 429 — even with the right secret, since answering those would tell a guesser when it was right.
/// </summary>
public sealed class TokenFailureThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly TimeSpan _refill;

    public TokenFailureThrottle(RateLimitOptions limits)
    {
        if (!limits.Enabled)
        {
            return;
        }

        var bucket = RateLimitingSetup.PerMinute(limits.TokenFailuresPerClientPerMinute, limits.TokenFailuresPerClientPerMinute);
        _refill = bucket.ReplenishmentPeriod;
        _failures = PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetTokenBucketLimiter(clientId, _ => bucket));
    }

    /// <summary>How long the client id must wait before its next token request, or null when it may ask now.</summary>
    public TimeSpan? RetryAfter(string clientId)
    {
        var left = _failures is null ? 1 : _failures.GetStatistics(clientId)?.CurrentAvailablePermits ?? 1;
        return left > 0 ? null : _refill;
    }

    public void RecordFailure(string clientId) => _failures?.AttemptAcquire(clientId).Dispose();

    public void Dispose() => _failures?.Dispose();
}
