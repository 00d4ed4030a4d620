using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Tenants;
using EventAgents.Domain.Clients;
using Mediator;

namespace EventAgents.Application.Clients.Commands.CreateClient;

public sealed class CreateClientCommandHandler(
    ITenantRepository tenants, IApiClientRepository clients, IClientSecrets secrets, TimeProvider clock)
    : ICommandHandler<CreateClientCommand, CreatedClientDto>
{
    public async ValueTask<CreatedClientDto> Handle(CreateClientCommand command, CancellationToken cancellationToken)
    {
        _ = await tenants.FindAsync(command.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant", command.TenantId.ToString());

        var secret = secrets.NewSecret();
        var client = ApiClient.Create(
            ClientIds.New(clock), command.TenantId, command.Name, command.Scopes, secrets.Hash(secret), clock.GetUtcNow());
        await clients.AddAsync(client, cancellationToken);
        return new CreatedClientDto(client.ClientId, secret, client.TenantId, client.Name, client.Scopes, client.CreatedAt, client.Secrets[0].Id);
    }
}
