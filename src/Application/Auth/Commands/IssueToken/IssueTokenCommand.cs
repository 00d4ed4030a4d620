using Mediator;

namespace EventAgents.Application.Auth.Commands.IssueToken;

/// <summary>
/// An OAuth2 client-credentials token request. Checked by the handler rather than a validator, because its errors
/// must be in the RFC 6749 form OAuth clients understand, not problem details.
/// </summary>
public sealed record IssueTokenCommand(string? GrantType, string? ClientId, string? ClientSecret, string? Scope) : ICommand<TokenResult>
{
    /// <summary>Keeps the secret out of anything that prints the command.</summary>
    public override string ToString() => $"IssueTokenCommand {{ GrantType = {GrantType}, ClientId = {ClientId}, Scope = {Scope} }}";
}
