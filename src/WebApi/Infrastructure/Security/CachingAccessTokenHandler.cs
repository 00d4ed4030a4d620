using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Validates our own access tokens once per token, not once per request: parsing and the HMAC check were a fifth of the
/// CPU of a cheap request (docs/performance.md). A token string that validated is remembered until it expires (never past
/// its exp, bounded in count); anything else, including every failure, goes through full validation. The revocation check
/// (OnTokenValidated) still runs on every request, and each request gets its own copy of the identity. A singleton, so the
/// container disposes its cache.
/// </summary>
internal sealed class CachingAccessTokenHandler : JsonWebTokenHandler, IDisposable
{
    public const int MaxEntries = 4096;

    private static readonly TimeSpan MaxRetention = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _clock;
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public CachingAccessTokenHandler(TimeProvider clock)
    {
        _clock = clock;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _clock.GetUtcNow();
        if (_validated.TryGetValue(token, out TokenValidationResult? known) && known!.SecurityToken.ValidTo > now.UtcDateTime)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.SecurityToken,
                ClaimsIdentity = known.ClaimsIdentity.Clone(),
                Issuer = known.Issuer,
                TokenType = known.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken.ValidTo > now.UtcDateTime)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc));
            _validated.Set(token, result, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpiration = expires < now + MaxRetention ? expires : now + MaxRetention,
            });
        }

        return result;
    }

    public void Dispose() => _validated.Dispose();
}
