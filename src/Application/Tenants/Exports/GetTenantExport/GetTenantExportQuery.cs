using Mediator;

namespace EventAgents.Application.Tenants.Exports.GetTenantExport;

public sealed record GetTenantExportQuery(Guid TenantId, Guid ExportId) : IQuery<TenantExportDto>;
