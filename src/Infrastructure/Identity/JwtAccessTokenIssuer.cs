using System.Security.Claims;
using EventAgents.Application.Auth;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Clients;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.Infrastructure.Identity;

/// <summary>Issues JWT access tokens in the RFC 9068 profile (typ at+jwt), signed HS256.</summary>
internal sealed class JwtAccessTokenIssuer(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider clock)
    : IAccessTokenIssuer
{


    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(ApiClient client, IReadOnlyList<string> scopes)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(settings.TokenLifetimeMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenClaims.AccessTokenType,
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, client.ClientId),
                new Claim(TokenClaims.ClientId, client.ClientId),
                new Claim(TokenClaims.TenantId, client.TenantId.ToString()),
                new Claim(TokenClaims.Scope, string.Join(' ', scopes)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7(now).ToString("N")),
            ]),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }
}
