using Mediator;

namespace EventAgents.Application.Clients.Commands.CreateClient;

public sealed record CreateClientCommand(Guid TenantId, string Name, IReadOnlyList<string> Scopes) : ICommand<CreatedClientDto>;
