using System.Security.Claims;
using EventAgents.Application.Auth;
using EventAgents.Application.Clients;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Auth;
using EventAgents.Domain.Tenants;
using EventAgents.Infrastructure.Identity;
using EventAgents.WebApi.Infrastructure.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EventAgents.WebApi.Infrastructure.Security;

/// <summary>
/// Bearer authentication with our own HS256 access tokens (RFC 9068 profile) and, optionally, tokens of an external
/// OpenID Connect issuer; one authorization policy per scope. The stock defaults that are too lax are tightened here:
/// 30 s clock skew instead of 5 minutes, an algorithm allow-list, token type at+jwt, no inbound claim mapping, and no
/// failure details in WWW-Authenticate outside Development.
/// </summary>
internal static class AuthenticationSetup
{
    public const string SelectorScheme = "Bearer";
    public const string LocalScheme = "EventAgents";
    public const string ExternalScheme = "External";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddTokenAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentPrincipal>();
        services.AddScoped<ICurrentPrincipal>(provider =>
            provider.GetRequiredService<ExecutionScope>().Principal ?? provider.GetRequiredService<HttpCurrentPrincipal>());

        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var hasExternal = !string.IsNullOrWhiteSpace(auth.Authority);

        // With an external issuer a policy scheme picks the handler by the token's issuer; without one our own handler is the
        // default, which spares every request a second handler and the forwarding between them.
        var builder = services.AddAuthentication(hasExternal ? SelectorScheme : LocalScheme).AddJwtBearer(LocalScheme, _ => { });
        if (hasExternal)
        {
            builder.AddPolicyScheme(SelectorScheme, "Bearer token", options =>
                options.ForwardDefaultSelector = context => IsFromAuthority(context, auth.Authority!) ? ExternalScheme : LocalScheme);
        }

        services.AddSingleton<CachingAccessTokenHandler>();
        services.AddOptions<JwtBearerOptions>(LocalScheme)
            .Configure<SigningKeyProvider, IOptions<AuthOptions>, CachingAccessTokenHandler>((options, keys, authOptions, tokenHandler) =>
            {
                var settings = authOptions.Value;
                options.MapInboundClaims = false;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(tokenHandler);
                options.IncludeErrorDetails = environment.IsDevelopment();
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = keys.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidTypes = [TokenClaims.AccessTokenType],
                    ClockSkew = ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = TokenClaims.ClientId,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context => RejectCriticalHeaders(context) ? Task.CompletedTask : RejectRevokedClientsAsync(context),
                    OnChallenge = WriteUnauthorizedAsync,
                    OnForbidden = WriteForbiddenAsync,
                };
            });

        if (hasExternal)
        {
            builder.AddJwtBearer(ExternalScheme, options =>
            {
                options.Authority = auth.Authority;
                options.RequireHttpsMetadata = auth.AuthorityRequireHttps;
                options.MapInboundClaims = false;
                options.IncludeErrorDetails = environment.IsDevelopment();
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = auth.AuthorityAudience ?? auth.Audience,
                    ClockSkew = ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
                    ValidTypes = auth.EffectiveAuthorityTokenTypes,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context => RejectCriticalHeaders(context) ? Task.CompletedTask : MapExternalClaimsAsync(context, auth),
                    OnChallenge = WriteUnauthorizedAsync,
                    OnForbidden = WriteForbiddenAsync,
                };
            });
        }

        services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All.Where(s => s is not Scopes.Admin and not Scopes.TenantExport))
            {
                options.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, scope)));
            }

            // A tenant's own exporting client, or an administrator (the handler checks which tenant: TenantExportAccess).
            options.AddPolicy(Scopes.TenantExport, policy => policy.RequireAuthenticatedUser().RequireAssertion(c =>
                HasScope(c.User, Scopes.TenantExport) || IsPlatformAdmin(c.User)));

            // The admin API manages every tenant, so its scope only counts for clients of the platform tenant.
            options.AddPolicy(Scopes.Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsPlatformAdmin(c.User)));
        });
        return services;
    }

    private static bool IsPlatformAdmin(ClaimsPrincipal user) =>
        HasScope(user, Scopes.Admin) && HttpCurrentPrincipal.ValueOf(user, TokenClaims.TenantId) == Tenant.PlatformId.ToString();

    private static bool HasScope(ClaimsPrincipal user, string scope) => HttpCurrentPrincipal.HasScope(user, scope);

    private static bool IsFromAuthority(HttpContext context, string authority)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var issuer = new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer;
            return string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task RejectRevokedClientsAsync(TokenValidatedContext context)
    {
        var clientId = context.Principal is { } principal ? HttpCurrentPrincipal.ValueOf(principal, TokenClaims.ClientId) : null;
        var status = context.HttpContext.RequestServices.GetRequiredService<IClientStatusCache>();
        if (clientId is null || !await status.IsActiveAsync(clientId, context.HttpContext.RequestAborted))
        {
            context.Fail("The client has been revoked.");
        }
    }

    /// <summary>
    /// A <c>crit</c> header names extensions the token's recipient must understand (RFC 7515 §4.1.11); we understand none, so
    /// such a token is refused rather than used with the extension ignored.
    /// </summary>
    private static bool RejectCriticalHeaders(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token has critical header extensions.");
            return true;
        }

        return false;
    }

    /// <summary>
    /// Normalises an external issuer's claims to ours (tenant_id, scope, client_id). An external token never acts for the
    /// platform tenant nor holds <c>admin</c>: the platform is administered with its own clients only. When the token names a
    /// client this service has registered and revoked, it is refused like our own tokens of that client.
    /// </summary>
    private static async Task MapExternalClaimsAsync(TokenValidatedContext context, AuthOptions auth)
    {
        var principal = context.Principal!;
        var tenant = principal.FindFirstValue(auth.AuthorityTenantClaim);
        if (!Guid.TryParse(tenant, out var tenantId) || tenantId == Tenant.PlatformId)
        {
            context.Fail("The token carries no partner tenant.");
            return;
        }

        var scopes = principal.FindAll(auth.AuthorityScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(scope => scope != Scopes.Admin);
        var clientId = principal.FindFirstValue("client_id") ?? principal.FindFirstValue("azp") ?? principal.FindFirstValue("sub") ?? "external";
        var identity = new ClaimsIdentity(
        [
            new Claim(TokenClaims.TenantId, tenant!),
            new Claim(TokenClaims.ClientId, clientId),
            new Claim(TokenClaims.Scope, string.Join(' ', scopes.Distinct(StringComparer.Ordinal))),
        ], ExternalScheme, TokenClaims.ClientId, null);
        var clients = context.HttpContext.RequestServices.GetRequiredService<IClientStatusCache>();
        if (await clients.IsRevokedAsync(clientId, context.HttpContext.RequestAborted))
        {
            context.Fail("The client has been revoked.");
            return;
        }

        context.Principal = new ClaimsPrincipal(identity);
    }

    private static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.Response.HasStarted)
        {
            return;
        }

        // RFC 6750 section 3.1: no error code when no credentials came; invalid_token with a description when they did. The
        // description names the kind of failure only, never the validator's message.
        var sentToken = context.Request.Headers.Authorization.Count > 0;
        var detail = !sentToken
            ? "An access token is required: send Authorization: Bearer <token>."
            : DescribeFailure(context.AuthenticateFailure);
        context.Response.Headers.WWWAuthenticate = sentToken
            ? $"Bearer realm=\"eventagents\", error=\"invalid_token\", error_description=\"{detail}\""
            : "Bearer realm=\"eventagents\"";
        await WriteProblemAsync(context.HttpContext, new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = detail,
            Type = ProblemTypes.ForStatus(StatusCodes.Status401Unauthorized),
        });
    }

    private static string DescribeFailure(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The access token has expired: get a new one from POST /api/v1/auth/token.",
        SecurityTokenNotYetValidException => "The access token is not valid yet (check the clocks).",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The access token's signature is not valid.",
        SecurityTokenInvalidAudienceException or SecurityTokenInvalidIssuerException => "The access token was issued for another audience or by another issuer.",
        SecurityTokenInvalidTypeException => "The access token has the wrong type (typ).",
        SecurityTokenMalformedException or ArgumentException => "The access token is malformed.",
        { Message: "The client has been revoked." } => "The client has been revoked.",
        null => "The access token is missing or not a Bearer token.",
        _ => "The access token is not valid.",
    };

    private static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        var scopes = EndpointScopes.Required(context.HttpContext.GetEndpoint()?.Metadata ?? EndpointMetadataCollection.Empty);
        InsufficientScope.Challenge(context.HttpContext, scopes);
        var problem = InsufficientScope.Problem($"The access token does not carry the scope this operation requires ({string.Join(", ", scopes)}).", scopes);
        return WriteProblemAsync(context.HttpContext, problem);
    }

    private static async Task WriteProblemAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status!.Value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
        });
    }
}
