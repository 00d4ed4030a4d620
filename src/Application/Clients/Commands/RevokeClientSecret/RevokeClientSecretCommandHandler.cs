using EventAgents.Application.Common.Exceptions;
using EventAgents.Domain.Clients;
using Mediator;

namespace EventAgents.Application.Clients.Commands.RevokeClientSecret;

/// <summary>Revokes a secret: no new tokens with it at once; tokens it already got run until they expire (revoke the client to end them).</summary>
public sealed class RevokeClientSecretCommandHandler(IApiClientRepository clients, TimeProvider clock) : ICommandHandler<RevokeClientSecretCommand>
{
    public async ValueTask<Unit> Handle(RevokeClientSecretCommand command, CancellationToken cancellationToken)
    {
        var client = await clients.FindOfTenantAsync(command.TenantId, command.ClientId, cancellationToken);
        switch (client.RevokeSecret(command.SecretId, clock.GetUtcNow()))
        {
            case SecretRevocation.Unknown:
                throw new NotFoundException("Client secret", command.SecretId.ToString());
            case SecretRevocation.LastValidSecret:
                throw new ConflictException(
                    "last-valid-secret", "Last valid secret", "This is the client's only valid secret: add a new one first, or revoke the client.");
        }

        await clients.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
