using Mediator;

namespace EventAgents.Application.Tenants.Exports.StartTenantExport;

public sealed record StartTenantExportCommand(Guid TenantId) : ICommand<TenantExportDto>;
