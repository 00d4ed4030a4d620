using EventAgents.Application.Clients;
using EventAgents.Domain.Clients;
using Mediator;

namespace EventAgents.Application.Auth.Commands.IssueToken;

public sealed class IssueTokenCommandHandler(IApiClientRepository clients, IClientSecrets secrets, IAccessTokenIssuer issuer, TimeProvider clock)
    : ICommandHandler<IssueTokenCommand, TokenResult>
{
    private const int MaxScopeLength = 1024;

    public async ValueTask<TokenResult> Handle(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.GrantType))
        {
            return TokenResult.Failure(OAuthErrors.InvalidRequest, "The grant_type parameter is required.");
        }

        if (command.GrantType != "client_credentials")
        {
            return TokenResult.Failure(OAuthErrors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        if (string.IsNullOrEmpty(command.ClientId) || string.IsNullOrEmpty(command.ClientSecret))
        {
            return TokenResult.Failure(OAuthErrors.InvalidClient, "Client authentication failed.");
        }

        if (command.Scope is { Length: > MaxScopeLength })
        {
            return TokenResult.Failure(OAuthErrors.InvalidScope, "The requested scope is invalid.");
        }

        var client = await AuthenticateAsync(command.ClientId, command.ClientSecret, cancellationToken);
        if (client is null)
        {
            return TokenResult.Failure(OAuthErrors.InvalidClient, "Client authentication failed.");
        }

        var requested = (command.Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var granted = client.GrantFor(requested);
        if (granted is null)
        {
            return TokenResult.Failure(OAuthErrors.InvalidScope, "The requested scope is invalid, unknown, or exceeds what the client was granted.");
        }

        return TokenResult.Success(issuer.Issue(client, granted), granted);
    }

    /// <summary>
    /// Unknown, revoked and wrong-secret clients get the same answer; each valid secret of a known client costs one hash
    /// verification (at most <see cref="ApiClient.MaxValidSecrets"/>), an unknown client one.
    /// </summary>
    private async Task<ApiClient?> AuthenticateAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        var client = clientId.Length <= ApiClient.MaxClientIdLength ? await clients.FindAsync(clientId, cancellationToken) : null;
        if (client is null)
        {
            secrets.VerifyNothing(secret);
            return null;
        }

        var matched = client.Authenticate(secret, secrets.Verify, clock.GetUtcNow(), out var useRecorded);
        if (useRecorded)
        {
            await clients.SaveChangesAsync(cancellationToken);
        }

        return matched is null ? null : client;
    }
}
