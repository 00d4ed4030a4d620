using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Hand-made tokens, valid or deliberately broken in one respect, for the authentication matrix.</summary>
public static class TokenForge
{
    public static string Create(
        string clientId,
        Guid tenantId,
        string scope,
        string signingKey = TestAuth.SigningKey,
        string issuer = "eventagents",
        string audience = "eventagents",
        string tokenType = "at+jwt",
        DateTime? expires = null,
        Dictionary<string, object>? header = null)
    {
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = tokenType,
            AdditionalHeaderClaims = header,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires ?? now.AddMinutes(5)).AddMinutes(-15),
            NotBefore = (expires ?? now.AddMinutes(5)).AddMinutes(-15),
            Expires = expires ?? now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", clientId),
                new Claim("client_id", clientId),
                new Claim("tenant_id", tenantId.ToString()),
                new Claim("scope", scope),
                new Claim("jti", Guid.NewGuid().ToString("N")),
            ]),
        });
    }

    /// <summary>The same claims, unsigned, with <c>alg: none</c>.</summary>
    public static string WithoutSignature(string clientId, Guid tenantId, string scope)
    {
        var signed = Create(clientId, tenantId, scope);
        var payload = signed.Split('.')[1];
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        return $"{header}.{payload}.";
    }
}
