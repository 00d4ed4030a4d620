using EventAgents.Application.Auth;
using EventAgents.Application.Auth.Commands.IssueToken;
using EventAgents.WebApi.Contracts.Auth;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EventAgents.WebApi.Controllers;

/// <summary>OAuth2 token endpoint.</summary>
[ApiController]
[Route("api/v1/auth")]
[AllowAnonymous]
[Tags("Auth")]
public sealed class AuthController(ISender sender) : ControllerBase
{
    /// <summary>Issues an access token for client credentials (OAuth2 client_credentials grant).</summary>
    /// <remarks>
    /// Send the credentials either as <c>client_id</c> and <c>client_secret</c> form fields or with HTTP Basic, not both.
    /// Errors use the OAuth2 form (<c>error</c>, <c>error_description</c>), not problem details.
    /// </remarks>
    [HttpPost("token", Name = "IssueToken")]
    [Consumes("application/x-www-form-urlencoded")]
    [EnableRateLimiting(RateLimitingSetup.TokenPolicy)]
    [OAuthErrorResponses]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<OAuthErrorResponse>(StatusCodes.Status400BadRequest, "application/json")]
    [ProducesResponseType<OAuthErrorResponse>(StatusCodes.Status401Unauthorized, "application/json")]
    public async Task<IActionResult> IssueToken([FromForm] TokenRequest request, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";

        var usesBasic = BasicCredentials.IsPresent(Request.Headers.Authorization);
        if (usesBasic && (request.ClientId is not null || request.ClientSecret is not null))
        {
            return OAuthError(new OAuthErrorResponse(OAuthErrors.InvalidRequest, "Use one client authentication method, not both."), usesBasic);
        }

        var basic = BasicCredentials.Parse(Request.Headers.Authorization);
        var result = await sender.Send(
            new IssueTokenCommand(request.GrantType, basic?.ClientId ?? request.ClientId, basic?.ClientSecret ?? request.ClientSecret, request.Scope),
            cancellationToken);

        return result.Succeeded
            ? Ok(new TokenResponse(result.AccessToken!, "Bearer", result.ExpiresIn, result.Scope!))
            : OAuthError(new OAuthErrorResponse(result.Error!, result.ErrorDescription!), usesBasic);
    }

    private ObjectResult OAuthError(OAuthErrorResponse error, bool usedBasic)
    {
        var status = error.Error == OAuthErrors.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = usedBasic ? "Basic realm=\"eventagents\"" : "Bearer";
        }

        return new ObjectResult(error) { StatusCode = status, ContentTypes = { "application/json" } };
    }
}
