using EventAgents.Domain.Tenants;
using Mediator;

namespace EventAgents.Application.Tenants.Commands.CreateTenant;

public sealed class CreateTenantCommandHandler(ITenantRepository tenants, TimeProvider clock)
    : ICommandHandler<CreateTenantCommand, TenantDto>
{
    public async ValueTask<TenantDto> Handle(CreateTenantCommand command, CancellationToken cancellationToken)
    {
        var tenant = Tenant.Create(command.Name, clock.GetUtcNow());
        await tenants.AddAsync(tenant, cancellationToken);
        return tenant.ToDto();
    }
}
