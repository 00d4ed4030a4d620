using Mediator;

namespace EventAgents.Application.Clients.Commands.RevokeClient;

/// <summary>Revokes a client: no new tokens at once, and its existing tokens stop working once the status cache expires.</summary>
public sealed class RevokeClientCommandHandler(IApiClientRepository clients, IClientStatusCache status, TimeProvider clock)
    : ICommandHandler<RevokeClientCommand>
{
    public async ValueTask<Unit> Handle(RevokeClientCommand command, CancellationToken cancellationToken)
    {
        var client = await clients.FindOfTenantAsync(command.TenantId, command.ClientId, cancellationToken);
        client.Revoke(clock.GetUtcNow());
        await clients.SaveChangesAsync(cancellationToken);
        status.Invalidate(client.ClientId);
        return Unit.Value;
    }
}
