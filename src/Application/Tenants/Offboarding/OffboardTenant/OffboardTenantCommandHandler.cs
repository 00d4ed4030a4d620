using EventAgents.Application.Common.Exceptions;
using EventAgents.Domain.Tenants;
using Mediator;

namespace EventAgents.Application.Tenants.Offboarding.OffboardTenant;

public sealed class OffboardTenantCommandHandler(ITenantOffboarding offboarding) : ICommandHandler<OffboardTenantCommand, TenantOffboardingDto>
{
    public async ValueTask<TenantOffboardingDto> Handle(OffboardTenantCommand command, CancellationToken cancellationToken)
    {
        TenantOffboarding.EnsureAllowed(command.TenantId);
        return await offboarding.OffboardAsync(command.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant", command.TenantId.ToString());
    }
}
