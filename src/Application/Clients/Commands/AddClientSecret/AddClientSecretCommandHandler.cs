using Mediator;

namespace EventAgents.Application.Clients.Commands.AddClientSecret;

public sealed class AddClientSecretCommandHandler(IApiClientRepository clients, IClientSecrets secrets, TimeProvider clock)
    : ICommandHandler<AddClientSecretCommand, CreatedClientSecretDto>
{
    public async ValueTask<CreatedClientSecretDto> Handle(AddClientSecretCommand command, CancellationToken cancellationToken)
    {
        var client = await clients.FindOfTenantAsync(command.TenantId, command.ClientId, cancellationToken);
        var now = clock.GetUtcNow();
        var value = secrets.NewSecret();
        var added = client.AddSecret(secrets.Hash(value), now, command.PreviousSecretsExpireAt);
        await clients.SaveChangesAsync(cancellationToken);
        var previousExpireAt = client.Secrets.Where(s => s.Id != added.Id && s.ExpiresAt is not null).Select(s => s.ExpiresAt!.Value).DefaultIfEmpty(now).Max();
        return new CreatedClientSecretDto(added.Id, value, added.CreatedAt, previousExpireAt);
    }
}
