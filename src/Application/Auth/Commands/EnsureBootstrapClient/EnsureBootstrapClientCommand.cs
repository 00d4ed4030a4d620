using Mediator;

namespace EventAgents.Application.Auth.Commands.EnsureBootstrapClient;

/// <summary>Creates the platform tenant and an admin client with the configured credentials when that client does not exist.</summary>
public sealed record EnsureBootstrapClientCommand(string ClientId, string ClientSecret) : ICommand<bool>
{
    public override string ToString() => $"EnsureBootstrapClientCommand {{ ClientId = {ClientId} }}";
}
