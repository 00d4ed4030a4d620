using EventAgents.Application.Clients;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Tenants;
using EventAgents.Domain.Auth;
using EventAgents.Domain.Clients;
using EventAgents.Domain.Tenants;
using Mediator;

namespace EventAgents.Application.Auth.Commands.EnsureBootstrapClient;

public sealed class EnsureBootstrapClientCommandHandler(
    ITenantRepository tenants, IApiClientRepository clients, IClientSecrets secrets, TimeProvider clock)
    : ICommandHandler<EnsureBootstrapClientCommand, bool>
{
    /// <summary>Returns true when the client was created now.</summary>
    public async ValueTask<bool> Handle(EnsureBootstrapClientCommand command, CancellationToken cancellationToken)
    {
        if (await clients.FindAsync(command.ClientId, cancellationToken) is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        try
        {
            if (await tenants.FindAsync(Tenant.PlatformId, cancellationToken) is null)
            {
                await tenants.AddAsync(Tenant.CreatePlatform(now), cancellationToken);
            }

            var admin = ApiClient.Create(command.ClientId, Tenant.PlatformId, "Bootstrap administrator", [Scopes.Admin],
                secrets.Hash(command.ClientSecret), now);
            await clients.AddAsync(admin, cancellationToken);
            return true;
        }
        catch (UniqueKeyViolationException)
        {
            // Another instance bootstrapped at the same moment.
            return false;
        }
    }
}
