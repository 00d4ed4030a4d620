using EventAgents.Application.Auth;
using EventAgents.Application.Auth.Commands.IssueToken;
using EventAgents.WebApi.Contracts.Auth;
using EventAgents.WebApi.Infrastructure.OpenApi;
using EventAgents.WebApi.Infrastructure.Problems;
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
public sealed class AuthController(ISender sender, TokenFailureThrottle failures) : ControllerBase
{
    private static readonly string[] TokenParameters = ["grant_type", "client_id", "client_secret", "scope"];

    /// <summary>Issues an access token for client credentials (OAuth2 client_credentials grant).</summary>
    /// <remarks>
    /// Send the credentials either as <c>client_id</c> and <c>client_secret</c> form fields or with HTTP Basic, not both.
    /// Errors use the OAuth2 form (<c>error</c>, <c>error_description</c>), not problem details; each parameter may be sent once
    /// (RFC 6749 section 3.2). Too many requests from one address, or too many failed ones for one <c>client_id</c>, get a 429
    /// problem with <c>Retry-After</c>.
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
        if (RepeatedParameter() is { } repeated)
        {
            return OAuthError(new OAuthErrorResponse(OAuthErrors.InvalidRequest, $"The {repeated} parameter is sent more than once."), usesBasic);
        }

        if (usesBasic && (request.ClientId is not null || request.ClientSecret is not null))
        {
            return OAuthError(new OAuthErrorResponse(OAuthErrors.InvalidRequest, "Use one client authentication method, not both."), usesBasic);
        }

        var basic = BasicCredentials.Parse(Request.Headers.Authorization);
        var clientId = basic?.ClientId ?? request.ClientId;
        if (clientId is not null && failures.RetryAfter(clientId) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            await RetryLaterProblem.WriteAsync(HttpContext, StatusCodes.Status429TooManyRequests, "Too many failed token requests",
                $"Too many failed token requests for this client; retry after {seconds} s.", seconds);
            return new EmptyResult();
        }

        var result = await sender.Send(
            new IssueTokenCommand(request.GrantType, clientId, basic?.ClientSecret ?? request.ClientSecret, request.Scope), cancellationToken);
        if (result.Error == OAuthErrors.InvalidClient && clientId is not null)
        {
            failures.RecordFailure(clientId);
        }

        return result.Succeeded
            ? Ok(new TokenResponse(result.AccessToken!, "Bearer", result.ExpiresIn, result.Scope!))
            : OAuthError(new OAuthErrorResponse(result.Error!, result.ErrorDescription!), usesBasic);
    }

    private string? RepeatedParameter() => TokenParameters.FirstOrDefault(name => Request.Form[name].Count > 1);

    private ObjectResult OAuthError(OAuthErrorResponse error, bool usedBasic)
    {
        var status = error.Error == OAuthErrors.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
        if (status == StatusCodes.Status401Unauthorized)
        {
            // A Basic challenge makes a browser pop its own login dialog over the page that called (Swagger UI's Authorize):
            // scripts that say so (X-Requested-With: XMLHttpRequest, as Swagger UI does) get the error body only.
            var fromScript = string.Equals(Request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.OrdinalIgnoreCase);
            if (!fromScript)
            {
                Response.Headers.WWWAuthenticate = usedBasic ? "Basic realm=\"eventagents\"" : "Bearer";
            }
        }

        return new ObjectResult(error) { StatusCode = status, ContentTypes = { "application/json" } };
    }
}
