using Mediator;

namespace EventAgents.Application.Clients.Commands.RevokeClient;

public sealed record RevokeClientCommand(Guid TenantId, string ClientId) : ICommand;
