using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Tenants.Exports.StartTenantExport;

public sealed class StartTenantExportCommandHandler(ITenantExports exports, ICurrentPrincipal principal)
    : ICommandHandler<StartTenantExportCommand, TenantExportDto>
{
    public async ValueTask<TenantExportDto> Handle(StartTenantExportCommand command, CancellationToken cancellationToken)
    {
        TenantExportAccess.Require(principal, command.TenantId);
        return await exports.StartAsync(command.TenantId, principal.ClientId, cancellationToken)
            ?? throw new NotFoundException("Tenant", command.TenantId.ToString());
    }
}
